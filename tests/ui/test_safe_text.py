"""User text becomes Markdown that renders character for character, and server folders are never named."""

import string

import pytest

from core.data.loaders import DATA_ENV
from core.errors import LogitLabError
from ui.i18n import error_text
from ui.safe_text import REPO, WORD_JOINER, SafeMarkdown, escape_markdown, hide_server_paths

HOSTILE = ["![](//e.invalid/a)", "[x](//e.invalid)", "<img src=x onerror=alert(1)>", "$x^2$", ":cat:", "# title",
           "*a* _b_ `c`", "www.e.invalid", "a@e.invalid", "| a | b |", "line\nbreak\x00", "\\*not bold\\*"]


def _unescaped(markdown: str) -> str:
    """What a CommonMark renderer shows for text where every punctuation character is backslash-escaped."""
    out, chars = [], iter(markdown.replace(WORD_JOINER, ""))
    for ch in chars:
        out.append(next(chars) if ch == "\\" else ch)
    return "".join(out)


@pytest.mark.parametrize("text", HOSTILE)
def test_every_punctuation_character_is_escaped_and_reads_back_as_typed(text):
    safe = escape_markdown(text)
    chars = iter(safe.replace(WORD_JOINER, ""))
    for ch in chars:  # every punctuation character comes as a pair: a backslash, then the character
        assert ch not in string.punctuation or (ch == "\\" and next(chars) in string.punctuation)
    printable = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in text)
    assert _unescaped(safe) == printable


def test_no_line_breaks_or_control_characters_survive():
    safe = escape_markdown("a\n\n# b\r\x00")
    assert "\n" not in safe and "\r" not in safe and "\x00" not in safe


def test_autolink_and_shortcode_patterns_are_broken_by_invisible_joiners():
    safe = escape_markdown("www.e.invalid WWW.e.invalid http://e.invalid a@e.invalid :cat:")
    for pattern in ("www.", "www\\.", "WWW\\.", "http:", "http\\://", "@e", ":cat:", "\\:cat\\:"):
        assert pattern not in safe


def test_safe_markdown_is_never_escaped_twice():
    once = escape_markdown("a.b")
    assert isinstance(once, SafeMarkdown) and escape_markdown(once) is once


def test_server_folders_become_placeholders(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    assert hide_server_paths(str(tmp_path)) == DATA_ENV
    assert hide_server_paths(f"read {tmp_path}/x.h5 from {REPO}/core") == f"read {DATA_ENV}/x.h5 from ./core"
    monkeypatch.setenv(DATA_ENV, "/")
    assert hide_server_paths("/etc/passwd") == "/etc/passwd"  # a root data folder never rewrites every "/"


def test_error_text_escapes_values_and_hides_folders(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    err = LogitLabError("x", key="errors_data.file_missing", name="![](//e.invalid/a)", folder=str(tmp_path))
    text = error_text(err)
    assert str(tmp_path) not in text and "\\!\\[\\]" in text and "![](" not in text
    assert DATA_ENV.replace("_", "\\_") in text  # escaped like any other value; it renders as LOGITLAB_DATA
    untranslated = error_text(LogitLabError(f"[x](//e.invalid) in {tmp_path}"))
    assert "[x](" not in untranslated and str(tmp_path) not in untranslated


def test_ordinary_file_names_carry_no_invisible_characters():
    assert escape_markdown("photo.jpg") == "photo\\.jpg"
