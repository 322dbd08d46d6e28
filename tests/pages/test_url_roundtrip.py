"""Every URL-bound control of every page round-trips through "Copy link to this view".

The cases come from the schema (ui/url_params.py), so a control added there is covered here: set it,
read the shared link, open that link in a new session, find the same control by key with the same value.
"""

import pytest

from core.data.features import DATASETS, default_dataset
from core.data.loaders import course_data_available
from tests.pages.links import link_notes, open_link, routed, shared_link  # noqa: F401 (routed is a fixture)
from ui.i18n import catalogue
from ui.url_params import NO_COURSE, PAGES, Param

CASES = [pytest.param(slug, param, id=param.key) for slug, params in PAGES.items() for param in params.values()]


def held(param: Param, name: str):
    """What the control holds for link value ``name`` (a tab bar holds the tab's English label)."""
    return catalogue("en")[param.labels.format(name)] if param.tab else param.widget_value(name)


def _needs(param: Param, request) -> None:
    if param.needs_data:
        request.getfixturevalue("course_dir")


@pytest.mark.parametrize("slug, param", CASES)
def test_control_round_trips_through_the_shared_link(routed, slug, param, request):  # noqa: F811
    _needs(param, request)
    at = open_link(slug, dict(param.needs))
    at.session_state[param.key] = held(param, param.example())
    at.run()
    assert not at.exception
    link = shared_link(at)
    assert link.get(param.key) == param.example()
    fresh = open_link(slug, link)
    assert not fresh.exception and not link_notes(fresh)
    assert fresh.session_state[param.key] == held(param, param.example())
    assert shared_link(fresh) == link


@pytest.mark.parametrize("slug, param", CASES)
def test_schema_default_is_what_the_control_opens_with(routed, slug, param, request):  # noqa: F811
    _needs(param, request)
    at = open_link(slug, dict(param.needs))
    assert not at.exception
    without_course = param.note == NO_COURSE and not course_data_available()
    default = DATASETS[default_dataset(False)] if without_course else param.default  # as the README table says
    assert at.session_state[param.key] == held(param, default)
    assert param.key not in shared_link(at)


def test_switching_language_keeps_the_open_tab_and_the_link(routed):  # noqa: F811
    at = open_link("cat_classifier", {"cat_tab": "train"})
    assert at.session_state["cat_tab"] == catalogue("en")["cat.tab_train"]
    at.session_state["lang"] = "zh"
    at.run()
    assert at.session_state["cat_tab"] == catalogue("zh")["cat.tab_train"]
    assert shared_link(at) == {"lang": "zh", "cat_tab": "train"}
