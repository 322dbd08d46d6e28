"""AppTests of "Check yourself" on every lesson page: the section renders in both languages, right answers
are marked right, wrong ones wrong with the explanation, badly formatted ones get the hint; quiz links
reproduce the questions, bad links fall back with a note, and predict-first hides the page's result."""

import math
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import APP_TIMEOUT, ROOT, charts
from ui.i18n import catalogue
from ui.lessons import LESSONS

PAGES = {lesson.slug: lesson.script for lesson in LESSONS}
HEADERS = {"en": "Check yourself", "zh": "自我检测"}
RIGHT = {"en": "Right.", "zh": "答对了。"}
WRONG_START = {"en": "Not quite: the answer is **", "zh": "不太对：答案是 **"}
HINT_SHAPE = {"en": "Type a shape such as", "zh": "请输入一个形状"}
HINT_NUMBER = {"en": "Type one number", "zh": "请输入一个数"}
# Pages whose widgets AppTest can drive in Chinese (a translated format_func cannot run outside a script run).
ZH_DRIVABLE = ("graph", "vectorization", "broadcasting", "rank_one")
SEED = 4242  # any quiz number other than the default 0


def open_with(slug: str, lang: str = "en", **params) -> AppTest:
    """A fresh session opened on the lesson's page with these link parameters."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    at.session_state["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page(PAGES[slug]).run()


def forms(at: AppTest) -> list:
    return [f for f in at.get("form") if _widget(f) is not None and _widget(f).key.startswith("quiz_")]


def _widget(form):
    widgets = list(form.text_input) + list(form.radio)
    return widgets[0] if widgets else None


def form_of(at: AppTest, key: str):
    return next(f for f in forms(at) if _widget(f).key == key)


def prompts(at: AppTest) -> list[str]:
    return [f.markdown[0].value for f in forms(at)]


def answer(at: AppTest, key: str, value) -> object:
    """Type or pick ``value`` in the question ``key``, press Check; return that question's form."""
    form = form_of(at, key)
    _widget(form).set_value(value)
    form.button[0].click().run()
    assert not at.exception
    return form_of(at, key)


def first(at: AppTest, kind: str):
    """The key of the page's first question of an answer kind ("text" or "choice")."""
    for form in forms(at):
        if (kind == "text") == bool(form.text_input):
            return _widget(form).key
    return None


def right_answer_after_wrong(form, lang) -> str:
    """The answer the feedback names after a wrong attempt."""
    message = form.error[0].value
    assert message.startswith(WRONG_START[lang])
    return message[len(WRONG_START[lang]):].split("**")[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("slug", list(PAGES))
def test_every_lesson_page_asks_three_to_five_questions(slug, lang):
    at = open_with(slug, lang)
    assert not at.exception
    assert HEADERS[lang] in [h.value for h in at.header]
    assert 3 <= len(forms(at)) <= 5
    assert all(p.startswith(f"**{i}.**") for i, p in enumerate(prompts(at), start=1))


def _wrong_shape(text: str) -> str:
    return "(7, 7, 7)" if text != "(7, 7, 7)" else "(2,)"


@pytest.mark.parametrize("slug, lang", [(slug, "en") for slug in PAGES] + [(slug, "zh") for slug in ZH_DRIVABLE])
def test_a_typed_answer_is_hinted_then_marked_wrong_with_the_explanation_then_right(slug, lang):
    at = open_with(slug, lang)
    key = first(at, "text")
    is_shape = "shape" in _widget(form_of(at, key)).label.lower() or "形状" in _widget(form_of(at, key)).label
    form = answer(at, key, "**bold** <b>x</b> 1/2")
    assert form.warning[0].value.startswith(HINT_SHAPE[lang] if is_shape else HINT_NUMBER[lang])
    assert not form.latex and not form.success and not form.error  # nothing compared yet
    form = answer(at, key, _wrong_shape("") if is_shape else "123456")
    right = right_answer_after_wrong(form, lang)
    assert form.latex, "a wrong answer shows the page's formula with the question's numbers"
    form = answer(at, key, right)
    assert [s.value for s in form.success] == [RIGHT[lang]] and form.latex


@pytest.mark.parametrize("slug", [slug for slug in PAGES if slug not in ("vectorization", "graph", "rank_one",
                                                                          "broadcasting")])
def test_a_picked_answer_is_marked_wrong_then_right(slug):
    at = open_with(slug)
    key = first(at, "choice")
    options = _widget(form_of(at, key)).options
    form = answer(at, key, _option_names(at, key)[0])
    if form.success:  # the first option happened to be right: pick a wrong one to see the explanation
        form = answer(at, key, _option_names(at, key)[1])
    label = right_answer_after_wrong(form, "en")
    assert form.latex
    picked = form.radio[0].value
    assert f"You answered: {form.radio[0].format_func(picked)}" in [x.value for x in form.text]  # its label
    form = answer(at, key, _option_names(at, key)[options.index(label)])
    assert [s.value for s in form.success] == [RIGHT["en"]]


def _option_names(at, key) -> list[str]:
    """The language-free option names behind a quiz radio's English labels."""
    names = {text: name.rsplit(".", 1)[1] for name, text in catalogue("en").items() if name.startswith("quiz.choice.")}
    return [names[label] for label in at.radio(key=key).options]


def test_sigmoid_value_is_right_when_worked_out_independently():
    at = open_with("sigmoid", quiz=str(SEED))
    prompt = form_of(at, "quiz_sigmoid_value").markdown[0].value
    z = float(re.search(r"z = (−?[0-9.]+)", prompt).group(1).replace("−", "-"))  # shown with the minus sign
    form = answer(at, "quiz_sigmoid_value", f"{1 / (1 + math.exp(-z)):.2f}")
    assert [s.value for s in form.success] == [RIGHT["en"]]


def _shapes(at: AppTest, a: str, b: str, c: str) -> AppTest:
    for key, text in zip(("bc_a", "bc_b", "bc_c"), (a, b, c), strict=True):
        at.text_input(key=key).set_value(text)
    return at.run()


def test_the_broadcasting_pages_own_shapes_are_checked_against_numpy():
    at = _shapes(open_with("broadcasting"), "(5,)", "(5, 1)", "(2, 1, 1)")
    expected = np.broadcast_shapes((5,), (5, 1), (2, 1, 1))
    form = answer(at, "quiz_bc_page", " ".join(map(str, expected)))
    assert [s.value for s in form.success] == [RIGHT["en"]]
    at = _shapes(open_with("broadcasting"), "(3, 4)", "(2, 4)", "")
    with pytest.raises(ValueError):
        np.broadcast_shapes((3, 4), (2, 4))
    assert [s.value for s in answer(at, "quiz_bc_page", "无").success] == [RIGHT["en"]]


@pytest.mark.parametrize("hostile", ["7" * 10_000, "nan", "inf", "1e309", "<script>alert(1)</script>",
                                     "[x](javascript:alert(1))", "\x00\x1b[31m"])
def test_hostile_answers_get_a_hint_and_are_echoed_as_plain_text(hostile):
    at = open_with("sigmoid")
    form = answer(at, "quiz_sigmoid_value", hostile)
    assert form.warning and not form.error and not form.success
    echoed = [t.value for t in form.text]
    assert any(e.startswith("You answered: ") for e in echoed)
    assert all(len(e) < 60 and "\x00" not in e and "\x1b" not in e for e in echoed)
    if len(hostile) > len("1e309"):  # long enough not to occur in the page's own text by chance
        assert not any(hostile[:20] in m.value for m in at.markdown)  # never rendered as Markdown


def test_the_same_quiz_link_gives_the_same_questions_in_two_fresh_sessions():
    one, two = open_with("sigmoid", quiz=str(SEED)), open_with("sigmoid", quiz=str(SEED))
    assert prompts(one) == prompts(two)
    assert prompts(one) != prompts(open_with("sigmoid"))
    assert one.query_params["quiz"] == str(SEED)


def test_the_quiz_number_and_predict_first_follow_the_student_to_another_page():
    at = open_with("sigmoid", quiz=str(SEED), predict="1")
    at.switch_page(PAGES["graph"]).run()
    assert at.query_params["quiz"] == str(SEED) and at.query_params["predict"] == "1"
    assert prompts(at) == prompts(open_with("graph", quiz=str(SEED)))
    assert at.toggle(key="quiz_predict").value


@pytest.mark.parametrize("raw", ["abc", "-1", "1e309", "99999999", "1000000", "3.5", "<b>1</b>"])
def test_a_bad_quiz_number_in_a_link_gives_the_default_questions_and_a_note(raw):
    at = open_with("rank_one", quiz=raw)
    assert not at.exception
    assert prompts(at) == prompts(open_with("rank_one"))
    notes = [w.value for w in at.warning if "is not allowed" in w.value]
    assert len(notes) == 1 and "<b>" not in notes[0]
    assert "quiz" not in at.query_params


def test_new_questions_draws_a_new_seed_and_puts_it_in_the_link():
    at = open_with("graph")
    before = prompts(at)
    at.button(key="quiz_new").click().run()
    assert prompts(at) != before
    seed = int(at.query_params["quiz"])
    assert prompts(open_with("graph", quiz=str(seed))) == prompts(at)


def test_predict_first_hides_the_fit_until_question_one_is_answered():
    at = open_with("sigmoid", predict="1")
    assert at.toggle(key="quiz_predict").value
    fit_charts = lambda: [c.id for c in charts(at) if "sig_model_chart" in c.id]  # noqa: E731
    assert not fit_charts() and any("Predict first" in i.value for i in at.info)
    answer(at, "quiz_sigmoid_decision", "3")  # any real answer, right or wrong, reveals
    assert fit_charts() and not any("Predict first" in i.value for i in at.info)
    at.slider(key="sig_w").set_value(2.0).run()  # a new setting is a new question: hidden again
    assert not fit_charts()


def test_the_predict_switch_hides_the_result_and_goes_into_the_link():
    at = open_with("loss")
    numbered = lambda: [x.value for x in at.latex if x.value.startswith("$$\nL(0.")]  # noqa: E731
    assert numbered() and "predict" not in at.query_params
    at.toggle(key="quiz_predict").set_value(True).run()
    assert not numbered() and at.query_params["predict"] == "1"
    at.toggle(key="quiz_predict").set_value(False).run()
    assert numbered() and "predict" not in at.query_params


@pytest.mark.parametrize("raw", ["yes", "2", "true<", ""])
def test_a_bad_predict_value_leaves_predict_first_off_with_a_note(raw):
    at = open_with("sigmoid", predict=raw)
    assert not at.exception and not at.toggle(key="quiz_predict").value
    assert any("predict" in w.value and "not allowed" in w.value for w in at.warning)
    assert [c for c in charts(at) if "sig_model_chart" in c.id]


def test_a_badly_formatted_answer_does_not_reveal():
    at = open_with("rank_one", predict="1")
    assert not any(b.value.startswith(">>> a + col") for b in at.code)
    assert "(5,) + (5, 1) becomes …?" in [s.value for s in at.subheader]  # the title would give it away
    answer(at, "quiz_r1_silent", "five by five")
    assert not any(b.value.startswith(">>> a + col") for b in at.code)
    answer(at, "quiz_r1_silent", "(5, 5)")
    assert any(b.value.startswith(">>> a + col") for b in at.code)


def test_the_score_and_the_csv_summary_follow_the_answers():
    at = open_with("rank_one")
    assert not [d for d in at.get("download_button") if d.key == "quiz_csv"]
    answer(at, "quiz_r1_silent", "(5, 5)")
    answer(at, "quiz_r1_transpose", "(1, 1)")
    score = next(m.value for m in at.markdown if m.value.startswith("Score"))
    assert score.startswith("Score: **1** right of **2** answered")
    assert [d for d in at.get("download_button") if d.key == "quiz_csv"]
