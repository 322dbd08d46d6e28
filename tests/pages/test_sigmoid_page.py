"""AppTest of the sigmoid page: renders in both languages; z, w, b and the stability input do what they say."""


import numpy as np
import pytest

from core.neuron.model import sigmoid
from tests.pages.conftest import chart_spec, charts, open_page, plotly_array, the_one, trace_by_meta

PAGE = "pages/sigmoid.py"


@pytest.mark.parametrize("lang, title", [("en", "The sigmoid σ(z)"), ("zh", "Sigmoid 函数 σ(z)")])
def test_page_renders_in_both_languages(lang, title):
    at = open_page(PAGE, lang=lang)
    assert not at.exception
    assert the_one(at.title).value == title
    assert len(charts(at)) == 2


def test_chinese_page_shows_chinese_text():
    at = open_page(PAGE, lang="zh")
    assert any("导数" in h.value for h in at.subheader)
    assert any("准确率" in m.label for m in at.metric)


def test_moving_z_moves_the_marker_and_the_readout():
    at = open_page(PAGE)
    at.slider(key="sig_z").set_value(2.0).run()
    assert not at.exception
    marker = trace_by_meta(chart_spec(at, "sig_curve_chart"), "z_marker")
    s = float(sigmoid(2.0))
    np.testing.assert_allclose(plotly_array(marker["x"]), [2.0, 2.0])
    np.testing.assert_allclose(plotly_array(marker["y"]), [s, s * (1 - s)])
    readout = " ".join(l.value for l in at.latex)
    assert f"{s:.4f}" in readout and r"\sigma(2.00)" in readout



@pytest.mark.parametrize("z, sigma_side, slope_side",
                         [(-2.0, "top left", "bottom right"), (-0.2, "bottom right", "top right"),
                          (-0.8, "top left", "bottom right"),
                          (0.0, "top left", "top right"), (2.0, "top left", "top right"),
                          (3.0, "bottom right", "top right")])
def test_marker_labels_sit_off_their_curves_and_the_threshold_line(z, sigma_side, slope_side):
    at = open_page(PAGE)
    at.slider(key="sig_z").set_value(z).run()
    positions = trace_by_meta(chart_spec(at, "sig_curve_chart"), "z_marker")["textposition"]
    # σ rises: above-left of its marker is clear of the curve, except just under 0.5 (σ(−0.2) ≈ 0.45) or
    # near 1 (σ(3) ≈ 0.95), where the dotted or dashed line would run through it.
    # σ' goes below its curve while it rises, above it near and after its peak at 0.
    assert positions == [sigma_side, slope_side]


def test_changing_w_changes_the_curve_and_the_decision_point():
    at = open_page(PAGE)
    before = chart_spec(at, "sig_model_chart")
    at.slider(key="sig_b").set_value(1.0).run()
    at.slider(key="sig_w").set_value(2.0).run()
    assert not at.exception
    after = chart_spec(at, "sig_model_chart")
    curve_after, curve_before = trace_by_meta(after, "model_curve"), trace_by_meta(before, "model_curve")
    x = plotly_array(curve_after["x"])
    np.testing.assert_allclose(plotly_array(curve_after["y"]), sigmoid(2.0 * x + 1.0))
    assert not np.allclose(plotly_array(curve_after["y"]), plotly_array(curve_before["y"]))
    np.testing.assert_allclose(plotly_array(trace_by_meta(after, "boundary")["x"]), [-0.5, -0.5])  # x = −b/w
    assert any("= -0.500" in l.value for l in at.latex)


def test_w_zero_says_there_is_no_decision_point():
    at = open_page(PAGE)
    at.slider(key="sig_w").set_value(0.0).run()
    assert not at.exception
    assert all(tr.get("meta") != "boundary" for tr in chart_spec(at, "sig_model_chart")["data"])
    assert any("no decision point" in i.value for i in at.info)


def test_predictions_are_marked_right_and_wrong_with_different_symbols():
    at = open_page(PAGE)
    spec = chart_spec(at, "sig_model_chart")
    right, wrong = trace_by_meta(spec, "right"), trace_by_meta(spec, "wrong")
    assert right["marker"]["symbol"] != wrong["marker"]["symbol"]
    n_right, n_wrong = len(plotly_array(right["x"])), len(plotly_array(wrong["x"]))
    assert n_wrong > 0  # the default dataset overlaps, so some are wrong
    accuracy = float(the_one(at.metric, "%").value.split()[0])  # the one metric: Accuracy
    assert accuracy == pytest.approx(100 * n_right / (n_right + n_wrong))


def test_stability_section_shows_numpys_overflow_warning_and_explains_infinity():
    at = open_page(PAGE)
    texts = [w.value for w in at.warning]
    assert any("overflow encountered in exp" in w for w in texts)
    assert any("divide by zero encountered in log" in w for w in texts)
    captions = " ".join(c.value for c in at.caption)
    assert "float64" in captions and "−∞" in captions
    assert not any("nan" in l.value.lower().replace(r"\mathrm{nan}", "") for l in at.latex)


def test_moderate_z_gives_no_warning():
    at = open_page(PAGE)
    at.number_input(key="sig_big_z").set_value(3.0).run()
    assert not at.exception
    assert len(at.warning) == 0


@pytest.mark.parametrize("key", ["sig_curve_chart", "sig_model_chart"])
def test_legends_sit_below_the_plot_clear_of_the_title(key):
    at = open_page(PAGE)
    legend = chart_spec(at, key)["layout"]["legend"]
    assert legend["y"] < 0 and legend["yanchor"] == "top"  # under the x axis, not between title and plot
