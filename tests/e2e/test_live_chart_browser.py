"""Real browser: live charts (ui/live_chart.py) are updated in place, not drawn anew.

st.plotly_chart throws a chart away whenever its numbers change; a live chart keeps its element, its WebGL
canvas and the camera a student turned the bowl to, while it shows the new loss and names its PNG after it.
"""

import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, wait_drawn
from ui import live_chart
from ui.i18n import catalogue

pytestmark = pytest.mark.browser

HTTP_TIMEOUT_S = 60  # one request to the app, on a busy machine
PLOT_MS = 120_000  # how long plotly may take to draw on a busy 2-core machine (WebGL is software-rendered)
BOWL = ".st-key-surf_chart_3d_0 .js-plotly-plot"  # the first column's 3D bowl
CONTOUR = ".st-key-surf_chart_contour_0 .js-plotly-plot"
DRAG_PX, DRAG_STEPS = 150, 10  # a drag across the bowl that turns it, in small mouse moves
TURNED = 0.5  # the camera's x moved this far from where it started: turned (the drag moves it by about 2.9)
EN, ZH = catalogue("en"), catalogue("zh")

EYE = "sel => document.querySelector(sel)._fullLayout.scene._scene.getCamera().eye"  # where the bowl is seen from
TITLE = """sel => { const gd = document.querySelector(sel);
                    return gd && gd._fullLayout ? gd._fullLayout.title.text : ''; }"""


def _open(page, url):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    wait_drawn(page, PLOT_MS)
    page.wait_for_selector(f"{BOWL} .gl-container canvas", state="attached", timeout=PLOT_MS)
    return errors


def test_a_new_loss_redraws_both_charts_in_place_and_the_turned_bowl_stays_turned(page, app_url):
    errors = _open(page, f"{app_url}/surface?surf_dataset=overlapping")
    assert "Cross-entropy" in page.evaluate(TITLE, BOWL)
    # Mark the elements on screen, then turn the bowl as a student does: drag across it.
    page.evaluate("""([bowl, contour]) => {
        const gd = document.querySelector(bowl);
        window.__first = {bowl: gd, canvas: gd.querySelector('canvas'), contour: document.querySelector(contour)};
    }""", [BOWL, CONTOUR])
    default_eye = page.evaluate(EYE, BOWL)
    page.locator(BOWL).hover()  # scrolled into view and no longer moving: the page's layout has settled
    box = page.locator(BOWL).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(1, DRAG_STEPS + 1):
        page.mouse.move(x + DRAG_PX * step / DRAG_STEPS, y)
    page.mouse.up()
    page.wait_for_function(f"() => Math.abs(({EYE})({BOWL!r}).x - {default_eye['x']}) > {TURNED}", timeout=PLOT_MS)

    # (dispatched: the page's sticky header can cover the radio after the bowl was scrolled into view)
    page.locator(".st-key-surf_loss label").filter(has_text="½").dispatch_event("click")
    page.wait_for_function(f"() => ({TITLE})({BOWL!r}).includes('Squared error')", timeout=PLOT_MS)
    page.wait_for_function(f"() => document.querySelector({CONTOUR!r})._fullData[0].zmax < 0.51", timeout=PLOT_MS)

    kept = page.evaluate("""([bowl, contour]) => {
        const gd = document.querySelector(bowl);
        return {bowl: gd === window.__first.bowl, canvas: gd.querySelector('canvas') === window.__first.canvas,
                contour: document.querySelector(contour) === window.__first.contour,
                file: gd._context.toImageButtonOptions.filename};
    }""", [BOWL, CONTOUR])
    assert kept["bowl"] and kept["canvas"] and kept["contour"], kept  # the same charts, not new ones
    # The student's view of the bowl survived the rerun (drawn anew, it would be back at the default exactly;
    # plotly lets a dragged camera glide on a little, so the turned view is not compared to one reading).
    assert abs(page.evaluate(EYE, BOWL)["x"] - default_eye["x"]) > TURNED
    assert kept["file"] == "surface_3d_overlapping_squared_error"  # and the PNG is named after the new loss
    assert_no_exception(page)
    assert errors == []


def test_full_screen_button_fills_the_screen_and_comes_back(page, app_url):
    errors = _open(page, f"{app_url}/surface?lang=zh")
    button = page.locator(f"{BOWL} .modebar-btn[data-title='{ZH['exports.fullscreen']}']")
    assert ZH["exports.fullscreen"] != EN["exports.fullscreen"]
    expect(button).to_have_count(1)  # translated, like every other word on the page
    page.locator(BOWL).hover()
    button.click()
    page.wait_for_function(f"""() => document.fullscreenElement
        && document.fullscreenElement.contains(document.querySelector({BOWL!r}))
        && document.querySelector({BOWL!r})._fullLayout.height === window.innerHeight""", timeout=PLOT_MS)
    page.evaluate("() => document.exitFullscreen()")
    normal = page.evaluate("() => document.fullscreenElement === null")
    page.wait_for_function(f"() => document.querySelector({BOWL!r})._fullLayout.height < window.innerHeight",
                           timeout=PLOT_MS)
    assert normal and errors == []


def test_toolbar_offers_the_png_the_reset_and_full_screen_and_nothing_that_uploads(page, app_url):
    _open(page, f"{app_url}/surface")
    titles = page.evaluate(f"""() => [...document.querySelector({BOWL!r}).querySelectorAll('.modebar-btn')]
        .map(button => button.getAttribute('data-title'))""")
    # (plotly.js 4's own "Share chart..." button would upload the chart to Plotly Cloud)
    assert titles == ["Download plot as a PNG", "Reset camera to default", EN["exports.fullscreen"]]


def test_plotly_js_comes_from_the_app_itself(page, app_url):
    _open(page, f"{app_url}/surface")
    scripts = page.evaluate("() => performance.getEntriesByType('resource').map(r => r.name)"
                            ".filter(name => name.includes('plotly.min.js'))")
    assert scripts and all(name.startswith(app_url) for name in scripts), scripts


ANIMATED = ".st-key-gd_chart_view [data-view=contour] .js-plotly-plot"  # the descent page's animated contour map


def last_frame_x(chart: str) -> str:
    """JavaScript: the x of every trace in the last frame of the animated chart at selector ``chart``."""
    return f"""() => {{ const frames = document.querySelector({chart!r})._transitionData._frames;
        return JSON.stringify(frames[frames.length - 1].data.map(trace => trace.x)); }}"""


LAST_FRAME_X = last_frame_x(ANIMATED)
PLAYED = f"() => document.querySelector({ANIMATED!r})._fullLayout.sliders[0].active > 0"


def test_a_new_learning_rate_replaces_the_animation_in_place_and_play_still_plays_it(page, app_url):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{app_url}/descent")
    wait_drawn(page, PLOT_MS)
    # null-safe: a predicate that throws ends the wait instead of retrying (CI once got here before the map)
    page.wait_for_function(f"""() => {{ const gd = document.querySelector({ANIMATED!r});
                                        return gd && gd._transitionData && gd._transitionData._frames.length > 0; }}""",
                           timeout=PLOT_MS)
    before = page.evaluate(LAST_FRAME_X)
    page.evaluate(f"() => {{ window.__map = document.querySelector({ANIMATED!r}); }}")
    name_before = page.evaluate(f"() => document.querySelector({ANIMATED!r})._context.toImageButtonOptions.filename")

    page.locator(".st-key-gd_learning_rate input[type='range']").first.focus()
    page.keyboard.press("ArrowRight")  # one step up the learning-rate scale: a new run, a new animation
    page.wait_for_function(f"() => ({LAST_FRAME_X})() !== {before!r}", timeout=PLOT_MS)
    assert page.evaluate(f"() => document.querySelector({ANIMATED!r}) === window.__map")  # the same chart
    name_after = page.evaluate(f"() => document.querySelector({ANIMATED!r})._context.toImageButtonOptions.filename")
    assert name_after != name_before and name_after.startswith("descent_")  # the PNG follows the new rate

    page.locator(f"{ANIMATED} .updatemenu-button").filter(has_text="Play").first.click()
    page.wait_for_function(PLAYED, timeout=PLOT_MS)  # the new frames play
    assert_no_exception(page)
    assert errors == []


@pytest.mark.parametrize("path", ["..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                                  "..%5C..%5C__init__.py", "%2Fetc%2Fpasswd"])
def test_the_plotly_js_route_serves_only_its_own_folder(app_url, path):
    """The app serves the plotly package's folder (for plotly.min.js) and nothing outside it."""
    with urllib.request.urlopen(f"{app_url}/{live_chart.PLOTLY_JS_URL}", timeout=HTTP_TIMEOUT_S) as response:
        assert response.status == 200 and "javascript" in response.headers["Content-Type"]
    base = live_chart.PLOTLY_JS_URL.rsplit("/", 1)[0]
    try:
        with urllib.request.urlopen(f"{app_url}/{base}/{path}", timeout=HTTP_TIMEOUT_S) as response:
            body = response.read()
    except urllib.error.HTTPError as refused:
        assert refused.code in (400, 403, 404)
    else:
        assert b"root:" not in body and b"import" not in body, body[:200]


VIEWS = ".st-key-gd_chart_view"  # the descent page's live chart holding both views
VIEW = VIEWS + " [data-view={}]"
ROOT_SETTLED = f"""() => [...document.querySelectorAll({VIEWS!r} + ' *')]
    .map(el => el.__llSettled || 0).reduce((a, b) => Math.max(a, b), 0)"""
DRAWS = "sel => document.querySelector(sel).__llDraws"


def _switch(page, tab: str, shown: str, hidden: str):
    """Click a view's tab; wait until the server's answer for it was handled and only that view shows."""
    settled = page.evaluate(ROOT_SETTLED)
    page.get_by_role("tab", name=tab).click()
    page.wait_for_function(f"() => ({ROOT_SETTLED})() > {settled}", timeout=PLOT_MS)
    expect(page.locator(VIEW.format(shown))).to_be_visible(timeout=PLOT_MS)
    expect(page.locator(VIEW.format(hidden))).to_be_hidden()


def test_switching_views_keeps_both_charts_and_redraws_only_what_changed(page, app_url):
    """Contour map ↔ 3D bowl: each view keeps its chart (the bowl its WebGL canvas) while the other shows;
    showing one again redraws nothing unless its run changed, and then it is updated in place."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    contour, bowl = (VIEW.format(view) + " .js-plotly-plot" for view in ("contour", "surface"))
    page.goto(f"{app_url}/descent")
    expect(page.locator(contour)).to_be_visible(timeout=PLOT_MS)  # the first run has drawn the map
    wait_drawn(page, PLOT_MS)
    page.evaluate(f"() => {{ window.__map = document.querySelector({contour!r}); }}")
    assert page.evaluate(DRAWS, contour) == 1

    _switch(page, "3D bowl (rotate it)", "surface", "contour")
    page.wait_for_selector(f"{bowl} .gl-container canvas", state="attached", timeout=PLOT_MS)
    page.evaluate(f"""() => {{ const gd = document.querySelector({bowl!r});
                               window.__bowl = {{gd, canvas: gd.querySelector('canvas')}}; }}""")
    before = page.evaluate(last_frame_x(bowl))

    _switch(page, "Contour map", "contour", "surface")  # back: the same chart, not drawn again
    assert page.evaluate(f"() => document.querySelector({contour!r}) === window.__map")
    assert page.evaluate(DRAWS, contour) == 1
    expect(page).not_to_have_url(re.compile("gd_view"))  # the link follows the open view

    page.locator(".st-key-gd_learning_rate input[type='range']").first.focus()
    page.keyboard.press("ArrowRight")  # a new run while the map shows: the map is updated, the bowl waits
    page.wait_for_function(f"() => document.querySelector({contour!r}).__llDraws === 2", timeout=PLOT_MS)
    assert page.evaluate(DRAWS, bowl) == 1

    _switch(page, "3D bowl (rotate it)", "surface", "contour")  # the bowl shows the new run, in place
    page.wait_for_function(f"() => ({last_frame_x(bowl)})() !== {before!r}",
                           timeout=PLOT_MS)
    assert page.evaluate(f"""() => {{ const gd = document.querySelector({bowl!r});
                                      return gd === window.__bowl.gd
                                          && gd.querySelector('canvas') === window.__bowl.canvas; }}""")
    assert page.evaluate(DRAWS, bowl) == 2
    expect(page).to_have_url(re.compile("gd_view=surface"))
    assert_no_exception(page)
    assert errors == []


def test_a_view_hidden_while_it_plays_stops_playing(page, app_url):
    """▶ Play on the map, then the bowl's tab: the hidden map's animation stops instead of drawing unseen."""
    contour = VIEW.format("contour") + " .js-plotly-plot"
    page.goto(f"{app_url}/descent?gd_speed=0.25")  # slow: still playing when the tab is clicked
    expect(page.locator(contour)).to_be_visible(timeout=PLOT_MS)
    wait_drawn(page, PLOT_MS)
    page.locator(f"{contour} .updatemenu-button").filter(has_text="Play").first.click()
    page.wait_for_function(f"() => document.querySelector({contour!r})._fullLayout.sliders[0].active > 0",
                           timeout=PLOT_MS)
    _switch(page, "3D bowl (rotate it)", "surface", "contour")
    page.wait_for_function(f"() => !document.querySelector({contour!r})._transitionData._animationRaf",
                           timeout=PLOT_MS)
    assert_no_exception(page)
