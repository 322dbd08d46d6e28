"""Real browser: what a class sees. Presenter mode makes headline numbers larger than body text; the
computation graph fits one screen; no formula is cut, on every page at 1366 px and on a phone; the
cat page says its test-set slider is off while an own photo is shown. Everything measured is what
Chromium computed and laid out (computed styles, element boxes), never the Python side."""

import io

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, lesson_slugs, wait_idle

pytestmark = pytest.mark.browser

RENDER_MS = 90_000  # a page's run plus drawing on a busy 2-core machine
HEADLINE_FACTOR = 1.8  # presenter metric values must be at least this many times the body text
RESULT_FACTOR = 1.15  # presenter result lines (alert boxes) must be at least this much larger than body text
PRESENTER = {"width": 1920, "height": 1080}  # a projector
LAPTOP = {"width": 1366, "height": 768}  # the smallest common classroom laptop screen
PHONE = {"width": 390, "height": 844}  # a phone held upright
SLACK_PX = 1  # rounding of layout boxes
SEED = 3  # the generated upload photo

BODY_PX = """() => parseFloat(getComputedStyle([...document.querySelectorAll('[data-testid="stMarkdownContainer"] p')]
    .find(p => !p.closest('[data-testid="stMetric"], [data-testid="stAlert"], [data-testid="stSidebar"]'))).fontSize)"""
METRIC_PX = """() => [...document.querySelectorAll('[data-testid="stMetricValue"] p')]
    .map(p => parseFloat(getComputedStyle(p).fontSize))"""
ALERT_PX = """() => [...document.querySelectorAll('[data-testid="stAlert"] [data-testid="stMarkdownContainer"] p')]
    .map(p => parseFloat(getComputedStyle(p).fontSize))"""
# Every display formula either fits its box or its box scrolls sideways; none is cut at top or bottom.
CLIPPED_FORMULAS = """() => [...document.querySelectorAll('.katex-display')].filter(box => {
    const style = getComputedStyle(box);
    const wide = box.scrollWidth > box.clientWidth + 1 && !['auto', 'scroll'].includes(style.overflowX);
    const inner = box.querySelector('.katex').getBoundingClientRect(), outer = box.getBoundingClientRect();
    const tall = inner.top < outer.top - 1 || inner.bottom > outer.bottom + 1;
    return wide || tall; }).map(box => box.textContent.slice(0, 80))"""
# Page-link labels (Home's lesson list) shown whole: no label wider than its box.
CUT_LINKS = """() => [...document.querySelectorAll('[data-testid="stPageLink-NavLink"] p')]
    .filter(p => p.scrollWidth > p.clientWidth + 1).map(p => p.textContent)"""


def _open(page, url: str, viewport: dict) -> None:
    page.set_viewport_size(viewport)
    page.goto(url)
    wait_idle(page, timeout=RENDER_MS)
    assert_no_exception(page)


def test_presenter_mode_makes_headline_numbers_larger_than_body_text(page, app_url):
    _open(page, f"{app_url}/cat_classifier?present=1", PRESENTER)
    page.locator('[data-testid="stMetricValue"]').first.wait_for(timeout=RENDER_MS)
    body = page.evaluate(BODY_PX)
    metrics, alerts = page.evaluate(METRIC_PX), page.evaluate(ALERT_PX)
    assert metrics and alerts
    assert min(metrics) >= HEADLINE_FACTOR * body, (metrics, body)
    assert min(alerts) >= RESULT_FACTOR * body, (alerts, body)


@pytest.mark.parametrize("query, viewport", [("?present=1", PRESENTER), ("", LAPTOP)])
def test_computation_graph_fits_one_screen_height(page, app_url, query, viewport):
    _open(page, f"{app_url}/graph{query}", viewport)
    graph = page.locator('[data-testid="stGraphVizChart"] svg').first
    graph.wait_for(timeout=RENDER_MS)
    box = graph.bounding_box()
    assert 0 < box["height"] <= viewport["height"] - SLACK_PX, box


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1366", "phone"])
@pytest.mark.parametrize("slug", lesson_slugs())
def test_no_formula_or_lesson_link_is_cut(page, app_url, slug, viewport):
    _open(page, f"{app_url}/{slug}", viewport)
    assert page.evaluate(CLIPPED_FORMULAS) == []
    assert page.evaluate(CUT_LINKS) == []


def test_presenter_formulas_are_not_cut(page, app_url):
    for slug in ("sigmoid", "rank_one", "cat_classifier"):
        _open(page, f"{app_url}/{slug}?present=1", PRESENTER)
        page.locator(".katex-display").first.wait_for(timeout=RENDER_MS)
        assert page.evaluate(CLIPPED_FORMULAS) == [], slug


def _png() -> bytes:
    pixels = np.random.default_rng(SEED).integers(0, 256, (80, 80, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "PNG")
    return buffer.getvalue()


def test_test_set_slider_is_disabled_with_a_note_while_an_upload_is_shown(page, app_url):
    _open(page, f"{app_url}/cat_classifier", LAPTOP)
    slider = page.locator('[data-testid="stSlider"] input[type="range"]').first
    slider.wait_for(state="attached", timeout=RENDER_MS)
    expect(slider).to_be_enabled()
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(
        {"name": "noise.png", "mimeType": "image/png", "buffer": _png()})
    page.get_by_text("The test-set slider is off while your own photo is shown").wait_for(timeout=RENDER_MS)
    wait_idle(page, timeout=RENDER_MS)
    expect(slider).to_be_disabled(timeout=RENDER_MS)
    verdict = page.locator('[data-testid="stAlert"]').filter(has_text="How far to trust this")
    assert verdict.count() == 1
    assert_no_exception(page)
