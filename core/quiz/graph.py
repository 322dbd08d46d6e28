"""Computation-graph questions: dw₁ for the page's own graph, dz, da, and one update of w₁."""

from core.lessons.graph import GraphPoint, apply_update, forward_backward, loss_derivative_a
from core.quiz.question import fixed, number

TOLERANCE = 0.01  # answers "to two decimals" may be off by one in the last digit
INPUT_RANGE = 20  # drawn inputs are k/10 for k in [−20, 20]
A_RANGE = (10, 90)  # a drawn a is k/100 for k in [10, 90]: da stays below 10 in size
HUNDREDTHS, TENTHS = 100.0, 10.0  # drawn integers are divided by these
ALPHAS = (0.1, 0.5, 1.0, 2.0)  # learning rates of the update question


def _point(rng) -> GraphPoint:
    x1, w1, x2, w2, b = (int(k) / TENTHS for k in rng.integers(-INPUT_RANGE, INPUT_RANGE + 1, size=5))
    return GraphPoint(x1, w1, x2, w2, b, float(rng.integers(0, 2)))


def dw1(rng, settings) -> object:
    """The page's own inputs: dw₁ = x₁·dz = x₁(a − y)."""
    p = settings["point"]
    v = forward_backward(p)
    return number("graph_dw1", {"x1": fixed(p.x1, 2), "a": fixed(v.a, 4), "y": f"{p.y:g}"}, v.dw1, TOLERANCE,
                  rf"dw_1 = x_1\,dz = x_1 (a - y) = {fixed(p.x1, 2)} \cdot ({fixed(v.a, 4)} - {p.y:g})"
                  rf" = {fixed(v.dw1, 4)}")


def dz(rng, settings) -> object:
    """dz = a − y for a drawn graph."""
    p = _point(rng)
    v = forward_backward(p)
    return number("graph_dz", {"a": fixed(v.a, 4), "y": f"{p.y:g}"}, v.dz, TOLERANCE,
                  rf"dz = da \cdot a(1 - a) = a - y = {fixed(v.a, 4)} - {p.y:g} = {fixed(v.dz, 4)}")


def da(rng, settings) -> object:
    """da = −y/a + (1 − y)/(1 − a) for a drawn a and y."""
    a, y = int(rng.integers(A_RANGE[0], A_RANGE[1] + 1)) / HUNDREDTHS, float(rng.integers(0, 2))
    value = loss_derivative_a(a, y)
    return number("graph_da", {"a": fixed(a, 2), "y": f"{y:g}"}, value, TOLERANCE,
                  rf"da = -\frac{{y}}{{a}} + \frac{{1 - y}}{{1 - a}} = -\frac{{{y:g}}}{{{fixed(a, 2)}}} + "
                  rf"\frac{{1 - {y:g}}}{{1 - {fixed(a, 2)}}} = {fixed(value, 4)}")


def update(rng, settings) -> object:
    """w₁ := w₁ − α·dw₁ for a drawn graph and α."""
    p, alpha = _point(rng), ALPHAS[int(rng.integers(0, len(ALPHAS)))]
    v = forward_backward(p)
    new, _ = apply_update(p, alpha)
    return number("graph_update", {"w1": fixed(p.w1, 1), "dw1": fixed(v.dw1, 4), "alpha": f"{alpha:g}"}, new.w1,
                  TOLERANCE, rf"w_1 := w_1 - \alpha\,dw_1 = {fixed(p.w1, 1)} - {alpha:g} \cdot ({fixed(v.dw1, 4)})"
                             rf" = {fixed(new.w1, 4)}")


KINDS = (dw1, dz, da, update)  # the first asks about the page's own result
