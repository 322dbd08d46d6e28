"""The computation graph opens at step 0 with nothing revealed; every section below the graph shows only
what the current step has revealed, and the step lives in the link (?cg_step=)."""

import pytest

from core.lessons.graph import STEPS, revealed
from tests.pages.links import open_link, routed, shared_link  # noqa: F401 (routed is a fixture)
from ui.i18n import catalogue

TOTAL = len(STEPS)
DERIVATIVE_LINES = {"a": "da &=", "z": "dz &=", "w1": "dw_1 &= x_1"}  # chain-rule line of each revealed gradient


def _latex(at) -> str:
    return "\n".join(x.value for x in at.latex)


def _check_rows(at) -> list[str]:
    """The derivative column of the finite-difference table ([] when the table is not shown)."""
    tables = [tb.value for tb in at.table if catalogue("en")["graph.col_node"] in tb.value.columns]
    return list(tables[0].iloc[:, 0]) if tables else []


def test_page_opens_at_step_0_with_no_derivative_anywhere(routed):  # noqa: F811
    at = open_link("graph")
    assert not at.exception
    assert at.session_state["cg_step"] == 0 and "Step 0 of 8" in at.info[0].value
    latex = _latex(at)
    assert not any(line in latex for line in DERIVATIVE_LINES.values())
    assert "dw_1 &= \\frac{1}{m}" not in latex and "L_{\\text{new}}" not in latex
    assert _check_rows(at) == []
    m_table = next(tb.value for tb in at.table if "x1" in tb.value.columns)
    assert list(m_table.columns) == ["i", "x1", "x2", "y"]
    shown = " ".join(c.value for c in at.caption)
    for key in ("chain_hidden", "check_hidden", "update_hidden", "average_hidden"):
        assert catalogue("en")[f"graph_steps.{key}"] in shown
    assert "cg_step" not in shared_link(at)


@pytest.mark.parametrize("step", range(TOTAL + 1))
def test_each_section_shows_what_the_step_revealed(routed, step):  # noqa: F811
    at = open_link("graph", {"cg_step": str(step)})
    assert not at.exception and at.session_state["cg_step"] == step
    _, grads = revealed(step)
    latex = _latex(at)
    for node, line in DERIVATIVE_LINES.items():
        assert (line in latex) == (node in grads), (node, step)
    assert sorted(_check_rows(at)) == sorted(f"d{node}" for node in grads if node != "L")
    assert ("L_{\\text{new}}" in latex) == (step == TOTAL)


def test_next_step_is_written_into_the_link(routed):  # noqa: F811
    at = open_link("graph", {"cg_x1": "3"})
    at.button(key="cg_next").click().run()
    at.button(key="cg_next").click().run()
    assert at.session_state["cg_step"] == 2
    assert shared_link(at) == {"cg_x1": "3", "cg_step": "2"}
    fresh = open_link("graph", shared_link(at))
    assert fresh.session_state["cg_step"] == 2 and fresh.number_input(key="cg_x1").value == 3.0
