"""Real browser: predict-first hides a page's result until question 1 is answered, and a quiz link gives a
fresh browser (its own context: no cookies, no session) the same questions."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, wait_idle

pytestmark = pytest.mark.browser

FORM = '[data-testid="stForm"]'  # one form per question
SEED = 4242  # a quiz number other than the default


def _open(page, url):
    page.goto(url)
    wait_idle(page)
    assert_no_exception(page)


def _question(page, text):
    return page.locator(FORM).filter(has_text=text)


def _prompts(page) -> list[str]:
    forms = page.locator(FORM)
    expect(forms).to_have_count(4)  # the page's four questions are on screen
    return [forms.nth(i).locator('[data-testid="stMarkdownContainer"]').first.inner_text() for i in range(4)]


def test_predict_first_hides_the_result_until_question_one_is_answered(page, app_url):
    _open(page, f"{app_url}/rank_one?predict=1")
    result = page.locator('[data-testid="stCode"]').filter(has_text=">>> a + col")
    note = page.get_by_text("Predict first: the result is hidden")
    expect(note).to_be_visible()
    expect(result).to_have_count(0)
    first = _question(page, "What shape is a + col?")
    first.get_by_role("textbox").fill("(5, 5)")
    first.get_by_role("button", name="Check").click()
    expect(first.get_by_text("Right.")).to_be_visible()
    expect(result).to_have_count(1)
    expect(result).to_be_visible()
    expect(note).to_have_count(0)
    assert_no_exception(page)


def test_a_quiz_link_gives_a_fresh_browser_the_same_questions(page, app_url, browser, browser_context_args):
    _open(page, f"{app_url}/graph?quiz={SEED}")
    mine = _prompts(page)
    fresh = browser.new_context(**browser_context_args)
    try:
        other = fresh.new_page()
        _open(other, f"{app_url}/graph?quiz={SEED}")
        assert _prompts(other) == mine
        _open(other, f"{app_url}/graph")
        assert _prompts(other) != mine
    finally:
        fresh.close()


def test_new_questions_give_a_link_that_reproduces_them(page, app_url, browser, browser_context_args):
    _open(page, f"{app_url}/graph")
    before = _prompts(page)
    page.get_by_role("button", name="New questions").click()
    expect(page).to_have_url(re.compile(r"[?&]quiz=\d+"))
    expect(page.locator(FORM).nth(1)).not_to_have_text(before[1])  # 1 is about the page; 2 is drawn afresh
    wait_idle(page)
    link = page.url
    shown = _prompts(page)
    fresh = browser.new_context(**browser_context_args)
    try:
        other = fresh.new_page()
        _open(other, link)
        assert _prompts(other) == shown
    finally:
        fresh.close()
