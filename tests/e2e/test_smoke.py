"""Real browser: the app starts under `streamlit run` and the Home page renders cleanly."""

import pytest

from tests.e2e.conftest import assert_no_exception, wait_idle

pytestmark = pytest.mark.browser


def test_home_page_renders_in_chromium_without_exception(page, app_url):
    page.goto(app_url)
    wait_idle(page)
    page.get_by_role("heading", name="Logit Lab").first.wait_for()
    assert_no_exception(page)
    assert page.locator('[data-testid="stTable"]').count() == 1


def test_lang_query_parameter_opens_chinese(page, app_url):
    page.goto(f"{app_url}/?lang=zh")
    wait_idle(page)
    page.get_by_text("课程目录").first.wait_for()
    assert_no_exception(page)
