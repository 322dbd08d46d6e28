"""Real-browser fixtures: the app under `streamlit run` on a free loopback port, driven by
Playwright through the system Chromium (never a downloaded browser).

Use the ``page`` fixture (pytest-playwright) with ``app_url``, then ``wait_idle(page)``.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from bench import browser as shared
from bench.browser import CHROMIUM_ARGS
from ui.lessons import LESSONS

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 120  # how long the server may take to answer its health check
HEALTH_RETRY_S = 0.3  # pause between health checks while the server starts
# Budgets, not delays: every wait ends as soon as its condition holds. At a load average of 25-30 on the
# 2 shared cores (make e2e-stress beside five other test runs) a cold page took over 30 s.
IDLE_TIMEOUT_MS = 120_000  # how long a page may take to finish its script run
EXPECT_TIMEOUT_MS = 120_000  # how long every retrying expect() waits
ACTION_TIMEOUT_MS = 120_000  # how long a click, fill or page load may wait for the page


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_app():
    """Start the app as `make run` does (python -m ui.serve) on a free port; yield its URL."""
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "ui.serve", "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true",
           "--browser.gatherUsageStats", "false"]
    # The server's output goes to a file, never to a pipe nobody reads: once a pipe's 64 KiB buffer is
    # full, the server blocks on its next log line and every page waits until the test times out.
    with tempfile.TemporaryFile(mode="w+", prefix="logitlab-e2e-", suffix=".log") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, proc, log)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def _output(log) -> str:
    log.flush()
    log.seek(0)
    return log.read()


def _wait_healthy(url, proc, log):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the app exited at start-up:\n{_output(log)}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            with suppress(subprocess.TimeoutExpired):  # wait on the server process: an early exit ends it at once
                proc.wait(timeout=HEALTH_RETRY_S)
    proc.kill()
    pytest.fail(f"streamlit did not start on {url}:\n{_output(log)}")


@pytest.fixture(scope="session")
def app_url(chromium_path):
    """The app, started once per test session."""
    with running_app() as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_path):
    """Point pytest-playwright at the system Chromium with the flags this machine needs."""
    return {**browser_type_launch_args, "executable_path": chromium_path,
            "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}}


expect.set_options(timeout=EXPECT_TIMEOUT_MS)


# Playwright's actions (click, fill, goto, wait_for) default to 30 s, a quarter of the budget above: at a
# load average of 12-18 a click on the descent page's tab waited over 30 s for the page to take events
# (make e2e-stress). Every context and page the tests make gets the same budget as expect().
_new_context, _new_page = Browser.new_context, Browser.new_page


def _patient_context(self, *args, **kwargs):
    context = _new_context(self, *args, **kwargs)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(ACTION_TIMEOUT_MS)
    return context


def _patient_page(self, *args, **kwargs):
    page = _new_page(self, *args, **kwargs)
    page.set_default_timeout(ACTION_TIMEOUT_MS)
    page.set_default_navigation_timeout(ACTION_TIMEOUT_MS)
    return page


Browser.new_context, Browser.new_page = _patient_context, _patient_page


def wait_idle(page, timeout=IDLE_TIMEOUT_MS):
    """Wait until Streamlit's script has finished running and the app is connected."""
    shared.wait_idle(page, timeout)


def wait_drawn(page, timeout=IDLE_TIMEOUT_MS):
    """wait_idle, then wait until every chart on the page is drawn and the network is quiet (lazy chunks loaded)."""
    shared.wait_drawn(page, timeout)


def assert_no_exception(page):
    """No Streamlit exception box anywhere on the page."""
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def lesson_slugs() -> list[str]:
    """URL paths of every page: "" (Home, the root) and each lesson's."""
    return [""] + [lesson.slug for lesson in LESSONS]
