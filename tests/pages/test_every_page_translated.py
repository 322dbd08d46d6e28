"""Every page renders in both languages, and the Chinese pages show no English prose.

English prose is four or more English words in a row in any text a student reads: titles,
captions, markdown, alerts, widget labels and chart titles. Code boxes and formulas are exempt
(they are code and mathematics in any language), and so are inline `code` spans.
"""

import re

import pytest

from tests.pages.conftest import charts, open_page
from ui.lessons import HOME, LESSONS

INLINE_CODE = re.compile(r"`[^`]*`")  # quoted code or NumPy's own messages, shown as code
ENGLISH_PROSE = re.compile(r"[A-Za-z]{3,}(?:[ ,'’-]+[A-Za-z]{2,}){3,}")
TEXT_ELEMENTS = ("title", "header", "subheader", "caption", "markdown", "info", "warning", "error",
                 "success")
WIDGETS = ("slider", "select_slider", "number_input", "text_input", "radio", "selectbox", "toggle",
           "checkbox", "button", "segmented_control")


def _pages() -> list[str]:
    return [HOME] + [lesson.script for lesson in LESSONS]


def _chart_texts(at) -> list[str]:
    texts = []
    for chart in charts(at):
        layout = chart.spec.get("layout", {})
        for part in [layout] + [v for k, v in layout.items() if k.startswith(("xaxis", "yaxis"))]:
            title = part.get("title") if isinstance(part, dict) else None
            texts.append(title.get("text", "") if isinstance(title, dict) else title or "")
    return texts


def _visible_texts(at) -> list[str]:
    texts = [el.value for kind in TEXT_ELEMENTS for el in getattr(at, kind)]
    texts += [w.label for kind in WIDGETS for w in getattr(at, kind)]
    return [INLINE_CODE.sub("", str(text)) for text in texts] + _chart_texts(at)


@pytest.mark.parametrize("script", _pages())
def test_page_renders_in_english_without_exception(script):
    at = open_page(script, lang="en")
    assert not at.exception


@pytest.mark.parametrize("script", _pages())
def test_chinese_page_shows_no_english_prose(script):
    at = open_page(script, lang="zh")
    assert not at.exception
    english = [m.group(0) for text in _visible_texts(at) for m in ENGLISH_PROSE.finditer(text)]
    assert english == []
    assert any(re.search(r"[\u4e00-\u9fff]", text) for text in _visible_texts(at))
