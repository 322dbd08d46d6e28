"""The browser tests' own budget: every context and page, however a test makes it, waits as long as
expect() does (Playwright's 30 s default failed a click at a load average of 12-18 in make e2e-stress)."""

import pytest

from tests.e2e.conftest import ACTION_TIMEOUT_MS

pytestmark = pytest.mark.browser


def _budget(obj) -> float:
    return obj._impl_obj._timeout_settings.timeout(None)  # what an action without timeout= waits


def _navigation_budget(obj) -> float:
    return obj._impl_obj._timeout_settings.navigation_timeout(None)


def test_every_context_and_page_waits_as_long_as_expect(page, browser):
    other_page, other_context = browser.new_page(), browser.new_context()
    try:
        for obj in (page, page.context, other_page, other_context):
            assert _budget(obj) == ACTION_TIMEOUT_MS and _navigation_budget(obj) == ACTION_TIMEOUT_MS
    finally:
        other_page.close()
        other_context.close()
