"""The quiz's state: the seed (?quiz=), predict-then-reveal (?predict=1) and this session's answers.

Both link parameters are read once per session, checked (a bad value gives the default and a note, never
an error) and written back on every lesson page so they survive page switches and go into shared links.
Answers and the score live in st.session_state only: nothing about a student is kept on the server.
"""

import re
import string
from dataclasses import dataclass

import numpy as np
import streamlit as st

from core.quiz import SEED_CAP
from core.quiz.answers import Verdict
from core.quiz.question import Question

SEED_PARAM, PREDICT_PARAM = "quiz", "predict"  # link parameters: ?quiz=<seed>&predict=1
SEED_KEY = "quiz_seed"  # session state: the seed in use
PREDICT_KEY = "quiz_predict"  # the predict-first toggle's widget key
PREDICT_ON_KEY = "quiz_predict_on"  # session state: the toggle's value, kept while pages without it run
RESULTS_KEY = "quiz_results"  # session state: {(page, fingerprint): Record}
NOTES_KEY = "quiz_notes"  # session state: [(parameter, rejected value)] to show once in the section
DEFAULT_SEED = 0  # the questions without a ?quiz= link
SEED_PATTERN = re.compile(rf"[0-9]{{1,{len(str(SEED_CAP - 1))}}}", re.ASCII)  # whole number, at most 6 digits
PREDICT_VALUES = {"1": True, "0": False}  # the only spellings of ?predict=
SHOWN_CHARS = 24  # a rejected link value or a typed answer is echoed with at most this many characters
MARKDOWN_PUNCTUATION = frozenset(string.punctuation)  # every ASCII mark CommonMark lets a backslash escape


@dataclass(frozen=True)
class Record:
    """One checked answer: the question, what was typed (shortened) and the verdict."""

    page: str
    question: Question
    typed: str
    verdict: Verdict


def shorten(text: str) -> str:
    """Untrusted text cut to SHOWN_CHARS with control characters removed (for st.text, never Markdown)."""
    text = "".join(ch for ch in str(text) if ch.isprintable())
    return text[:SHOWN_CHARS] + ("…" if len(text) > SHOWN_CHARS else "")


def plain(text: str) -> str:
    """Untrusted text for Markdown: shortened, every ASCII punctuation mark backslash-escaped."""
    return "".join("\\" + ch if ch in MARKDOWN_PUNCTUATION else ch for ch in shorten(text))


def _note(param: str, raw: str) -> None:
    st.session_state.setdefault(NOTES_KEY, []).append((param, raw))


def _seed_from_link() -> int:
    raw = st.query_params.get(SEED_PARAM)
    if raw is None:
        return DEFAULT_SEED
    if SEED_PATTERN.fullmatch(raw) and int(raw) < SEED_CAP:
        return int(raw)
    _note(SEED_PARAM, raw)
    return DEFAULT_SEED


def _predict_from_link() -> bool:
    raw = st.query_params.get(PREDICT_PARAM)
    if raw is None:
        return False
    if raw in PREDICT_VALUES:
        return PREDICT_VALUES[raw]
    _note(PREDICT_PARAM, raw)
    return False


def start() -> None:
    """First run of a session: take the seed and predict mode from the link; later runs: keep them."""
    if SEED_KEY not in st.session_state:
        st.session_state[SEED_KEY] = _seed_from_link()
    if PREDICT_ON_KEY not in st.session_state:
        st.session_state[PREDICT_ON_KEY] = _predict_from_link()
    # Each page has its own toggle (Streamlit ties a widget to its page): always seed it from the kept value.
    # start() runs before the toggle is drawn, and the toggle's on_change has already updated the kept value.
    st.session_state[PREDICT_KEY] = st.session_state[PREDICT_ON_KEY]
    st.session_state.setdefault(RESULTS_KEY, {})


def seed() -> int:
    return st.session_state[SEED_KEY]


def predict_on() -> bool:
    return bool(st.session_state[PREDICT_ON_KEY])


def keep_predict() -> None:
    """The toggle's on_change: remember its value for pages that do not show it."""
    st.session_state[PREDICT_ON_KEY] = bool(st.session_state[PREDICT_KEY])


def new_seed() -> None:
    """"New questions": a fresh seed from the operating system's entropy (never the global RNG)."""
    st.session_state[SEED_KEY] = int(np.random.default_rng().integers(0, SEED_CAP))


def write_link() -> None:
    """Keep ?quiz= and ?predict= in the address bar (absent when they are the defaults)."""
    for key, value, default in ((SEED_PARAM, str(seed()), str(DEFAULT_SEED)),
                                (PREDICT_PARAM, "1" if predict_on() else "0", "0")):
        if value == default:
            st.query_params.pop(key, None)
        elif st.query_params.get(key) != value:
            st.query_params[key] = value


def take_notes() -> list[tuple[str, str]]:
    """The rejected link values not shown yet (each is shown once)."""
    return st.session_state.pop(NOTES_KEY, [])


def results() -> dict:
    return st.session_state[RESULTS_KEY]


def record_for(page: str, question: Question) -> Record | None:
    return results().get((page, question.fingerprint))


def save(record: Record) -> None:
    results()[(record.page, record.question.fingerprint)] = record
