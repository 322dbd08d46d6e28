"""Read a student's typed answer without ever evaluating it, and mark it.

Numbers: one decimal number (a comma works as the decimal point, full-width digits are fine, a leading
"." too), optionally with an exponent; no expressions, no "nan", no "inf", nothing non-finite.
Shapes: read by the broadcasting lab's own parser (core.lessons.shape_text); "none" / "无" means "NumPy refuses".
Choices: one of the question's option names. Anything else is a format problem with a hint key, never
an exception.
"""

import math
import re
import unicodedata
from dataclasses import dataclass

from core.errors import LogitLabError
from core.lessons.shape_text import parse_shape
from core.quiz.question import CHOICE, NUMBER, SHAPE, Question

MAX_ANSWER = 40  # characters accepted in one typed answer (the longest right answer needs ~15)
NUMBER_PATTERN = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?", re.ASCII)
MINUS_SIGNS = {"\u2212": "-", "\u2013": "-"}  # the minus sign and the en dash a keyboard may produce
NONE_WORDS = frozenset({"none", "no", "error", "fails", "无", "没有", "错误", "报错"})  # "NumPy refuses"
RIGHT, WRONG, FORMAT = "right", "wrong", "format"  # the three verdicts


@dataclass(frozen=True)
class Verdict:
    """How an answer was marked: RIGHT, WRONG or FORMAT (then ``hint`` is a catalogue key, ``error``
    an optional core error for the hint, and nothing was compared)."""

    status: str
    value: object = None  # the parsed answer (a float, a shape tuple or None, an option name)
    hint: str | None = None
    error: LogitLabError | None = None


def _tidy(text: str) -> str:
    """NFKC (full-width digits and punctuation become ASCII), minus signs as '-', spaces trimmed."""
    text = unicodedata.normalize("NFKC", text)
    for wide, narrow in MINUS_SIGNS.items():
        text = text.replace(wide, narrow)
    return text.strip()


def parse_number(text: str) -> float:
    """The number typed in ``text``; ValueError with a hint key as its message otherwise."""
    tidy = _tidy(text).replace(" ", "")
    if tidy.count(",") == 1 and "." not in tidy:
        tidy = tidy.replace(",", ".")  # "0,73": a decimal comma
    if not NUMBER_PATTERN.fullmatch(tidy):
        raise ValueError("quiz.hint_number")
    value = float(tidy)
    if not math.isfinite(value):
        raise ValueError("quiz.hint_finite")
    return value


def parse_answer(question: Question, text) -> Verdict | object:
    """The parsed answer, or a FORMAT verdict saying what to fix."""
    if not isinstance(text, str) or not text.strip():
        return Verdict(FORMAT, hint="quiz.hint_empty")
    if len(text) > MAX_ANSWER:
        return Verdict(FORMAT, hint="quiz.hint_too_long")
    if question.answer_kind == NUMBER:
        try:
            return parse_number(text)
        except ValueError as err:
            return Verdict(FORMAT, hint=str(err))
    if question.answer_kind == SHAPE:
        if _tidy(text).lower() in NONE_WORDS:
            return None
        try:
            return parse_shape(text)
        except LogitLabError as err:
            return Verdict(FORMAT, hint="quiz.hint_shape", error=err)
    option = _tidy(text)
    if option not in question.options:
        return Verdict(FORMAT, hint="quiz.hint_choice")
    return option


def check(question: Question, text) -> Verdict:
    """Mark ``text`` (what the student typed or picked) against the question's exact answer."""
    parsed = parse_answer(question, text)
    if isinstance(parsed, Verdict):
        return parsed
    if question.answer_kind == NUMBER:
        right = abs(parsed - question.answer) <= question.tolerance
    elif question.answer_kind in (SHAPE, CHOICE):
        right = parsed == question.answer
    else:
        raise ValueError(f"unknown answer kind {question.answer_kind!r}")
    return Verdict(RIGHT if right else WRONG, value=parsed)
