"""Real browser: what a class sees. Presenter mode makes headline numbers larger than body text and
never leaves widget text, tables or the animation's controls smaller than it, nor cuts anything; the computation graph
fits one screen; 3D charts draw their box inside the chart (nothing cut at 1366 px or on a phone is
checked on every page by test_every_page_browser.py); the cat page says its test-set slider is off
while an own photo is shown, and its uploader speaks Chinese on a Chinese page. Everything measured
is what Chromium computed and laid out (computed styles, element boxes), never the Python side."""

import io
import re
import time

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.conftest import IDLE_TIMEOUT_MS, assert_no_exception, wait_drawn, wait_idle
from tests.e2e.layout import what_is_cut

pytestmark = pytest.mark.browser

RENDER_MS = IDLE_TIMEOUT_MS  # a page's run plus drawing on a busy 2-core machine
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
# Text inside widgets and tables, and the animation's controls: [what, font size in px].
WIDGET_TEXT_PX = """() => {
    const size = el => parseFloat(getComputedStyle(el).fontSize);
    const main = document.querySelector('[data-testid="stMain"]');
    const pick = (what, sel) => [...main.querySelectorAll(sel)].filter(el => el.getClientRects().length)
        .map(el => el.querySelector('p') || el)  // the paragraph that holds a widget's text, if any
        .map(el => [what + ': ' + (el.value || el.textContent).slice(0, 30), size(el)]);
    return [...pick('input', 'input[type="text"], input[type="number"], input[role="combobox"], textarea'),
            ...pick('table', '[data-testid="stTable"] td, [data-testid="stTable"] th'),
            ...pick('tab', '[data-baseweb="tab"] p'), ...pick('choice', '[data-testid="stRadio"] label p'),
            ...pick('slider value', '[data-testid="stSliderThumbValue"]'),
            ...pick('chart control', '.updatemenu-button text, .slider-container text')]; }"""
PRESENTER_STYLED = "() => parseFloat(getComputedStyle(document.documentElement).fontSize) > 16"  # 130 % root
PLAY_BOX = """() => { const b = document.querySelector('.updatemenu-button').getBoundingClientRect();
    return {width: b.width, height: b.height}; }"""
PLAY_HEIGHT_FACTOR = 1.4  # presenter: the Play button at least this many body-text sizes tall
PRESENTER_PAGES = ("sigmoid", "loss", "descent", "rank_one", "broadcasting", "cat_classifier")  # metrics, tables,
# inputs, animation, panel titles


def _open(page, url: str, viewport: dict) -> None:
    page.set_viewport_size(viewport)
    page.goto(url)
    wait_drawn(page, timeout=RENDER_MS)
    assert_no_exception(page)


@pytest.mark.parametrize("slug", PRESENTER_PAGES)
def test_presenter_mode_makes_numbers_larger_and_nothing_smaller_than_body_text(page, app_url, slug, request):
    if slug == "cat_classifier":
        request.getfixturevalue("course_dir")  # its formulas and metrics are about a course photo: skip without
    _open(page, f"{app_url}/{slug}?present=1", PRESENTER)
    page.wait_for_function(PRESENTER_STYLED, timeout=RENDER_MS)
    page.locator(".katex-display").first.wait_for(timeout=RENDER_MS)
    if slug in ("sigmoid", "cat_classifier"):  # pages whose headline numbers are st.metric values
        page.locator('[data-testid="stMetricValue"]').first.wait_for(timeout=RENDER_MS)
    assert what_is_cut(page) == {}  # presenter type is larger: titles and formulas need more room
    body = page.evaluate(BODY_PX)
    metrics, alerts = page.evaluate(METRIC_PX), page.evaluate(ALERT_PX)
    assert all(size >= HEADLINE_FACTOR * body for size in metrics), (metrics, body)
    assert all(size >= RESULT_FACTOR * body for size in alerts), (alerts, body)
    small = [(what, size) for what, size in page.evaluate(WIDGET_TEXT_PX) if size < body - SLACK_PX]
    assert small == [], (small, body)
    expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(0)  # a canvas grid draws at a fixed 13 px
    if slug in ("sigmoid", "cat_classifier"):
        assert metrics and alerts  # the headline numbers were there to measure
    if slug == "descent":
        page.locator(".updatemenu-button").first.wait_for(timeout=RENDER_MS)  # the animated map has drawn its controls
        assert page.evaluate(PLAY_BOX)["height"] >= PLAY_HEIGHT_FACTOR * body
    if slug == "loss":
        expect(page.locator('[data-testid="stTable"] td').first).to_be_visible()


# The graph's smallest node text as drawn, in CSS px: its font size in the SVG's units times the SVG's scale.
GRAPH_TEXT_PX = """svg => { const scale = svg.getBoundingClientRect().height / svg.viewBox.baseVal.height;
    const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * scale);
    return Math.min(...sizes); }"""
PAGE_SCROLLS_SIDEWAYS = "() => document.documentElement.scrollWidth > innerWidth + 1"


@pytest.mark.parametrize("query, viewport", [("?present=1", PRESENTER), ("", LAPTOP), ("", PHONE)],
                         ids=["presenter", "1366", "phone"])
def test_computation_graph_fits_one_screen_height_with_text_as_large_as_body_text(page, app_url, query, viewport):
    """A teacher shows the whole graph at once, readable from the back; on a phone it keeps its text size
    and scrolls sideways inside its own box (the page itself never scrolls sideways)."""
    _open(page, f"{app_url}/graph{query}", viewport)
    graph = page.locator('[data-testid="stGraphVizChart"] svg').first
    graph.locator("text").first.wait_for(timeout=RENDER_MS)
    box = graph.bounding_box()
    assert 0 < box["height"] <= viewport["height"] - SLACK_PX, box
    body = page.evaluate(BODY_PX)
    assert graph.evaluate(GRAPH_TEXT_PX) >= body - SLACK_PX, (graph.evaluate(GRAPH_TEXT_PX), body)
    assert not page.evaluate(PAGE_SCROLLS_SIDEWAYS)


# The 3D scene's box inside its chart element: plotly's plot area and the scene's share of it, in CSS px.
SCENE_BOX = """gd => { const f = gd._fullLayout, d = f.scene.domain, s = f._size;
    return {left: s.l + d.x[0] * s.w, right: s.l + d.x[1] * s.w,
            top: s.t + (1 - d.y[1]) * s.h, bottom: s.t + (1 - d.y[0]) * s.h}; }"""
HAS_SCENE = "gd => !!gd._fullLayout.scene"  # a 3D chart (plotly's 2D charts have a WebGL layer too)
INK = 60  # a pixel differs from the white background by more than this (summed over R, G, B): something is drawn
EDGE_PX = 2  # the columns (rows) at the scene's edge that must stay empty
COLOUR = 60  # a pixel's channels differ by more than this: a colour of the surface, not grey grid lines or text
DRAWN_PX = 2000  # the surface is drawn once this many of the scene's pixels are coloured (WebGL draws after the SVG)
SCENE_VIEWS = [("surface", PHONE), ("surface?present=1", PRESENTER), ("surface?surf_compare=true", LAPTOP),
               ("descent?gd_view=surface", PHONE)]


def _scene_pixels(chart) -> np.ndarray:
    """The chart's 3D scene as drawn, (height, width, 3) RGB, from a screenshot."""
    box = chart.evaluate(SCENE_BOX)
    pixels = np.asarray(Image.open(io.BytesIO(chart.screenshot())).convert("RGB"), dtype=int)
    return pixels[round(box["top"]):round(box["bottom"]), round(box["left"]):round(box["right"])]


def _surface_drawn(scene: np.ndarray) -> bool:
    return int((scene.max(axis=2) - scene.min(axis=2) > COLOUR).sum()) >= DRAWN_PX


@pytest.mark.parametrize("url, viewport", SCENE_VIEWS, ids=["phone", "presenter", "compare-1366", "descent-phone"])
def test_3d_chart_draws_its_box_tick_labels_and_axis_titles_inside_the_chart(page, app_url, url, viewport):
    """plotly cuts whatever of a 3D scene falls outside its chart without a sign: anything drawn at the scene's
    left or right edge (a w or b title, a tick label, a corner of the box) is cut off there."""
    _open(page, f"{app_url}/{url}", viewport)
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    charts = [chart for chart in page.locator(".js-plotly-plot").all() if chart.evaluate(HAS_SCENE)]
    assert charts, "no 3D chart on the page"
    for chart in charts:
        chart.scroll_into_view_if_needed()
        deadline = time.monotonic() + RENDER_MS / 1000
        while not _surface_drawn(scene := _scene_pixels(chart)) and time.monotonic() < deadline:
            pass  # each screenshot takes its time: poll until WebGL has drawn the surface
        assert _surface_drawn(scene), "the 3D surface was never drawn"
        ink = np.abs(scene - 255).sum(axis=2) > INK
        edges = {"left": ink[:, :EDGE_PX].any(), "right": ink[:, -EDGE_PX:].any()}
        assert not any(edges.values()), (url, viewport, edges)


def _png() -> bytes:
    pixels = np.random.default_rng(SEED).integers(0, 256, (80, 80, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "PNG")
    return buffer.getvalue()


def test_test_set_slider_is_disabled_with_a_note_while_an_upload_is_shown(page, app_url, course_dir):
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


# Text a reader sees in the uploaders: visible text nodes (icons' ligature names left out) and
# the visible generated text (::after) of every element.
UPLOADER_TEXT = """() => [...document.querySelectorAll('[data-testid="stFileUploaderDropzone"]')].map(zone => {
    const shown = el => { const s = getComputedStyle(el);
        return s.visibility === 'visible' && parseFloat(s.fontSize) > 0; };
    const walker = document.createTreeWalker(zone, NodeFilter.SHOW_TEXT), words = [];
    for (let node; (node = walker.nextNode());) {
        const el = node.parentElement;
        const icon = el.closest('[data-testid="stIconMaterial"]');
        if (node.textContent.trim() && shown(el) && !icon) words.push(node.textContent.trim());
    }
    for (const el of zone.querySelectorAll('*')) { const after = getComputedStyle(el, '::after');
        if (after.visibility === 'visible' && after.content.startsWith('"')) words.push(after.content.slice(1, -1)); }
    return words; })"""
NOTATION = re.compile(r"\b(MB|JPG|PNG|WEBP|BMP|GIF|TIF)\b")  # units and file types, the same in every language


def _english(words: list[str]) -> list[str]:
    return [word for word in words if re.search(r"[A-Za-z]{2,}", NOTATION.sub("", word))]


# A file dragged over the box: the events the browser sends, with a photo in their DataTransfer.
DRAG_FILE = """() => { const d = new DataTransfer();
    d.items.add(new File(['x'], 'a.png', {type: 'image/png'})); return d; }"""
# Text a reader sees in the camera widget, as in UPLOADER_TEXT (the same walk, over the camera's box).
CAMERA_TEXT = UPLOADER_TEXT.replace("stFileUploaderDropzone", "stCameraInput")


def test_chinese_uploader_and_camera_show_no_english_while_a_file_is_dragged_or_the_camera_opens(page, app_url):
    _open(page, f"{app_url}/cat_classifier?lang=zh", LAPTOP)
    zone = page.locator('[data-testid="stFileUploaderDropzone"]').first
    zone.wait_for(timeout=RENDER_MS)
    page.wait_for_function(f"() => ({UPLOADER_TEXT})().some(words => words.includes('上传'))", timeout=RENDER_MS)
    files = page.evaluate_handle(DRAG_FILE)
    for event in ("dragenter", "dragover"):
        zone.dispatch_event(event, {"dataTransfer": files})
    page.wait_for_function(f"() => ({UPLOADER_TEXT})()[0].includes('把文件拖放到这里')", timeout=RENDER_MS)
    dragging = page.evaluate(UPLOADER_TEXT)[0]
    assert _english(dragging) == [], dragging
    zone.dispatch_event("dragleave", {"dataTransfer": files})
    page.locator(".st-key-cat_camera_on label").first.click()
    expect(page.locator('[data-testid="stCameraInputButton"]')).to_have_count(1)
    # the permission request, then the live picture's button: no English in either (the first must not flash by)
    page.wait_for_function(f"() => ({CAMERA_TEXT})()[0].some(word => word === '拍照')", timeout=RENDER_MS)
    camera = page.evaluate(CAMERA_TEXT)[0]
    assert _english(camera) == [], camera


def test_chinese_page_shows_the_uploader_in_chinese(page, app_url):
    _open(page, f"{app_url}/cat_classifier?lang=zh", LAPTOP)
    expect(page.locator('[data-testid="stFileUploaderDropzone"]')).to_have_count(1, timeout=RENDER_MS)
    # the uploader and its stylesheet arrive with the script's run: wait until its Chinese words are drawn
    page.wait_for_function(f"() => ({UPLOADER_TEXT})().some(words => words.includes('上传'))", timeout=RENDER_MS)
    (words,) = page.evaluate(UPLOADER_TEXT)
    assert _english(words) == [], words
    assert "上传" in words and any("每个文件最大 10 MB" in word for word in words), words
