"""User text is data, never markup: what a student typed, a file name, a zip member's name or an
error reason built from them is escaped before a page shows it, and server paths are replaced by
the name of the setting that chose them.

Streamlit renders st.markdown, st.error, captions and labels as GitHub-flavoured Markdown with extras
(LaTeX between $…$, :emoji: and :color[…] shortcodes, links, images). Typed into a shape box or used
as a file name, "![](//e.invalid/a)" would become an image the reader's browser fetches. CommonMark
lets every ASCII punctuation character be escaped with a backslash and then shows it literally, so
``escape_markdown`` escapes all of them. Escapes do not stop the patterns Streamlit's renderer finds in
the text afterwards (GFM's bare www./http:// autolinks, :emoji: shortcodes), so an invisible word
joiner goes after each ":" and "@" and between "www" and the "." after it (file names keep their
dots untouched). Characters that are not printable are written as
escapes.
"""

import re
import string
from pathlib import Path

from core.data.loaders import DATA_ENV, data_dir

PUNCTUATION = frozenset(string.punctuation)  # the characters CommonMark allows to be backslash-escaped
WORD_JOINER = "\u2060"  # invisible, and neither a word nor a space character: it breaks the patterns below
JOIN_AFTER = frozenset(":@")  # ":cat:", ":red[…]" shortcodes, "http://" and "a@b.c" autolinks need these
WWW_DOT = re.compile(r"(www)(?=\\\.)", re.IGNORECASE)  # "www" before an (escaped) ".": a bare www.x.y autolink
REPO = Path(__file__).resolve().parents[1]  # the app's own folder: never named on a page


class SafeMarkdown(str):
    """Markdown that is safe to render: escaped user text, or catalogue text with escaped values in it."""


def _visible(ch: str) -> str:
    return ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")


def _escape_char(ch: str) -> str:
    escaped = "\\" + ch if ch in PUNCTUATION else ch
    return escaped + WORD_JOINER if ch in JOIN_AFTER else escaped


def escape_markdown(text) -> SafeMarkdown:
    """``text`` as Markdown that renders character for character (already-safe text is returned as is)."""
    if isinstance(text, SafeMarkdown):
        return text
    visible = "".join(_visible(ch) for ch in hide_server_paths(str(text)))
    return SafeMarkdown(WWW_DOT.sub(r"\1" + WORD_JOINER, "".join(_escape_char(ch) for ch in visible)))


def hide_server_paths(text: str) -> str:
    """``text`` with the data folder replaced by LOGITLAB_DATA and the app's folder by ".", wherever they occur."""
    data = data_dir()
    if text == str(data):
        return DATA_ENV
    for path, placeholder in ((data.resolve(), DATA_ENV), (REPO, ".")):
        if path.parent != path:  # never rewrite every "/" when the folder is the file-system root
            text = text.replace(str(path), placeholder)
    return text
