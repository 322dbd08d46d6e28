"""The sidebar every page shares: language, presenter mode and a link to this view.

``?lang=zh`` and ``?present=1`` are read on a session's first run and written back on every
run, so they survive page changes and can be shared as links. A value that is not allowed (``?lang=fr``)
falls back to the default with the link note of ui/url_state.py.
"""

import streamlit as st

from ui.i18n import DEFAULT_LANGUAGE, LANG_KEY, LANGUAGES, t
from ui.presenter import apply_presenter_style
from ui.share import share_popover
from ui.theme import PRESENT_KEY
from ui.url_params import GLOBALS
from ui.url_state import note_global

TRUE_WORDS = ("1", "true", "yes", "on")  # URL spellings of "on" for ?present=


def _from_url(key: str) -> str | None:
    """The link's value of a global parameter, or None when absent or not allowed (then with a note)."""
    raw = st.query_params.get(key)
    if raw is None or GLOBALS[key].accepts(raw):
        return raw
    note_global(key, raw, GLOBALS[key])
    return None


def seed_from_url() -> None:
    """First run of a session: take language and presenter mode from the URL if valid (else a note)."""
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = _from_url(LANG_KEY) or DEFAULT_LANGUAGE
    if PRESENT_KEY not in st.session_state:
        st.session_state[PRESENT_KEY] = (_from_url(PRESENT_KEY) or "").lower() in TRUE_WORDS


def _write_to_url() -> None:
    """Keep ?lang= and ?present= in the address bar (absent when they are the defaults)."""
    for key, value, default in ((LANG_KEY, st.session_state[LANG_KEY], DEFAULT_LANGUAGE),
                                (PRESENT_KEY, "1" if st.session_state[PRESENT_KEY] else "0", "0")):
        if value == default:
            st.query_params.pop(key, None)
        elif st.query_params.get(key) != value:
            st.query_params[key] = value


def shared_sidebar(slug: str) -> None:
    """Language switch, presenter toggle and the share link of page ``slug``, shown on every page."""
    seed_from_url()
    with st.sidebar:
        st.radio("Language / 语言", options=list(LANGUAGES), format_func=LANGUAGES.get,
                 key=LANG_KEY, horizontal=True)
        st.toggle(t("app.presenter"), key=PRESENT_KEY, help=t("app.presenter_help"))
        share_popover(slug)
        st.caption(t("app.sidebar_caption"))
    _write_to_url()
    apply_presenter_style()
