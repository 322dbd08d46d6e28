"""Real browser: the computation graph is drawn as SVG (Graphviz in the browser) and the reveal works."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, wait_idle

pytestmark = pytest.mark.browser

GRAPH = '[data-testid="stGraphVizChart"] svg'  # the SVG that d3-graphviz draws


def test_graph_page_draws_the_graphviz_svg_without_exception(page, app_url):
    page.goto(f"{app_url}/graph")
    wait_idle(page)
    svg = page.locator(GRAPH).first
    for label in ("a = σ(z)", "L(a, y)", "dw1 = ", "db = "):
        expect(svg).to_contain_text(label)  # retries while d3-graphviz draws
    assert_no_exception(page)


def test_start_over_then_next_step_redraws_the_svg(page, app_url):
    page.goto(f"{app_url}/graph")
    wait_idle(page)
    page.get_by_role("button", name="Start over").click()
    wait_idle(page)
    page.locator(GRAPH).first.get_by_text("z = ?", exact=True).wait_for()
    page.get_by_role("button", name="Next step").click()
    wait_idle(page)
    page.get_by_text("Step 1 of 8", exact=False).first.wait_for()
    page.locator(GRAPH).first.get_by_text("x1 = 1", exact=True).wait_for()
    assert_no_exception(page)


def test_next_step_replaces_the_drawing_instead_of_morphing_it(page, app_url):
    """d3-graphviz morphs the nodes of two drawings it can match by name, sampling points along every
    outline (0.24 s a step here, with nothing animated); each drawing's new graph name matches nothing,
    so the new drawing replaces the old one: the old nodes leave the page."""
    page.goto(f"{app_url}/graph?cg_step=2")
    wait_idle(page)
    svg = page.locator(GRAPH).first
    expect(svg).to_contain_text("z = ?")
    page.evaluate(f"() => {{ window.__node = document.querySelector({GRAPH!r} + ' g.node'); }}")
    assert page.evaluate("() => window.__node.isConnected")
    page.get_by_role("button", name="Next step").click()
    page.get_by_text("Step 3 of 8", exact=False).first.wait_for()
    page.wait_for_function("() => !window.__node.isConnected")  # retries while d3-graphviz draws
    expect(svg.locator("g.node")).to_have_count(9)
    expect(page.locator('[data-testid="stGraphVizChart"] svg > g > title')).to_contain_text("Computation graph")
    assert_no_exception(page)
