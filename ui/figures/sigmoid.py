"""Charts of the sigmoid lesson: σ(z) with its slope, and the one-feature model σ(wx + b) on data.

Traces carry a ``meta`` id (e.g. "z_marker") so tests can find them in the plotly spec.
"""

import numpy as np
import plotly.graph_objects as go

from core.course import THRESHOLD
from core.data.toy_data import TOY_KINDS, one_feature_dataset
from core.lessons.sigmoid import one_feature_fit, sigmoid_curves
from ui.figures.lines import add_lines, hline, hline_label, vline
from ui.figures.loss import legend_below
from ui.i18n import t
from ui.theme import CAT, NON_CAT, PALETTE, RIGHT, WRONG, style

MARKER_SIZE = 14  # px, the moving z marker
POINT_SIZE = 10  # px, data points and prediction markers
PEAK_SIDE = -0.5  # from this z on, the σ' label goes above its curve's peak (σ'(−0.5) ≈ 0.235, peak 0.25)
LABEL_HEIGHT = 0.1  # a marker label's height in units of σ (the y axis spans about 1.1): clear of a line this far
RANGE_LINES = (0.0, 1.0)  # σ's range, dashed
MARK_LINE = len(RANGE_LINES) + 1  # the z marker's vertical line: the shape after σ's range and the threshold
CLASSES = ((1, CAT, "sigmoid.class_cat"), (0, NON_CAT, "sigmoid.class_non_cat"))  # label, colour, name
PREDICTIONS = ((True, RIGHT, "circle-open", "sigmoid.pred_right"), (False, WRONG, "x", "sigmoid.pred_wrong"))


def _range_and_threshold(fig, *more: dict):
    """Dashed lines at ŷ = 0 and 1 (σ's range) and a dotted line at the 0.5 threshold, labelled at its right
    end below the line, where both charts' curves are far above it (at the left the σ label could meet it);
    ``more`` lines are added with them."""
    lines = [hline(level, colour=PALETTE["grey"], dash="dash") for level in RANGE_LINES]
    lines.append(hline(THRESHOLD, colour=PALETTE["black"], dash="dot"))
    add_lines(fig, [*lines, *more], [hline_label(t("sigmoid.threshold_label"), THRESHOLD, "bottom right")])


def _label_sides(s_mark: float, z_mark: float) -> list[str]:
    """Where the σ and σ' labels go so that no line runs through them. σ rises, so above-left of its marker
    is clear of its curve; just under the 0.5 line or near the dashed line at 1 it goes below-right instead
    (above, the line would cross it). σ' rises left of 0 and falls right of it: below-right, or above-right
    once the marker is near the peak (below-right, the label would lie on the falling side)."""
    under_line = THRESHOLD - LABEL_HEIGHT < s_mark < THRESHOLD or s_mark > 1 - LABEL_HEIGHT
    return ["bottom right" if under_line else "top left", "bottom right" if z_mark < PEAK_SIDE else "top right"]


def _marker(z_mark: float, s_mark: float, ds_mark: float) -> dict:
    return {"x": [z_mark, z_mark], "y": [s_mark, ds_mark], "text": [f"σ = {s_mark:.4f}", f"σ' = {ds_mark:.4f}"],
            "textposition": _label_sides(s_mark, z_mark)}


def sigmoid_marks(z_mark: float, s_mark: float, ds_mark: float) -> dict:
    """What ``sigmoid_chart`` draws from the marker's numbers (as ``refilled`` takes them): the marker
    (trace 2) and its vertical line (the shape after σ's range and the threshold)."""
    return {"data": {2: _marker(z_mark, s_mark, ds_mark)},
            "layout": {"shapes": {MARK_LINE: {"x0": z_mark, "x1": z_mark}}}}


def sigmoid_chart(z, s, ds, z_mark: float, s_mark: float, ds_mark: float):
    """σ(z) and σ'(z) on one chart with a marker at z_mark; z, s, ds are (points,)."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=z, y=s, mode="lines", name=t("sigmoid.curve_sigma"),
                             line={"color": PALETTE["blue"], "width": 3}, meta="sigma"))
    fig.add_trace(go.Scatter(x=z, y=ds, mode="lines", name=t("sigmoid.curve_slope"),
                             line={"color": PALETTE["orange"], "width": 3, "dash": "dashdot"}, meta="slope"))
    fig.add_trace(go.Scatter(**_marker(z_mark, s_mark, ds_mark), mode="markers+text",
                             name=t("sigmoid.marker_name"), meta="z_marker",
                             marker={"size": MARKER_SIZE, "color": PALETTE["black"], "symbol": "diamond"}))
    _range_and_threshold(fig, vline(z_mark, colour=PALETTE["grey"]))  # the line is shape MARK_LINE
    style(fig, title=t("sigmoid.chart_sigma_title"), x_title="z", y_title=t("sigmoid.axis_value"))
    return legend_below(fig)


def model_data(fit, x, y) -> dict:
    """What ``model_chart`` draws from the numbers (as ``refilled`` takes them): the curve (trace 0), the
    examples by class (1, 2), the predictions right and wrong (3, 4), the decision point's line (5, when
    there is one) and the x range."""
    y = np.asarray(y)
    data = {0: {"x": fit.x_grid, "y": fit.curve}}
    for index, (label, *_) in enumerate(CLASSES, start=1):
        sel = y == label
        data[index] = {"x": x[sel], "y": y[sel].astype(float)}
    for index, (ok, *_) in enumerate(PREDICTIONS, start=len(data)):
        sel = fit.correct == ok
        data[index] = {"x": x[sel], "y": fit.proba[sel]}
    if fit.boundary is not None:
        data[len(data)] = {"x": [fit.boundary, fit.boundary]}
    return {"data": data, "layout": {"xaxis": {"range": [float(fit.x_grid[0]), float(fit.x_grid[-1])]}}}


def model_chart(fit, x, y):
    """σ(wx + b) over the data: labels at ŷ = y, predictions on the curve, and the decision point.

    fit: core.lessons.sigmoid.OneFeatureFit; x, y: (m,) feature values and 0/1 labels.
    """
    numbers = model_data(fit, x, y)
    data = iter(numbers["data"].values())
    fig = go.Figure()
    fig.add_trace(go.Scatter(**next(data), mode="lines", name=t("sigmoid.curve_model"),
                             line={"color": PALETTE["black"], "width": 3}, meta="model_curve"))
    for label, colour, name in CLASSES:
        fig.add_trace(go.Scatter(**next(data), mode="markers", name=t(name), meta=f"class_{label}",
                                 marker={"size": POINT_SIZE, "color": colour}))
    for ok, colour, symbol, name in PREDICTIONS:
        fig.add_trace(go.Scatter(**next(data), mode="markers", name=t(name), meta="right" if ok else "wrong",
                                 marker={"size": POINT_SIZE, "color": colour, "symbol": symbol,
                                         "line": {"width": 2, "color": colour}}))
    _range_and_threshold(fig)
    boundary = next(data, None)
    if boundary is not None:
        fig.add_trace(go.Scatter(**boundary, y=[0.0, 1.0], mode="lines", name=t("sigmoid.boundary_name"),
                                 meta="boundary", line={"color": PALETTE["purple"], "width": 2, "dash": "dash"}))
    fig.update_xaxes(**numbers["layout"]["xaxis"])
    style(fig, title=t("sigmoid.chart_model_title"), x_title="x", y_title="ŷ")
    return legend_below(fig)


def _stand_in_model(w: float):
    """The model chart for the first toy set with weight ``w`` (0: no decision point)."""
    X, Y = one_feature_dataset(TOY_KINDS[0])
    return model_chart(one_feature_fit(w, 0.0, X, Y), X.ravel(), Y.ravel())


# The sigmoid page's charts as templates (ui.templates): σ's curves drawn once (the same for every z) with the
# marker anywhere; the model chart once with a decision point and once without (w = 0). A rerun writes its
# numbers in with sigmoid_marks and model_data.
TEMPLATES = {
    "sigmoid.curve": lambda: sigmoid_chart(*sigmoid_curves(), 0.0, 0.5, 0.25),
    "sigmoid.model": lambda: _stand_in_model(0.0),
    "sigmoid.model_boundary": lambda: _stand_in_model(1.0),
}
