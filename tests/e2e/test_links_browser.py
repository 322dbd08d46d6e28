"""Real browser: a shared link opened in a fresh browser shows the same view (data set, tab, graph step),
"Copy link to this view" gives back the same link, and a bad link shows one note instead of a traceback."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import IDLE_TIMEOUT_MS as WAIT
from tests.e2e.conftest import assert_no_exception, wait_idle
from ui.i18n import catalogue

pytestmark = pytest.mark.browser

EN, ZH = catalogue("en"), catalogue("zh")
FIRST_LOAD_MS = 3 * WAIT  # a fresh browser's first load draws 3D charts in software: give it longer on a busy box
GRAPH = '[data-testid="stGraphVizChart"] svg'  # the computation graph as drawn
SHARE_CODE = '[data-testid="stPopoverBody"] [data-testid="stCode"]'  # the link inside the share popover


@pytest.fixture
def fresh(browser):
    """Open a URL in a new browser context (no cookies, no session); every context is closed at the end."""
    contexts = []

    def open_fresh(url):
        contexts.append(browser.new_context(viewport={"width": 1400, "height": 1000}))
        return _open(contexts[-1].new_page(), url)

    yield open_fresh
    for context in contexts:
        context.close()


def _open(page, url):
    page.goto(url)
    wait_idle(page, timeout=FIRST_LOAD_MS)
    assert_no_exception(page)
    return page


def _shared(page) -> dict[str, str]:
    """The query of the link in "Copy link to this view"."""
    page.get_by_role("button", name=EN["app.share"]).click()
    code = page.locator(SHARE_CODE).first
    expect(code).to_contain_text("?", timeout=WAIT)
    link = code.inner_text().strip()
    page.keyboard.press("Escape")
    return dict(parse_qsl(urlsplit(link).query))


def _selected_tab(page, label):
    expect(page.get_by_role("tab", name=label)).to_have_attribute("aria-selected", "true", timeout=WAIT)


def test_graph_step_made_by_clicking_round_trips_through_a_fresh_browser(fresh, app_url):
    page = fresh(f"{app_url}/graph?cg_x1=3")
    expect(page.get_by_text("Step 0 of 8")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text(EN["graph_steps.chain_hidden"])).to_be_visible(timeout=WAIT)
    expect(page.locator(".katex")).to_have_count(0, timeout=WAIT)  # no chain rule, update or average at step 0
    expect(page.locator(GRAPH)).to_contain_text("dz = ?", timeout=WAIT)
    for step in (1, 2, 3):
        page.get_by_role("button", name=EN["graph.btn_next"]).click()
        expect(page.get_by_text(f"Step {step} of 8")).to_be_visible(timeout=WAIT)
    wait_idle(page)
    link = _shared(page)
    assert link == {"cg_x1": "3", "cg_step": "3"}
    other = fresh(f"{app_url}/graph?cg_step=3&cg_x1=3")
    expect(other.get_by_text("Step 3 of 8")).to_be_visible(timeout=WAIT)
    expect(other.get_by_role("spinbutton", name="x1")).to_have_value("3.00", timeout=WAIT)


@pytest.mark.usefixtures("course_dir")
def test_link_with_dataset_tab_and_step_opens_the_same_view_in_a_fresh_browser(fresh, app_url):
    surface = {"surf_dataset": "separable", "surf_loss": "squared_error", "surf_span": "5"}
    page = fresh(f"{app_url}/surface?" + "&".join(f"{k}={v}" for k, v in surface.items()))
    expect(page.get_by_role("combobox", name=EN["surface.dataset_label"])).to_have_value(
        EN["surface.dataset_separable"], timeout=WAIT)
    expect(page.get_by_role("radio", name="½·(ŷ − y)²")).to_be_checked(timeout=WAIT)
    expect(page.get_by_test_id("stSliderThumbValue").first).to_have_text("5.00", timeout=WAIT)
    assert _shared(page) == surface

    cat = {"cat_tab": "train", "cat_iterations": "500"}
    page = fresh(f"{app_url}/cat_classifier?cat_tab=train&cat_iterations=500")
    _selected_tab(page, EN["cat.tab_train"])
    slider = page.get_by_test_id("stSlider").filter(has_text=EN["cat.iterations_label"])
    expect(slider.get_by_test_id("stSliderThumbValue")).to_have_text("500", timeout=WAIT)
    assert _shared(page) == cat


def test_bad_link_shows_one_translated_note_and_the_default(fresh, app_url):
    page = fresh(f"{app_url}/graph?lang=zh&cg_step=8&cg_m=1e309&cg_seed=inf")
    note = page.get_by_test_id("stAlertContentWarning").filter(has_text=ZH["url.note_intro"])
    expect(note).to_have_count(1, timeout=WAIT)
    expect(note).to_contain_text("cg_m", timeout=WAIT)
    expect(note).to_contain_text("cg_seed", timeout=WAIT)
    expect(page.get_by_role("spinbutton", name=ZH["graph.m_label"])).to_have_value("4", timeout=WAIT)
    assert_no_exception(page)
