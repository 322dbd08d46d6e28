"""The load test's protocol client sees what a real browser shows: same page, same interaction, same text."""

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.loadtest.client import StreamlitClient
from bench.loadtest.widgets import changed_state
from tests.e2e.conftest import IDLE_TIMEOUT_MS, assert_no_exception, wait_idle

pytestmark = pytest.mark.browser

MARKUP = set("*_`$\\[]<>#|~")  # texts with these are rendered (markdown, LaTeX): not compared verbatim
MAIN = '[data-testid="stMain"]'


# live measurements (the vectorization page's timings) differ per visit, in value and in unit (850 ns, 1.20 ms)
NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?: (?:ns|µs|ms|s)(?![A-Za-z]))?")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _shape(text: str) -> str:
    """The text with every number replaced by '#': the same words and layout, whatever was measured."""
    return NUMBER.sub("#", text)


def _plain(texts) -> list[str]:
    return [_norm(t) for t in texts if not set(t) & MARKUP]


def _protocol(url: str, path: str, click: str | None = None):
    """(texts before, texts after clicking widget ``click``, headings) as the protocol client receives them."""

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
            headings = [_norm(el.proto.body) for el in result.elements if el.kind == "heading" and el.path[0] == 0]
            return before.texts(), result.texts(), headings, dict(client.pages)
        finally:
            await client.close()

    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API owns this thread's event loop
        return pool.submit(asyncio.run, visit()).result()


def _browser_main(page) -> tuple[str, list[str]]:
    main = page.locator(MAIN)
    headings = [_norm(h) for h in main.locator('[data-testid="stHeading"]').all_inner_texts()]
    return _norm(main.text_content()), headings  # text_content: collapsed expanders count too


def test_every_page_shows_the_protocol_clients_text_in_chromium(page, app_url):
    _, _, _, pages = _protocol(app_url, "")
    assert "graph" in pages and "" in pages
    for path in sorted(pages):
        _, texts, headings, _ = _protocol(app_url, path)
        page.goto(f"{app_url}/{path}")
        wait_idle(page)
        page.get_by_role("heading").first.wait_for()
        plain = _plain(texts)
        assert plain, f"/{path}: no plain text to compare"
        page.locator(MAIN).get_by_text(NUMBER.split(plain[-1])[0] or plain[-1]).first.wait_for(state="attached")
        assert_no_exception(page)
        shown, shown_headings = _browser_main(page)
        assert headings and shown_headings == headings, path
        assert [t for t in plain if t not in shown and _shape(t) not in _shape(shown)] == [], f"/{path}"


def test_graph_step_button_gives_the_same_text_in_both_clients(page, app_url):
    before, after, _, _ = _protocol(app_url, "graph", click="cg_next")  # opens at step 0
    changed = [t for t in _plain(after) if t not in _plain(before)]
    assert changed, "clicking cg_next changed no plain text: nothing to compare"
    page.goto(f"{app_url}/graph")
    wait_idle(page)
    page.locator(".st-key-cg_next button").click()
    page.locator(MAIN).get_by_text(changed[0]).first.wait_for(timeout=IDLE_TIMEOUT_MS)
    wait_idle(page)
    shown, _ = _browser_main(page)
    assert [t for t in _plain(after) if t not in shown] == []
