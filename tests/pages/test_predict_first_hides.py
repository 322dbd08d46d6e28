"""Predict first hides the whole answer: with ?predict=1, the answer to each lesson page's question 1 (computed
here from core, as the page writes it) is nowhere on the page, in any element (text, formula, metric, caption,
tooltip, table cell, code, chart title, annotation or point), nor in the link; once question 1 is answered,
right or wrong, it is on the page again, and the page is exactly what it is with predict first off.

The page's own quiz settings are read as the page hands them to core.quiz (a spy on ``reveal_question``),
so the answers below are those of the very question the page asks. Runs in English (normal mode) and in
Chinese (presenter mode)."""

import difflib

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import ui.i18n
import ui.quiz
from core.data.toy_data import TOY_KINDS, one_feature_dataset
from core.lessons.descent import diagnose
from core.lessons.explain import logit_parts, photo_column
from core.lessons.graph import STEPS, forward_backward
from core.lessons.loss import example_walkthrough
from core.lessons.rank_one import array_text, rank_one_arrays
from core.lessons.shape_text import shape_str
from core.lessons.sigmoid import decision_point, one_feature_fit
from core.lessons.surface import cost_surface, true_minimum
from core.quiz.question import CHOICE, NUMBER
from tests.pages.conftest import APP_TIMEOUT, ROOT
from tests.pages.page_content import page_content
from ui.figures.graph import fmt
from ui.i18n import catalogue, minus_signs
from ui.lessons import LESSONS
from ui.quiz_state import PREDICT_PARAM
from ui.theme import PRESENT_KEY

PAGES = {lesson.slug: lesson.script for lesson in LESSONS}
NOTE = {"en": "Predict first: the result is hidden", "zh": "先预测"}  # the start of ui.quiz's hidden note
# Settings whose answers are numbers or shapes that nothing else on the page shows by chance.
SETTINGS = {  # page -> [(widget key, value)]
    "sigmoid": [("sig_w", 1.3), ("sig_b", 0.7)],
    "loss": [("loss_w", 1.3), ("loss_b", 0.7), ("loss_example", 3)],
    "surface": [],
    "descent": [("gd_learning_rate", 20.0), ("gd_race", True)],  # an oscillating run; the race box open
    "graph": [("cg_x1", 1.7), ("cg_step", len(STEPS))],  # every step of the backward pass, once revealed
    "vectorization": [],
    "broadcasting": [("bc_a", "(5,)"), ("bc_b", "(5, 1)")],  # the rank-1 preset: its note says (5, 5)
    "rank_one": [("r1_n", 6)],
    "cat_classifier": [("cat_example", 2), ("cat_split", "test"), ("cat_inspect", 2)],  # photo 2 in the explorer
}
TABS = {"cat_classifier": ("cat_tab", "cat.tab_explore")}  # a tab to open (its widget key, its label's key)
BUTTONS = {"descent": ("gd_step", 3)}  # a button to press a few times if the page shows it (step mode)
RANK_ONE_DIGITS = 3  # pages/rank_one.py prints arrays with three decimals
SCRIPT = "print("  # the Reproduce script: hidden with the result where running it prints the answer
SCRIPT_WITHOUT_ANSWER = ("vectorization",)  # its script prints costs and timings, never a shape
EXCUSED = {  # page -> marks of elements that show the answer's value as the result of something else
    "rank_one": ("col @ col.T", "np.dot(col, row)", "X has shape", "X 的形状是"),  # (n, n): outer products, X
}


def _literal(template: str) -> str:
    """The longest stretch of a catalogue sentence without a {placeholder}: the sentence as a needle."""
    parts = [p for chunk in template.split("{") for p in chunk.split("}")[-1:]]
    return max(parts, key=len).strip()


def _sigmoid(s, lang):
    """The decision point, and the fit's accuracy (where the point falls among the examples)."""
    point = decision_point(s["w"], s["b"])
    fit = one_feature_fit(s["w"], s["b"], *one_feature_dataset(TOY_KINDS[0]))  # the data set SETTINGS leaves
    return [f"{point:.3f}", f"{fit.accuracy:.1f} %"], [point]


def _loss(s, lang):
    ex = example_walkthrough(s["w"], s["b"], s["X"], s["Y"], s["index"])
    return [f"{ex.loss:.4f}", f"{ex.sq_loss:.4f}"], [ex.loss, ex.sq_loss]


def _surface(s, lang):
    """The point the page marks: cross-entropy's true minimum when it has one, else the grid's lowest."""
    best = true_minimum(s["X"], s["Y"]) if s["loss"] == "cross_entropy" else None
    if best is not None:
        return [f"{best[0]:.4f}", f"{best[1]:.4f}", f"{best[2]:.5f}"], list(best[:2])
    w, b, J = cost_surface(s["X"], s["Y"], s["span"], s["span"], loss=s["loss"]).lowest()
    return [f"{J:.4f}"], [w, b]


def _descent(s, lang):
    path, kind = s["path"], diagnose(s["path"]).kind
    template = catalogue(lang)[f"descent.ok_{kind}" if kind == "converging" else
                               f"descent.info_{kind}" if kind == "stalled" else f"descent.warn_{kind}"]
    shown = [f"{path.w[-1]:.4f}", f"{path.cost[-1]:.5f}"] if kind == "converging" else []  # the verdict's numbers
    return [*shown, _literal(template)], [*path.w[1:], *path.b[1:]]  # every point of the run after the start


def _graph(s, lang):
    v = forward_backward(s["point"])
    return [fmt(v.dw1), fmt(v.dz)], []  # (the graph and the tables show them as text)


def _vectorization(s, lang):
    return [shape_str(tuple(s["shapes"]["dw"]))], []


def _broadcasting(s, lang):
    return [shape_str(np.broadcast_shapes(*s["shapes"]))], []


def _rank_one(s, lang):
    """The printed a + col (a row of it) and its shape (n, n), which EXCUSED elements show for other reasons."""
    n = int(s["n"])
    r = rank_one_arrays(n, 0)
    return [array_text(r.silent, RANK_ONE_DIGITS).splitlines()[1].strip(), f"({n}, {n})"], []


def _cat(s, lang):
    parts = logit_parts(s["model"].w, s["model"].b, photo_column(s["photo"]))
    return [f"{100 * parts.p:.1f} %", f"{parts.p:.4f}", f"{parts.z:.3f}"], [parts.p, parts.z]


ANSWERS = {"sigmoid": _sigmoid, "loss": _loss, "surface": _surface, "descent": _descent, "graph": _graph,
           "vectorization": _vectorization, "broadcasting": _broadcasting, "rank_one": _rank_one,
           "cat_classifier": _cat}


@pytest.fixture
def asked(monkeypatch):
    """What each page hands to core.quiz: {page: (question 1, settings)}, the last run's."""
    seen = {}
    real = ui.quiz.reveal_question

    def spy(page, seed, settings):
        question = real(page, seed, settings)
        seen[page] = (question, settings)
        return question

    monkeypatch.setattr(ui.quiz, "reveal_question", spy)
    return seen


def _open(slug: str, lang: str, present: bool, monkeypatch) -> AppTest:
    # AppTest formats widget options (translated format_funcs) outside the script run, where the session's
    # language is unknown: the whole test runs in its language.
    monkeypatch.setattr(ui.i18n, "current_language", lambda: lang)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    at.session_state["lang"] = lang
    at.query_params[PREDICT_PARAM] = "1"
    at.query_params[PRESENT_KEY] = "1" if present else "0"
    at.run()
    at.switch_page(PAGES[slug]).run()
    for key, value in SETTINGS[slug]:
        at.session_state[key] = value
    if slug in TABS:
        key, label = TABS[slug]
        at.session_state[key] = catalogue(lang)[label]
    _run(at, present)
    if slug in BUTTONS:
        key, presses = BUTTONS[slug]
        for _ in range(presses if [b for b in at.button if b.key == key] else 0):
            at.button(key=key).click()
            _run(at, present)
    return at


def _typed(question, right: bool) -> str:
    """A right or a wrong answer to ``question`` as a student types or picks it."""
    if question.answer_kind == CHOICE:
        return question.answer if right else next(o for o in question.options if o != question.answer)
    if question.answer_kind == NUMBER:
        return f"{question.answer if right else question.answer + 1:.4f}"
    if right:
        return "none" if question.answer is None else shape_str(question.answer)
    return "(7, 7, 7)"


def _run(at: AppTest, present: bool) -> None:
    """Run again in the same mode: AppTest does not send the sidebar's presenter switch back by itself."""
    at.session_state[PRESENT_KEY] = present
    at.run()
    assert not at.exception


def _answer(at: AppTest, question, right: bool, present: bool) -> None:
    key = f"quiz_{question.kind}"
    at.session_state[key] = _typed(question, right)
    next(f for f in at.get("form") if f.proto.form.form_id == f"{key}_form").button[0].click()
    _run(at, present)


def _leaks(content, texts, numbers, excused=()) -> list[str]:
    return [f"{needle!r} in {where}: {text[:80]!r}" for needle in texts for where, text in content.texts
            if needle in text and not any(mark in text for mark in excused)] + \
           [f"{needle!r} in {where}" for needle in numbers for where in content.with_number(needle)]


CASES = [(slug, "en", False) for slug in PAGES] + [(slug, "zh", True) for slug in PAGES]


@pytest.mark.parametrize("slug, lang, present", CASES)
def test_predict_first_hides_the_whole_answer_until_question_one_is_answered(slug, lang, present, asked,
                                                                               monkeypatch, request):
    if slug == "cat_classifier":
        request.getfixturevalue("course_dir")  # question 1 is about a course test photo: skip without the dataset
    at = _open(slug, lang, present, monkeypatch)
    question, settings = asked[slug]
    texts, numbers = ANSWERS[slug](settings, lang)
    texts = [*texts, SCRIPT] if slug not in SCRIPT_WITHOUT_ANSWER else texts
    hidden = page_content(at, quiz=True)
    assert hidden.with_text(NOTE[lang]), "the page says what is hidden and how to reveal it"
    texts += [minus_signs(text) for text in texts if minus_signs(text) != text]  # prose writes −, formulas -
    leaks = _leaks(hidden, texts, numbers, EXCUSED.get(slug, ()))
    assert not leaks, "the answer is on the page before question 1 is answered"

    _answer(at, question, right=lang == "zh", present=present)  # a right answer reveals, and so does a wrong one
    shown = page_content(at)
    missing = [n for n in texts  # each answer shows again, written with either sign (prose −, formulas -)
               if not any(shown.with_text(v) for v in (n, minus_signs(n), n.replace("\N{MINUS SIGN}", "-")))]
    missing += [n for n in numbers if not shown.with_number(n)]
    assert not missing, "once answered, the page shows its result again"
    assert not shown.with_text(NOTE[lang])

    at.session_state[ui.quiz.state.PREDICT_ON_KEY] = False  # the switch in the section, turned off
    _run(at, present)
    off = page_content(at).comparable(leave_out=(PREDICT_PARAM,))
    changed = list(difflib.unified_diff(shown.comparable(leave_out=(PREDICT_PARAM,)), off, lineterm="", n=0))
    assert not changed, "answered = as with predict first off:\n" + "\n".join(changed[:20])


def test_loss_caption_speaks_of_the_diamond_only_while_it_is_drawn(monkeypatch):
    note = catalogue("en")["loss.diamond_note"]
    hidden = _open("loss", "en", False, monkeypatch)
    assert note not in [caption.value for caption in hidden.caption]
    shown = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    shown.session_state["lang"] = "en"
    shown.run()
    shown.switch_page(PAGES["loss"]).run()
    assert note in [caption.value for caption in shown.caption]
