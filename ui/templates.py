"""Charts refilled from a template: built and checked by plotly once per Look, then only their numbers change.

A chart whose words, colours and sizes depend only on the Look (language, presenter mode) and whose numbers
change on every rerun (the cat page's charts with each photo, the sigmoid page's with each slider) is built
once per Look by its own builder, with stand-in numbers, and kept as a ``FinishedFigure``; each rerun writes
its numbers in with ``ui.figures.finished.refilled``. Building and styling a small chart costs about 10 ms
of plotly's checks; refilling one about 1 ms. Each builder has a ``*_data`` function that gives the numbers
in the shape ``refilled`` takes, and the builder itself draws from that function, so there is one place
that says what a number turns into; tests compare every refilled chart with its builder's figure.
"""

import streamlit as st

from ui.figures.finished import FinishedFigure, finished, refilled
from ui.theme import Look, current_look

TEMPLATE_ENTRIES = 64  # (chart, Look) pairs remembered: a dozen charts in 2 languages, with and without presenter mode


@st.cache_resource(max_entries=TEMPLATE_ENTRIES, show_spinner=False)
def _template(name: str, look: Look, _build) -> FinishedFigure:
    """The chart ``name`` as ``_build()`` makes it for this Look (``look`` is in the key, the builder reads it)."""
    return finished(_build())


def refilled_chart(name: str, build, numbers: dict) -> FinishedFigure:
    """The chart ``name`` with ``numbers``: ``build()`` (no arguments: its builder with stand-in numbers)
    makes the template, once per Look; ``numbers`` come from the builder's ``*_data`` function. ``name``
    must be unique to ``build``: it is the cache key."""
    return refilled(_template(name, current_look(), build), numbers)
