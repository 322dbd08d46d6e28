"""AppTest of the loss page: both languages render; w, b and the example index change what they should."""

import json
import math

import numpy as np
import pytest

from core.data.toy_data import one_feature_dataset
from core.neuron.model import cost_and_grads, sigmoid
from tests.pages.conftest import chart_spec, charts, open_page, plotly_array, the_one, trace_by_meta

PAGE = "pages/loss.py"








def _cost(w, b, loss="cross_entropy", kind="overlapping"):
    X, Y = one_feature_dataset(kind)
    return cost_and_grads(np.array([[w]]), b, X, Y, loss=loss)[0]


@pytest.mark.parametrize("lang, title", [("en", "Loss and likelihood"), ("zh", "损失函数与似然")])
def test_page_renders_in_both_languages(lang, title):
    at = open_page(PAGE, lang=lang)
    assert not at.exception
    assert the_one(at.title).value == title
    assert len(charts(at)) == 5


def test_chinese_page_shows_chinese_text():
    at = open_page(PAGE, lang="zh")
    assert any("代价函数" in h.value for h in at.subheader)
    assert any("凸函数" in w.value for w in at.warning)


def test_squared_error_chart_has_a_chord_below_the_curve():
    at = open_page(PAGE)
    spec = chart_spec(at, "loss_cost_squared_error")
    chord, gap = trace_by_meta(spec, "chord"), trace_by_meta(spec, "chord_gap")
    w1, w2 = plotly_array(chord["x"])
    mid_chord, mid_curve = plotly_array(gap["y"])
    assert mid_curve > mid_chord
    assert mid_curve == pytest.approx(_cost((w1 + w2) / 2, 0.0, "squared_error"))
    assert plotly_array(chord["y"]) == pytest.approx([_cost(w1, 0.0, "squared_error"), _cost(w2, 0.0, "squared_error")])
    assert any("not convex" in w.value for w in at.warning)


def test_cross_entropy_chart_has_its_chord_above_the_curve():
    at = open_page(PAGE)
    mid_chord, mid_curve = plotly_array(trace_by_meta(chart_spec(at, "loss_cost_cross_entropy"), "chord_gap")["y"])
    assert mid_curve <= mid_chord
    assert any("convex" in s.value for s in at.success)


def test_changing_b_redraws_j_along_w():
    at = open_page(PAGE)
    before = plotly_array(trace_by_meta(chart_spec(at, "loss_cost_cross_entropy"), "cost_cross_entropy")["y"])
    at.slider(key="loss_b").set_value(1.5).run()
    assert not at.exception
    trace = trace_by_meta(chart_spec(at, "loss_cost_cross_entropy"), "cost_cross_entropy")
    w_grid, after = plotly_array(trace["x"]), plotly_array(trace["y"])
    assert not np.allclose(before, after)
    assert after[10] == pytest.approx(_cost(w_grid[10], 1.5))


def test_changing_w_moves_the_marker_and_the_cost():
    at = open_page(PAGE)
    at.slider(key="loss_w").set_value(2.5).run()
    assert not at.exception
    marker = trace_by_meta(chart_spec(at, "loss_cost_cross_entropy"), "current_w")
    assert plotly_array(marker["x"]) == pytest.approx([2.5])
    assert plotly_array(marker["y"]) == pytest.approx([_cost(2.5, 0.0)])
    assert any(f"= {_cost(2.5, 0.0):.4f}" in l.value for l in at.latex)


def test_example_walkthrough_follows_the_chosen_index():
    X, Y = one_feature_dataset()
    at = open_page(PAGE)
    at.number_input(key="loss_example").set_value(25).run()
    assert not at.exception
    y_hat = float(sigmoid(X[0, 25]))  # w = 1, b = 0
    p = y_hat if Y[0, 25] == 1 else 1 - y_hat
    text = " ".join(l.value for l in at.latex)
    assert "x^{(25)}" in text and f"= {p:.4f}" in text and f"{math.log(p):.4f}" in text


def test_likelihood_is_shown_as_a_power_of_ten_and_underflow_explained():
    at = open_page(PAGE)
    log_lik = -40 * _cost(1.0, 0.0)
    exponent = math.floor(log_lik / math.log(10))
    assert any(f"10^{{{exponent}}}" in l.value for l in at.latex)
    assert any("float64" in i.value for i in at.info)


def test_per_example_table_mean_is_the_cost():
    at = open_page(PAGE)
    (table,) = at.dataframe  # the page's one per-example table (key loss_table)
    frame = table.value
    assert len(frame) == 40
    assert frame.iloc[:, -1].mean() == pytest.approx(_cost(1.0, 0.0))


@pytest.mark.parametrize("y", [1, 0])
def test_loss_curve_legend_sits_below_the_plot_clear_of_the_title(y):
    at = open_page(PAGE)
    legend = chart_spec(at, f"loss_curve_y{y}")["layout"]["legend"]
    assert legend["y"] < 0 and legend["yanchor"] == "top"  # under the ŷ axis, not between title and plot


def test_per_example_table_shows_every_real_column_with_four_decimals():
    at = open_page(PAGE)
    (table,) = at.dataframe
    config = json.loads(table.proto.columns)
    formats = {name: config.get(name, {}).get("type_config", {}).get("format") for name in table.value.columns}
    assert formats == {"i": None, "x": "%.4f", "y": None, "ŷ": "%.4f", "L(ŷ, y)": "%.4f"}, formats


def test_chord_midpoint_numbers_are_full_size_fractions():
    at = open_page(PAGE)
    chords = [l.value for l in at.latex if r"\mathrm{sq}}(-" in l.value or r"\mathrm{CE}}(-" in l.value]
    assert len(chords) == 2, [l.value for l in at.latex]
    # \tfrac would set the two J values in script size, smaller than every number around them.
    assert all(r"\dfrac{" in tex and r"\tfrac" not in tex for tex in chords), chords
