"""AppTest of the cost-surface page: renders in both languages, controls change the surface, honest minimum."""

import numpy as np
import pytest

from core.data.features import lesson_dataset
from core.lessons.surface import cost_grid, true_minimum
from tests.pages.conftest import chart_spec, charts, open_page, plotly_array, the_one, trace_by_meta

PAGE = "pages/surface.py"




# Chart keys: the 3D bowl and the contour map of the first (or only) column. A chart is keyed by its place on
# the page, not by its loss, so a change of loss updates the same chart in the browser (ui/live_chart.py).
BOWL, CONTOUR, BOWL_RIGHT = "surf_chart_3d_0", "surf_chart_contour_0", "surf_chart_3d_1"


def _charts(at) -> list[dict]:
    return [chart.spec for chart in charts(at)]




@pytest.mark.parametrize("lang, title", [("en", "The cost surface J(w, b)"), ("zh", "代价函数曲面 J(w, b)")])
def test_page_renders_a_surface_and_a_contour_in_both_languages(lang, title):
    at = open_page(PAGE, lang=lang, surf_dataset="overlapping")
    assert not at.exception
    assert the_one(at.title).value == title
    metas = [[trace.get("meta") for trace in spec["data"]] for spec in _charts(at)]
    assert metas == [["surface", "minimum"], ["contour", "minimum"]]
    assert trace_by_meta(chart_spec(at, BOWL), "surface")["type"] == "surface"


def test_drawn_surface_is_the_core_grid_and_the_span_slider_widens_it():
    at = open_page(PAGE, surf_dataset="overlapping")
    surface = trace_by_meta(chart_spec(at, BOWL), "surface")
    ws, bs, J = plotly_array(surface["x"]), plotly_array(surface["y"]), plotly_array(surface["z"])
    X, Y = lesson_dataset("overlapping")
    assert J.dtype == np.float32  # sent as float32: half the bytes of float64, 7 significant digits
    np.testing.assert_allclose(J, cost_grid(X, Y, ws, bs), rtol=1e-7)
    at.slider(key="surf_span").set_value(4.0).run()
    assert not at.exception
    assert plotly_array(trace_by_meta(chart_spec(at, BOWL), "surface")["x"]).max() == pytest.approx(4.0)


def test_switching_to_squared_error_draws_a_different_lower_landscape():
    at = open_page(PAGE, surf_dataset="overlapping")
    before = plotly_array(trace_by_meta(chart_spec(at, BOWL), "surface")["z"])
    at.radio(key="surf_loss").set_value("squared_error").run()
    assert not at.exception
    after = plotly_array(trace_by_meta(chart_spec(at, BOWL), "surface")["z"])
    assert after.max() <= 0.5 < before.max()  # ½(σ − y)² never exceeds ½; cross-entropy is unbounded
    assert "Squared error" in chart_spec(at, BOWL)["layout"]["title"]["text"]


def test_compare_toggle_shows_both_losses_side_by_side():
    at = open_page(PAGE, surf_dataset="overlapping")
    at.toggle(key="surf_compare").set_value(True).run()
    assert not at.exception
    kinds = [spec["data"][0]["type"] for spec in _charts(at)]
    assert kinds.count("surface") == 2 and kinds.count("contour") == 2
    assert "Squared error" in chart_spec(at, BOWL_RIGHT)["layout"]["title"]["text"]  # the right column's


def test_separable_data_says_the_minimum_is_at_infinity_and_marks_the_grid_lowest():
    at = open_page(PAGE, surf_dataset="separable")
    assert not at.exception
    assert any("infinity" in warning.value for warning in at.warning)
    mark = trace_by_meta(chart_spec(at, CONTOUR), "minimum")
    assert mark["name"] == "lowest on this grid"


def test_cat_photos_surface_marks_the_true_minimum(course_dir, course, monkeypatch):
    monkeypatch.setenv("LOGITLAB_DATA", str(course_dir))
    at = open_page(PAGE)
    assert not at.exception
    assert at.selectbox(key="surf_dataset").value == "cat_saturation"  # the real data is the default
    w, b, _ = true_minimum(*lesson_dataset("cat_saturation", course))
    mark = trace_by_meta(chart_spec(at, CONTOUR), "minimum")
    assert mark["name"] == "minimum"
    assert (plotly_array(mark["x"])[0], plotly_array(mark["y"])[0]) == pytest.approx((w, b))


def test_without_the_dataset_the_cat_option_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setenv("LOGITLAB_DATA", str(tmp_path))
    at = open_page(PAGE, surf_dataset="cat_brightness")
    assert not at.exception
    assert any("LOGITLAB_DATA" in info.value for info in at.info)
    assert not charts(at)


def test_key_controls_are_bound_to_the_url():
    at = open_page(PAGE, surf_dataset="overlapping")
    widgets = [at.slider(key="surf_span"), at.toggle(key="surf_compare")]
    assert [w.proto.query_param_key for w in widgets] == [w.key for w in widgets]
