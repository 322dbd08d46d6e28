"""AppTest helpers: open the real app (router, sidebar and all) on a given page."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP_TIMEOUT = 60  # seconds one script run may take under AppTest (2 slow cores)


def open_page(script: str | None = None, *, lang: str = "en", **state) -> AppTest:
    """Run app.py, then switch to ``script`` (e.g. "pages/sigmoid.py"); return the AppTest.

    Extra keyword arguments are put into st.session_state before the first run.
    """
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    at.session_state["lang"] = lang
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    if script is not None:
        at.switch_page(script).run()
    return at


@pytest.fixture
def page():
    """The ``open_page`` helper as a fixture."""
    return open_page
