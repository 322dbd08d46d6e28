"""The four broadcasting rules, one axis at a time, and the matmul shape rule, both checked
against NumPy itself.

The seed's rules: (1) pad every shape on the left with 1s to the longest rank; (2) the output
size on each axis is the largest; (3) an operand fits when its size equals the output's or is 1;
(4) along an axis of length 1 the first (only) value is reused. Rule 2 is really "the size that
is not 1" (a length-0 axis against a length-1 axis gives 0), which is what NumPy does.
NumPy adds one more condition, about size rather than shape: multiplying the result's sizes from
the left must not pass 2⁶³ − 1 (the most elements it can index) before a 0 ends the product;
otherwise it refuses with "broadcast dimensions too large". ``explain`` applies it too, so its
verdict and np.broadcast_shapes always agree.
"""

from dataclasses import dataclass
from functools import reduce

import numpy as np

from core.lessons.shape_text import MAX_ELEMENTS

OPS = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide}  # element-wise operators
MATMUL = "@"
CHECK_CAP = 4096  # elements: shapes this small are really allocated to check the rules
MATMUL_CAP = 10**6  # elements per operand (and result) for a real matmul check
PICTURE_CAP = 8  # cells per axis in the stretching picture
OPERAND_SCALE = 10  # operand k holds (1, 2, 3, …) · 10^k, so each operand's numbers look different


def n_elements(shape) -> int:
    """How many numbers an array of this shape holds (exact Python int, never overflows)."""
    return int(np.prod(shape, dtype=object))


def too_large_for_numpy(shape) -> bool:
    """NumPy's own size check on a broadcast result: the running product of the sizes, from the left,
    passes MAX_ELEMENTS before any 0 stops it (so (10⁹, 10⁹, 10⁹, 0) is refused, (0, 10⁹, 10⁹, 10⁹) is not)."""
    product = 1
    for size in shape:
        if size == 0:
            return False
        product *= size
        if product > MAX_ELEMENTS:
            return True
    return False


@dataclass(frozen=True)
class AxisStep:
    """One axis of the padded shapes, left to right."""

    axis: int  # position counted from the left in the padded shapes
    from_right: int  # the same axis counted from the right (−1 = last), as NumPy aligns shapes
    sizes: tuple  # each operand's own size, None where rule 1 padded a 1
    padded: tuple  # each operand's size after padding
    out: int  # the output size (the size that is not 1); only meaningful when ok
    ok: bool  # rule 3 holds for every operand
    stretched: tuple  # per operand: its length-1 axis is copied out along this axis

    @property
    def verdict(self) -> str:
        """"fail", "stretch" (some operand is copied) or "equal"."""
        return "fail" if not self.ok else "stretch" if any(self.stretched) else "equal"


@dataclass(frozen=True)
class Broadcast:
    """The step-by-step explanation of broadcasting some shapes, and NumPy's own verdict."""

    shapes: tuple  # the shapes as typed
    padded: tuple  # after rule 1
    steps: tuple  # one AxisStep per axis
    shape: tuple | None  # the result by the rules; None when they fail or it is too large for NumPy
    too_large: bool  # every axis fits, but the result is too large for NumPy (too_large_for_numpy)
    numpy_shape: tuple | None  # np.broadcast_shapes's answer
    numpy_error: str | None  # np.broadcast_shapes's message when it refuses
    run_error: str | None  # the ValueError of really running a + b (+ c) on small zeros
    checked: bool  # small real arrays were computed and matched the step-by-step prediction

    @property
    def failing(self) -> tuple:
        return tuple(step for step in self.steps if not step.ok)

    @property
    def rank(self) -> int:
        return len(self.padded[0])


def pad(shape, rank: int) -> tuple:
    """Rule 1: 1s on the left until the shape has ``rank`` axes."""
    return (1,) * (rank - len(shape)) + tuple(shape)


def axis_steps(shapes) -> tuple:
    """Rules 1–3 on every axis: padded sizes, output size, whether each operand fits or stretches."""
    rank = max(len(s) for s in shapes)
    padded = [pad(s, rank) for s in shapes]
    steps = []
    for axis in range(rank):
        sizes = tuple(None if axis < rank - len(s) else s[axis - rank + len(s)] for s in shapes)
        col = tuple(p[axis] for p in padded)
        not_one = {n for n in col if n != 1}
        out = not_one.pop() if len(not_one) == 1 else 1 if not not_one else max(col)
        stretched = tuple(n == 1 and out != 1 for n in col)
        steps.append(AxisStep(axis, axis - rank, sizes, col, out, len(not_one) <= 1, stretched))
    return tuple(steps)


def numpy_verdict(shapes) -> tuple:
    """(shape, None) from np.broadcast_shapes, or (None, its message); allocates nothing."""
    try:
        return tuple(np.broadcast_shapes(*shapes)), None
    except ValueError as err:
        return None, str(err)


def is_small(shapes) -> bool:
    """True when every operand, every intermediate result and every index grid has at most CHECK_CAP elements.

    A length-0 axis counts as 1: (10⁹, 0) holds nothing, but copying by hand would still build an
    index array of 10⁹ entries along its first axis.
    """
    steps = axis_steps(shapes)
    return n_elements([max(*step.padded, 1) for step in steps]) <= CHECK_CAP


def operands(shapes) -> list:
    """Small real arrays: operand k is (1, 2, 3, …) · 10^k reshaped to its shape."""
    return [((np.arange(n_elements(s)) + 1) * OPERAND_SCALE**k).reshape(s) for k, s in enumerate(shapes)]


def stretch(array, shape) -> np.ndarray:
    """Rule 4 by hand: copy ``array`` (already padded) out to ``shape``, reading index 0 on length-1 axes."""
    grids = np.indices(shape, dtype=np.intp)  # one full index array per axis: no broadcasting involved
    index = tuple(np.zeros(shape, np.intp) if n == 1 else g for g, n in zip(grids, array.shape, strict=True))
    return array[index]


def predicted(shapes, op: str = "+") -> np.ndarray:
    """The result the rules predict, built from explicit copies (no broadcasting anywhere)."""
    out = tuple(step.out for step in axis_steps(shapes))
    rank = len(out)
    copies = [stretch(a.reshape(pad(a.shape, rank)), out) for a in operands(shapes)]
    return reduce(OPS[op], copies)


def run_real(shapes, op: str = "+"):
    """(result, None) of really running a op b (op c) with NumPy on small arrays, or (None, message)."""
    try:
        return reduce(OPS[op], operands(shapes)), None
    except ValueError as err:
        return None, str(err)


def explain(shapes, op: str = "+") -> Broadcast:
    """Everything the broadcasting lab shows for these shapes (2 or 3 of them) and element-wise op."""
    shapes = tuple(tuple(int(n) for n in s) for s in shapes)
    steps = axis_steps(shapes)
    ok = all(step.ok for step in steps)
    too_large = ok and too_large_for_numpy(tuple(step.out for step in steps))
    rule_shape = tuple(step.out for step in steps) if ok and not too_large else None
    numpy_shape, numpy_error = numpy_verdict(shapes)
    run_error, checked = None, False
    if is_small(shapes):
        with np.errstate(all="raise"):
            real, run_error = run_real(shapes, op)
            if real is not None and rule_shape is not None:
                guess = predicted(shapes, op)
                checked = real.shape == guess.shape and bool(np.array_equal(real, guess))
    padded = tuple(pad(s, len(steps)) for s in shapes)
    return Broadcast(shapes, padded, steps, rule_shape, too_large, numpy_shape, numpy_error, run_error, checked)


@dataclass(frozen=True)
class Picture:
    """Cells for the stretching picture: every operand copied out to the result's 2-D grid."""

    values: tuple  # per operand, then the result: (rows, cols) arrays
    copied: tuple  # per operand: True where the cell is a copy made by rule 4


def picture(b: Broadcast, op: str = "+") -> Picture | None:
    """The picture's cells, or None when the shapes fail, exceed 2-D or PICTURE_CAP, or are empty."""
    if b.shape is None or b.rank > 2 or any(n > PICTURE_CAP or n == 0 for n in b.shape):
        return None
    grid = pad(b.shape, 2)
    values, copied = [], []
    for array in operands(b.shapes):
        padded = array.reshape(pad(array.shape, 2))
        values.append(stretch(padded, grid))
        rows, cols = np.indices(grid)
        copied.append(((rows > 0) & (padded.shape[0] == 1)) | ((cols > 0) & (padded.shape[1] == 1)))
    values.append(predicted(b.shapes, op).reshape(grid))
    return Picture(tuple(values), tuple(copied))


@dataclass(frozen=True)
class Matmul:
    """The matmul shape rule for a @ b: inner sizes must match; the rest gives the result."""

    shapes: tuple  # (a, b) as typed
    inner: tuple | None  # (a's last size, b's second-to-last size) after 1-D promotion
    batch: Broadcast | None  # broadcasting of the leading (batch) axes, when both have any
    shape: tuple | None  # the result by the rule; None when it fails
    reason: str  # "" when fine, else "scalar", "inner", "batch" or "too_large" (see too_large_for_numpy)
    numpy_shape: tuple | None  # the shape of NumPy's real result (small shapes only)
    numpy_error: str | None  # NumPy's message when it refuses


def _matmul_rule(a, b) -> tuple:
    """(inner sizes, batch explanation, result shape, reason) of the rule, without NumPy."""
    if not a or not b:
        return None, None, None, "scalar"
    a2 = (1,) + a if len(a) == 1 else a  # a 1-D a is a row: (k,) -> (1, k)
    b2 = b + (1,) if len(b) == 1 else b  # a 1-D b is a column: (k,) -> (k, 1)
    inner = (a2[-1], b2[-2])
    batch = explain((a2[:-2], b2[:-2])) if len(a2) > 2 or len(b2) > 2 else None
    if inner[0] != inner[1]:
        return inner, batch, None, "inner"
    if batch is not None and batch.shape is None:
        return inner, batch, None, "too_large" if batch.too_large else "batch"
    rows = () if len(a) == 1 else (a2[-2],)  # promoted axes are removed again
    cols = () if len(b) == 1 else (b2[-1],)
    shape = (batch.shape if batch else ()) + rows + cols
    if too_large_for_numpy(shape):
        return inner, batch, None, "too_large"
    return inner, batch, shape, ""


def explain_matmul(a, b) -> Matmul:
    """The rule for a @ b, and NumPy's verdict on zero-stride views (no operand is allocated)."""
    a, b = tuple(int(n) for n in a), tuple(int(n) for n in b)
    inner, batch, shape, reason = _matmul_rule(a, b)
    numpy_shape, numpy_error = None, None
    small = all(n_elements(s) <= MATMUL_CAP for s in (a, b, shape or ()))
    if shape is None or small:
        try:
            views = [np.broadcast_to(0.0, s) for s in (a, b)]  # read-only, zero strides: no memory
            numpy_shape = np.matmul(*views).shape
        except ValueError as err:
            numpy_error = str(err)
    return Matmul((a, b), inner, batch, shape, reason, numpy_shape, numpy_error)
