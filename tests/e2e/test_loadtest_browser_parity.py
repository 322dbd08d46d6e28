"""The load test's protocol client sees what a real browser shows: same page, same interaction, same text.
Each page's visit also checks that the app works offline (no page asks for anything outside it) and that
nothing on it is cut or drawn on something else, at 1366 px and narrowed to a phone."""

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from bench.loadtest.client import StreamlitClient
from bench.loadtest.widgets import changed_state
from tests.e2e.conftest import assert_no_exception, lesson_slugs, wait_drawn, wait_idle
from tests.e2e.layout import RELAID_OUT, TWO_FRAMES, what_is_cut

pytestmark = pytest.mark.browser

MARKUP = set("*_`$\\[]<>#|~")  # texts with these are rendered (markdown, LaTeX): not compared verbatim
MAIN = '[data-testid="stMain"]'
LOCAL_SCHEMES = ("data", "blob", "about")  # requests that never leave the browser
LAPTOP = {"width": 1366, "height": 768}  # the smallest common classroom laptop screen
PHONE = {"width": 390, "height": 844}  # a phone held upright


# live measurements (the vectorization page's timings) differ per visit, in value and in unit (850 ns, 1.20 ms)
NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?: (?:ns|µs|ms|s)(?![A-Za-z]))?")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


DIVIDER = "---"  # st.divider() travels as this Markdown and is drawn as a rule, not as text


def _plain(texts) -> list[str]:
    return [_norm(t) for t in texts if not set(t) & MARKUP and t.strip() != DIVIDER]


def _run(visit):
    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API owns this thread's event loop
        return pool.submit(asyncio.run, visit()).result()


def _headings(result) -> list[str]:
    return [_norm(el.proto.body) for el in result.elements if el.kind == "heading" and el.path[0] == 0]


def _protocol(url: str, path: str, click: str | None = None):
    """(texts before, texts after clicking widget ``click`` (none: the same), headings after, every page's path)
    of page ``path`` as the protocol client receives them, opened from Home as a student clicking in the sidebar
    would."""

    async def visit():
        client = StreamlitClient(url)
        await client.connect()
        try:
            result = await client.open_page("")
            if path:
                result = await client.open_page(path)
            before = result
            if click is not None:
                result = await client.set_widget(changed_state(result.find_widget(click)))
            return before.texts(), result.texts(), _headings(result), set(client.pages)
        finally:
            await client.close()

    return _run(visit)


def _pattern(text: str, any_numbers: bool) -> re.Pattern:
    """``text`` as a regex in which any whitespace run matches any other; with ``any_numbers`` every number in it
    matches any number (for live measurements), else numbers must be equal."""
    body = NUMBER.pattern.join(re.escape(part) for part in NUMBER.split(text)) if any_numbers else re.escape(text)
    return re.compile(r"\s+".join(body.split(r"\ ")))


def _expect_shown(page, texts: list[str], any_numbers: bool = False) -> None:
    """Wait (retrying) until the main area's text holds each of ``texts``."""
    main = page.locator(MAIN)  # text_content, what to_contain_text reads: collapsed expanders count too
    for text in texts:
        expect(main).to_contain_text(_pattern(text, any_numbers))


@pytest.mark.parametrize("path", lesson_slugs())
def test_every_page_shows_the_protocol_clients_text_cuts_nothing_and_asks_nothing_from_outside(page, app_url, path):
    own = urlparse(app_url).netloc
    outside = []
    page.on("request", lambda req: outside.append(req.url)
            if urlparse(req.url).scheme not in LOCAL_SCHEMES and urlparse(req.url).netloc != own else None)
    texts, _, headings, pages = _protocol(app_url, path)
    assert path in pages
    page.set_viewport_size(LAPTOP)
    page.goto(f"{app_url}/{path}")
    wait_drawn(page)  # charts drawn and the network quiet: lazy chunks (plotly, katex, graphviz) loaded
    plain = _plain(texts)
    assert plain and headings, f"/{path}: nothing to compare"
    expect(page.locator(MAIN).locator('[data-testid="stHeading"]')).to_have_text(headings, use_inner_text=True)
    _expect_shown(page, plain, any_numbers=True)  # the vectorization page measures live
    assert_no_exception(page)
    assert what_is_cut(page) == {}, "at 1366 px"
    # The same page on a phone: Streamlit lays its columns out again and redraws every chart at its new width,
    # as a page opened on a phone draws it (nothing on the server depends on the window's size).
    page.set_viewport_size(PHONE)
    page.wait_for_function(RELAID_OUT)
    page.evaluate(TWO_FRAMES)
    assert what_is_cut(page) == {}, "on a phone"
    assert outside == []


def test_graph_step_button_gives_the_same_text_in_both_clients(page, app_url):
    before, after, _, _ = _protocol(app_url, "graph", click="cg_next")  # opens at step 0
    changed = [t for t in _plain(after) if t not in _plain(before)]
    assert changed, "clicking cg_next changed no plain text: nothing to compare"
    page.goto(f"{app_url}/graph")
    wait_idle(page)
    page.locator(".st-key-cg_next button").click()
    _expect_shown(page, _plain(after))
    assert_no_exception(page)
