"""AppTest of the computation-graph page: graph, step reveal, gradient check, update and m examples."""

import math
import re

import pytest

from core.lessons.graph import STEPS
from tests.pages.conftest import open_page, table_with_column, the_one

PAGE = "pages/graph.py"


def _dot(at) -> str:
    (chart,) = at.get("graphviz_chart")  # the page draws exactly one graph
    return chart.proto.spec


def _status(at) -> str:
    """The step-reveal status line ("Step k of 8: …")."""
    return the_one(at.info, "Step").value


def _number(text: str) -> float:
    return float(text.replace("−", "-").replace("∞", "inf"))


def _on_node(at, name: str) -> float:
    """The number shown as ``name = value`` on the graph."""
    match = re.search(rf">{re.escape(name)} = ([^<]+)</font>", _dot(at))
    assert match, f"{name} not shown"
    return _number(match.group(1))


@pytest.mark.parametrize("lang, title", [("en", "Computation graph and backpropagation"), ("zh", "计算图与反向传播")])
def test_page_renders_graph_in_both_languages(lang, title):
    at = open_page(PAGE, lang=lang)
    assert not at.exception
    assert the_one(at.title).value == title
    assert _dot(at).startswith("digraph")
    assert "nan" not in _dot(at).lower()


def test_editing_x1_changes_z_and_the_gradients_on_the_graph():
    at = open_page(PAGE, cg_step=len(STEPS))
    z_before, dw1_before = _on_node(at, "z"), _on_node(at, "dw1")
    at.number_input(key="cg_x1").set_value(3.0).run()
    assert not at.exception
    z = 0.5 * 3.0 - 0.5 * 2.0 + 0.2  # w1·x1 + w2·x2 + b with the page's defaults and x1 = 3
    dz = 1.0 / (1.0 + math.exp(-z)) - 1.0  # a − y with y = 1
    assert _on_node(at, "z") == pytest.approx(z, rel=1e-3) and _on_node(at, "z") != z_before
    assert _on_node(at, "dz") == pytest.approx(dz, rel=1e-3)
    assert _on_node(at, "dw1") == pytest.approx(3.0 * dz, rel=1e-3) and _on_node(at, "dw1") != dw1_before


def _hidden(at, name: str) -> bool:
    """True when the node line ``name = ?`` is still hidden on the graph."""
    return f">{name} = ?<" in _dot(at)


def test_step_control_reveals_forward_then_backward():
    at = open_page(PAGE, cg_step=len(STEPS))
    at.button(key="cg_reset").click().run()
    assert "Step 0 of 8" in _status(at)
    assert _hidden(at, "x1") and _hidden(at, "z")
    at.button(key="cg_next").click().run()
    assert "Step 1 of 8" in _status(at)
    assert ">x1 = 1<" in _dot(at) and _hidden(at, "z") and _hidden(at, "dz") and _hidden(at, "dx1")
    at.button(key="cg_next").click().run()
    assert "Step 2 of 8" in _status(at) and not _hidden(at, "z") and _hidden(at, "a")
    at.button(key="cg_all").click().run()
    assert "Step 8 of 8" in _status(at) and "?" not in _dot(at)
    at.button(key="cg_prev").click().run()
    assert "Step 7 of 8" in _status(at) and _hidden(at, "dw1") and not _hidden(at, "dz")


def test_analytic_and_numeric_derivatives_agree_to_1e_6():
    at = open_page(PAGE, cg_step=len(STEPS))
    table = table_with_column(at, "Derivative")
    analytic, numeric, diff = (table.iloc[:, i].map(_number) for i in (1, 2, 3))
    assert len(table) == 7
    assert ((analytic - numeric).abs() < 1e-6).all() and (diff < 1e-6).all()


def test_one_update_shows_new_parameters_and_a_lower_loss():
    at = open_page(PAGE, cg_step=len(STEPS))
    at.number_input(key="cg_alpha").set_value(0.3).run()
    text = " ".join(m.value for m in at.get("latex") if hasattr(m, "value"))
    assert r"\alpha" in text and "L_{\\text{new}}" in text
    w1_new = 0.5 - 0.3 * (1.0 * (1.0 / (1.0 + math.exp(0.3)) - 1.0))  # z = −0.3 at the defaults, y = 1
    assert f"= {w1_new:.4g}" in text


def test_loop_and_vectorized_m_example_results_are_equal():
    at = open_page(PAGE, cg_step=len(STEPS))
    at.number_input(key="cg_m").set_value(6).run()
    assert not at.exception
    assert len(table_with_column(at, "dz = a − y")) == 6
    averaged = table_with_column(at, "Quantity")
    assert list(averaged.iloc[:, 1]) == list(averaged.iloc[:, 2])
    equal = the_one(at.success, "largest difference").value
    assert _number(equal.split("difference ")[1].rstrip(".")) < 1e-12


def test_saturated_output_explains_infinite_da_in_words():
    at = open_page(PAGE, cg_step=len(STEPS))
    for name in ("cg_x1", "cg_w1", "cg_x2", "cg_w2", "cg_b"):
        at.number_input(key=name).set_value(10.0).run()
    at.radio(key="cg_y").set_value(0).run()
    assert not at.exception
    assert "infinite" in the_one(at.warning).value
    assert "da = ∞" in _dot(at) and "nan" not in _dot(at).lower()
    assert "not defined" in table_with_column(at, "Derivative").iloc[0, 2]
