"""Bad links: every control falls back to its default with one translated note naming the parameter and
what it allows; hostile values (issue 10's list) never raise."""

import pytest

from tests.pages.links import link_notes, open_link, routed, shared_link  # noqa: F401 (routed is a fixture)
from ui.url_params import PAGES, Param

BAD = {  # kind -> values a link may carry that the control must refuse
    "float": ("abc", "1e309", "inf", "-inf", "nan", "9" * 400),
    "int": ("abc", "1e9", "2.5", "inf", "9" * 400),
    "choice": ("nope", "Cross-entropy", ""),
    "bool": ("maybe", "2"),
    "text": ("x" * 10_000,),
}
TEN_THOUSAND = "(" + "1, " * 3333 + ")"  # a 10 000-character shape
HOSTILE = [  # (page, link) pairs from issue 10 and issue 13
    ("graph", {"cg_m": "1e309"}), ("graph", {"cg_seed": "inf"}), ("loss", {"loss_example": "-inf"}),
    ("rank_one", {"r1_seed": "9" * 400}), ("descent", {"gd_learning_rate": "abc"}),
    ("descent", {"gd_iterations": "1e9"}), ("broadcasting", {"bc_a": TEN_THOUSAND}),
    ("graph", {"cg_step": "1e309"}), ("sigmoid", {"sig_w": "nan", "sig_big_z": "-inf"}),
    ("vectorization", {"vec_n": "1e309"}), ("surface", {"surf_span": "inf", "surf_dataset": "../../etc"}),
    ("broadcasting", {"bc_b": "![](//e.invalid/a)"}), ("cat_classifier", {"cat_tab": "<script>", "cat_l2": "inf"}),
]


def _first_param_of_each_kind():
    seen = {}
    for slug, params in PAGES.items():
        for param in params.values():
            if not param.needs_data:
                seen.setdefault(param.kind, (slug, param))
    return [pytest.param(slug, param, bad, id=f"{param.key}={bad[:12]}")
            for kind, (slug, param) in seen.items() for bad in BAD[kind]]


def _expect_note(at, param: Param, lang: str = "en") -> str:
    notes = link_notes(at, lang)
    assert len(notes) == 1, notes
    assert param.key.replace("_", "\\_") in notes[0]
    return notes[0]


@pytest.mark.parametrize("slug, param, bad", _first_param_of_each_kind())
def test_bad_value_gives_the_default_and_one_note(routed, slug, param, bad):  # noqa: F811
    at = open_link(slug, {**dict(param.needs), param.key: bad})
    assert not at.exception
    note = _expect_note(at, param)
    assert param.default.replace("(", "\\(") in note or param.kind == "text"
    assert param.key not in at.query_params and param.key not in shared_link(at)


@pytest.mark.parametrize("slug, param", [pytest.param(s, p, id=p.key) for s, ps in PAGES.items()
                                         for p in ps.values() if p.kind in ("int", "float")])
def test_every_number_refuses_infinity_with_a_note(routed, slug, param, request):  # noqa: F811
    if param.needs_data:
        request.getfixturevalue("course_dir")
    at = open_link(slug, {**dict(param.needs), param.key: "1e309"})
    assert not at.exception
    _expect_note(at, param)


def test_note_is_translated_and_names_what_was_allowed(routed):  # noqa: F811
    at = open_link("descent", {"lang": "zh", "gd_iterations": "1e9"})
    note = _expect_note(at, PAGES["descent"]["gd_iterations"], "zh")
    assert "从 1 到 500 的整数" in note and "默认值 100" in note


def test_unknown_key_gives_a_note_and_is_dropped(routed):  # noqa: F811
    at = open_link("sigmoid", {"sig_w": "2", "quizz": "1"})
    notes = link_notes(at)
    assert len(notes) == 1 and "quizz" in notes[0] and "sig\\_w" not in notes[0]
    assert at.slider(key="sig_w").value == 2.0
    assert shared_link(at) == {"sig_w": "2"}


@pytest.mark.parametrize("key, value", [("lang", "fr"), ("present", "maybe")])
def test_bad_language_or_presenter_value_gives_a_note(routed, key, value):  # noqa: F811
    at = open_link("graph", {key: value})
    assert not at.exception
    notes = link_notes(at)
    assert len(notes) == 1 and key in notes[0]
    assert at.session_state["lang"] == "en" and at.session_state["present"] is False


def test_echoed_value_is_text_not_markdown(routed):  # noqa: F811
    at = open_link("graph", {"cg_x1": "![x](//e.invalid/a)"})
    note = link_notes(at)[0]
    assert "e\\.invalid" in note  # echoed, every mark escaped: no image, no link can form
    assert "![" not in note and "](" not in note


@pytest.mark.parametrize("slug, link", HOSTILE, ids=lambda v: str(v)[:30] if isinstance(v, dict) else v)
def test_hostile_links_never_raise(routed, slug, link):  # noqa: F811
    at = open_link(slug, link)
    assert not at.exception
    assert len(link_notes(at)) == 1 or slug == "broadcasting" and "bc_b" in link


def test_page_switch_drops_the_previous_pages_settings_without_a_note(routed):  # noqa: F811
    at = open_link("descent", {"gd_dataset": "separable", "gd_view": "surface"})
    assert at.query_params["gd_dataset"] == "separable"
    at.switch_page("pages/graph.py").run()
    assert not at.exception and not link_notes(at)
    assert "gd_dataset" not in at.query_params and "gd_view" not in at.query_params


def test_limit_that_depends_on_the_split_is_checked_too(routed, course_dir):  # noqa: F811
    link = {"cat_tab": "explore", "cat_split": "test", "cat_inspect": "100"}
    at = open_link("cat_classifier", link)
    note = _expect_note(at, PAGES["cat_classifier"]["cat_inspect"])
    assert "0 to 49" in note
    assert at.number_input(key="cat_inspect").value == 0
    assert not link_notes(open_link("cat_classifier", {**link, "cat_split": "train"}))
