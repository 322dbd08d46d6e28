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


def _merged(old: dict, new: dict) -> dict:
    """``old`` with ``new``'s values written as plotly's ``to_dict`` writes them; a plain dict in ``new``
    is merged into the dict it replaces (a marker's colour keeps its size and symbol)."""
    out = dict(old)
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(old.get(key), dict):
            out[key] = _merged(old[key], value)
        else:
            wrapped = {key: value}
            convert_to_base64(wrapped)  # a NumPy array becomes a base64 typed array, as in to_dict
            out[key] = wrapped[key]
    return out


def refilled(template: FinishedFigure, traces: dict[int, dict]) -> FinishedFigure:
    """``template`` with new values for some properties of some of its traces (``{trace index: {property:
    value}}``; a dict value is merged into the property's dict, so ``{"marker": {"color": c}}`` keeps the
    marker's size). Everything else, the layout above all, is the template's, shared and never copied.

    For a chart whose look is the same for every input and whose data change on every rerun (the cat
    page's charts change with each photo): the template is the chart built once by its own builder and
    made ``finished``, so plotly checks its styling once; a rerun only writes the new data in, as
    ``to_dict`` would have written them (NumPy arrays as base64 typed arrays)."""
    spec = template.to_dict()
    data = list(spec["data"])
    for index, props in traces.items():
        data[index] = _merged(data[index], props)
    return FinishedFigure({**spec, "data": data})
