"""A finished figure: plotly's dict made once, for figures that are cached and never changed again.

Streamlit calls ``to_dict()`` on a figure every time it is shown (a deep copy of every trace, ~0.1 s for
an animation on a busy machine). A figure that is cached and shared is the same on every rerun, so its
dict can be made once. ``FinishedFigure`` holds only that dict: its Python attributes (``fig.data``,
``fig.layout``, ``fig.frames``) are empty, and ``to_dict()``, which is what is sent, has everything.
"""

import plotly.graph_objects as go
from _plotly_utils.utils import convert_to_base64


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


def _merged(old: dict | list, new: dict):
    """``old`` with ``new``'s values, written as plotly's ``to_dict`` writes them (a NumPy array as a base64
    typed array). A dict in ``new`` is merged into the dict or list it replaces: ``{"marker": {"color": c}}``
    keeps the marker's size; ``{"shapes": {3: {"x0": z}}}`` changes one shape of the list. Only what
    changes is copied: the rest is shared with ``old``."""
    out = list(old) if isinstance(old, list) else dict(old)
    for key, value in new.items():
        before = old[key] if isinstance(old, list) else old.get(key)
        if isinstance(value, dict) and isinstance(before, dict | list):
            out[key] = _merged(before, value)
        else:
            wrapped = {key: value}
            convert_to_base64(wrapped)
            out[key] = wrapped[key]
    return out


def refilled(template: FinishedFigure, changes: dict) -> FinishedFigure:
    """``template`` with ``changes``, a tree shaped like the figure's dict whose lists are written as
    ``{index: ...}``: ``{"data": {1: {"x": [z]}}, "layout": {"shapes": {3: {"x0": z, "x1": z}}}}``.

    For a chart whose look is the same on every rerun and whose numbers change (the cat page's charts with
    each photo, the sigmoid page's with each slider): the template is the chart built once by its own
    builder and made ``finished``, so plotly checks its styling once; a rerun writes only the new numbers
    in (about 1 ms against about 10 ms to build and style the chart again), and everything else, the
    layout above all, is the template's, shared and never copied."""
    return FinishedFigure(_merged(template.to_dict(), changes))
