"""Real browser: the sigmoid and loss pages render cleanly, draw their plotly charts, and restore URL state."""

import pytest
from playwright.sync_api import expect

from bench.browser import CHART_BOXES
from tests.e2e.conftest import assert_no_exception, wait_idle

pytestmark = pytest.mark.browser

CHART = CHART_BOXES  # plotly charts: Streamlit's own and the live ones (ui/live_chart.py)
PLOT_SVG = f"{CHART} .main-svg"  # the SVG plotly draws once the chart is on screen
CHART_TIMEOUT_MS = 120_000  # plotly draws after the script run finishes (a budget, on a busy machine)


def _open(page, url):
    page.goto(url)
    wait_idle(page)
    page.locator(PLOT_SVG).first.wait_for(state="visible", timeout=CHART_TIMEOUT_MS)


def test_sigmoid_page_renders_with_a_visible_plotly_chart(page, app_url):
    _open(page, f"{app_url}/sigmoid")
    assert_no_exception(page)
    page.get_by_role("heading", name="The sigmoid σ(z)").first.wait_for()
    expect(page.locator(CHART)).to_have_count(2)
    expect(page.locator(f"{CHART} .scatterlayer .trace").first).to_be_visible()
    page.get_by_text("overflow encountered in exp").first.wait_for()


def test_loss_page_renders_all_its_charts(page, app_url):
    _open(page, f"{app_url}/loss")
    assert_no_exception(page)
    page.get_by_role("heading", name="Loss and likelihood").first.wait_for()
    expect(page.locator(CHART)).to_have_count(5)
    page.get_by_text("not convex").first.wait_for()


def test_url_restores_the_sigmoid_sliders(page, app_url):
    _open(page, f"{app_url}/sigmoid?sig_z=3.0&sig_w=-1.5")
    assert_no_exception(page)
    thumbs = page.locator('[data-testid="stSliderThumbValue"]')  # z, w, b in page order
    expect(thumbs.nth(0)).to_have_text("3.00")  # retrying: values arrive as React settles
    expect(thumbs.nth(1)).to_have_text("-1.50")


def test_chinese_loss_page_renders_in_chromium(page, app_url):
    _open(page, f"{app_url}/loss?lang=zh")
    assert_no_exception(page)
    page.get_by_role("heading", name="损失函数与似然").first.wait_for()
