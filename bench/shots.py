"""`make shots`: a screenshot of every page in every view a class sees, for a human to look at.

Starts the app on a free loopback port (as `make run` does) and drives the system Chromium with
Playwright. Writes into shots/ (git-ignored), one PNG per page and view:

    shots/<view>/<page>.png        views: en (1366×768), present (1920×1080, ?present=1),
                                   zh (1366×768, ?lang=zh), phone (390×844); pages: every page, and
                                   descent_3d (the descent page on its 3D tab)
    shots/<view>/descent_playing.png, descent_3d_playing.png
                                   one window of the descent page's contour map and 3D bowl after
                                   ▶ Play has advanced some frames (the animated chart scrolled into view)

Each page is captured whole (the window is stretched to the page's height after it rendered);
``--fold`` keeps the real window height instead (what fits on one screen without scrolling).
Usage: python -m bench.shots [--out shots] [--views en,zh] [--pages descent,graph] [--fold]
"""

import argparse
import os
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.browser import CHART_BOXES, CHROMIUM_ARGS
from bench.loadtest.server import streamlit_server
from ui.lessons import LESSONS

ROOT = Path(__file__).resolve().parent.parent
VIEWS = {  # name: (window width, height, URL query)
    "en": (1366, 768, ""),
    "present": (1920, 1080, "present=1"),
    "zh": (1366, 768, "lang=zh"),
    "phone": (390, 844, ""),
}
PAGES = ["home"] + [lesson.slug for lesson in LESSONS] + ["descent_3d"]
EXTRA = {"descent_3d": ("descent", "gd_view=surface")}  # a shot name: (page, its own URL query)
RENDER_MS = 90_000  # a page's script run plus plotly drawing, on a busy 2-core machine
MAX_HEIGHT = 12_000  # px: the tallest whole-page capture (Chromium's texture limit is higher)
PLAYING_FRAMES = 12  # frames ▶ Play must advance before the mid-animation shot
# Every plotly chart and graph on the page has been drawn (a live chart may also hold a hidden view), and no
# widget is still a loading placeholder.
PLOTS_DRAWN = f"""() => {{
  const boxes = document.querySelectorAll('{CHART_BOXES}');
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  const graphs = [...document.querySelectorAll('[data-testid="stGraphVizChart"]')];
  return [...boxes].every(box => box.querySelector('.js-plotly-plot'))
    && plots.every(gd => gd._fullLayout && gd.querySelector('.main-svg'))
    && graphs.every(g => g.querySelector('svg')) && !document.querySelector('[data-testid="stSkeleton"]');
}}"""
# The height of the page's content: Streamlit scrolls inside its main container, not the document.
CONTENT_HEIGHT = """() => Math.max(document.documentElement.scrollHeight,
  ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"], section')]
     .map(el => el.scrollHeight))"""
ANIMATED = """() => [...document.querySelectorAll('.js-plotly-plot')]
    .find(gd => gd._transitionData && gd._transitionData._frames && gd._transitionData._frames.length > 0)"""


def wait_rendered(page) -> None:
    """Streamlit's script finished, the app is connected and every chart is drawn."""
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=RENDER_MS)
    page.wait_for_selector('[data-test-connection-state="CONNECTED"]', timeout=RENDER_MS)
    page.wait_for_function(PLOTS_DRAWN, timeout=RENDER_MS)


def page_url(base: str, slug: str, query: str) -> str:
    slug, own = EXTRA.get(slug, (slug, ""))
    path = "" if slug == "home" else slug
    query = "&".join(q for q in (own, query) if q)
    return f"{base}/{path}" + (f"?{query}" if query else "")


def capture(page, url: str, out: Path, size: tuple[int, int], fold: bool) -> None:
    """Open ``url`` in a ``size`` window, wait until it is drawn and save it whole (or one screen)."""
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    wait_rendered(page)
    if not fold:
        full = min(MAX_HEIGHT, max(height, int(page.evaluate(CONTENT_HEIGHT))))
        page.set_viewport_size({"width": width, "height": full})
        wait_rendered(page)
    page.screenshot(path=str(out))


def capture_playing(page, url: str, out: Path, size: tuple[int, int]) -> None:
    """One window of the descent page after ▶ Play has advanced PLAYING_FRAMES frames, the animated
    chart scrolled into view (the contour map must stay drawn, the controls clear of the axis titles)."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(url)
    wait_rendered(page)
    page.wait_for_function(f"() => !!({ANIMATED})()", timeout=RENDER_MS)
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    chart.locator(".updatemenu-button").first.click()  # ▶ Play (the first button, in every language)
    page.wait_for_function(f"() => ({ANIMATED})()._fullLayout.sliders[0].active >= {PLAYING_FRAMES}",
                           timeout=RENDER_MS)
    page.screenshot(path=str(out))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "shots"), help="folder for the PNGs (default shots/)")
    parser.add_argument("--views", default=",".join(VIEWS), help=f"comma-separated, of {','.join(VIEWS)}")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated page slugs")
    parser.add_argument("--fold", action="store_true", help="one window height instead of the whole page")
    args = parser.parse_args(argv)
    out = Path(args.out)
    chromium = os.environ.get("LOGITLAB_CHROMIUM") or shutil.which("chromium")
    if not chromium:
        print("system chromium not found on PATH (apt-get install chromium)", file=sys.stderr)
        return 1
    with streamlit_server() as (base, _), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        for view in args.views.split(","):
            width, height, query = VIEWS[view]
            (out / view).mkdir(parents=True, exist_ok=True)
            for slug in args.pages.split(","):
                page = browser.new_page()  # a fresh session: ?lang= and ?present= are read on the first run
                capture(page, page_url(base, slug, query), out / view / f"{slug}.png", (width, height), args.fold)
                page.close()
                print(f"{view}/{slug}.png")
            for slug in ("descent", "descent_3d"):
                if slug in args.pages.split(","):
                    page = browser.new_page()
                    capture_playing(page, page_url(base, slug, query), out / view / f"{slug}_playing.png",
                                    (width, height))
                    page.close()
                    print(f"{view}/{slug}_playing.png")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
