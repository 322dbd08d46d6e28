"""Real browser: the app starts under `streamlit run` and the Home page renders cleanly."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, wait_idle

pytestmark = pytest.mark.browser


def test_home_page_renders_in_chromium_without_exception(page, app_url):
    page.goto(app_url)
    wait_idle(page)
    page.get_by_role("heading", name="Logit Lab").first.wait_for()
    expect(page.locator('[data-testid="stTable"]')).to_have_count(1)  # retries while the page draws
    expect(page.locator('[data-testid="stTable"]')).to_contain_text("(12288, 209)")
    assert_no_exception(page)


def test_lang_query_parameter_opens_chinese(page, app_url):
    page.goto(f"{app_url}/?lang=zh")
    wait_idle(page)
    page.get_by_text("课程目录").first.wait_for()
    assert_no_exception(page)


def test_deep_link_as_first_request_after_start_uses_the_router(page, chromium_path):
    """A teacher's link must work even when it is the very first request the server sees."""
    from tests.e2e.conftest import running_app

    with running_app() as url:
        page.goto(f"{url}/sigmoid?lang=zh")
        wait_idle(page)
        page.get_by_text("简体中文").first.wait_for()  # the router's shared sidebar is there
        nav = page.locator('[data-testid="stSidebarNav"]')
        expect(nav).to_contain_text("首页")
        expect(nav.get_by_text(re.compile(r"^app$"))).to_have_count(0)  # no page named after the file
        assert_no_exception(page)
