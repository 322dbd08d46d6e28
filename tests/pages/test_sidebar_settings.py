"""The sidebar's language and presenter settings: a widget the browser builds from the element's
default shows the session's setting, and the setting survives runs that never draw the widget.

The browser keeps a widget's value only once it has seen the element; when a session's first run is
interrupted, it builds the widget from the element's *default*. A language radio whose default was
English while the session was Chinese sent "English" back on the next click (a ?lang=zh page answered
in English, 1 run in 3 of the hostile-upload browser test)."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import APP_TIMEOUT, ROOT
from tests.pages.links import routed  # noqa: F401 -- fixture: every run goes through app.py and its sidebar
from ui.i18n import LANG_KEY, LANGUAGES
from ui.sidebar import LANG_WIDGET, PRESENT_WIDGET
from ui.theme import PRESENT_KEY


def _open(query: dict) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    return at


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_language_radio_default_is_the_sessions_language_on_every_run(routed, lang):  # noqa: F811
    at = _open({"lang": lang})
    for _ in range(2):  # the first run seeds from the link; the second stands for any later run
        radio = at.radio(key=LANG_WIDGET)
        assert radio.value == lang and at.session_state[LANG_KEY] == lang
        assert list(LANGUAGES)[radio.proto.default] == lang  # what a radio the browser builds afresh shows
        at.run()


@pytest.mark.parametrize("present", [False, True])
def test_presenter_toggle_default_is_the_sessions_setting_on_every_run(routed, present):  # noqa: F811
    at = _open({"present": "1"} if present else {})
    for _ in range(2):
        toggle = at.toggle(key=PRESENT_WIDGET)
        assert toggle.value is present and at.session_state[PRESENT_KEY] is present
        assert toggle.proto.default is present
        at.run()


def test_choosing_in_the_sidebar_changes_the_setting_and_the_link(routed):  # noqa: F811
    at = _open({})
    at.radio(key=LANG_WIDGET).set_value("zh")
    at.toggle(key=PRESENT_WIDGET).set_value(True)
    at.run()
    assert not at.exception
    assert at.session_state[LANG_KEY] == "zh" and at.session_state[PRESENT_KEY] is True
    assert at.query_params["lang"] == "zh" and at.query_params["present"] == "1"
    assert "课程目录" in [h.value for h in at.subheader]
    assert list(LANGUAGES)[at.radio(key=LANG_WIDGET).proto.default] == "zh"
    at.radio(key=LANG_WIDGET).set_value("en").run()
    assert at.session_state[LANG_KEY] == "en" and "lang" not in at.query_params


def test_a_setting_changed_elsewhere_moves_the_widget(routed):  # noqa: F811
    at = _open({})
    at.session_state[LANG_KEY] = "zh"
    at.run()
    assert not at.exception
    assert at.radio(key=LANG_WIDGET).value == "zh" and at.session_state[LANG_KEY] == "zh"
    assert "课程目录" in [h.value for h in at.subheader]


def test_a_setting_no_language_has_falls_back_to_english(routed):  # noqa: F811
    at = _open({})
    at.session_state[LANG_KEY] = "fr"  # set by code, not by a link (a link's value is checked before it is kept)
    at.run()
    assert not at.exception
    assert at.radio(key=LANG_WIDGET).value == "en" and at.session_state[LANG_KEY] == "en"
