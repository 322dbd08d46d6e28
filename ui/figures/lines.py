"""Lines across a whole chart (σ's range, the 0.5 threshold, a marker's z) as plain layout shapes.

plotly's ``add_hline``/``add_vline`` work out which subplots a line spans and check every shape and label
one by one: about 8 ms a line here, more than the rest of a small chart. These give the same shapes and
labels (tests/ui/test_figure_lines.py compares them with plotly's own) and ``add_lines`` adds them in one
layout update.
"""

LABEL_PLACES = {  # annotation_position -> (x on the axis's domain, xanchor, yanchor), as plotly's add_hline places it
    "top left": (0, "left", "bottom"),
    "top right": (1, "right", "bottom"),
    "bottom right": (1, "right", "top"),
}


def _line(colour: str, dash: str | None) -> dict:
    return {"color": colour} if dash is None else {"color": colour, "dash": dash}


def hline(y: float, *, colour: str, dash: str | None = None) -> dict:
    """A horizontal line at ``y`` across the whole plot."""
    return {"type": "line", "xref": "x domain", "x0": 0, "x1": 1, "yref": "y", "y0": y, "y1": y,
            "line": _line(colour, dash)}


def vline(x: float, *, colour: str, dash: str | None = None) -> dict:
    """A vertical line at ``x`` across the whole plot."""
    return {"type": "line", "xref": "x", "x0": x, "x1": x, "yref": "y domain", "y0": 0, "y1": 1,
            "line": _line(colour, dash)}


def hline_label(text: str, y: float, position: str) -> dict:
    """The label of the horizontal line at ``y``, at one of LABEL_PLACES."""
    x, xanchor, yanchor = LABEL_PLACES[position]
    return {"showarrow": False, "text": text, "x": x, "xanchor": xanchor, "xref": "x domain", "y": y,
            "yanchor": yanchor, "yref": "y"}


def add_lines(fig, shapes: list[dict], labels: list[dict] = ()):
    """Add ``shapes`` (hline/vline) and their ``labels`` to ``fig`` in one layout update; returns ``fig``."""
    return fig.update_layout(shapes=[*fig.layout.shapes, *shapes], annotations=[*fig.layout.annotations, *labels])
