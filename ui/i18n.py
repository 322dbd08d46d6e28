"""Translation helper: every user-visible string goes through ``t(key)``.

Catalogues live in ``ui/locales/<lang>/<section>.toml``: one folder per language, one file
per page or topic, so the key ``sigmoid.title`` is ``title`` in ``ui/locales/en/sigmoid.toml``.
English is complete; a key missing in another language falls back to English (a test
fails on any such gap).
"""

import re
import tomllib
from functools import lru_cache
from pathlib import Path

import streamlit as st

from ui.safe_text import SafeMarkdown, escape_markdown

LOCALES = Path(__file__).parent / "locales"
LANGUAGES = {"en": "English", "zh": "简体中文"}  # code -> name shown in the switch
DEFAULT_LANGUAGE = "en"
LANG_KEY = "lang"  # session-state key and URL query parameter (?lang=zh)
MINUS = "\u2212"  # the minus sign (−) the formulas show; house style for every negative number a student reads
# A hyphen-minus that makes a number negative: before a digit (or ".5"), not inside a word, a file name or a
# link's "=-4"; or in an exponent (1e-05). A range such as "3-5" or a name such as "cat-2" is left alone.
NEGATIVE = re.compile(r"(?<![\w.=/-])-(?=\.?\d)|(?<=\de)-(?=\d)")


def _flatten(prefix, table, out):
    for name, value in table.items():
        key = f"{prefix}.{name}"
        if isinstance(value, dict):
            _flatten(key, value, out)
        else:
            out[key] = value


@lru_cache(maxsize=len(LANGUAGES))
def catalogue(lang: str) -> dict:
    """All strings of one language as a flat {"section.key": text} dict."""
    out: dict = {}
    for path in sorted((LOCALES / lang).glob("*.toml")):
        with path.open("rb") as fh:
            _flatten(path.stem, tomllib.load(fh), out)
    return out


def current_language() -> str:
    """The language chosen in the sidebar (or by ?lang=), English by default."""
    lang = st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def minus_signs(text: str) -> str:
    """``text`` with every negative number's hyphen-minus written as the minus sign (−)."""
    return NEGATIVE.sub(MINUS, text)


def t(key: str, **params) -> str:
    """The text for ``key`` in the current language, with ``{placeholders}`` filled in (negative numbers
    with the minus sign, as the formulas show them)."""
    lang = current_language()
    text = catalogue(lang).get(key)
    if text is None:
        text = catalogue(DEFAULT_LANGUAGE).get(key, key)
    return minus_signs(text.format(**params)) if params else text


def listing(items) -> str:
    """Names joined as a list in the current language ("JPEG, PNG" or "JPEG、PNG")."""
    return t("app.list_separator").join(str(item) for item in items)


def _shown(value):
    """An error's parameter as the page shows it: text escaped, a list of names joined in this language."""
    if isinstance(value, list | tuple):
        value = listing(value)
    return escape_markdown(value) if isinstance(value, str) else value


def error_text(err) -> SafeMarkdown:
    """A core ``LogitLabError`` in the current language (its English message as fallback), safe to render.

    ``err.key`` is a full catalogue key such as ``errors_image.too_large``. Its text values (typed text,
    file names, reasons) are escaped and server paths hidden: they are shown as text, never as Markdown.
    """
    key = getattr(err, "key", None)
    params = {name: _shown(value) for name, value in getattr(err, "params", {}).items()}
    if key and key in catalogue(DEFAULT_LANGUAGE):
        try:
            return SafeMarkdown(t(key, **params))
        except (KeyError, IndexError, ValueError):
            pass
    return escape_markdown(str(err))
