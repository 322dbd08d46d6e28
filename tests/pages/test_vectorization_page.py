"""AppTest of the vectorization page: dot-product timing, the gradient step both ways, and the shapes."""

import json

import pytest

from tests.pages.conftest import open_page

PAGE = "pages/vectorization.py"


def _chart(at) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def _trace(at, meta: str) -> dict:
    return next(tr for tr in _chart(at)["data"] if tr.get("meta") == meta)


def _diff(text: str) -> float:
    """The number after "largest difference" in the success message."""
    return float(text.split("largest difference ")[1].rstrip(".").replace("−", "-"))


@pytest.mark.parametrize("lang, title", [("en", "Vectorization"), ("zh", "向量化")])
def test_page_renders_in_both_languages(lang, title):
    at = open_page(PAGE, lang=lang)
    assert not at.exception
    assert at.title[0].value == title
    assert len(at.metric) == 9
    assert {tr["meta"] for tr in _chart(at)["data"]} == {"loop", "numpy", "current"}
    assert _chart(at)["layout"]["xaxis"]["type"] == "log" and _chart(at)["layout"]["yaxis"]["type"] == "log"


def test_changing_n_changes_the_measured_dot_product():
    at = open_page(PAGE)
    before = next(m.value for m in at.markdown if "np.dot" in m.value)
    at.slider(key="vec_n").set_value(2000).run()
    assert not at.exception
    after = next(m.value for m in at.markdown if "np.dot" in m.value)
    assert "n = 2000" in after and after != before
    assert _trace(at, "current")["x"] == [2000, 2000]
    assert "n = 2000" in at.info[0].value


def test_loops_and_vectorized_step_give_the_same_numbers_for_any_subset():
    at = open_page(PAGE)
    at.slider(key="vec_features").set_value(32).run()
    assert not at.exception
    assert any("32 features" in m.label for m in at.metric)
    assert _diff(at.success[0].value) < 1e-12


def test_equations_show_the_shapes_of_the_actual_arrays():
    at = open_page(PAGE)
    latex = [m.value for m in at.get("latex")]
    assert any("(1, 209) = (1, 12288)\\,(12288, 209)" in text for text in latex)
    assert any("(12288, 1) = \\frac{1}{209}\\,(12288, 209)\\,(209, 1)" in text for text in latex)


def test_page_uses_the_course_photos_when_installed(course_dir, monkeypatch):
    monkeypatch.setenv("LOGITLAB_DATA", str(course_dir))
    at = open_page(PAGE)
    assert not at.exception
    assert any("209 training photos" in c.value for c in at.caption)
    assert _diff(at.success[0].value) < 1e-12


def test_page_falls_back_to_synthetic_data_of_the_course_shape(tmp_path, monkeypatch):
    monkeypatch.setenv("LOGITLAB_DATA", str(tmp_path))  # an empty folder: no dataset
    at = open_page(PAGE)
    assert not at.exception
    assert any("not installed" in c.value and "(12288, 209)" in c.value for c in at.caption)
    assert any("(1, 209) = (1, 12288)" in m.value for m in at.get("latex"))
