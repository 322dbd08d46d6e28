"""Real browser: the classroom features: language across pages, presenter mode, share link. (Offline, no
page asking for anything outside the app, is checked in test_loadtest_browser_parity's walk over every page.)"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, wait_idle

pytestmark = pytest.mark.browser
FONT_SIZE = "parseFloat(getComputedStyle(document.documentElement).fontSize)"  # the root font size in px
PRESENTER_SCALE = 1.2  # presenter mode's type is more than this many times the normal size


def test_language_choice_persists_across_page_changes(page, app_url):
    page.goto(f"{app_url}/")
    wait_idle(page)
    page.get_by_text("简体中文").click()
    wait_idle(page)
    page.get_by_text("课程目录").first.wait_for()
    page.locator('[data-testid="stSidebarNav"] a[href$="/sigmoid"]').click()
    wait_idle(page)
    expect(page).to_have_url(re.compile(r"/sigmoid\?.*lang=zh"))
    page.get_by_role("link", name="首页").first.wait_for()
    assert_no_exception(page)


def test_presenter_link_enlarges_type_and_collapses_sidebar(page, app_url):
    page.goto(app_url)
    wait_idle(page)
    expect(page.locator('[data-testid="stSidebar"]')).to_have_attribute("data-collapsed", "false")
    normal = page.evaluate(FONT_SIZE)
    page.goto(f"{app_url}/?present=1")
    wait_idle(page)
    page.wait_for_function(f"() => ({FONT_SIZE}) > {normal * PRESENTER_SCALE}")  # the presenter CSS has applied
    expect(page.locator('[data-testid="stSidebar"]')).to_have_attribute("data-collapsed", "true")


def test_share_link_carries_language_and_page(page, app_url):
    page.goto(f"{app_url}/sigmoid?lang=zh")
    wait_idle(page)
    page.get_by_text("复制本视图的链接").click()
    code = page.locator('[data-testid="stPopoverBody"] code').first
    expect(code).to_have_text(re.compile("^" + re.escape(f"{app_url}/sigmoid") + r"\S*lang=zh"))
