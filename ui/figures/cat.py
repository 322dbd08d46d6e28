"""Charts of the cat classifier: the point on the sigmoid, z taken apart, signed pixel maps
(evidence, weights, gradient share), cost curves and accuracy next to the majority baseline.

Traces carry a ``meta`` id (e.g. "z_point") so tests can find them in the plotly spec.
"""

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.course import IMAGE_SHAPE, THRESHOLD
from ui.figures.finished import FinishedFigure, finished, refilled
from ui.figures.lines import add_lines, hline, hline_label, vline
from ui.i18n import minus_signs, t
from ui.theme import CAT, DIVERGING, NON_CAT, OVERLAY, PALETTE, RIGHT, WRONG, presenter_mode, style, wrap_title

MARKER_SIZE = 16  # px, the photo's point on the sigmoid
LABEL_SPAN = 0.3  # share of the z range the two-line label "z = …<br>p = … %" needs beside it (a phone, 390 px)
MAP_HEIGHT = 460  # px, one 64×64 map (square-ish with its colour bar)
PRESENTER_MAP_HEIGHT = 680  # px, the same on a projector, where the title above it is larger
CHANNELS_HEIGHT = 330  # px, the row of four weight maps
LINE_WIDTH = 3  # px, cost curves
LABEL_UNITS = 10  # a bar name's line: a quarter of a phone's chart width (a Chinese character counts 2)
PERCENT_AXIS_TOP = 110  # the accuracy axis runs to 110 % so the bar labels fit


def _label_side(zs, z: float) -> str:
    """Where the photo's two-line label goes, clear of the curve, the dashed z = 0 line and the chart's edges.

    Beside the point on the side away from z = 0: below-right (z ≥ 0) or above-left (z < 0), both off the
    rising curve. Too near an edge for that, σ is flat there: under the flat top, or over the flat bottom."""
    room = LABEL_SPAN * (zs[-1] - zs[0])
    if z >= 0:
        return "bottom right" if z + room <= zs[-1] else "bottom left"
    return "top left" if z - room >= zs[0] else "top right"


def sigmoid_data(zs, ps, z: float, p: float) -> dict:
    """What ``sigmoid_point`` draws from the numbers (as ``refilled`` takes them): σ over zs (trace 0) and
    the photo's point (trace 1)."""
    return {"data": {0: {"x": zs, "y": ps},
                     1: {"x": [z], "y": [p], "text": [minus_signs(f"z = {z:.2f}<br>p = {100 * p:.1f} %")],
                         "textposition": _label_side(zs, z),
                         "marker": {"color": CAT if p > THRESHOLD else NON_CAT}}}}


def sigmoid_point(zs, ps, z: float, p: float):
    """σ over zs with this photo's (z, p) marked and the 0.5 threshold drawn."""
    curve, point = sigmoid_data(zs, ps, z, p)["data"].values()
    fig = go.Figure()
    fig.add_trace(go.Scatter(**curve, mode="lines", name="σ(z)", meta="sigmoid",
                             line={"color": PALETTE["grey"], "width": LINE_WIDTH}))
    fig.add_trace(go.Scatter(**{**point, "marker": {**point["marker"], "size": MARKER_SIZE, "symbol": "diamond"}},
                             mode="markers+text", name=t("cat.fig_this_photo"), meta="z_point", cliponaxis=False))
    add_lines(fig, [hline(THRESHOLD, colour=PALETTE["black"], dash="dot"),
                    vline(0, colour=PALETTE["grey"], dash="dash")],
              [hline_label(t("cat.fig_threshold"), THRESHOLD, "top left")])
    return style(fig, title=t("cat.fig_sigmoid_title"), x_title="z = wᵀx + b", y_title="p(cat) = σ(z)")


def waterfall_data(positive: float, negative: float, b: float, z: float) -> dict:
    """What ``logit_waterfall`` draws from the numbers (as ``refilled`` takes them): its bars and labels."""
    names = [t("cat.part_positive"), t("cat.part_negative"), "b", "z"]
    values = (positive, negative, b, z)
    # Each value under its bar's name, not on the bar: small bars (b, z) sit at the foot of the big
    # ones, where labels on the bars would cover each other.
    # Names wrapped to LABEL_UNITS and kept level: tilted on a phone, two-line labels ran into each other.
    labels = ["<br>".join(wrap_title(name, LABEL_UNITS)) + f"<br><b>{minus_signs(f'{value:+.3f}')}</b>"
              for name, value in zip(names, values, strict=True)]
    return {"data": {0: {"x": labels, "y": list(values)}}}


def logit_waterfall(positive: float, negative: float, b: float, z: float):
    """Σ positive w_i·x_i, Σ negative w_i·x_i and b stacking up to z."""
    fig = go.Figure(go.Waterfall(
        **waterfall_data(positive, negative, b, z)["data"][0], measure=["relative", "relative", "relative", "total"],
        textinfo="none", meta="z_parts",
        increasing={"marker": {"color": CAT}}, decreasing={"marker": {"color": NON_CAT}},
        totals={"marker": {"color": PALETTE["black"]}}, connector={"line": {"color": PALETTE["grey"]}}))
    style(fig, title=t("cat.fig_parts_title"), y_title=t("cat.fig_parts_axis"))
    return fig.update_xaxes(tickangle=0)


def evidence_data(photo, values, limit: float) -> dict:
    """What ``evidence_on_photo`` draws from the numbers (as ``refilled`` takes them): the photo (trace 0)
    and its evidence map over ±limit (trace 1)."""
    return {"data": {0: {"z": photo}, 1: {"z": values, "zmin": -limit, "zmax": limit}}}


def evidence_on_photo(photo, values, limit: float, *, title: str):
    """The photo (64, 64, 3) with its signed evidence map laid over it: orange towards "cat", blue
    away, transparent where a pixel hardly counts, so the photo shows through."""
    image, overlay = evidence_data(photo, values, limit)["data"].values()
    fig = go.Figure(go.Image(**image, meta="photo", hoverinfo="skip"))
    fig.add_trace(go.Heatmap(**overlay, meta="evidence_overlay", colorscale=OVERLAY, zmid=0,
                             colorbar={"title": {"text": "w·x"}},
                             hovertemplate=t("annotations.pixel_hover")))
    fig.update_yaxes(autorange="reversed", scaleanchor="x", showticklabels=False, showgrid=False)
    fig.update_xaxes(showticklabels=False, constrain="domain", showgrid=False)
    return style(fig, title=title, height=PRESENTER_MAP_HEIGHT if presenter_mode() else MAP_HEIGHT)


def _heatmap(values, limit: float, *, meta: str, colorbar: str | None, coloraxis: str | None = None):
    extra = {"z": values, "coloraxis": coloraxis} if coloraxis else {
        **signed_map_data(values, limit)["data"][0], "colorscale": DIVERGING, "zmid": 0,
        "colorbar": {"title": {"text": colorbar}}}
    return go.Heatmap(meta=meta, hovertemplate=t("annotations.pixel_hover"), **extra)


def signed_map_data(values, limit: float) -> dict:
    """What ``signed_map`` draws from the numbers (as ``refilled`` takes them): its one map over ±limit."""
    return {"data": {0: {"z": values, "zmin": -limit, "zmax": limit}}}


def signed_map(values, limit: float, *, title: str, colorbar: str, meta: str):
    """A (64, 64) signed map in diverging colours centred on 0, range ±limit, row 0 at the top."""
    fig = go.Figure(_heatmap(values, limit, meta=meta, colorbar=colorbar))
    fig.update_yaxes(autorange="reversed", scaleanchor="x", showticklabels=False)
    fig.update_xaxes(showticklabels=False, constrain="domain")
    return style(fig, title=title, height=PRESENTER_MAP_HEIGHT if presenter_mode() else MAP_HEIGHT)


def weight_channels(maps, limit: float):
    """Red, green, blue and summed weight maps side by side, one shared symmetric colour scale."""
    titles = [t("cat.channel_red"), t("cat.channel_green"), t("cat.channel_blue"), t("cat.channel_sum")]
    fig = make_subplots(rows=1, cols=len(maps), subplot_titles=titles, horizontal_spacing=0.02)
    for col, values in enumerate(maps, start=1):
        fig.add_trace(_heatmap(values, limit, meta=f"weights_{col}", colorbar=None, coloraxis="coloraxis"),
                      row=1, col=col)
        fig.update_yaxes(autorange="reversed", scaleanchor=f"x{col if col > 1 else ''}",
                         showticklabels=False, row=1, col=col)
        fig.update_xaxes(showticklabels=False, row=1, col=col)
    fig.update_layout(coloraxis={"colorscale": DIVERGING, "cmid": 0, "cmin": -limit, "cmax": limit,
                                 "colorbar": {"title": {"text": "w"}}})
    return style(fig, title=t("cat.fig_weights_title"), height=CHANNELS_HEIGHT)


def cost_curves(runs):
    """Cost J against iteration for each (name, steps, costs) in ``runs``, on one chart."""
    fig = go.Figure()
    for name, steps, costs in runs:
        fig.add_trace(go.Scatter(x=list(steps), y=list(costs), mode="lines", name=name, meta=f"cost_{name}",
                                 line={"width": LINE_WIDTH}))
    return style(fig, title=t("cat.fig_cost_title"), x_title=t("cat.fig_iteration"), y_title=t("cat.fig_cost"))


class LiveCostCurve:
    """The cost curve a training run redraws as it goes: styled once, then only its points change.

    ``figure(steps, costs)`` is ``cost_curves([(name, steps, costs)])`` without building and styling a new
    plotly figure for every redraw (each of those costs more CPU than the steps it shows).
    """

    def __init__(self, name: str):
        self._template = finished(cost_curves([(name, [], [])]))

    def figure(self, steps, costs) -> FinishedFigure:
        return refilled(self._template, {"data": {0: {"x": list(steps), "y": list(costs)}}})


def accuracy_data(model_scores: dict, baseline_scores: dict) -> dict:
    """What ``accuracy_bars`` draws from the numbers (as ``refilled`` takes them): the model's bars (trace 0)
    and the baseline's (trace 1)."""
    return {"data": {index: {"x": list(scores), "y": list(scores.values()),
                             "text": [f"{v:.1f} %" for v in scores.values()]}
                     for index, scores in enumerate((model_scores, baseline_scores))}}


def accuracy_bars(model_scores: dict, baseline_scores: dict):
    """Model vs majority-guess accuracy (%) on each split; dicts map split name -> percent."""
    fig = go.Figure()
    bars = accuracy_data(model_scores, baseline_scores)["data"].values()
    for data, name, colour, meta in zip(bars, (t("cat.fig_model"), t("cat.fig_baseline")), (RIGHT, WRONG),
                                        ("model", "baseline"), strict=True):
        fig.add_trace(go.Bar(**data, name=name, marker={"color": colour}, textposition="outside", meta=meta))
    fig.update_yaxes(range=[0, PERCENT_AXIS_TOP])
    return style(fig, title=t("cat.fig_accuracy_title"), y_title=t("cat.fig_accuracy_axis"))


STAND_IN_MAP = np.zeros(IMAGE_SHAPE[:2])
STAND_IN_PHOTO = np.zeros(IMAGE_SHAPE, dtype=np.uint8)
# The cat page's charts as templates (ui.templates): each builder with stand-in numbers, all of them refilled
# on every run by the matching ``*_data`` function.
TEMPLATES = {
    "cat.sigmoid": lambda: sigmoid_point(np.zeros(2), np.zeros(2), 0.0, 0.0),
    "cat.parts": lambda: logit_waterfall(0.0, 0.0, 0.0, 0.0),
    "cat.overlay": lambda: evidence_on_photo(STAND_IN_PHOTO, STAND_IN_MAP, 1.0, title=t("visual.overlay_title")),
    "cat.evidence": lambda: signed_map(STAND_IN_MAP, 1.0, title=t("cat.fig_evidence_title"), colorbar="w·x",
                                       meta="evidence"),
    "cat.accuracy": lambda: accuracy_bars({}, {}),
}
