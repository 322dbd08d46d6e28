"""Every page works in Chinese, not only renders: change one control with lang=zh and a Chinese result text
changes, without an exception and without English prose (the same rule as test_every_page_translated)."""

import re

import pytest
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import APP_TIMEOUT, ROOT, open_page
from tests.pages.test_every_page_translated import ENGLISH_PROSE, _visible_texts
from ui import i18n
from ui.lessons import HOME, LESSONS
from ui.sidebar import LANG_WIDGET

CJK = re.compile(r"[\u4e00-\u9fff]")  # a Chinese character


def _open_train_tab(at):
    """Open the classifier's "train it yourself" tab (a lazy tab: only the open one runs), as a click would."""
    at.session_state["cat_tab"] = i18n.catalogue("zh")["cat.tab_train"]
    return at


# page script -> one change a student makes (Home: switching the language itself, from English)
INTERACTIONS = {
    HOME: lambda at: at.radio(key=LANG_WIDGET).set_value("zh"),
    "pages/sigmoid.py": lambda at: at.slider(key="sig_w").set_value(0.0),  # no decision point: a sentence says why
    "pages/loss.py": lambda at: at.slider(key="loss_b").set_value(1.5),
    "pages/surface.py": lambda at: at.radio(key="surf_loss").set_value("squared_error"),
    "pages/descent.py": lambda at: at.select_slider(key="gd_learning_rate").set_value(2.0),
    "pages/graph.py": lambda at: at.button(key="cg_next").click(),
    "pages/vectorization.py": lambda at: at.slider(key="vec_n").set_value(3000),
    "pages/broadcasting.py": lambda at: at.text_input(key="bc_a").set_value("(2, 1, 3)"),
    "pages/rank_one.py": lambda at: at.slider(key="r1_n").set_value(7),
    "pages/cat_classifier.py": _open_train_tab,
}


@pytest.fixture
def harness_speaks_chinese(monkeypatch):
    """AppTest formats option labels (format_func, which calls t()) in the test's own thread, outside any
    session, where t() would answer in English and miss the Chinese options. Only that thread is patched:
    the app's script runs keep reading the language from their session."""
    session_language = i18n.current_language
    monkeypatch.setattr(i18n, "current_language", lambda: session_language() if get_script_run_ctx() else "zh")


def test_every_page_has_a_chinese_interaction():
    assert set(INTERACTIONS) == {HOME} | {lesson.script for lesson in LESSONS}


def _chinese(at) -> set[str]:
    return {text for text in _visible_texts(at) if CJK.search(text)}


def _open(script: str) -> AppTest:
    if script != HOME:
        return open_page(script, lang="zh")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)  # no language set: English
    return at.run()


@pytest.mark.parametrize("script", list(INTERACTIONS))
def test_changing_a_control_in_chinese_changes_a_chinese_result(script, harness_speaks_chinese):
    at = _open(script)
    before = _chinese(at)
    INTERACTIONS[script](at).run()
    assert not at.exception
    new = _chinese(at) - before
    assert new, "no Chinese text changed"
    english = [m.group(0) for text in _visible_texts(at) for m in ENGLISH_PROSE.finditer(text)]
    assert english == []
