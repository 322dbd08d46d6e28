"""Presenter mode for projectors: larger type everywhere (charts follow via ui.theme)."""

import streamlit as st

from ui.theme import presenter_mode

PRESENTER_ROOT_FONT = "130%"  # page text scale on a projector

_PRESENTER_CSS = f"""
<style>
html {{ font-size: {PRESENTER_ROOT_FONT}; }}
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li {{ font-size: 1.25rem; }}
[data-testid="stCaptionContainer"] {{ font-size: 1.05rem; }}
.katex {{ font-size: 1.45em; }}
</style>
"""


def apply_presenter_style() -> None:
    """Inject the larger-type stylesheet when presenter mode is on."""
    if presenter_mode():
        st.html(_PRESENTER_CSS)
