"""Charts of the gradient-descent lesson: the path of (w, b) animated over the contour map and the
3D surface, the cost per iteration, and a static path for the race between the two costs.

Animated figures hold the map (trace 0) once; each plotly frame carries ONLY the trail and the
moving marker (``traces=[TRAIL, MARKER]``), so the JSON stays small however long the run.
Trace ``meta`` ids: "contour"/"surface", "trail", "marker", "path", "minimum", "cost_<loss>".
"""

import numpy as np
import plotly.graph_objects as go

from ui.figures.surface import contour_map, lift_of, mark_trace, surface_3d
from ui.i18n import t
from ui.theme import PALETTE, style

TRAIL, MARKER = 1, 2  # trace indices the frames update; trace 0 (the map) is never repeated
TRAIL_POINTS = 15  # frame points in the marker's trail (a comet tail: frames stay O(frames), not O(frames²))
FRAME_MS = 120  # ms per frame at speed 1×
MARKER_SIZE = 13  # px, the moving (w, b) marker on the map
MARKER_SIZE_3D = 6  # px, the same marker in 3D
TRAIL_WIDTH = 3  # px
CONTROLS_Y = -0.12  # the Play/Pause buttons and the frame slider sit just below the plot
SLIDER_PAD = {"t": 40}  # px between the plot and the frame slider
SLIDER_TICK = 3  # px, short ticks: up to 100 of them share the slider
CHART_HEIGHT = 520  # px: the animated charts need room for their controls


def _on_grid(surface, w, b) -> np.ndarray:
    """True where (w, b) lies inside the drawn grid (3D cannot clip points outside its box)."""
    return (w >= surface.ws[0]) & (w <= surface.ws[-1]) & (b >= surface.bs[0]) & (b <= surface.bs[-1])


def _xyz(surface, path, idx, three_d: bool):
    """Coordinates of path points ``idx``; in 3D, points off the grid become gaps (None)."""
    w, b, J = path.w[idx], path.b[idx], path.cost[idx]
    if not three_d:  # plain lists: hundreds of tiny arrays would each be base64-encoded (slow)
        return {"x": w.tolist(), "y": b.tolist()}
    J = J + lift_of(surface)
    keep = _on_grid(surface, w, b)
    if keep.all():
        return {"x": w.tolist(), "y": b.tolist(), "z": J.tolist()}
    return {axis: [v if k else None for v, k in zip(values.tolist(), keep, strict=True)]
            for axis, values in (("x", w), ("y", b), ("z", J))}


def _moving(surface, path, shown, k, three_d: bool):
    """What a frame carries: the coordinates of the trail (the last TRAIL_POINTS frame points up to
    ``k``) and of the marker there. The whole path is drawn faintly underneath, so the tail shows
    where the marker is going without every frame repeating the path so far.

    Frames hold coordinates only; colours and sizes stay those of the figure's own trail and marker.
    """
    scatter = go.Scatter3d if three_d else go.Scatter
    return [scatter(**_xyz(surface, path, shown[max(0, k + 1 - TRAIL_POINTS):k + 1], three_d)),
            scatter(**_xyz(surface, path, shown[k:k + 1], three_d))]


def _moving_styled(surface, path, shown, three_d: bool):
    """The trail and marker as they first appear (frame 0), with their names and styles."""
    trail, marker = _moving(surface, path, shown, 0, three_d)
    trail.update(mode="lines", name=t("descent.name_trail"), meta="trail", showlegend=False,
                 line={"color": PALETTE["vermillion"], "width": TRAIL_WIDTH})
    marker.update(mode="markers", name=t("descent.name_marker"), meta="marker",
                  marker={"color": PALETTE["orange"], "size": MARKER_SIZE_3D if three_d else MARKER_SIZE,
                          "line": {"color": PALETTE["black"], "width": 2}})
    return [trail, marker]


def _controls(fig, shown, speed: float, redraw: bool):
    """Play and Pause buttons and a frame slider labelled by the iteration each frame shows."""
    frame = {"duration": FRAME_MS / speed, "redraw": redraw}
    play = [None, {"frame": frame, "fromcurrent": True, "mode": "immediate", "transition": {"duration": 0}}]
    pause = [[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate", "transition": {"duration": 0}}]
    fig.update_layout(
        updatemenus=[{"type": "buttons", "direction": "left", "x": 0.0, "y": CONTROLS_Y, "xanchor": "left",
                      "yanchor": "top", "showactive": False,
                      "buttons": [{"label": t("descent.play"), "method": "animate", "args": play},
                                  {"label": t("descent.pause"), "method": "animate", "args": pause}]}],
        sliders=[{"active": 0, "x": 0.2, "len": 0.8, "y": CONTROLS_Y, "yanchor": "top", "pad": SLIDER_PAD,
                  "currentvalue": {"prefix": t("descent.slider_prefix")}, "ticklen": SLIDER_TICK,
                  "steps": [{"label": str(int(step)), "method": "animate",
                             "args": [[str(int(step))], {"frame": {"duration": 0, "redraw": redraw},
                                                         "mode": "immediate", "transition": {"duration": 0}}]}
                            for step in shown]}],
        height=CHART_HEIGHT)


def _animate(fig, surface, path, shown, speed: float, three_d: bool, mark):
    """Add the moving traces (indices 1, 2), the whole path faintly, the minimum, frames and controls."""
    for trace in _moving_styled(surface, path, shown, three_d):
        fig.add_trace(trace)
    everything = np.arange(path.w.size)
    scatter = go.Scatter3d if three_d else go.Scatter
    fig.add_trace(scatter(mode="lines+markers", name=t("descent.name_path"), meta="path", opacity=0.45,
                          line={"color": PALETTE["black"], "width": 1, "dash": "dot"}, marker={"size": 3},
                          **_xyz(surface, path, everything, three_d)))
    if mark is not None:
        fig.add_trace(mark_trace(mark, three_d=three_d, lift=lift_of(surface)))
    fig.frames = [go.Frame(name=str(int(step)), data=_moving(surface, path, shown, k, three_d), traces=[TRAIL, MARKER])
                  for k, step in enumerate(shown)]
    _controls(fig, shown, speed, redraw=three_d)
    return fig


def animated_contour(surface, path, shown, mark=None, *, speed: float = 1.0):
    """The path over the contour map; ``shown`` = the iterations that become frames (≤ 100)."""
    fig = contour_map(surface, title=t("descent.chart_contour"))
    return _animate(fig, surface, path, np.asarray(shown), speed, False, mark)


def animated_surface(surface, path, shown, mark=None, *, speed: float = 1.0):
    """The same path rolling over the rotatable 3D surface."""
    fig = surface_3d(surface, title=t("descent.chart_surface"), show_scale=False)
    return _animate(fig, surface, path, np.asarray(shown), speed, True, mark)


def cost_curve(paths, *, title: str):
    """J after each iteration for one or more runs; ``paths`` = [(core Path, name, colour)]."""
    fig = go.Figure()
    for path, name, colour in paths:
        fig.add_trace(go.Scatter(x=path.steps, y=path.cost, mode="lines", name=name, meta=f"cost_{path.loss}",
                                 line={"color": colour, "width": TRAIL_WIDTH}))
    return style(fig, title=title, x_title=t("descent.axis_iteration"), y_title="J(w, b)")


def path_contour(surface, path, mark=None, *, title: str, colour: str):
    """A finished path drawn over its contour map (no animation): the race's small multiples."""
    fig = contour_map(surface, mark, title=title, show_scale=False)
    fig.add_trace(go.Scatter(x=path.w, y=path.b, mode="lines+markers", name=t("descent.name_path"), meta="path",
                             line={"color": colour, "width": TRAIL_WIDTH}, marker={"size": 4}))
    return fig
