"""No page shows a server path, a traceback or user text as markup: every page rendered with the course
dataset, without it and with broken files; an unexpected error becomes one sentence; hostile text stays text."""

import logging
import tomllib
from pathlib import Path

import pytest

from core.data.loaders import COURSE_FILES, DATA_ENV
from tests.pages.conftest import ROOT, open_page
from ui.i18n import catalogue
from ui.lessons import HOME, LESSONS
from ui.safe_text import WORD_JOINER

PAGES = [HOME] + [lesson.script for lesson in LESSONS]
UNEXPECTED = catalogue("en")["bounds.unexpected"]
HOSTILE_LINKS = {  # shape text from a link -> the escaped form the error box must carry
    "![](//e.invalid/a)": r"\!\[\]\(\/\/e\.invalid\/a\)",
    "[x](//e.invalid)": r"\[x\]\(\/\/e\.invalid\)",
}


def _texts(node):
    """The text of every element under ``node`` (its protobuf in text form: labels, bodies, code, specs)."""
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _texts(child)
    proto = getattr(node, "proto", None)
    if proto is not None:
        yield str(proto)


def _page_text(at) -> str:
    return "\n".join([*_texts(at.main), *_texts(at.sidebar)])


def _assert_no_paths(at, *folders: Path) -> None:
    assert not at.exception, at.exception
    text = _page_text(at)
    for folder in {str(ROOT), *(str(f) for f in folders), *(str(f.resolve()) for f in folders)}:
        assert folder not in text


@pytest.mark.parametrize("script", PAGES)
def test_no_page_names_a_server_folder_without_the_dataset(script, tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    _assert_no_paths(open_page(script), tmp_path)


@pytest.mark.parametrize("script", PAGES)
def test_no_page_names_a_server_folder_with_broken_course_files(script, tmp_path, monkeypatch):
    for name in COURSE_FILES:
        (tmp_path / name).write_bytes(b"not an HDF5 file")
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    _assert_no_paths(open_page(script), tmp_path)


@pytest.mark.parametrize("script", PAGES)
def test_no_page_names_a_server_folder_with_the_dataset(script, course_dir, monkeypatch):
    monkeypatch.setenv(DATA_ENV, str(course_dir))
    _assert_no_paths(open_page(script), course_dir)


def test_home_without_data_names_the_setting_instead_of_the_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    at = open_page(HOME)
    assert any(DATA_ENV in info.value for info in at.info)


class _RoutedByApp:
    """Stands in for Streamlit's PagesManager flag as ``python -m ui.serve`` sets it: app.py routes every page.

    (AppTest otherwise runs a switched-to page on its own, the legacy pages/ way, without app.py.)
    """

    uses_pages_directory = False


def test_an_unexpected_error_is_one_sentence_and_the_details_go_to_the_log(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("secret detail /etc/passwd")

    monkeypatch.setattr("core.lessons.broadcasting.explain", broken)
    monkeypatch.setattr("streamlit.runtime.scriptrunner.script_runner.PagesManager", _RoutedByApp)
    with caplog.at_level(logging.ERROR, logger="logitlab"):
        at = open_page("pages/broadcasting.py", bc_a="(7, 1)", bc_b="(1, 11)")  # shapes no other test caches
    assert not at.exception
    assert [e.value for e in at.error] == [UNEXPECTED]
    assert "secret detail" not in _page_text(at) and "Traceback" not in _page_text(at)
    assert "secret detail" in caplog.text and "RuntimeError" in caplog.text


def test_st_stop_is_not_mistaken_for_an_unexpected_error(monkeypatch):
    """The lab calls st.stop() after a shape error: StopException must pass through app.py's handler."""
    monkeypatch.setattr("streamlit.runtime.scriptrunner.script_runner.PagesManager", _RoutedByApp)
    at = open_page("pages/broadcasting.py", bc_a="(3,,1)")
    assert not at.exception and at.error
    assert UNEXPECTED not in [e.value for e in at.error]


def test_config_hides_every_error_detail():
    """"none" hides the message, the type and the stack trace; false would still show the trace."""
    with (ROOT / ".streamlit" / "config.toml").open("rb") as fh:
        assert tomllib.load(fh)["client"]["showErrorDetails"] == "none"


@pytest.mark.parametrize(("typed", "escaped"), HOSTILE_LINKS.items())
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markdown_in_a_typed_shape_is_escaped_in_the_error(typed, escaped, lang):
    at = open_page("pages/broadcasting.py", lang=lang, bc_b=typed)
    assert not at.exception
    bodies = [e.value.replace(WORD_JOINER, "") for e in at.error]  # the invisible joiners break autolinks
    assert len(bodies) == 1 and escaped in bodies[0]
    assert typed not in bodies[0]  # nowhere unescaped, so no image or link can be made from it
