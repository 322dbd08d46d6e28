"""Charts of the cost-surface lesson: J(w, b) as a rotatable 3D surface and as a contour map.

Both take a core.lessons.surface.Surface (rows follow b, columns follow w) and an optional mark
(w, b, J, label) for the minimum. Traces carry a ``meta`` id ("surface", "contour", "minimum")
so tests can find them in the plotly spec. The descent charts build on these two.
"""

import numpy as np
import plotly.graph_objects as go

from ui.i18n import t
from ui.theme import PALETTE, SEQUENTIAL, presenter_mode, style

CONTOURS = 30  # contour levels on the map
MARK_SIZE = 14  # px, the minimum's marker on the map
MARK_SIZE_3D = 7  # px, the same marker in 3D (plotly draws 3D markers larger)
# plotly fixes a 3D view's vertical field of view, so a narrower chart shows less of the box's width: a
# footprint of 0.85 (and a flattened height, which reads better as a bowl) keeps the box, its tick labels
# and the w, b, J titles inside a 390-px phone's chart (a 1.0 footprint cut the w and b titles there).
SCENE_ASPECT = {"x": 0.85, "y": 0.85, "z": 0.7}
CAMERA_EYE = {"x": -1.25, "y": -1.25, "z": 0.7}  # from the (−w, −b) corner, above: the whole box fills the chart
# Look at a point below the box's middle: the view moves up, so the near corner and the w, b titles stay in the
# chart (closer, or centred, the near corner and the top of the surface were cut off); and a little towards
# the J axis, so the drawing (whose J title reaches further out than the w ticks) sits in the middle.
CAMERA_CENTER = {"x": -0.06, "y": 0.06, "z": -0.2}
CORNER_STANDOFF_EM = 0.8  # font sizes between a map's w axis and its tick labels (clear of the b labels at the corner)
SCENE_TICKS = 5  # at most this many tick labels per 3D axis
SCENE_TICK, SCENE_TITLE = 11, 15  # px, 3D tick labels and axis titles
PRESENTER_SCENE_TICK, PRESENTER_SCENE_TITLE = 15, 22  # px, the same on a projector
LIFT = 0.01  # 3D markers float this share of the J range above the surface so it never hides them
SENT_DTYPE = np.float32  # J's grid is sent as float32: half the bytes, 7 significant digits (hover shows 4 decimals)


def sent(J: np.ndarray) -> np.ndarray:
    """The cost grid as it is sent to the browser (plotly writes a NumPy array as a typed array of its dtype)."""
    return np.asarray(J, dtype=SENT_DTYPE)


def surface_trace(surface):
    """The 3D surface of J, coloured by height. No colour bar: the J axis already reads the height, and the bar
    took a fifth of a phone's width from the scene (the contour map below it keeps its bar)."""
    return go.Surface(x=surface.ws, y=surface.bs, z=sent(surface.J), colorscale=SEQUENTIAL, meta="surface",
                      name="J(w, b)", showscale=False, opacity=0.92,
                      hovertemplate="w = %{x:.3f}<br>b = %{y:.3f}<br>J = %{z:.4f}<extra></extra>")


def contour_trace(surface, *, show_scale: bool = True):
    """The contour map of J: the surface seen from above, each line one cost level."""
    return go.Contour(x=surface.ws, y=surface.bs, z=sent(surface.J), colorscale=SEQUENTIAL, meta="contour",
                      name="J(w, b)", ncontours=CONTOURS, showscale=show_scale,
                      colorbar={"title": {"text": "J"}, "len": 0.8},
                      contours={"coloring": "heatmap", "showlines": True},
                      line={"width": 0.5, "color": PALETTE["grey"]},
                      hovertemplate="w = %{x:.3f}<br>b = %{y:.3f}<br>J = %{z:.4f}<extra></extra>")


def mark_trace(mark, *, three_d: bool, lift: float = 0.0):
    """The minimum (or lowest grid point) as a star; mark = (w, b, J, label); 3D markers float ``lift`` higher."""
    w, b, J, label = mark
    style_ = {"color": PALETTE["vermillion"], "symbol": "diamond" if three_d else "star",
              "size": MARK_SIZE_3D if three_d else MARK_SIZE, "line": {"color": PALETTE["black"], "width": 1}}
    if three_d:
        return go.Scatter3d(x=[w], y=[b], z=[J + lift], mode="markers", name=label, meta="minimum", marker=style_)
    return go.Scatter(x=[w], y=[b], mode="markers", name=label, meta="minimum", marker=style_,
                      hovertemplate=f"{label}<br>w = %{{x:.4f}}<br>b = %{{y:.4f}}<br>J = {J:.5f}<extra></extra>")


def lift_of(surface) -> float:
    """How far above the surface 3D markers float: LIFT of the drawn J range."""
    return LIFT * float(surface.J.max() - surface.J.min())


def _scene_axis(title: str, low: float, high: float) -> dict:
    """One 3D axis: few ticks in a font smaller than its title, so titles and tick labels never
    overlap (3D text does not move out of each other's way as 2D axis labels do)."""
    tick, title_size = (PRESENTER_SCENE_TICK, PRESENTER_SCENE_TITLE) if presenter_mode() else (SCENE_TICK, SCENE_TITLE)
    return {"title": {"text": title, "font": {"size": title_size}}, "range": [low, high], "nticks": SCENE_TICKS,
            "tickfont": {"size": tick}}


def scene_layout(surface) -> dict:
    """3D axes named w, b, J, fixed to the grid so moving markers never rescale the box."""
    return {"xaxis": _scene_axis("w", surface.ws[0], surface.ws[-1]),
            "yaxis": _scene_axis("b", surface.bs[0], surface.bs[-1]),
            "zaxis": _scene_axis("J", float(surface.J.min()), float(surface.J.max())),
            "aspectmode": "manual", "aspectratio": SCENE_ASPECT, "camera": {"eye": CAMERA_EYE, "center": CAMERA_CENTER}}


def surface_3d(surface, mark=None, *, title: str):
    """J(w, b) as a surface the reader can rotate, zoom and hover, with the minimum marked."""
    fig = go.Figure(surface_trace(surface))
    if mark is not None:
        fig.add_trace(mark_trace(mark, three_d=True, lift=lift_of(surface)))
    style(fig, title=title)  # the legend above the scene: inside, it covered the J axis's tick labels
    fig.update_layout(scene=scene_layout(surface))
    return fig


def corner_standoff(fig) -> int:
    """px between a map's w axis and its tick labels, in the figure's font size (presenter type needs more)."""
    return round(CORNER_STANDOFF_EM * fig.layout.font.size)


def contour_map(surface, mark=None, *, title: str, show_scale: bool = True):
    """J(w, b) from above: contour lines of equal cost, with the minimum marked."""
    fig = go.Figure(contour_trace(surface, show_scale=show_scale))
    if mark is not None:
        fig.add_trace(mark_trace(mark, three_d=False))
    style(fig, title=title, x_title="w", y_title="b", legend_inside=True)
    # The map's ranges end on ticks: the x axis's first label sits below the corner where the y axis's lowest
    # label ends; a little lower, the two "−10"s no longer overlap.
    fig.update_xaxes(range=[surface.ws[0], surface.ws[-1]], ticklabelstandoff=corner_standoff(fig))
    fig.update_yaxes(range=[surface.bs[0], surface.bs[-1]])
    return fig


def title_for(loss: str) -> str:
    """The chart title naming the cost: cross-entropy (convex) or squared error (not convex)."""
    return t(f"surface.chart_{loss}")
