"""Real browser: the descent animation plays, the cost surface is real WebGL, URL parameters restore a view."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, wait_drawn, wait_idle

pytestmark = pytest.mark.browser

PLOT_MS = 120_000  # how long plotly may take to draw on a busy 2-core machine (WebGL is software-rendered)
MARKER = 2  # trace index of the moving (w, b) marker in the animated figures

# The animated contour map is the first plotly chart with frames on the page.
FIND_ANIMATED = """() => [...document.querySelectorAll('.js-plotly-plot')]
    .find(gd => gd._transitionData && gd._transitionData._frames && gd._transitionData._frames.length > 0)"""
MARKER_X = f"() => ({FIND_ANIMATED})()._fullData[{MARKER}].x[0]"
SLIDER_ACTIVE = f"() => ({FIND_ANIMATED})()._fullLayout.sliders[0].active"


def test_play_button_advances_the_descent_animation(page, app_url):
    page.goto(f"{app_url}/descent")
    wait_idle(page)
    page.wait_for_function(f"() => !!({FIND_ANIMATED})()", timeout=PLOT_MS)
    assert_no_exception(page)
    start_x = page.evaluate(MARKER_X)
    assert isinstance(start_x, (int, float))
    page.wait_for_function(f"() => ({SLIDER_ACTIVE})() === 0", timeout=PLOT_MS)  # at the start, not playing
    page.locator(".js-plotly-plot .updatemenu-button").filter(has_text="Play").first.click()
    page.wait_for_function(f"() => ({MARKER_X})() !== {json.dumps(start_x)}", timeout=PLOT_MS)
    page.wait_for_function(f"() => ({SLIDER_ACTIVE})() > 0", timeout=PLOT_MS)
    assert_no_exception(page)


def test_cost_surface_is_drawn_with_webgl(page, app_url):
    page.goto(f"{app_url}/surface")
    wait_idle(page)
    page.wait_for_selector(".js-plotly-plot .gl-container canvas", state="attached", timeout=PLOT_MS)
    assert_no_exception(page)
    expect(page.locator('[data-testid="stAlert"]').filter(has_text="Error")).to_have_count(0)


def test_url_learning_rate_restores_a_diverging_run(page, app_url):
    page.goto(f"{app_url}/descent?gd_learning_rate=100")
    wait_idle(page)
    page.get_by_text("α = 100").first.wait_for(timeout=PLOT_MS)
    assert_no_exception(page)


def test_descent_3d_bowl_tab_draws_the_animated_surface(page, app_url):
    page.goto(f"{app_url}/descent")
    wait_drawn(page, PLOT_MS)  # every chart of the first tab is drawn ...
    expect(page.locator(".js-plotly-plot .gl-container canvas")).to_have_count(0)  # ... and none is 3D: lazy
    page.get_by_role("tab", name="3D bowl (rotate it)").click()
    wait_idle(page)
    page.wait_for_selector(".js-plotly-plot .gl-container canvas", state="attached", timeout=PLOT_MS)
    assert_no_exception(page)


def test_race_box_opens_and_draws_both_paths(page, app_url):
    page.goto(f"{app_url}/descent")
    expect(page.locator(".js-plotly-plot").first).to_be_attached(timeout=PLOT_MS)  # the first run has drawn
    wait_drawn(page, PLOT_MS)  # every chart the page sent is drawn, so the count is final
    before = page.locator(".js-plotly-plot").count()
    assert before >= 1
    page.get_by_text("Race: cross-entropy against squared error").click()
    wait_idle(page)
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot').length >= {before + 2}", timeout=PLOT_MS)
    expect(page).to_have_url(re.compile("gd_race"))  # the open box is part of a shared link
    assert_no_exception(page)


def test_one_click_goes_back_to_the_first_tab_after_the_link_recorded_the_second(page, app_url):
    page.goto(f"{app_url}/descent")
    wait_drawn(page, PLOT_MS)
    page.get_by_role("tab", name="3D bowl (rotate it)").click()
    expect(page).to_have_url(re.compile("gd_view=surface"))  # the link now records the open tab
    wait_drawn(page, PLOT_MS)
    page.get_by_role("tab", name="Contour map").click()  # one click, as a student would
    wait_idle(page)
    expect(page.get_by_role("tab", name="Contour map")).to_have_attribute("aria-selected", "true")
    expect(page.locator(".st-key-gd_chart_view [data-view=contour] .js-plotly-plot")).to_be_visible(timeout=PLOT_MS)
    expect(page).not_to_have_url(re.compile("gd_view"))
    assert_no_exception(page)
