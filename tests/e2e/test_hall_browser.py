"""Real browser through HAProxy and two replicas: a student's page, its websocket and its photo
upload are all answered by one replica (the one its cookie names), and the prediction is right."""

import pytest

from deploy.hall import COOKIE, hall
from tests.deploy.conftest import haproxy  # noqa: F401 (the fixture: HAProxy required in CI)
from tests.e2e.conftest import wait_idle
from tests.e2e.test_cat_browser import upload_kitten_and_expect_p_cat

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
    # Every response from the network: a blob: URL is made in the page itself (the live charts' script).
    page.on("response", lambda response: response.url.startswith("http")
            and answered_by.append(response.headers.get(REPLICA_HEADER)))
    try:
        page.goto(f"{hall_url}/cat_classifier?lang=en")
        wait_idle(page)
        upload_kitten_and_expect_p_cat(page)
        cookie = {c["name"]: c["value"] for c in context.cookies()}[COOKIE]
        assert set(answered_by) == {cookie}  # every response, the upload PUT included
        assert len(answered_by) > 1
    finally:
        context.close()
