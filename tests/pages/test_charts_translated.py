"""Every chart on every page speaks Chinese in Chinese: titles, axis titles, legend entries, annotations,
colour-bar titles, hover text and animation buttons either contain Chinese or are pure notation; so do
the words inside formulas (LaTeX \\text{…}).

Each page is rendered in AppTest with lang=zh, in every view that draws a chart (lazy tabs, boxes,
toggles), with the course dataset where a view needs it. "Pure notation" is symbols, numbers, units
and a short list of the course's names (w, b, J(w, b), σ(z), p(cat), np.dot …): no English words.
"""

import re

import pytest

from tests.pages.conftest import charts, open_page
from ui.i18n import catalogue
from ui.lessons import HOME, LESSONS

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")  # Chinese characters
MARKUP = re.compile(r"<[^>]*>|%\{[^}]*\}|\$[^$]*\$")  # HTML tags, plotly placeholders, LaTeX
NOTATION_WORDS = re.compile(  # the course's symbols and units, allowed in a Chinese chart as they are
    r"p\(cat\)|np\.dot|\b(?:log|exp|max|min|sum|ms|ns|s|dw|db|dz|da|CE|sq|NumPy|ReLU|float)\b")
LATEX_TEXT = re.compile(r"\\text\{([^{}]*)\}")  # words written inside a formula
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")  # left after notation, three letters are a word (wx, dw are maths)
ZH = catalogue("zh")
SMALL_VECTORS = {"vec_n": 1000, "vec_features": 16}  # short timing loops: this test reads labels, not times
CAT_TABS = {"cat.tab_inside": "cat_chart_weights", "cat.tab_explore": "cat_chart_gradient",
            "cat.tab_train": "cat_chart_compare"}  # lazy tab -> the chart only that tab draws

# (page, session state before the first run, needs the course photos, a chart key the view must draw):
# every view that draws a chart. Pages not listed here draw none (a test checks that).
VIEWS = [
    ("pages/sigmoid.py", {}, False, "sig_model_chart"),
    ("pages/loss.py", {}, False, "loss_bars"),
    ("pages/surface.py", {"surf_dataset": "overlapping", "surf_compare": True}, False, "surf_chart_3d_1"),
    ("pages/surface.py", {"surf_dataset": "cat_brightness"}, True, "surf_chart_contour_0"),
    ("pages/descent.py", {"gd_dataset": "overlapping", "gd_race": True}, False, "gd_chart_race_squared_error"),
    ("pages/descent.py", {"gd_dataset": "overlapping", "gd_view": ZH["descent.tab_surface"]}, False,
     "gd_chart_view"),
    ("pages/vectorization.py", SMALL_VECTORS, False, "vec_chart"),
    ("pages/broadcasting.py", {}, False, "bc_picture"),
    ("pages/cat_classifier.py", {}, True, "cat_chart_evidence"),
    *[("pages/cat_classifier.py", {"cat_tab": ZH[tab], "cat_compare": True}, True, key)
      for tab, key in CAT_TABS.items()],
]
CHARTLESS = sorted({HOME, *(lesson.script for lesson in LESSONS)} - {view[0] for view in VIEWS})


def _title(part) -> str:
    title = part.get("title") if isinstance(part, dict) else None
    return title.get("text", "") if isinstance(title, dict) else title or ""


def _layout_texts(layout: dict) -> list[str]:
    texts = [_title(layout), _title(layout.get("legend", {}))]
    axes = [v for k, v in layout.items() if k.startswith(("xaxis", "yaxis"))]
    axes += [scene.get(axis, {}) for name, scene in layout.items() if name.startswith("scene")
             for axis in ("xaxis", "yaxis", "zaxis")]
    texts += [_title(axis) for axis in axes] + [str(tick) for axis in axes for tick in axis.get("ticktext", [])]
    texts += [note.get("text", "") for note in layout.get("annotations", [])]
    texts += [button.get("label", "") for menu in layout.get("updatemenus", []) for button in menu.get("buttons", [])]
    texts += [slider.get("currentvalue", {}).get("prefix", "") for slider in layout.get("sliders", [])]
    return texts


def _trace_texts(trace: dict) -> list[str]:
    texts = [trace.get("hovertemplate", ""), _title(trace.get("colorbar", {}))]
    if trace.get("showlegend", True) and "name" in trace:
        texts.append(trace["name"])
    text = trace.get("text")
    texts += [text] if isinstance(text, str) else [str(x) for x in text] if isinstance(text, list) else []
    return texts


def chart_texts(spec: dict) -> list[str]:
    """Every piece of text a student can read on a plotly chart (its frames included)."""
    texts = _layout_texts(spec.get("layout", {}))
    for frame in spec.get("frames", []):
        texts += _layout_texts(frame.get("layout", {})) + [t for tr in frame.get("data", []) for t in _trace_texts(tr)]
    return texts + [t for trace in spec.get("data", []) for t in _trace_texts(trace)]


def formula_words(at) -> list[str]:
    """The \\text{…} words of every formula on the page."""
    return [words for formula in at.get("latex") for words in LATEX_TEXT.findall(formula.value)]


def english_in(text: str) -> list[str]:
    """English words in a chart text: none when it contains Chinese or is pure notation."""
    if not isinstance(text, str) or CJK.search(text):
        return []
    return ENGLISH_WORD.findall(NOTATION_WORDS.sub(" ", MARKUP.sub(" ", text)))


def test_checker_flags_english_and_passes_chinese_and_notation():
    assert english_in("vector length n") == ["vector", "length"]
    assert english_in("n = %{x}<br>best run %{y:.3s}s<extra></extra>") == ["best", "run"]
    for ok in ("向量长度 n", "J(w, b)", "σ(z)", "ŷ = σ(wx + b)", "p(cat)", "w", "α = 0.005", "10 µs", "1 ms",
               "np.dot", "−log(1 − ŷ)", "n = %{x}<br>%{y:.3g}<extra></extra>", ""):
        assert english_in(ok) == [], ok


def test_checker_reads_titles_axes_legend_annotations_and_buttons():
    spec = {"layout": {"title": {"text": "Title"}, "xaxis": {"title": {"text": "Axis"}},
                       "scene": {"zaxis": {"title": {"text": "Height"}}}, "annotations": [{"text": "Note"}],
                       "updatemenus": [{"buttons": [{"label": "Play"}]}]},
            "data": [{"name": "Legend", "hovertemplate": "Hover %{x}"}, {"name": "hidden", "showlegend": False}]}
    assert sorted(w for text in chart_texts(spec) for w in english_in(text)) == sorted(
        ["Title", "Axis", "Height", "Note", "Play", "Legend", "Hover"])


@pytest.mark.parametrize("script, state, needs_data, key", VIEWS, ids=[view[3] for view in VIEWS])
def test_every_chart_and_formula_text_is_chinese_or_notation(script, state, needs_data, key, request, monkeypatch):
    if needs_data:
        monkeypatch.setenv("LOGITLAB_DATA", str(request.getfixturevalue("course_dir")))
    at = open_page(script, lang="zh", **state)
    assert not at.exception
    drawn = charts(at)
    assert any(chart.id.endswith(key) for chart in drawn), "the view did not draw its chart"
    texts = [text for chart in drawn for text in chart_texts(chart.spec)] + formula_words(at)
    assert {text: english_in(text) for text in texts if english_in(text)} == {}


@pytest.mark.parametrize("script", CHARTLESS)
def test_pages_without_a_listed_view_draw_no_chart_and_write_formulas_in_chinese(script):
    at = open_page(script, lang="zh")
    assert not at.exception and charts(at) == []
    assert {text: english_in(text) for text in formula_words(at) if english_in(text)} == {}
