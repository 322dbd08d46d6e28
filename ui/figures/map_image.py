"""The contour map of J(w, b) as a picture behind the plot (a plotly layout image).

Why a picture: plotly.js removes a contour or heatmap trace's drawing when an animation frame
updates other traces (plotly.js#4491), so the descent animation left its path on a white plot
while Play ran or the slider moved, whatever ``redraw`` said. Layout images are never touched by
frames. The picture shades J with the same colour scale as the contour trace and draws a thin
line at every one of the map's CONTOURS levels, so it reads exactly like the contour map.
"""

import base64
import io

import numpy as np
import plotly.colors as pc
from PIL import Image

from ui.theme import SEQUENTIAL

PIXELS = 480  # picture width and height: about the plot's size on screen, so lines stay crisp
SHADES = 256  # colours sampled from the colour scale (the PNG keeps a 256-colour palette: ~20 KB)
LINE_MIX = 0.5  # a level line is the shade mixed half-and-half with LINE_GREY
LINE_GREY = 153.0  # the contour trace's line colour, #999999, per channel


def _resample(surface) -> np.ndarray:
    """J bilinearly interpolated onto PIXELS × PIXELS points of the drawn box, rows following b."""
    ws = np.linspace(surface.ws[0], surface.ws[-1], PIXELS)
    bs = np.linspace(surface.bs[0], surface.bs[-1], PIXELS)
    along_w = np.array([np.interp(ws, surface.ws, row) for row in surface.J])  # (G_b, PIXELS)
    return np.array([np.interp(bs, surface.bs, column) for column in along_w.T]).T  # (PIXELS, PIXELS)


def _colours(share: np.ndarray) -> np.ndarray:
    """RGB of each share of the J range (0 … 1) on the house colour scale, as floats."""
    scale = pc.sample_colorscale(SEQUENTIAL, list(np.linspace(0.0, 1.0, SHADES)))
    table = np.array([pc.unlabel_rgb(colour) for colour in scale], dtype=float)  # (SHADES, 3)
    return table[np.rint(share * (SHADES - 1)).astype(int)]


def map_picture(surface, levels: int) -> np.ndarray:
    """(PIXELS, PIXELS, 3) uint8: J shaded, with a grey line where it crosses one of ``levels`` levels;
    row 0 is the TOP of the map (the largest b), as pictures are stored."""
    J = _resample(surface)
    low, span = float(surface.J.min()), float(np.ptp(surface.J)) or 1.0
    share = np.clip((J - low) / span, 0.0, 1.0)
    rgb = _colours(share)
    level = np.minimum(np.floor(share * levels), levels - 1)
    edge = np.zeros(level.shape, dtype=bool)
    edge[:, 1:] |= level[:, 1:] != level[:, :-1]
    edge[1:, :] |= level[1:, :] != level[:-1, :]
    rgb[edge] = (1.0 - LINE_MIX) * rgb[edge] + LINE_MIX * LINE_GREY
    return np.rint(rgb[::-1]).astype(np.uint8)


def map_layout_image(surface, levels: int) -> dict:
    """A plotly layout image placing the map picture exactly on the drawn w and b ranges."""
    picture = Image.fromarray(map_picture(surface, levels)).convert("P", palette=Image.Palette.ADAPTIVE,
                                                                     colors=SHADES)
    buffer = io.BytesIO()
    picture.save(buffer, "png", optimize=True)
    source = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
    return {"source": source, "xref": "x", "yref": "y", "x": float(surface.ws[0]), "y": float(surface.bs[-1]),
            "sizex": float(surface.ws[-1] - surface.ws[0]), "sizey": float(surface.bs[-1] - surface.bs[0]),
            "sizing": "stretch", "layer": "below", "xanchor": "left", "yanchor": "top"}
