"""What a question is: a prompt (a catalogue key and its language-free parameters), the kind of answer it
takes with the exact answer, and the page's formula with this question's numbers (LaTeX)."""

import hashlib
from dataclasses import dataclass, field

import numpy as np

NUMBER, SHAPE, CHOICE = "number", "shape", "choice"  # the three kinds of answer
TAG_CHARS = 12  # hex digits of a data tag: tells datasets and photos apart, never shown


@dataclass(frozen=True)
class Question:
    """One "check yourself" question.

    kind: the question's name (``sigmoid_value``); its prompt is the catalogue key ``quiz.q_<kind>``.
    params: the prompt's placeholders, already written as language-free text ("0.73", "(3, 1)").
    answer_kind: NUMBER (within ``tolerance``), SHAPE (a tuple, or None for "NumPy refuses") or CHOICE.
    answer: the exact answer: a float, a shape tuple (or None), or one of ``options``.
    options: the choices' language-free names (labels are ``quiz.choice_<name>``); empty otherwise.
    explanation: the page's formula with this question's numbers, as LaTeX.
    """

    kind: str
    params: dict
    answer_kind: str
    answer: object
    explanation: str
    tolerance: float = 0.0
    options: tuple = field(default=())

    @property
    def fingerprint(self) -> tuple:
        """Identifies the question (kind, prompt and answer): the same question in another run has the same one."""
        return (self.kind, tuple(sorted(self.params.items())), repr(self.answer))


def number(kind: str, params: dict, answer: float, tolerance: float, explanation: str) -> Question:
    return Question(kind, params, NUMBER, float(answer), explanation, tolerance=tolerance)


def shape(kind: str, params: dict, answer: tuple | None, explanation: str) -> Question:
    return Question(kind, params, SHAPE, None if answer is None else tuple(int(s) for s in answer), explanation)


def choice(kind: str, params: dict, answer: str, options: tuple, explanation: str) -> Question:
    if answer not in options:
        raise ValueError(f"the answer {answer!r} is not one of the options {options}")
    return Question(kind, params, CHOICE, answer, explanation, options=tuple(options))


def data_tag(*arrays) -> str:
    """A short digest of the page's data (a dataset, a photo): questions about different data differ."""
    digest = hashlib.sha256()
    for array in arrays:
        digest.update(np.ascontiguousarray(array).tobytes())
    return digest.hexdigest()[:TAG_CHARS]


def fixed(value: float, decimals: int) -> str:
    """A number for a prompt or a formula: fixed decimals, and never "-0.00"."""
    text = f"{value:.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def shape_tex(shape_value: tuple | None) -> str:
    """A shape in LaTeX: (3, 1), (5,), () ; None (NumPy refuses) as a cross."""
    if shape_value is None:
        return r"\times"
    return str(tuple(int(s) for s in shape_value))
