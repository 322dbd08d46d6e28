"""A finished figure: plotly's dict made once, for figures that are cached and never changed again.

Streamlit calls ``to_dict()`` on a figure every time it is shown (a deep copy of every trace, ~0.1 s for
an animation on a busy machine). A figure that is cached and shared is the same on every rerun, so its
dict can be made once. ``FinishedFigure`` holds only that dict: its Python attributes (``fig.data``,
``fig.layout``, ``fig.frames``) are empty, and ``to_dict()``, which is what is sent, has everything.
"""

import plotly.graph_objects as go


class FinishedFigure(go.Figure):
    """A figure whose dict is ``spec``, never built into graph objects again."""

    def __init__(self, spec: dict):
        super().__init__()
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec


def finished(fig: go.Figure, *, frames: list[dict] | None = None, layout: dict | None = None) -> FinishedFigure:
    """``fig`` as a FinishedFigure, with ``layout`` merged into its layout and ``frames`` added (plain dicts,
    as plotly writes them: plotly checks nothing it is given this way, so tests build them back through
    go.Figure to prove them valid)."""
    spec = fig.to_dict()
    if layout:
        spec["layout"].update(layout)
    if frames is not None:
        spec["frames"] = frames
    return FinishedFigure(spec)
