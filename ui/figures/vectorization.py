"""Charts of the vectorization lesson: for-loop vs np.dot time over the vector length n (log–log).

Each point is the best run of a measurement; its error bar reaches up to the median run (the spread).
The time axis is in seconds, its ticks labelled one per decade in a fitting unit (1 µs, 10 µs, … 1 s).
Traces carry a ``meta`` id ("loop", "numpy", "current") so tests can find them in the plotly spec.
"""

import plotly.graph_objects as go

from core.lessons.vectorization import DotTiming
from core.timing import UNITS, Timing, format_duration, format_ratio
from ui.i18n import t
from ui.theme import PALETTE, style

MARKER_SIZE = 9  # px, measured points
CURRENT_SIZE = 16  # px, the slider's n
LEGEND_Y = -0.25  # legend position in plot-height units: under the x-axis title
DECADES = range(-9, 2)  # time-axis ticks: 10⁻⁹ s (1 ns) to 10 s, one per power of ten
DIGITS_PER_UNIT = 3  # ns, µs, ms, s are a thousand apart


def _decade_label(exponent: int) -> str:
    """10**exponent seconds as "1 ns", "10 µs", "100 ms", "1 s"."""
    _, unit = UNITS[-1 - (exponent - DECADES.start) // DIGITS_PER_UNIT]
    return f"{10 ** ((exponent - DECADES.start) % DIGITS_PER_UNIT)} {unit}"


def _spread(timings: list[Timing]) -> dict:
    """Error bars from each best run up to its median run."""
    return {"type": "data", "symmetric": False, "array": [tm.median_s - tm.best_s for tm in timings],
            "arrayminus": [0.0] * len(timings), "thickness": 1.5}


def dot_timing_chart(curve: list[DotTiming], current: DotTiming):
    """Seconds per dot product (best run, bar to the median) against n for both methods, the slider's n marked."""
    ns = [d.n for d in curve]
    fig = go.Figure()
    for meta, name, colour, timings in (
        ("loop", t("vectorization.trace_loop"), PALETTE["vermillion"], [d.loop for d in curve]),
        ("numpy", t("vectorization.trace_numpy"), PALETTE["blue"], [d.numpy for d in curve]),
    ):
        fig.add_trace(go.Scatter(x=ns, y=[tm.best_s for tm in timings], mode="lines+markers", name=name,
                                 meta=meta, line={"color": colour, "width": 3}, marker={"size": MARKER_SIZE},
                                 error_y=_spread(timings), text=[format_duration(tm.best_s) for tm in timings],
                                 customdata=[format_ratio(d.speedup) for d in curve],
                                 hovertemplate=t("vectorization.hover")))
    fig.add_trace(go.Scatter(x=[current.n, current.n], y=[current.loop.best_s, current.numpy.best_s],
                             mode="markers", name=t("vectorization.trace_current", n=current.n), meta="current",
                             error_y=_spread([current.loop, current.numpy]),
                             marker={"size": CURRENT_SIZE, "color": PALETTE["black"], "symbol": "diamond"}))
    fig.update_xaxes(type="log")
    fig.update_yaxes(type="log", tickvals=[10.0 ** e for e in DECADES], ticktext=[_decade_label(e) for e in DECADES])
    style(fig, title=t("vectorization.chart_title"), x_title=t("vectorization.axis_n"),
          y_title=t("vectorization.axis_time"))
    fig.update_layout(legend={"yanchor": "top", "y": LEGEND_Y})  # below the axis, clear of the title
    return fig
