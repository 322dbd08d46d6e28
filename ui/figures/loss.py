"""Charts of the loss lesson: L(ŷ, y) two ways, J(w) along w with a chord, per-example losses.

Traces carry a ``meta`` id (e.g. "chord") so tests can find them in the plotly spec.
"""

import numpy as np
import plotly.graph_objects as go

from core.neuron.model import CROSS_ENTROPY, SQUARED_ERROR
from ui.figures.lines import add_lines, hline, hline_label
from ui.i18n import t
from ui.theme import CAT, LOSS_COLOURS, NON_CAT, PALETTE, style, title_room

MARKER_SIZE = 12  # px, the current-w marker and chord ends
LEGEND_BELOW = {"orientation": "h", "x": 0, "y": -0.22, "yanchor": "top"}  # under the w axis title
CE_TERMS = {1: "−log ŷ", 0: "−log(1 − ŷ)"}  # the cross-entropy loss for each label, any language
LEGEND_BELOW_MARGIN = 110  # px under the plot: axis title plus a two-row legend


def legend_below(fig):
    """The legend under the x axis (the loss and sigmoid charts): above the plot its entries, one per row on a
    phone, ran into the chart's title. Below it, plotly grows the bottom margin to fit them."""
    return fig.update_layout(legend=LEGEND_BELOW, margin={"t": title_room(fig), "b": LEGEND_BELOW_MARGIN})


def loss_chart(y_hat, ce, sq, y: int, mark=None):
    """Cross-entropy and ½(ŷ − y)² against ŷ for one label y; arrays are (points,).

    mark: optional core.lessons.loss.Example drawn on both curves (the example walked through below).
    """
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=y_hat, y=ce, mode="lines", name=t("loss.name_ce", term=CE_TERMS[int(y)]), meta="ce",
                             line={"color": LOSS_COLOURS[CROSS_ENTROPY.name], "width": 3}))
    fig.add_trace(go.Scatter(x=y_hat, y=sq, mode="lines", name=t("loss.name_sq"), meta="sq",
                             line={"color": LOSS_COLOURS[SQUARED_ERROR.name], "width": 3, "dash": "dash"}))
    if mark is not None:
        fig.add_trace(go.Scatter(x=[mark.y_hat, mark.y_hat], y=[mark.loss, mark.sq_loss], mode="markers",
                                 name=t("loss.name_example", i=mark.index), meta="example",
                                 marker={"size": MARKER_SIZE, "color": PALETTE["black"], "symbol": "diamond"}))
    style(fig, title=t("loss.chart_loss_title", y=y), x_title="ŷ", y_title="L(ŷ, y)")
    # Below the plot, as on the J(w) charts: above it, three entries in a half-width column run into the title.
    return legend_below(fig)


def cost_chart(w_grid, costs, chord, w_now: float, j_now: float, *, title: str, colour: str, meta: str):
    """J(w) along w with a chord (core.lessons.loss.Chord or None) and a marker at the current w."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=w_grid, y=costs, mode="lines", name="J(w)", meta=meta,
                             line={"color": colour, "width": 3}))
    if chord is not None:
        fig.add_trace(go.Scatter(x=[chord.w1, chord.w2], y=[chord.j1, chord.j2], mode="lines+markers",
                                 name=t("loss.name_chord"), meta="chord",
                                 line={"color": PALETTE["black"], "width": 2, "dash": "dot"},
                                 marker={"size": MARKER_SIZE, "symbol": "square"}))
        fig.add_trace(go.Scatter(x=[chord.mid_w, chord.mid_w], y=[chord.mid_chord, chord.mid_curve],
                                 mode="lines+markers", name=t("loss.name_gap"), meta="chord_gap",
                                 line={"color": PALETTE["purple"], "width": 2},
                                 marker={"size": MARKER_SIZE / 2}))
    fig.add_trace(go.Scatter(x=[w_now], y=[j_now], mode="markers", name=t("loss.name_current"),
                             meta="current_w", marker={"size": MARKER_SIZE, "color": PALETTE["black"],
                                                       "symbol": "diamond"}))
    style(fig, title=title, x_title="w", y_title="J(w, b)")
    return legend_below(fig)


def per_example_chart(losses, y, cost: float):
    """One bar per example, L⁽ⁱ⁾, coloured by class, and J (their mean) as a line; losses, y are (m,)."""
    y = np.asarray(y)
    index = np.arange(len(losses))
    fig = go.Figure()
    for label, colour, name in ((1, CAT, t("loss.class_cat")), (0, NON_CAT, t("loss.class_non_cat"))):
        sel = y == label
        fig.add_trace(go.Bar(x=index[sel], y=np.asarray(losses)[sel], name=name, marker_color=colour,
                             meta=f"losses_{label}"))
    add_lines(fig, [hline(cost, colour=PALETTE["black"], dash="dash")],
              [hline_label(t("loss.mean_label"), cost, "top right")])
    return style(fig, title=t("loss.chart_bars_title"), x_title="i", y_title="L⁽ⁱ⁾")
