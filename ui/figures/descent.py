"""Charts of the gradient-descent lesson: the path of (w, b) animated over the contour map and the
3D surface, the cost per iteration, and a static path for the race between the two costs.

Animated figures hold the map (trace 0) once; each plotly frame carries ONLY the trail and the
moving marker (``traces=[TRAIL, MARKER]``), so the JSON stays small however long the run.
The contour map must stay drawn in every frame. plotly.js removes a contour trace's drawing when
a frame updates other traces (plotly.js#4491: the path was left on a white plot while Play ran,
with or without ``redraw``). So the animated map is a picture behind the plot
(ui.figures.map_image, a layout image, which frames never touch); the contour trace stays on top
with no colours and no lines, only for its colour bar and hover. Checked in a real browser by
tests/e2e/test_visual_descent.py (the plot area's colours while playing and while scrubbing).

When (w, b) leaves the drawn map (a large α), the marker stays on the map's edge, at the point
nearest to where it really is, with a note giving its true w and b.
Trace ``meta`` ids: "contour"/"surface", "trail", "marker", "path", "minimum", "now", "cost_<loss>".
"""

import numpy as np
import plotly.graph_objects as go

from ui.figures.finished import finished
from ui.figures.map_image import map_layout_image
from ui.figures.surface import CONTOURS, contour_map, corner_standoff, lift_of, mark_trace, surface_3d
from ui.i18n import t
from ui.theme import PALETTE, presenter_mode, style

TRAIL, MARKER = 1, 2  # trace indices the frames update; trace 0 (the map) is never repeated
TRAIL_POINTS = 15  # frame points in the marker's trail (a comet tail: frames stay O(frames), not O(frames²))
FRAME_MS = 120  # ms per frame at speed 1×
MARKER_SIZE = 13  # px, the moving (w, b) marker on the map
MARKER_SIZE_3D = 6  # px, the same marker in 3D
TRAIL_WIDTH = 3  # px
# The Play/Pause buttons sit below the plot, under the w axis's tick labels and title; the frame
# slider spans the whole width below the buttons. Distances are in chart font sizes, so the controls
# clear the axis title at every font (a fraction of the plot's height put them on "w" on a phone).
AXIS_ROOM_EM = 3.4  # tick labels, the axis title and a gap
BUTTONS_EM = 2.0  # the buttons' own height and a gap
SLIDER_TICK = 3  # px, short ticks: up to 100 of them share the slider
CONTROL_FONT, PRESENTER_CONTROL_FONT = 14, 28  # px, the buttons' and slider's text: on a projector above body text
CHART_HEIGHT = 580  # px: the animated charts need room for their controls
PRESENTER_CHART_HEIGHT = 860  # px: the same on a projector, where title, legend and controls are larger
# px: the 3D bowl's chart, lower: plotly sizes a 3D box by its scene's height, and at 580 px the box with its
# J title overflowed a 390-px phone's width; at 540 the scene is as tall as the cost-surface page's, which fits.
CHART_HEIGHT_3D = 540
NOTE_FONT = {"color": "#FFFFFF", "weight": "bold", "shadow": "1px 1px 2px #000000"}  # readable on any map colour
NOTE_FONT_3D = {"color": PALETTE["black"], "weight": "bold"}  # 3D text has no shadow; the box behind it is light
ON_MAP_NOTE = "\u00a0"  # a blank note, never "": plotly creates no text element for "", and frames
#                         drawn without a redraw would then never show a later off-map note


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


def _text_position(w: float, b: float, surface) -> str:
    """Where the off-map note goes: away from the edge the marker sits on, into the map."""
    vertical = "bottom" if b > surface.bs[-1] else "top" if b < surface.bs[0] else "middle"
    horizontal = "left" if w > surface.ws[-1] else "right" if w < surface.ws[0] else "center"
    return f"{vertical} {horizontal}"


def marker_at(surface, w: float, b: float, J: float, three_d: bool) -> dict:
    """The (w, b) marker's coordinates, pulled onto the map's edge when the point is off the map,
    with a note saying where it really is (empty while it is on the map)."""
    on_map = bool(_on_grid(surface, np.asarray(w), np.asarray(b)))
    cw = float(np.clip(w, surface.ws[0], surface.ws[-1]))
    cb = float(np.clip(b, surface.bs[0], surface.bs[-1]))
    note = ON_MAP_NOTE if on_map else t("visual.off_map", w=f"{w:.4g}", b=f"{b:.4g}")
    where = {"x": [cw], "y": [cb], "text": [note], "textposition": _text_position(w, b, surface)}
    if three_d:
        where["z"] = [float(np.clip(J, surface.J.min(), surface.J.max())) + lift_of(surface)]
    return where


def _moving(surface, path, shown, k, three_d: bool) -> list[dict]:
    """What a frame carries: the coordinates of the trail (the last TRAIL_POINTS frame points up to
    ``k``) and of the marker there. The whole path is drawn faintly underneath, so the tail shows
    where the marker is going without every frame repeating the path so far.

    Frames hold coordinates only; colours and sizes stay those of the figure's own trail and marker.
    Plain dicts, as plotly's to_dict() writes them: a hundred frames of graph objects cost more to
    check than the rest of the figure to build.
    """
    kind = "scatter3d" if three_d else "scatter"
    return [{**_xyz(surface, path, shown[max(0, k + 1 - TRAIL_POINTS):k + 1], three_d), "type": kind},
            {**marker_at(surface, path.w[shown[k]], path.b[shown[k]], path.cost[shown[k]], three_d), "type": kind}]


def _moving_styled(surface, path, shown, three_d: bool):
    """The trail and marker as they first appear (frame 0), with their names and styles."""
    scatter = go.Scatter3d if three_d else go.Scatter
    trail, marker = (scatter(**{k: v for k, v in trace.items() if k != "type"})
                     for trace in _moving(surface, path, shown, 0, three_d))
    trail.update(mode="lines", name=t("descent.name_trail"), meta="trail", showlegend=False,
                 line={"color": PALETTE["vermillion"], "width": TRAIL_WIDTH})
    marker.update(mode="markers+text", name=t("descent.name_marker"), meta="marker",
                  **({"textfont": NOTE_FONT_3D} if three_d else {"textfont": NOTE_FONT, "cliponaxis": False}),
                  marker={"color": PALETTE["orange"], "size": MARKER_SIZE_3D if three_d else MARKER_SIZE,
                          "line": {"color": PALETTE["black"], "width": 2}})
    return [trail, marker]


def _controls(fig, shown, speed: float, three_d: bool) -> dict:
    """Play and Pause buttons and a frame slider labelled by the iteration each frame shows; only 3D
    frames need a full redraw (the 2D map is a picture the frames never touch). Layout, as plain dicts."""
    redraw = three_d
    frame = {"duration": FRAME_MS / speed, "redraw": redraw}
    play = [None, {"frame": frame, "fromcurrent": True, "mode": "immediate", "transition": {"duration": 0}}]
    pause = [[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate", "transition": {"duration": 0}}]
    size = PRESENTER_CONTROL_FONT if presenter_mode() else CONTROL_FONT
    # 3D: its axes are inside the scene; 2D: below the map's w axis, its lowered tick labels and its title
    axis_room = 0 if three_d else round(AXIS_ROOM_EM * fig.layout.font.size) + corner_standoff(fig)
    font = {"size": size}
    return {
        "updatemenus": [{"type": "buttons", "direction": "left", "x": 0.0, "y": 0.0, "xanchor": "left",
                         "yanchor": "top", "showactive": False, "pad": {"t": axis_room}, "font": font,
                         "buttons": [{"label": t("descent.play"), "method": "animate", "args": play},
                                     {"label": t("descent.pause"), "method": "animate", "args": pause}]}],
        "sliders": [{"active": 0, "x": 0.0, "len": 1.0, "y": 0.0, "yanchor": "top", "font": font,
                     "pad": {"t": axis_room + round(BUTTONS_EM * size)},
                     "currentvalue": {"prefix": t("descent.slider_prefix"), "font": font}, "ticklen": SLIDER_TICK,
                     "steps": [{"label": str(int(step)), "method": "animate",
                                "args": [[str(int(step))], {"frame": {"duration": 0, "redraw": redraw},
                                                            "mode": "immediate", "transition": {"duration": 0}}]}
                               for step in shown]}],
        "height": PRESENTER_CHART_HEIGHT if presenter_mode() else CHART_HEIGHT_3D if three_d else CHART_HEIGHT}


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
    frames = [{"data": _moving(surface, path, shown, k, three_d), "name": str(int(step)), "traces": [TRAIL, MARKER]}
              for k, step in enumerate(shown)]
    return finished(fig, frames=frames, layout=_controls(fig, shown, speed, three_d))


def animated_contour(surface, path, shown, mark=None, *, speed: float = 1.0, picture: dict | None = None):
    """The path over the contour map; ``shown`` = the iterations that become frames (≤ 100); ``picture``:
    the map's layout image if already made (map_layout_image(surface, CONTOURS), the same for every path)."""
    fig = contour_map(surface, title=t("descent.chart_contour"))
    fig.update_traces(selector={"meta": "contour"}, contours={"coloring": "none", "showlines": False}, showlegend=False)
    fig.add_layout_image(picture or map_layout_image(surface, CONTOURS))
    fig.update_xaxes(showgrid=False, zeroline=False)
    fig.update_yaxes(showgrid=False, zeroline=False)
    return _animate(fig, surface, path, np.asarray(shown), speed, False, mark)


def animated_surface(surface, path, shown, mark=None, *, speed: float = 1.0):
    """The same path rolling over the rotatable 3D surface."""
    fig = surface_3d(surface, title=t("descent.chart_surface"))
    return _animate(fig, surface, path, np.asarray(shown), speed, True, mark)


def cost_curve(paths, *, title: str):
    """J after each iteration for one or more runs; ``paths`` = [(core Path, name, colour)]."""
    fig = go.Figure()
    for path, name, colour in paths:
        fig.add_trace(go.Scatter(x=path.steps, y=path.cost, mode="lines", name=name, meta=f"cost_{path.loss}",
                                 line={"color": colour, "width": TRAIL_WIDTH}))
    return style(fig, title=title, x_title=t("descent.axis_iteration"), y_title="J(w, b)")


def path_contour(surface, path, mark=None, *, title: str, colour: str, now: bool = False):
    """A finished path drawn over its contour map (no animation): the race's small multiples and
    the step-by-step map; ``now`` marks the path's last point as the current (w, b)."""
    fig = contour_map(surface, mark, title=title, show_scale=False)
    fig.add_trace(go.Scatter(x=path.w, y=path.b, mode="lines+markers", name=t("descent.name_path"), meta="path",
                             line={"color": colour, "width": TRAIL_WIDTH}, marker={"size": 4}))
    if now:
        where = marker_at(surface, path.w[-1], path.b[-1], path.cost[-1], False)
        fig.add_trace(go.Scatter(mode="markers+text", name=t("descent.name_marker"), meta="now", cliponaxis=False,
                                 textfont=NOTE_FONT, **where,
                                 marker={"color": PALETTE["orange"], "size": MARKER_SIZE,
                                         "line": {"color": PALETTE["black"], "width": 2}}))
    return fig
