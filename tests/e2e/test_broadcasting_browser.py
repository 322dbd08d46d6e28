"""Real browser: shapes typed into the broadcasting lab (Enter to apply) and shared links give the result."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, wait_idle

pytestmark = pytest.mark.browser


def _type_shape(page, label: str, text: str, expect: str) -> None:
    """Type ``text`` into the box labelled ``label``, press Enter, and wait until ``expect`` is shown."""
    box = page.get_by_role("textbox", name=label)
    box.fill(text)
    box.press("Enter")
    page.get_by_text(expect).first.wait_for()
    wait_idle(page)


def test_typed_shapes_show_the_result_shape_without_exception(page, app_url):
    page.goto(f"{app_url}/broadcasting")
    wait_idle(page)
    page.get_by_text("Result shape: (3, 4)").first.wait_for()
    _type_shape(page, "Shape of A", "2 1 3", "A (2, 1, 3)")
    _type_shape(page, "Shape of B", "(4, 1)", "Result shape: (2, 4, 3)")
    assert_no_exception(page)
    expect(page).to_have_url(re.compile(r"bc_a="))  # the typed shape is in the address bar, ready to share


def test_hostile_text_shows_a_message_not_a_traceback(page, app_url):
    page.goto(f"{app_url}/broadcasting")
    wait_idle(page)
    _type_shape(page, "Shape of A", "__import__('os')", "bracket in the wrong place")
    assert_no_exception(page)


def test_shared_link_restores_the_shapes(page, app_url):
    page.goto(f"{app_url}/broadcasting?bc_a=(5,)&bc_b=(5,1)")
    wait_idle(page)
    page.get_by_text("Result shape: (5, 5)").first.wait_for()
    expect(page.get_by_role("textbox", name="Shape of A")).to_have_value("(5,)")  # retries while React settles
    assert_no_exception(page)
