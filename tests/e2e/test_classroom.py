"""Real browser: the classroom features: offline, language across pages, presenter mode, share link."""

from urllib.parse import urlparse

import pytest

from tests.e2e.conftest import assert_no_exception, lesson_slugs, wait_idle

pytestmark = pytest.mark.browser
LOCAL_SCHEMES = ("data", "blob", "about")  # requests that never leave the browser


def test_no_page_requests_anything_but_the_app_itself(page, app_url):
    own = urlparse(app_url).netloc
    outside = []
    page.on("request", lambda req: outside.append(req.url)
            if urlparse(req.url).scheme not in LOCAL_SCHEMES and urlparse(req.url).netloc != own else None)
    for slug in lesson_slugs():
        page.goto(f"{app_url}/{slug}")
        wait_idle(page)
        page.wait_for_timeout(500)  # let lazy chunks (plotly, katex, graphviz) load
    assert outside == []


def test_language_choice_persists_across_page_changes(page, app_url):
    page.goto(f"{app_url}/")
    wait_idle(page)
    page.get_by_text("简体中文").click()
    wait_idle(page)
    page.get_by_text("课程目录").first.wait_for()
    page.locator('[data-testid="stSidebarNav"] a[href$="/sigmoid"]').click()
    wait_idle(page)
    assert "lang=zh" in page.url
    page.get_by_role("link", name="首页").first.wait_for()
    assert_no_exception(page)


def test_presenter_link_enlarges_type_and_collapses_sidebar(page, app_url):
    page.goto(app_url)
    wait_idle(page)
    assert page.locator('[data-testid="stSidebar"]').get_attribute("data-collapsed") == "false"
    normal = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.goto(f"{app_url}/?present=1")
    wait_idle(page)
    page.wait_for_timeout(300)
    large = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert large > normal * 1.2
    assert page.locator('[data-testid="stSidebar"]').get_attribute("data-collapsed") == "true"


def test_share_link_carries_language_and_page(page, app_url):
    page.goto(f"{app_url}/sigmoid?lang=zh")
    wait_idle(page)
    page.get_by_text("复制本视图的链接").click()
    code = page.locator('[data-testid="stPopoverBody"] code').first
    code.wait_for()
    link = code.inner_text()
    assert link.startswith(f"{app_url}/sigmoid") and "lang=zh" in link
