"""The "Check yourself" section at the end of every lesson page, and predict-then-reveal.

A page passes its current settings (a small dict) to ``check_yourself(page, settings)``; the questions come
from core.quiz with this session's seed. ``revealed(page, settings)`` is False while predict-first is on and
the question about the page's own result has not been answered: the page then skips every part that gives
the answer away, and puts ``hidden_part()`` where a part was (``reproduce_or_hidden`` for the Reproduce
script, whose output is the answer too).
"""

import streamlit as st

from core.lessons.shape_text import shape_str
from core.quiz import questions, reveal_question
from core.quiz.answers import FORMAT, RIGHT, check
from core.quiz.question import CHOICE, NUMBER, Question, fixed
from core.quiz.summary import summary_csv
from ui import quiz_state as state
from ui.exports import reproduce_block
from ui.i18n import error_text, t

ANCHOR = "check-yourself"  # the section's heading anchor, linked from the "answer first" note
INTEGER_TOLERANCE = 0.0  # a number question with this tolerance wants a whole number


def revealed(page: str, settings: dict, note: bool = True) -> bool:
    """True when the page may show its result; otherwise (once, if ``note``) say how to reveal it."""
    state.start()
    if not state.predict_on():
        return True
    question = reveal_question(page, state.seed(), settings)
    record = question and state.record_for(page, question)
    if question is None or (record is not None and record.verdict.status != FORMAT):
        return True
    if note:
        st.info(t("quiz.hidden_note", anchor=ANCHOR), icon="🙈")
    return False


def hidden_part(container=st) -> None:
    """Where a hidden part of the result would be: one line saying it appears after question 1."""
    container.caption(t("quiz.hidden_part", anchor=ANCHOR))


def reproduce_or_hidden(shown: bool, script: str, filename: str, *, key: str) -> None:
    """The Reproduce block, or (while the result is hidden: running the script prints it) a line saying so."""
    if shown:
        reproduce_block(script, filename, key=key)
    else:
        st.caption(t("quiz.hidden_reproduce", anchor=ANCHOR))


def stop_until_answered(page: str, settings: dict) -> None:
    """For a page whose whole rest is the result: while it is hidden, show the section here and stop."""
    if not revealed(page, settings):
        check_yourself(page, settings)
        st.stop()


def prompt(question: Question) -> str:
    """The question in the reader's language."""
    return t(f"quiz.q.{question.kind}", **question.params)


def answer_text(question: Question) -> str:
    """The exact answer as the reader sees it."""
    if question.answer_kind == NUMBER:
        return f"{question.answer:g}" if question.tolerance == INTEGER_TOLERANCE else fixed(question.answer, 2)
    if question.answer_kind == CHOICE:
        return t(f"quiz.choice.{question.answer}")
    return t("quiz.shape_none") if question.answer is None else shape_str(question.answer)


def typed_text(record: state.Record) -> str:
    """What the student answered, as they saw it: a picked choice by its label, typed text as typed."""
    if record.question.answer_kind == CHOICE and record.typed in record.question.options:
        return t(f"quiz.choice.{record.typed}")
    return record.typed


def _widget_key(question: Question) -> str:
    return f"quiz_{question.kind}"  # kinds are named after their page, so keys are unique


def _on_check(page: str, question: Question) -> None:
    typed = st.session_state.get(_widget_key(question))
    state.save(state.Record(page, question, state.shorten(typed if typed is not None else ""),
                            check(question, typed)))


def _answer_widget(page: str, question: Question) -> None:
    key = _widget_key(question)
    if question.answer_kind == CHOICE:
        st.radio(t("quiz.choice_label"), question.options, index=None, key=key, horizontal=True,
                 format_func=lambda option: t(f"quiz.choice.{option}"))
    elif question.answer_kind == NUMBER:
        exact = question.tolerance == INTEGER_TOLERANCE
        st.text_input(t("quiz.integer_label" if exact else "quiz.number_label", tol=f"{question.tolerance:g}"),
                      key=key, placeholder=t("quiz.number_placeholder"))
    else:
        st.text_input(t("quiz.shape_label"), key=key, placeholder=t("quiz.shape_placeholder"))


def _feedback(record: state.Record) -> None:
    verdict, question = record.verdict, record.question
    if verdict.status == FORMAT:
        st.warning(t(verdict.hint), icon="✍️")
        if verdict.error is not None:
            st.text(error_text(verdict.error))
        st.text(t("quiz.you_typed", text=typed_text(record)))
        return
    if verdict.status == RIGHT:
        st.success(t("quiz.right"), icon="✅")
    else:
        st.error(t("quiz.wrong", answer=answer_text(question)), icon="❌")
    st.text(t("quiz.you_typed", text=typed_text(record)))
    st.latex(question.explanation)


def _question(page: str, number: int, question: Question) -> None:
    with st.form(key=f"{_widget_key(question)}_form"):
        st.markdown(f"**{number}.** {prompt(question)}")
        _answer_widget(page, question)
        st.form_submit_button(t("quiz.check"), on_click=_on_check, args=(page, question))
        record = state.record_for(page, question)
        if record is not None:
            _feedback(record)


def _summary_rows() -> list[dict]:
    return [{"page": t(f"nav.{r.page}"), "question": prompt(r.question), "your_answer": typed_text(r),
             "right_answer": answer_text(r.question), "verdict": t(f"quiz.verdict_{r.verdict.status}")}
            for r in state.results().values() if r.verdict.status != FORMAT]


def _controls(page: str, asked: list[Question]) -> None:
    left, middle, right = st.columns(3)
    left.toggle(t("quiz.predict_label"), key=state.PREDICT_KEY, on_change=state.keep_predict,
                help=t("quiz.predict_help"))
    middle.button(t("quiz.new"), key="quiz_new", on_click=state.new_seed, icon="🎲", help=t("quiz.new_help"))
    done = [state.record_for(page, q) for q in asked]
    done = [r for r in done if r is not None and r.verdict.status != FORMAT]
    right.markdown(t("quiz.score", right=sum(r.verdict.status == RIGHT for r in done), answered=len(done),
                     total=len(asked)))
    rows = _summary_rows()
    if rows:
        right.download_button(t("quiz.download"), data=summary_csv(rows).encode("utf-8"),
                              file_name=f"logitlab_quiz_{state.seed()}.csv", mime="text/csv", key="quiz_csv",
                              icon="⬇️", on_click="ignore")


def check_yourself(page: str, settings: dict) -> None:
    """The section: predict-first toggle, new questions, score and CSV, then one form per question."""
    state.start()
    st.divider()
    st.header(t("quiz.title"), anchor=ANCHOR)
    st.caption(t("quiz.caption", seed=state.seed()))
    for param, raw in state.take_notes():
        st.warning(t("quiz.bad_link", name=param, value=state.plain(raw)), icon="🔗")
    asked = questions(page, state.seed(), settings)
    _controls(page, asked)
    for number, question in enumerate(asked, start=1):
        _question(page, number, question)
    state.write_link()
