"""Open a page the way a shared link does: through the router (app.py), with query parameters.

AppTest runs the scripts of a ``pages/`` folder on their own (Streamlit's legacy multipage mode),
skipping app.py; ui/serve.py tells the real server that app.py routes with st.navigation, and
``routed`` does the same for AppTest, so the link check in app.py runs exactly as in a browser.
"""

from urllib.parse import parse_qsl, urlsplit

import pytest
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import APP_TIMEOUT, ROOT
from ui.i18n import catalogue
from ui.lessons import HOME, LESSONS

SCRIPTS = {"": HOME, **{lesson.slug: lesson.script for lesson in LESSONS}}  # page slug -> script


class RouterPagesManager(PagesManager):
    """Streamlit's pages manager, told that app.py routes with st.navigation (as ui/serve.py does)."""

    def __init__(self, *args, **kwargs):
        PagesManager.uses_pages_directory = False
        super().__init__(*args, **kwargs)


@pytest.fixture
def routed(monkeypatch):
    """AppTest runs app.py (router, link check, sidebar) on every page, like the real server."""
    monkeypatch.setattr(app_test_module, "PagesManager", RouterPagesManager)


def open_link(slug: str, params: dict[str, str] | None = None) -> AppTest:
    """A fresh session opened on ``/slug?params`` (needs the ``routed`` fixture)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.switch_page(SCRIPTS[slug]).run()
    return at


def shared_link(at: AppTest) -> dict[str, str]:
    """The query parameters of the "Copy link to this view" box in the sidebar."""
    codes = [c.value for c in at.sidebar.get("code")]
    assert len(codes) == 1, codes
    return dict(parse_qsl(urlsplit(codes[0]).query, keep_blank_values=True))


def link_notes(at: AppTest, lang: str = "en") -> list[str]:
    """The texts of the link-check notes on the page (warnings that open with the note's first sentence)."""
    intro = catalogue(lang)["url.note_intro"]
    return [w.value for w in at.warning if w.value.startswith(intro)]
