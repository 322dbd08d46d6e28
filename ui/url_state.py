"""The page's link as data: check every query parameter against the page's schema (ui/url_params.py)
before any widget reads it, drop what is not allowed with one translated note, and keep the controls
that Streamlit's ``bind="query-params"`` cannot name plainly (translated choices, tabs, the graph step)
in the link by hand.

Streamlit seeds a bound widget from the URL it was opened with, and some values crash it
(``?cg_m=1e309``: an integer input converts infinity), so a bad value must leave both the current
and the initial query parameters before the page runs.
"""

import string
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.state.session_state_proxy import get_session_state

from ui.i18n import DEFAULT_LANGUAGE, LANG_KEY, LANGUAGES, catalogue, current_language, t
from ui.theme import PRESENT_KEY, presenter_mode
from ui.url_params import GLOBAL_KEYS, KEEP_KEYS, PAGES, Param

NOTES_KEY = "url_notes"  # session state: (page slug, [Note, ...]) shown while that page is open
PAGE_KEY = "url_page"  # session state: slug of the page the last run showed
SHOWN_CHARS = 24  # a rejected value is echoed with at most this many characters
MARKDOWN_PUNCTUATION = frozenset(string.punctuation)  # every ASCII mark CommonMark lets a backslash escape


@dataclass(frozen=True)
class Note:
    """One rejected link parameter: its name, what the link said and what is allowed."""

    key: str
    raw: str
    param: Param | None  # None: not a setting of this page
    link: dict | None = None  # the whole link, for limits that depend on another control


def _query_params():
    """Streamlit's query-parameter store (current and initial values) of this session."""
    return get_session_state().query_params()


def _of_another_page(key: str, slug: str) -> bool:
    """True for a parameter of another page: a page switch can carry it along in the link."""
    return any(key in params for other, params in PAGES.items() if other != slug)


def _check(slug: str, switched: bool) -> list[Note]:
    """Remove every parameter the page cannot use; return the notes for those a person wrote."""
    params = PAGES.get(slug, {})
    notes = []
    with _query_params() as qp:
        removed = False
        link = {key: (qp.get_all(key) or [""])[-1] for key in qp}
        for key, raw in link.items():
            param = params.get(key)
            if key in GLOBAL_KEYS or key in KEEP_KEYS or (param is not None and param.accepts(raw, link)):
                continue
            qp.remove_param(key)
            removed = True
            if not (switched and _of_another_page(key, slug)):  # left behind by the page switch: no note
                notes.append(Note(key, raw, param, link))
        if removed:  # the widgets seed from the initial parameters: they must not see the removed ones either
            qp.set_initial_query_params_from_current()
    return notes


def note_global(key: str, raw: str, param: Param) -> None:
    """Record a rejected ?lang= or ?present= (the sidebar reads those before the page is known)."""
    pending = st.session_state.setdefault(NOTES_KEY, (None, []))
    pending[1].append(Note(key, raw, param))


def guard(slug: str) -> None:
    """Top of every page run, before any widget: check the link, then show the notes for this page."""
    previous_page = st.session_state.get(PAGE_KEY)
    switched = previous_page is not None and previous_page != slug
    if previous_page != slug:
        previous = st.session_state.get(NOTES_KEY, (None, []))
        st.session_state[NOTES_KEY] = (slug, previous[1] if previous[0] is None else [])
    st.session_state[PAGE_KEY] = slug
    st.session_state[NOTES_KEY][1].extend(_check(slug, switched))
    notes = st.session_state[NOTES_KEY][1]
    if notes:
        st.warning("\n".join([t("url.note_intro"), *(_line(n) for n in notes)]), icon="🔗")


def plain(text: str) -> str:
    """Untrusted text for Markdown: control characters dropped, shortened, every punctuation mark escaped."""
    text = "".join(ch for ch in text if ch.isprintable())
    short = text[:SHOWN_CHARS] + ("…" if len(text) > SHOWN_CHARS else "")
    return "".join("\\" + ch if ch in MARKDOWN_PUNCTUATION else ch for ch in short)


def _line(note: Note) -> str:
    name, value = plain(note.key), plain(note.raw)
    if note.param is None:
        return "- " + t("url.note_unknown", name=name, value=value)
    return "- " + t("url.note_invalid", name=name, value=value, allowed=allowed_text(note.param, note.link),
                    default=plain(note.param.default))


def allowed_text(param: Param, link: dict | None = None) -> str:
    """What a parameter accepts, in the reader's language."""
    if param.kind == "choice":
        return t("url.allowed_choice", choices=", ".join(param.choices))
    if param.kind in ("int", "float"):
        return t(f"url.allowed_{param.kind}", low=param.shown(param.low), high=param.shown(param.highest(link)))
    if param.kind == "bool":
        return t("url.allowed_bool", choices=", ".join(param.choices))
    return t("url.allowed_text", chars=param.max_len)


def link_value(key: str) -> str | None:
    """The checked link value of ``key`` (None when the link does not set it)."""
    with _query_params() as qp:
        values = qp.get_all(key)
    return values[-1] if values else None


def _param(key: str) -> Param:
    return next(params[key] for params in PAGES.values() if key in params)


def link_index(key: str, options, default=None) -> int:
    """Index of the option the link asks for, for a widget the page keeps in the link itself.

    ``default`` (the option shown without a link) falls back to the schema's. Only the widget's first
    run uses the index; afterwards the widget keeps its own state.
    """
    names = [str(option) for option in options]
    wanted = link_value(key)
    fallback = str(_param(key).default if default is None else default)
    return names.index(wanted if wanted in names else fallback)


def tab_default(key: str, labels) -> str:
    """The label of the tab the link asks for (the first tab without a link); once the tab bar has a state,
    the tab it holds.

    Streamlit names a tab bar after its arguments, the default among them: a default that followed the
    link would change as soon as the link records a tab (``keep``), and the renamed bar would drop the
    student's next click (the first click back to the first tab did nothing).
    """
    current = st.session_state.get(key)
    if current in labels:
        return current
    param = _param(key)
    return labels[link_index(key, param.choices)]


def keep(key: str, value, default=None) -> None:
    """After such a widget: write its value's plain name into the link (absent when it is the default)."""
    param = _param(key)
    name = _name_of(param, value)
    if name == str(param.default if default is None else default):
        st.query_params.pop(key, None)
    elif st.query_params.get(key) != name:
        st.query_params[key] = name


def _name_of(param: Param, value) -> str:
    """A widget's state as its link name, written as Streamlit writes bound values (5.0 -> "5")."""
    if param.labels and param.tab:  # any language: a language switch renames the tabs during the run
        labels = {catalogue(lang)[param.labels.format(name)]: name for lang in LANGUAGES for name in param.choices}
        return labels.get(value, str(value))
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:g}" if param.kind == "choice" else str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def view_params(slug: str) -> dict[str, str]:
    """The link parameters of the view now on screen: only values the page accepts, none at its default.

    A control's value comes from its state when it has one (the URL may lag by one run, e.g. after a
    preset button), else from the checked link (a control on a tab that is not open).
    """
    params = PAGES.get(slug, {})
    out = {key: raw for key, raw in st.query_params.to_dict().items() if key in KEEP_KEYS}
    if current_language() != DEFAULT_LANGUAGE:
        out[LANG_KEY] = current_language()
    if presenter_mode():
        out[PRESENT_KEY] = "1"
    for param in params.values():
        value = st.session_state.get(param.key)
        name = link_value(param.key) if value is None else _name_of(param, value)
        if name is not None and name != param.default and param.accepts(name):
            out[param.key] = name
    return out
