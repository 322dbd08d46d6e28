"""Real browser: time until the first page is rendered, Logit Lab vs a plain static HTML page.

Chromium (the system one, via Playwright) is launched once and not timed. Two measures:
- cold: server process started -> page rendered (Streamlit: the script finished,
  ``[data-test-script-state="notRunning"]``, and the title visible), against python's
  http.server started and serving one static HTML page with the same title;
- warm: a new browser tab on an already running server -> page rendered, same baseline.
"""

import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.browser import CHROMIUM, CHROMIUM_ARGS
from bench.common import Row, side_by_side
from bench.loadtest.server import HOST, free_port, streamlit_server

TITLE = "Logit Lab"  # the Home page's h1, also the static page's
COLD_REPEATS = 2  # server restarts timed (each costs seconds)
WARM_REPEATS = 5  # new tabs timed on a running server
RENDER_TIMEOUT_MS = 60_000
POLL_S = 0.05  # http.server readiness polling
STATIC_HTML = f"<!doctype html><html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1></body></html>"


def _render(browser, url: str, streamlit: bool) -> float:
    """ms from opening a new tab on ``url`` to the title rendered (and, for Streamlit, the script done)."""
    page = browser.new_page()
    start = time.perf_counter()
    page.goto(url)
    if streamlit:
        page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=RENDER_TIMEOUT_MS)
    page.get_by_role("heading", name=TITLE).first.wait_for(timeout=RENDER_TIMEOUT_MS)
    elapsed = (time.perf_counter() - start) * 1000.0
    page.close()
    return elapsed


def _static_server(folder: str, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", HOST, "--directory", folder],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        try:
            urllib.request.urlopen(f"http://{HOST}:{port}/", timeout=1).close()
            return proc
        except OSError:
            time.sleep(POLL_S)


def _cold_static(browser, folder: str) -> float:
    start = time.perf_counter()
    port = free_port()
    proc = _static_server(folder, port)
    try:
        _render(browser, f"http://{HOST}:{port}/", streamlit=False)
        return (time.perf_counter() - start) * 1000.0
    finally:
        proc.terminate()
        proc.wait()


def _cold_streamlit(browser) -> float:
    start = time.perf_counter()
    with streamlit_server() as (url, _proc):
        _render(browser, url, streamlit=True)
        return (time.perf_counter() - start) * 1000.0


def rows() -> list[Row]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as pw:
        Path(folder, "index.html").write_text(STATIC_HTML)
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        cold_app, cold_static = [], []
        for _ in range(COLD_REPEATS):
            cold_app.append(_cold_streamlit(browser))
            cold_static.append(_cold_static(browser, folder))
        port = free_port()
        static = _static_server(folder, port)
        try:
            with streamlit_server() as (url, _proc):
                _render(browser, url, streamlit=True)  # the first session pays for imports: not "warm"
                warm_app, warm_static = side_by_side(lambda: _render(browser, url, streamlit=True),
                                                     lambda: _render(browser, f"http://{HOST}:{port}/", False),
                                                     WARM_REPEATS)
        finally:
            static.terminate()
            static.wait()
        browser.close()
    return [
        Row("browser: server start -> Home rendered (cold)", statistics.median(cold_app),
            "http.server start -> static page", statistics.median(cold_static)),
        Row("browser: new tab -> Home rendered (warm server)", warm_app,
            "new tab -> static page", warm_static),
    ]

