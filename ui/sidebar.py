"""The sidebar every page shares: language, presenter mode and a link to this view.

``?lang=zh`` and ``?present=1`` are read on a session's first run and written back on every
run, so they survive page changes and can be shared as links. A value that is not allowed (``?lang=fr``)
falls back to the default with the link note of ui/url_state.py.

The language and the presenter switch live in plain session keys (``lang``, ``present``) that Streamlit
never cleans up; the two widgets have keys of their own and copy their value there when the student
changes them. A widget keyed by the setting itself lost it: when a session's first run was interrupted,
the browser built the radio from its default (English) and sent that back on the next click, so a
``?lang=zh`` page answered in English (1 run in 3 of the hostile-upload browser test).
"""

import streamlit as st

from ui.i18n import DEFAULT_LANGUAGE, LANG_KEY, LANGUAGES, current_language, t
from ui.presenter import apply_presenter_style
from ui.share import share_popover
from ui.theme import PRESENT_KEY
from ui.url_params import GLOBALS
from ui.url_state import note_global

TRUE_WORDS = ("1", "true", "yes", "on")  # URL spellings of "on" for ?present=
LANG_WIDGET = "lang_choice"  # widget key of the language radio (the setting itself is LANG_KEY)
PRESENT_WIDGET = "present_choice"  # widget key of the presenter toggle (the setting is PRESENT_KEY)


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


def _copy(widget_key: str, setting_key: str) -> None:
    """on_change of a sidebar widget: the student's choice becomes the session's setting."""
    st.session_state[setting_key] = st.session_state[widget_key]


def _follow(widget_key: str, setting: object) -> None:
    """Before the widget is drawn: a widget state that disagrees with the setting (the setting was
    changed elsewhere, e.g. by a test) takes the setting's value."""
    if widget_key in st.session_state and st.session_state[widget_key] != setting:
        st.session_state[widget_key] = setting


def shared_sidebar(slug: str) -> None:
    """Language switch, presenter toggle and the share link of page ``slug``, shown on every page."""
    seed_from_url()
    lang = st.session_state[LANG_KEY] = current_language()  # a value no language has falls back to the default
    present = bool(st.session_state[PRESENT_KEY])
    _follow(LANG_WIDGET, lang)
    _follow(PRESENT_WIDGET, present)
    with st.sidebar:
        # The defaults are the current settings, so a widget the browser builds from its default agrees.
        st.radio("Language / 语言", options=list(LANGUAGES), index=list(LANGUAGES).index(lang),
                 format_func=LANGUAGES.get, key=LANG_WIDGET, horizontal=True,
                 on_change=_copy, args=(LANG_WIDGET, LANG_KEY))
        st.toggle(t("app.presenter"), value=present, key=PRESENT_WIDGET, help=t("app.presenter_help"),
                  on_change=_copy, args=(PRESENT_WIDGET, PRESENT_KEY))
        share_popover(slug)
        st.caption(t("app.sidebar_caption"))
    _write_to_url()
    apply_presenter_style()
