"""Real browser: predict-first hides a page's result until question 1 is answered (rank-1, descent with its step
mode, the cat page with its explorer), and a quiz link gives a fresh browser (its own context: no cookies, no
session) the same questions."""

import re

import pytest
from playwright.sync_api import expect

from bench.browser import CHART_BOXES
from core.lessons.explain import logit_parts, photo_column
from core.neuron.model_file import load_model
from tests.e2e.conftest import IDLE_TIMEOUT_MS, assert_no_exception, wait_idle
from ui.cat_sections.photo import DEFAULT_EXAMPLE

pytestmark = pytest.mark.browser

FORM = '[data-testid="stForm"]'  # one form per question
SEED = 4242  # a quiz number other than the default
HIDDEN_PART = "🙈 Hidden until you answer question 1"  # where a part of the result is hidden (ui.quiz.hidden_part)


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


def _check(form, option: str):
    """Pick ``option`` in a question's choices and press Check."""
    form.get_by_text(option, exact=True).click(timeout=IDLE_TIMEOUT_MS)
    form.get_by_role("button", name="Check").click(timeout=IDLE_TIMEOUT_MS)


def test_predict_first_hides_descent_step_mode_until_the_verdict_question_is_answered(page, app_url):
    _open(page, f"{app_url}/descent?predict=1")
    step = page.get_by_role("button", name="Step", exact=True)
    steps_chart = page.locator(CHART_BOXES)  # the run's charts and the step map
    expect(page.get_by_text("Predict first: the result is hidden")).to_be_visible()
    expect(page.get_by_text(HIDDEN_PART).first).to_be_visible()
    expect(step).to_have_count(0)
    expect(steps_chart).to_have_count(0)
    expect(page.get_by_text("Steps taken:")).to_have_count(0)
    first = _question(page, "This page's run")
    _check(first, "diverges")  # right or wrong, an answer reveals
    expect(first.locator('[data-testid="stAlertContainer"]')).to_have_count(1)
    expect(step).to_be_visible()
    expect(page.get_by_text("Steps taken: 0.")).to_be_visible()
    wait_idle(page)  # the run the answer started has finished: the button takes clicks
    step.click(timeout=IDLE_TIMEOUT_MS)
    expect(page.get_by_text("Steps taken: 1.")).to_be_visible()
    expect(page.get_by_text("Predict first: the result is hidden")).to_have_count(0)
    expect(page.get_by_text(HIDDEN_PART)).to_have_count(0)
    assert_no_exception(page)


def test_predict_first_hides_the_cat_verdict_and_the_explorer_until_answered(page, app_url, course):
    model = load_model()
    p = logit_parts(model.w, model.b, photo_column(course.test_x_orig[DEFAULT_EXAMPLE])).p
    _open(page, f"{app_url}/cat_classifier?predict=1")
    p_cat = page.locator('[data-testid="stMetric"]').filter(has_text="p(cat)")
    explorer = page.get_by_role("tab", name="Dataset explorer")
    percent = page.locator('[data-testid="stImageCaption"]').filter(has_text="%")  # the explorer's p(cat)s
    expect(page.get_by_text("Predict first: the result is hidden")).to_be_visible()
    expect(page.get_by_text("The Reproduce script prints the answer")).to_be_visible()
    expect(p_cat).to_have_count(0)
    explorer.click(timeout=IDLE_TIMEOUT_MS)
    expect(page.get_by_text(HIDDEN_PART)).to_be_visible()
    expect(percent).to_have_count(0)
    page.get_by_role("tab", name="Your photo").click(timeout=IDLE_TIMEOUT_MS)
    first = _question(page, "Will the model call the photo above a cat?")
    _check(first, "not a cat")
    expect(first.locator('[data-testid="stAlertContainer"]')).to_have_count(1)
    expect(p_cat.locator('[data-testid="stMetricValue"]')).to_have_text(f"{100 * p:.1f} %")
    expect(page.get_by_text("The Reproduce script prints the answer")).to_have_count(0)
    explorer.click(timeout=IDLE_TIMEOUT_MS)
    expect(page.get_by_text(HIDDEN_PART)).to_have_count(0)
    expect(percent.first).to_be_visible()
    assert_no_exception(page)
