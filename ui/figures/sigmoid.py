"""Charts of the sigmoid lesson: σ(z) with its slope, and the one-feature model σ(wx + b) on data.

Traces carry a ``meta`` id (e.g. "z_marker") so tests can find them in the plotly spec.
"""

import numpy as np
import plotly.graph_objects as go

from core.course import THRESHOLD
from ui.figures.lines import add_lines, hline, hline_label, vline
from ui.figures.loss import legend_below
from ui.i18n import t
from ui.theme import CAT, NON_CAT, PALETTE, RIGHT, WRONG, style

MARKER_SIZE = 14  # px, the moving z marker
POINT_SIZE = 10  # px, data points and prediction markers
PEAK_SIDE = -0.5  # from this z on, the σ' label goes above its curve's peak (σ'(−0.5) ≈ 0.235, peak 0.25)
LABEL_HEIGHT = 0.1  # a marker label's height in units of σ (the y axis spans about 1.1): clear of a line this far


def _range_and_threshold(fig, *more: dict):
    """Dashed lines at ŷ = 0 and 1 (σ's range) and a dotted line at the 0.5 threshold, labelled at its right
    end below the line, where both charts' curves are far above it (at the left the σ label could meet it);
    ``more`` lines are added with them."""
    lines = [hline(level, colour=PALETTE["grey"], dash="dash") for level in (0.0, 1.0)]
    lines.append(hline(THRESHOLD, colour=PALETTE["black"], dash="dot"))
    add_lines(fig, [*lines, *more], [hline_label(t("sigmoid.threshold_label"), THRESHOLD, "bottom right")])


def _label_sides(s_mark: float, z_mark: float) -> list[str]:
    """Where the σ and σ' labels go so that no line runs through them. σ rises, so above-left of its marker
    is clear of its curve; just under the 0.5 line or near the dashed line at 1 it goes below-right instead
    (above, the line would cross it). σ' rises left of 0 and falls right of it: below-right, or above-right
    once the marker is near the peak (below-right, the label would lie on the falling side)."""
    under_line = THRESHOLD - LABEL_HEIGHT < s_mark < THRESHOLD or s_mark > 1 - LABEL_HEIGHT
    return ["bottom right" if under_line else "top left", "bottom right" if z_mark < PEAK_SIDE else "top right"]


def sigmoid_chart(z, s, ds, z_mark: float, s_mark: float, ds_mark: float):
    """σ(z) and σ'(z) on one chart with a marker at z_mark; z, s, ds are (points,)."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=z, y=s, mode="lines", name=t("sigmoid.curve_sigma"),
                             line={"color": PALETTE["blue"], "width": 3}, meta="sigma"))
    fig.add_trace(go.Scatter(x=z, y=ds, mode="lines", name=t("sigmoid.curve_slope"),
                             line={"color": PALETTE["orange"], "width": 3, "dash": "dashdot"}, meta="slope"))
    fig.add_trace(go.Scatter(x=[z_mark, z_mark], y=[s_mark, ds_mark], mode="markers+text",
                             name=t("sigmoid.marker_name"), meta="z_marker",
                             text=[f"σ = {s_mark:.4f}", f"σ' = {ds_mark:.4f}"],
                             textposition=_label_sides(s_mark, z_mark),
                             marker={"size": MARKER_SIZE, "color": PALETTE["black"], "symbol": "diamond"}))
    _range_and_threshold(fig, vline(z_mark, colour=PALETTE["grey"]))
    style(fig, title=t("sigmoid.chart_sigma_title"), x_title="z", y_title=t("sigmoid.axis_value"))
    return legend_below(fig)


def _class_points(fig, x, y):
    for label, colour, name in ((1, CAT, t("sigmoid.class_cat")), (0, NON_CAT, t("sigmoid.class_non_cat"))):
        sel = y == label
        fig.add_trace(go.Scatter(x=x[sel], y=y[sel].astype(float), mode="markers", name=name,
                                 meta=f"class_{label}", marker={"size": POINT_SIZE, "color": colour}))


def _prediction_points(fig, x, proba, correct):
    for ok, colour, symbol, name in ((True, RIGHT, "circle-open", t("sigmoid.pred_right")),
                                     (False, WRONG, "x", t("sigmoid.pred_wrong"))):
        sel = correct == ok
        fig.add_trace(go.Scatter(x=x[sel], y=proba[sel], mode="markers", name=name,
                                 meta="right" if ok else "wrong",
                                 marker={"size": POINT_SIZE, "color": colour, "symbol": symbol,
                                         "line": {"width": 2, "color": colour}}))


def model_chart(fit, x, y):
    """σ(wx + b) over the data: labels at ŷ = y, predictions on the curve, and the decision point.

    fit: core.lessons.sigmoid.OneFeatureFit; x, y: (m,) feature values and 0/1 labels.
    """
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=fit.x_grid, y=fit.curve, mode="lines", name=t("sigmoid.curve_model"),
                             line={"color": PALETTE["black"], "width": 3}, meta="model_curve"))
    _class_points(fig, x, np.asarray(y))
    _prediction_points(fig, x, fit.proba, fit.correct)
    _range_and_threshold(fig)
    if fit.boundary is not None:
        fig.add_trace(go.Scatter(x=[fit.boundary, fit.boundary], y=[0.0, 1.0], mode="lines",
                                 name=t("sigmoid.boundary_name"), meta="boundary",
                                 line={"color": PALETTE["purple"], "width": 2, "dash": "dash"}))
    fig.update_xaxes(range=[float(fit.x_grid[0]), float(fit.x_grid[-1])])
    style(fig, title=t("sigmoid.chart_model_title"), x_title="x", y_title="ŷ")
    return legend_below(fig)
