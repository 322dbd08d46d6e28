"""Real browser: the descent page's contour map stays drawn under the moving point while ▶ Play runs
and while the frame slider is scrubbed (plotly.js drops contour colours on frames drawn without a
redraw), and a point that leaves the map stays visible on its edge with a note.

What is compared is the rendered plot itself, in a screenshot of the plot area: the share of its pixels
that are coloured (not white). The drawn map covers the whole area; a white plot holding only the path,
the marker and the star colours a few per cent of it. (A count of distinct colours was not enough: the
map's faint contour lines are smoothed differently while playing, which halved the count on the map
without the dataset although every frame was fully drawn.)
"""

import io

import numpy as np
import pytest
from PIL import Image

from tests.e2e.conftest import assert_no_exception, wait_idle

pytestmark = pytest.mark.browser

PLOT_MS = 90_000  # how long a run and plotly may take on a busy 2-core machine
MAP_SHARE = 0.9  # a frame must colour at least this share of what the static map colours
INK = 60  # a pixel differs from white by more than this (summed over R, G, B): something is drawn there
WHITE_PLOT_SHARE = 0.2  # far more of the area than a white plot with a path and a few markers colours
FRAMES_CHECKED = 3  # successive played frames, each screenshotted
SCRUB_AT = (0.3, 0.6, 0.9)  # slider positions clicked, as shares of the rail's width
MARKER, ANIMATED = 2, """[...document.querySelectorAll('.js-plotly-plot')]
    .find(gd => gd._transitionData && gd._transitionData._frames && gd._transitionData._frames.length > 0)"""
ACTIVE = f"() => ({ANIMATED})._fullLayout.sliders[0].active"


def _colours(page) -> float:
    """The share of coloured (not white) pixels in a screenshot of the animated chart's plot area."""
    box = page.locator(".js-plotly-plot").first.locator(".nsewdrag").first.bounding_box()
    pixels = np.asarray(Image.open(io.BytesIO(page.screenshot(clip=box))).convert("RGB"), dtype=int)
    return float((np.abs(pixels - 255).sum(axis=2) > INK).mean())


def _open_animation(page, url: str) -> int:
    """Open the descent page; return the colour count of the static map before anything plays."""
    page.goto(url)
    wait_idle(page, timeout=PLOT_MS)
    page.wait_for_function(f"() => !!({ANIMATED})", timeout=PLOT_MS)
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    assert_no_exception(page)
    static = _colours(page)
    assert static > WHITE_PLOT_SHARE, f"the static map itself is not drawn ({static:.0%} of the area coloured)"
    return static


def _wait_active_beyond(page, frame: int) -> int:
    page.wait_for_function(f"() => ({ACTIVE})() > {frame}", timeout=PLOT_MS)
    return page.evaluate(ACTIVE)


def test_contour_map_stays_drawn_while_play_runs(page, app_url):
    static = _open_animation(page, f"{app_url}/descent")
    page.locator(".js-plotly-plot .updatemenu-button").filter(has_text="Play").first.click()
    frame = 0
    for _ in range(FRAMES_CHECKED):
        frame = _wait_active_beyond(page, frame)
        colours = _colours(page)
        assert colours >= MAP_SHARE * static, f"frame {frame}: {colours:.0%} coloured, the static map {static:.0%}"
    assert frame >= FRAMES_CHECKED
    assert_no_exception(page)


def test_contour_map_stays_drawn_while_the_slider_is_scrubbed(page, app_url):
    static = _open_animation(page, f"{app_url}/descent")
    rail = page.locator(".js-plotly-plot").first.locator(".slider-rail-touch-rect").first.bounding_box()
    frame = 0
    for share in SCRUB_AT:
        page.mouse.click(rail["x"] + share * rail["width"], rail["y"] + rail["height"] / 2)
        frame = _wait_active_beyond(page, frame)
        colours = _colours(page)
        assert colours >= MAP_SHARE * static, f"frame {frame}: {colours:.0%} coloured, the static map {static:.0%}"
    assert_no_exception(page)


def test_point_off_the_map_stays_on_its_edge_with_a_note(page, app_url):
    _open_animation(page, f"{app_url}/descent?gd_learning_rate=100")
    rail = page.locator(".js-plotly-plot").first.locator(".slider-rail-touch-rect").first.bounding_box()
    page.mouse.click(rail["x"] + rail["width"] - 1, rail["y"] + rail["height"] / 2)  # the last frame
    _wait_active_beyond(page, 0)
    page.wait_for_function(f"""() => {{ const m = {ANIMATED}._fullData[{MARKER}];
        return m.text && String(m.text[0]).startsWith("off the map"); }}""", timeout=PLOT_MS)  # the frame is drawn
    marker = page.evaluate(f"""() => {{ const gd = {ANIMATED}; const m = gd._fullData[{MARKER}];
        return {{x: m.x[0], y: m.y[0], text: m.text[0], xr: gd._fullLayout.xaxis.range,
                 yr: gd._fullLayout.yaxis.range}}; }}""")
    assert marker["xr"][0] <= marker["x"] <= marker["xr"][1]
    assert marker["yr"][0] <= marker["y"] <= marker["yr"][1]
    assert marker["text"].startswith("off the map: w = ")
    page.locator(".js-plotly-plot").first.locator(".textpoint text").filter(has_text="off the map").wait_for()
