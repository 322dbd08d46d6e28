"""What the browser tests and the browser benchmarks share: the system Chromium and its flags, and the
conditions that say a Streamlit page is idle and drawn (tests/e2e/conftest.py, bench/bench_browser.py,
bench/bench_interactions.py import these; the server itself starts in bench/loadtest/server.py)."""

CHROMIUM = "/usr/bin/chromium"  # the system Chromium, never a downloaded browser
CHROMIUM_ARGS = [  # closed network: no background calls, no sandbox as root, no GPU
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
]
IDLE = '[data-test-script-state="notRunning"]'  # Streamlit's script is not running
CONNECTED = '[data-test-connection-state="CONNECTED"]'  # and the websocket is up
TITLE = '[data-testid="stMain"] h1'  # a page's st.title

# Where plotly charts sit: Streamlit's own, and the app's live charts (ui/live_chart.py, the app's only component).
CHART_BOXES = '[data-testid="stPlotlyChart"], .stBidiComponent'
# Everything a page draws after its script run: every plotly chart has its SVG, every Graphviz chart its SVG.
ALL_DRAWN = f"""() =>
    [...document.querySelectorAll('{CHART_BOXES}')].every(c => c.querySelector('.main-svg'))
    && [...document.querySelectorAll('[data-testid="stGraphVizChart"]')].every(c => c.querySelector('svg'))"""


def wait_idle(page, timeout: float) -> None:
    """Wait until Streamlit's script has finished running and the app is connected."""
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_selector(CONNECTED, timeout=timeout)


def wait_drawn(page, timeout: float) -> None:
    """wait_idle, then wait until every chart on the page is drawn and the network is quiet (lazy chunks loaded).

    First the page's title: on a page just opened, the script is "not running" and no chart is on the page
    in the moment between the websocket connecting and the first run starting, which would pass every check
    below. Every page of the app starts with its title, so once it is there the first run has started."""
    page.wait_for_selector(TITLE, state="attached", timeout=timeout)
    wait_idle(page, timeout)
    page.wait_for_function(ALL_DRAWN, timeout=timeout)
    page.wait_for_load_state("networkidle", timeout=timeout)
    page.wait_for_function(ALL_DRAWN, timeout=timeout)  # charts whose script (plotly.js) the network just brought
