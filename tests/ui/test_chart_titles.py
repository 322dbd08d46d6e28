"""Chart titles wrap into lines that fit a phone's chart: plotly never wraps a title by itself."""

import pytest

from ui.i18n import catalogue
from ui.theme import TITLE_LINE_UNITS, _units, wrap_title


def _titles(lang: str) -> list[str]:
    """Every chart title in a locale (keys that name a chart title)."""
    return [text for key, text in catalogue(lang).items() if "chart" in key.split(".")[-1] or key.endswith("title")]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_title_line_fits_and_no_word_is_lost(lang):
    titles = _titles(lang)
    assert len(titles) > 20
    for title in titles:
        lines = wrap_title(title)
        assert all(_units(line) <= TITLE_LINE_UNITS for line in lines), lines
        assert "".join(lines).replace(" ", "") == title.replace(" ", "")


def test_titles_break_after_a_colon_before_anywhere_else():
    assert wrap_title("Contour map: the same surface seen from above") == [
        "Contour map:", "the same surface seen from above"]
    assert wrap_title("图表标题用来测试换行：第二部分也写得比较长一些") == [
        "图表标题用来测试换行：", "第二部分也写得比较长一些"]
    assert wrap_title("Accuracy next to the baseline") == ["Accuracy next to the baseline"]


def test_a_chinese_character_counts_twice():
    assert _units("交叉熵") == 6 and _units("J(w, b)") == 7


def test_a_shape_in_brackets_is_never_split():
    assert wrap_title("(5,) + (5, 1) silently becomes (5, 5) in NumPy") == [
        "(5,) + (5, 1) silently becomes", "(5, 5) in NumPy"]
