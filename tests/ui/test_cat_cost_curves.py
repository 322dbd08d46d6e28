"""The live cost curve of a training run is the same chart as the finished one, built without plotly's checks."""

import plotly.graph_objects as go

from ui.figures.cat import LiveCostCurve, cost_curves


def test_live_curve_sends_what_cost_curves_builds_for_the_same_points():
    curve = LiveCostCurve("α = 0.005")
    for steps, costs in (([0], [0.69]), ([0, 10, 20], [0.69, 0.61, 0.58])):
        assert curve.figure(steps, costs).to_dict() == cost_curves([("α = 0.005", steps, costs)]).to_dict()


def test_live_curve_is_a_valid_plotly_figure_and_leaves_its_template_empty():
    curve = LiveCostCurve("α = 0.01")
    first = curve.figure([0, 10], [0.7, 0.6]).to_dict()
    go.Figure(first)  # plotly's checks, which the live curve skips, accept it
    assert curve.figure([0], [0.7]).to_dict()["data"][0]["x"] == [0]  # each redraw starts from the template
    assert first["data"][0]["y"] == [0.7, 0.6]
