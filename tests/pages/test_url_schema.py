"""The schema (ui/url_params.py) matches the pages: every control on screen is either in it or named
here with the reason it stays out of links; bound widgets are bound, the README table is the schema's,
and the README's example links open the view they promise."""

import re
from urllib.parse import parse_qsl

import pytest

from tests.pages.conftest import ROOT
from tests.pages.links import link_notes, open_link, routed  # noqa: F401 (routed is a fixture)
from tests.pages.test_url_roundtrip import held
from ui.url_params import GLOBALS, PAGES
from ui.url_table import TABLE_END, TABLE_START, markdown_table

WIDGET_TYPES = ("slider", "select_slider", "number_input", "text_input", "text_area", "radio", "selectbox",
                "toggle", "checkbox", "multiselect")
NOT_IN_LINK = {  # keyed controls that stay out of links, and why
    "lang_choice": "global ?lang=: checked and written by the sidebar (ui/sidebar.py)",
    "present_choice": "global ?present=: checked and written by the sidebar (ui/sidebar.py)",
    "cat_camera_on": "turns on the camera, which asks the visitor for permission",
    "cat_train_data": "chooses between the course photos and a data set uploaded in this session",
    "cat_model_choice": "chooses the model trained in this session, which a link cannot carry",
    "quiz_predict": "global: ?predict= is checked by ui/quiz_state.py",
}
ANSWER_PREFIX = "quiz_"  # Check-yourself answers (quiz_<kind>) stay in the student's session, never in a link
VIEWS = [("", {}), ("sigmoid", {}), ("loss", {}), ("surface", {}), ("descent", {}), ("graph", {"cg_step": "8"}),
         ("vectorization", {}), ("broadcasting", {}), ("rank_one", {}),
         *(("cat_classifier", {"cat_tab": tab}) for tab in ("photo", "inside", "explore", "train"))]
README = (ROOT / "README.md").read_text(encoding="utf-8")
README_LINK = re.compile(r"`/(\w+)\?([^`\s]+)`")  # a link in backticks, e.g. `/graph?cg_x1=3&cg_y=0`


def _keyed_widgets(at) -> dict:
    return {w.key: w for kind in WIDGET_TYPES for w in at.get(kind) if getattr(w, "key", None)}


@pytest.mark.parametrize("slug, link", VIEWS, ids=lambda v: str(v))
def test_every_control_on_screen_is_in_the_schema_or_named_out(routed, slug, link, request):  # noqa: F811
    if slug == "cat_classifier":
        request.getfixturevalue("course_dir")  # the explorer and the test-set slider need the course photos
    at = open_link(slug, link)
    assert not at.exception
    widgets = _keyed_widgets(at)
    answers = {key for key in widgets if key.startswith(ANSWER_PREFIX)}
    unknown = sorted(set(widgets) - set(PAGES[slug]) - set(NOT_IN_LINK) - answers)
    assert unknown == [], "add these controls to ui/url_params.py (or to NOT_IN_LINK with a reason)"
    for key, widget in widgets.items():
        param = PAGES[slug].get(key)
        if param is not None:
            bound = widget.proto.query_param_key == key
            assert bound != param.by_page, f"{key}: bound by the widget xor kept by the page"
            _same_limits(param, widget.proto)


def _same_limits(param, proto) -> None:
    """The widget allows what the schema allows (a split-dependent maximum may be smaller, see its note)."""
    if param.kind in ("int", "float"):
        assert proto.min == param.low, param.key
        assert proto.max == param.high or (param.note and proto.max < param.high), param.key
    elif param.kind == "choice" and not param.by_page:
        assert list(proto.options) == list(param.choices), param.key


def test_readme_table_is_generated_from_the_schema():
    start, end = README.index(TABLE_START) + len(TABLE_START), README.index(TABLE_END)
    assert README[start:end].strip() == markdown_table()


def test_readme_links_open_the_view_they_promise(routed):  # noqa: F811
    links = README_LINK.findall(README)
    assert {"graph", "descent", "broadcasting", "sigmoid"} <= {slug for slug, _ in links}
    for slug, query in links:
        params = dict(parse_qsl(query, keep_blank_values=True))
        at = open_link(slug, params)
        assert not at.exception and not link_notes(at), (slug, query)
        for key, value in params.items():
            param = PAGES[slug].get(key) or GLOBALS[key]
            expected = value if key in GLOBALS else held(param, value)
            assert at.session_state[key] == expected, (slug, key)
