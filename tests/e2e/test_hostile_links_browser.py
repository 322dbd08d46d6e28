"""Real browser: Markdown, links and images in a shared link render as text, the browser fetches nothing from
them, and a link that breaks a widget shows a sentence, never a traceback."""

import urllib.parse

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, wait_idle
from ui.safe_text import WORD_JOINER

pytestmark = pytest.mark.browser

FOREIGN_HOST = "e.invalid"  # the third-party host the hostile links point at
HOSTILE = ["![](//e.invalid/a)", "[x](//e.invalid)", "www.e.invalid", "http://e.invalid", "<b>bold</b>", ":cat:"]
ERROR_BOX = '[data-testid="stAlertContentError"]'


def _foreign_requests(page) -> list[str]:
    """Every URL the page asks for whose host is FOREIGN_HOST (filled in as the page runs)."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url)
            if (urllib.parse.urlsplit(request.url).hostname or "").endswith(FOREIGN_HOST) else None)
    return seen


@pytest.mark.parametrize("typed", HOSTILE)
def test_markdown_in_a_shared_shape_renders_as_text_and_fetches_nothing(page, app_url, typed):
    foreign = _foreign_requests(page)
    page.goto(f"{app_url}/broadcasting?bc_b={urllib.parse.quote(typed)}")
    wait_idle(page)
    box = page.locator(ERROR_BOX)
    expect(box).to_have_count(1)
    assert typed in box.inner_text().replace(WORD_JOINER, "")  # the typed text, character for character
    assert box.locator("img, a, b").count() == 0
    assert page.locator(f'img[src*="{FOREIGN_HOST}"], a[href*="{FOREIGN_HOST}"]').count() == 0
    assert_no_exception(page)
    assert foreign == []


def test_a_link_that_breaks_a_widget_shows_no_traceback(page, app_url):
    """?cg_m=1e309 used to raise inside Streamlit's number input and print a traceback with server paths."""
    page.goto(f"{app_url}/graph?cg_m=1e309")
    wait_idle(page)
    expect(page.get_by_role("heading").first).to_be_visible()
    assert_no_exception(page)
    body = page.locator("body").inner_text()
    assert "Traceback" not in body and "site-packages" not in body and ".py" not in body
