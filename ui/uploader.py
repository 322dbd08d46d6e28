"""st.file_uploader with its built-in words in the page's language.

Streamlit (1.67, pinned in constraints.txt) writes the uploader's button ("Upload") and its limit line
("10MB per file • JPG, PNG") in English, and st.file_uploader has no parameter for them (a label and a
help text only). On a Chinese page a small stylesheet, scoped to the uploader's key, hides those
English words (not drawn, not read out, not in the page's text) and shows the Chinese from
ui/locales in their place. The same is done for every other state Streamlit draws in English: the hint
shown while a file is dragged over the box ("Drag and drop a file here"), the note on a file the box
refused ("text/plain files are not allowed.", "File must be 10.0MB or smaller."), and st.camera_input's
permission request, "Take Photo", "Clear photo" and "Uploading...". Streamlit gives none of these a
selector of its own: each is found by where it sits (see the selectors below, checked on 1.67).
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
# Shown only while a file is dragged over the box: the one child of the box without a test id or file chips.
DRAG = '[data-testid="stFileUploaderDropzone"] > div:not([data-testid]):not(:has([data-testid="stFileChips"])) span'
REFUSED = '[data-testid="stFileChip"] [role="alert"]'  # why a dropped file was refused (its chip's tooltip)
WEBCAM = '[data-testid="stCameraInputWebcamComponent"]'  # the live picture and its "Take Photo" button
CAMERA_BUTTON = '[data-testid="stCameraInputButton"]'
ASK = f'{WEBCAM} > div:not([data-testid]) p'  # "This app would like to use your camera." and its link
TAKE = f'{WEBCAM} {CAMERA_BUTTON}'
CLEAR = f'{CAMERA_BUTTON}:not({WEBCAM} *) > *'  # after a shot: an icon and " Clear photo" in one wrapper
SENDING = f'{CAMERA_BUTTON}:not({WEBCAM} *):not(:has(> *))'  # the shot on its way: the button's bare text


def _css_string(text: str) -> str:
    """``text`` as a quoted CSS string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _replace(selector: str, text: str, rem: float) -> str:
    """CSS that hides the words Streamlit drew in ``selector`` (not drawn, not read out) and shows ``text``."""
    return (f"{selector} {{ font-size: 0; visibility: hidden; }}"
            f"{selector}::after {{ content: {_css_string(text)}; font-size: {rem}rem; visibility: visible; }}")


def chrome_css(key: str, types: list[str]) -> str:
    """The stylesheet that writes the uploader ``key``'s button, limit line, drag hint and refusals in the
    page's language."""
    shown = list(dict.fromkeys(ALIASES.get(ext, ext).upper() for ext in types))
    limit = t("visual.upload_limit", size=MAX_UPLOAD_BYTES // MIB, types=", ".join(shown))
    button_rem, limit_rem = (BODY_REM, CAPTION_REM) if presenter_mode() else (BUTTON_REM, LIMIT_REM)
    scope = f".st-key-{key}"
    return ("<style>" + _replace(f"{scope} {BUTTON}", t("visual.upload_button"), button_rem)
            + _replace(f"{scope} {LIMIT}", limit, limit_rem)
            + _replace(f"{scope} {DRAG}", t("visual.upload_drag"), button_rem)
            + _replace(f"{scope} {REFUSED}", t("visual.upload_refused", limit=limit), limit_rem) + "</style>")


def camera_css(key: str) -> str:
    """The stylesheet that writes the camera ``key``'s permission request and button in the page's language."""
    rem = BODY_REM if presenter_mode() else BUTTON_REM
    scope = f".st-key-{key}"
    return ("<style>" + _replace(f"{scope} {ASK}", t("visual.camera_ask"), rem)
            + _replace(f"{scope} {TAKE}", t("visual.camera_take"), rem)
            + _replace(f"{scope} {CLEAR}", t("visual.camera_clear"), rem)
            + _replace(f"{scope} {SENDING}", t("visual.camera_sending"), rem) + "</style>")


def file_uploader(where, label: str, *, types: list[str], key: str, **kwargs):
    """``where.file_uploader(label, type=types, key=key, ...)``, its built-in words in the page's language."""
    if current_language() != "en":
        st.html(chrome_css(key, types))
    return where.file_uploader(label, type=types, key=key, **kwargs)


def camera_input(where, label: str, *, key: str, **kwargs):
    """``where.camera_input(label, key=key, ...)``, its built-in words in the page's language."""
    if current_language() != "en":
        st.html(camera_css(key))
    return where.camera_input(label, key=key, **kwargs)
