"""Read a shape a student types, such as "(3, 1)", "3x1" or "()", without ever evaluating it.

Accepted: optional round or square brackets around the whole shape; sizes separated by commas,
spaces or x/× (an x needs a size on both sides: "x" alone is not the scalar shape); a trailing
comma as in Python's "(5,)"; "()" or "[]" for a scalar; "-0" as 0, as Python reads it; full-width
digits and punctuation as typed on a Chinese keyboard ("（３，１）"). Everything else raises
``LogitLabError`` with a sentence that says what was wrong.
"""

import re

import numpy as np

from core.errors import LogitLabError

MAX_TEXT = 120  # characters allowed in one shape after trimming spaces
MAX_RANK = 6  # axes allowed in one shape (the lessons never need more than 3)
MAX_SIZE = 10**9  # every axis must be shorter than this
MAX_ELEMENTS = int(np.iinfo(np.intp).max)  # NumPy cannot index more elements than this
SHOWN_CHARS = 20  # characters of an offending word quoted back in a message
FULL_WIDTH_OFFSET = 0xFEE0  # "０" (U+FF10) minus "0" (U+0030): full-width ASCII variants
FULL_WIDTH = re.compile(r"[\uff01-\uff5e]")  # full-width "!" … "~"
EXTRA_SEPARATORS = {"、": ",", "×": "x", "\u3000": " "}  # ideographic comma, times sign, ideographic space
TIMES = re.compile(r"\s*[xX]\s*")  # an x (or ×, normalised to x) between two sizes
DIGITS = re.compile(r"[0-9]+", re.ASCII)
BRACKETS = {"(": ")", "[": "]"}


def _shown(word: str) -> str:
    """The word as it can be quoted safely: control characters escaped, long words cut."""
    escaped = word.encode("unicode_escape").decode("ascii") if not word.isprintable() else word
    return escaped if len(escaped) <= SHOWN_CHARS else escaped[:SHOWN_CHARS] + "…"


def _normalise(text: str) -> str:
    text = FULL_WIDTH.sub(lambda m: chr(ord(m.group()) - FULL_WIDTH_OFFSET), text)
    for wide, narrow in EXTRA_SEPARATORS.items():
        text = text.replace(wide, narrow)
    return text.strip()


def _inside_brackets(text: str) -> str:
    """The text between one pair of outer brackets (or the text itself when there are none)."""
    inner = text
    if text[:1] in BRACKETS:
        if text[-1:] != BRACKETS[text[0]] or len(text) < 2:
            raise LogitLabError(f"The brackets in '{_shown(text)}' do not pair up; write (3, 1) or just 3, 1.",
                                key="errors_shapes.unpaired", text=_shown(text))
        inner = text[1:-1]
    if any(ch in inner for ch in "()[]"):
        raise LogitLabError(f"'{_shown(text)}' has a bracket in the wrong place; brackets may only go "
                            "around the whole shape, like (3, 1).",
                            key="errors_shapes.nested", text=_shown(text))
    return inner


def _size(word: str) -> int:
    """One size: ASCII digits, optionally after a minus sign that only "-0" (= 0) survives."""
    digits = word.removeprefix("-")
    if not DIGITS.fullmatch(digits):
        raise LogitLabError(f"Sizes must be whole numbers, found '{_shown(word)}'.",
                            key="errors_shapes.not_whole", word=_shown(word))
    if digits != word and digits.strip("0"):
        raise LogitLabError(f"{_shown(word)} is negative; an axis has zero or more elements.",
                            key="errors_shapes.negative", word=_shown(word))
    if len(digits.lstrip("0")) > len(str(MAX_SIZE)) or int(digits) >= MAX_SIZE:
        raise LogitLabError(f"{_shown(word)} is too large; every size must be below {MAX_SIZE:,}.",
                            key="errors_shapes.too_large", word=_shown(word), limit=f"{MAX_SIZE:,}")
    return int(digits)


def _words(piece: str, original: str) -> list[str]:
    """The sizes in one comma-separated piece: split at each x, then at spaces; an x needs a size on both sides."""
    parts = TIMES.split(piece.strip())
    if len(parts) > 1 and any(not part for part in parts):
        raise LogitLabError(f"'{_shown(original)}' has an x without a size on both sides; write 3x1, "
                            "or () for a single number.", key="bounds.shape_lonely_x", text=_shown(original))
    return [word for part in parts for word in part.split()]


def _pieces(inner: str, original: str) -> list[str]:
    """The comma-separated pieces; a single trailing comma is allowed, an empty piece is not."""
    pieces = inner.split(",")
    if len(pieces) > 1 and not pieces[-1].strip():
        pieces = pieces[:-1]  # "(5,)": Python's way of writing a rank-1 shape
    if "," in inner and any(not p.strip() for p in pieces):
        raise LogitLabError(f"'{_shown(original)}' has an empty size between two commas.",
                            key="errors_shapes.empty_size", text=_shown(original))
    return pieces


def parse_shape(text: str) -> tuple[int, ...]:
    """The shape written in ``text`` as a tuple of ints; LogitLabError for anything else."""
    text = _normalise(text or "")
    if not text:
        raise LogitLabError("The shape is empty: type sizes such as (3, 1), or () for a single number.",
                            key="errors_shapes.empty")
    if len(text) > MAX_TEXT:
        raise LogitLabError(f"That shape is {len(text)} characters long; at most {MAX_TEXT} are allowed.",
                            key="errors_shapes.too_long", length=len(text), limit=MAX_TEXT)
    inner = _inside_brackets(text)
    words = [w for piece in _pieces(inner, text) for w in _words(piece, text)]
    if len(words) > MAX_RANK:
        raise LogitLabError(f"A shape may have at most {MAX_RANK} axes; '{_shown(text)}' has {len(words)}.",
                            key="errors_shapes.too_many_axes", limit=MAX_RANK, count=len(words),
                            text=_shown(text))
    shape = tuple(_size(w) for w in words)
    if int(np.prod(shape, dtype=object)) > MAX_ELEMENTS:
        raise LogitLabError(f"{shape} holds more elements than NumPy can index (about 9.2·10¹⁸).",
                            key="errors_shapes.too_many_elements", shape=str(shape))
    return shape


def parse_optional_shape(text: str) -> tuple[int, ...] | None:
    """Like ``parse_shape``, but blank text means "no operand" (None) instead of an error."""
    return None if not _normalise(text or "") else parse_shape(text)


def shape_str(shape: tuple[int, ...]) -> str:
    """A shape written the way NumPy prints it: (), (5,), (3, 1)."""
    return str(tuple(int(s) for s in shape))
