"""The computation graph's DOT text: a graph name that reads as the translated name and is new for new content."""

import pytest

from core.lessons.graph import STEPS, GraphPoint, forward_backward
from ui.figures.graph import INVISIBLE, NAME_BITS, graph_dot
from ui.i18n import catalogue

POINT = GraphPoint(x1=1.0, w1=0.5, x2=2.0, w2=-0.5, b=0.2, y=1.0)


def _name(dot: str) -> str:
    return dot.split('"', 2)[1]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_graph_is_named_as_the_reader_sees_it(lang):
    name = catalogue(lang)["graph.graph_name"]
    dot = graph_dot(POINT, forward_backward(POINT), 3, graph_name=name)
    assert dot.startswith(f'digraph "{name}') and dot.rstrip().endswith("}")
    shown, suffix = _name(dot)[:len(name)], _name(dot)[len(name):]
    assert shown == name and len(suffix) == NAME_BITS and set(suffix) <= set(INVISIBLE)


def test_every_step_and_every_new_input_gets_a_new_name():
    """d3-graphviz morphs the elements of two drawings whose names match (0.24 s of sampling per step):
    consecutive drawings must never share a name, an unchanged one keeps it."""
    values = forward_backward(POINT)
    names = [_name(graph_dot(POINT, values, step)) for step in range(len(STEPS) + 1)]
    assert len(set(names)) == len(names)
    moved = GraphPoint(x1=3.0, w1=0.5, x2=2.0, w2=-0.5, b=0.2, y=1.0)
    assert _name(graph_dot(moved, forward_backward(moved), 3)) != names[3]
    assert _name(graph_dot(POINT, values, 3)) == names[3]


def test_a_name_with_quotes_stays_inside_its_quotes():
    dot = graph_dot(POINT, forward_backward(POINT), 0, graph_name='say "hi" \\')
    assert dot.startswith('digraph "say \\"hi\\" \\\\')
