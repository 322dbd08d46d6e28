"""Charts of the vectorization lesson: for-loop vs np.dot time over the vector length n (log–log).

Traces carry a ``meta`` id ("loop", "numpy", "current") so tests can find them in the plotly spec.
"""

import plotly.graph_objects as go

from core.vectorization import DotTiming
from ui.i18n import t
from ui.theme import PALETTE, style

MS_PER_S = 1000.0  # seconds -> milliseconds
MARKER_SIZE = 9  # px, measured points
CURRENT_SIZE = 16  # px, the slider's n
LEGEND_Y = -0.25  # legend position in plot-height units: under the x-axis title


def dot_timing_chart(curve: list[DotTiming], current: DotTiming):
    """Milliseconds per dot product against n for both methods, with the slider's n highlighted."""
    ns = [d.n for d in curve]
    fig = go.Figure()
    for meta, name, colour, times in (
        ("loop", t("vectorization.trace_loop"), PALETTE["vermillion"], [d.loop_s for d in curve]),
        ("numpy", t("vectorization.trace_numpy"), PALETTE["blue"], [d.numpy_s for d in curve]),
    ):
        fig.add_trace(go.Scatter(x=ns, y=[s * MS_PER_S for s in times], mode="lines+markers", name=name,
                                 meta=meta, line={"color": colour, "width": 3}, marker={"size": MARKER_SIZE},
                                 customdata=[d.speedup for d in curve],
                                 hovertemplate=t("vectorization.hover")))
    fig.add_trace(go.Scatter(x=[current.n, current.n], y=[current.loop_s * MS_PER_S, current.numpy_s * MS_PER_S],
                             mode="markers", name=t("vectorization.trace_current", n=current.n), meta="current",
                             marker={"size": CURRENT_SIZE, "color": PALETTE["black"], "symbol": "diamond"}))
    fig.update_xaxes(type="log")
    fig.update_yaxes(type="log")
    style(fig, title=t("vectorization.chart_title"), x_title=t("vectorization.axis_n"),
          y_title=t("vectorization.axis_ms"))
    fig.update_layout(legend={"yanchor": "top", "y": LEGEND_Y})  # below the axis, clear of the title
    return fig
