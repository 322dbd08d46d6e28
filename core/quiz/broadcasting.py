"""Broadcasting questions: the result of the page's own shapes, of drawn shapes, which axis fails, and @.

Every answer is core.lessons.broadcasting's step-by-step verdict (explain / explain_matmul), which the lab itself
checks against NumPy; shapes are written and read the way the lab writes and reads them.
"""

from core.lessons.broadcasting import MATMUL, explain, explain_matmul
from core.lessons.shape_text import shape_str
from core.quiz.question import number, shape, shape_tex

SIZES = (2, 3, 4, 5)  # axis sizes of drawn shapes (besides the 1s that stretch)
RANK_RANGE = (1, 3)  # drawn shapes have one to three axes
FAIL_CHANCE = 0.35  # share of drawn pairs that are made not to broadcast


def _verdict_tex(b) -> str:
    cells = [rf"\max({', '.join(map(str, step.padded))}) = {step.out}" if step.ok
             else r" \neq ".join(sorted({str(n) for n in step.padded if n != 1})) for step in b.steps]
    return r"\text{out} = (" + r",\; ".join(cells) + r") \to " + shape_tex(b.shape)


def _broadcast_question(kind: str, shapes: tuple, op: str) -> object:
    params = {"expr": f" {op} ".join(shape_str(s) for s in shapes)}
    if op == MATMUL:
        mm = explain_matmul(shapes[0], shapes[1])
        return shape(kind, params, mm.shape, rf"(n, k)\;@\;(k, m) \to (n, m):\ {shape_str(shapes[0])}\;@\;"
                                             rf"{shape_str(shapes[1])} \to {shape_tex(mm.shape)}")
    b = explain(shapes, op)
    return shape(kind, params, b.shape, _verdict_tex(b))


def page_result(rng, settings) -> object | None:
    """The page's own shapes and operator: what comes out (or does NumPy refuse)?"""
    if settings["shapes"] is None:  # the page could not read its shapes
        return None
    shapes, op = tuple(settings["shapes"]), settings["op"]
    return _broadcast_question("bc_page", shapes[:2] if op == MATMUL else shapes, op)


def _pair(rng, fail: bool) -> tuple:
    rank = int(rng.integers(RANK_RANGE[0] + 1, RANK_RANGE[1] + 1))
    out = [int(rng.choice(SIZES)) for _ in range(rank)]
    a, b = ([1 if rng.random() < 0.5 else size for size in out] for _ in range(2))
    b = b[int(rng.integers(0, rank)):] or [out[-1]]  # B may have fewer axes (rule 1 pads it)
    if fail:
        k = int(rng.integers(1, len(b) + 1))  # the k-th axis from the right gets a clash
        a[-k] = out[-k]
        b[-k] = next(s for s in SIZES if s != out[-k])
    return tuple(a), tuple(b)


def drawn_result(rng, settings) -> object:
    """Two drawn shapes: the result of A + B, or none."""
    return _broadcast_question("bc_drawn", _pair(rng, rng.random() < FAIL_CHANCE), "+")


def failing_axis(rng, settings) -> object:
    """Two drawn shapes that clash on exactly one axis: which one (counted from the right)?"""
    a, b = _pair(rng, fail=True)
    verdict = explain((a, b), "+")
    axis = verdict.failing[0].from_right
    return number("bc_axis", {"expr": f"{shape_str(a)} + {shape_str(b)}"}, axis, 0.0,
                  _verdict_tex(verdict) + rf",\quad \text{{axis}} = {axis}")


def matmul(rng, settings) -> object:
    """(n, k) @ (k', m) for drawn sizes, k' usually equal to k."""
    n, k, m = (int(rng.choice(SIZES)) for _ in range(3))
    k2 = k if rng.random() >= FAIL_CHANCE else next(s for s in SIZES if s != k)
    return _broadcast_question("bc_matmul", ((n, k), (k2, m)), MATMUL)


KINDS = (page_result, drawn_result, failing_axis, matmul)  # the first asks about the page's own result
