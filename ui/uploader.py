"""st.file_uploader with its built-in words in the page's language.

Streamlit (1.67, pinned in constraints.txt) writes the uploader's button ("Upload") and its limit line
("10MB per file • JPG, PNG") in English, and st.file_uploader has no parameter for them (a label and a
help text only). On a Chinese page a small stylesheet, scoped to the uploader's key, hides those
English words (not drawn, not read out, not in the page's text) and shows the Chinese from
ui/locales in their place. The hint Streamlit shows only while a file is dragged over the box
("Drag and drop a file here") has no selector of its own and stays as Streamlit writes it.
"""

import streamlit as st

from core.data.byod import MAX_UPLOAD_BYTES
from ui.i18n import current_language, t
from ui.presenter import BODY_REM, CAPTION_REM
from ui.theme import presenter_mode

MIB = 1024 * 1024
ALIASES = {"jpeg": "jpg", "tiff": "tif"}  # extensions Streamlit lists once, under the short name
BUTTON_REM, LIMIT_REM = 1.0, 0.875  # Streamlit's own sizes for the button text and the limit line, rem
BUTTON = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
LIMIT = '[data-testid="stFileUploaderDropzoneInstructions"] span'


def _css_string(text: str) -> str:
    """``text`` as a quoted CSS string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def chrome_css(key: str, types: list[str]) -> str:
    """The stylesheet that writes the uploader ``key``'s button and limit line in the page's language."""
    shown = list(dict.fromkeys(ALIASES.get(ext, ext).upper() for ext in types))
    limit = t("visual.upload_limit", size=MAX_UPLOAD_BYTES // MIB, types=", ".join(shown))
    button_rem, limit_rem = (BODY_REM, CAPTION_REM) if presenter_mode() else (BUTTON_REM, LIMIT_REM)
    scope = f".st-key-{key}"
    return (f"<style>{scope} {BUTTON}, {scope} {LIMIT} {{ font-size: 0; visibility: hidden; }}"
            f"{scope} {BUTTON}::after {{ content: {_css_string(t('visual.upload_button'))}; "
            f"font-size: {button_rem}rem; visibility: visible; }}"
            f"{scope} {LIMIT}::after {{ content: {_css_string(limit)}; font-size: {limit_rem}rem; "
            f"visibility: visible; }}</style>")


def file_uploader(where, label: str, *, types: list[str], key: str, **kwargs):
    """``where.file_uploader(label, type=types, key=key, ...)``, its built-in words in the page's language."""
    if current_language() != "en":
        st.html(chrome_css(key, types))
    return where.file_uploader(label, type=types, key=key, **kwargs)
