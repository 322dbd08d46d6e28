"""Real browser through HAProxy and two replicas: a student's page, its websocket and its photo
upload are all answered by one replica (the one its cookie names), and the prediction is right."""

import pytest
from playwright.sync_api import expect

from core.explain import logit_parts, photo_column
from core.image import preprocess_photo
from core.model_file import load_model
from deploy.hall import COOKIE, hall
from tests.deploy.conftest import haproxy  # noqa: F401 (the fixture: HAProxy required in CI)
from tests.e2e.conftest import IDLE_TIMEOUT_MS, assert_no_exception, wait_idle
from tests.e2e.test_cat_browser import UPRIGHT, _jpeg, _p_cat

pytestmark = pytest.mark.browser
REPLICA_HEADER = "x-logitlab-replica"  # as the browser sees it (lower case)


@pytest.fixture(scope="module")
def hall_url(haproxy, chromium_path):  # noqa: F811 (the imported fixture)
    with hall(2) as h:
        yield h.url


def test_a_browser_session_and_its_upload_stay_on_the_replica_its_cookie_names(browser, hall_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    answered_by = []
    page.on("response", lambda response: answered_by.append(response.headers.get(REPLICA_HEADER)))
    try:
        page.goto(f"{hall_url}/cat_classifier?lang=en")
        wait_idle(page)
        data = _jpeg()
        page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(
            {"name": "kitten.jpg", "mimeType": "image/jpeg", "buffer": data})
        page.get_by_text(f"kitten.jpg, {UPRIGHT}").first.wait_for(timeout=IDLE_TIMEOUT_MS)
        wait_idle(page)
        shipped = load_model()
        p = logit_parts(shipped.w, shipped.b, photo_column(preprocess_photo(data))).p
        expect(_p_cat(page)).to_have_text(f"{100 * p:.1f} %")
        assert_no_exception(page)
        cookie = {c["name"]: c["value"] for c in context.cookies()}[COOKIE]
        assert set(answered_by) == {cookie}  # every response, the upload PUT included
        assert len(answered_by) > 1
    finally:
        context.close()
