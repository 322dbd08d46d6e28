"""The computation graph of one example with two features (the course's n_x = 2).

Forward, left to right: z = w1·x1 + w2·x2 + b, a = σ(z), L = L(a, y).
Backward, right to left, by the chain rule: da = −y/a + (1 − y)/(1 − a), dz = a − y,
dw1 = x1·dz, dw2 = x2·dz, db = dz (and dx1 = w1·dz, dx2 = w2·dz for the inputs).
Each derivative is checked against a central difference of the loss itself.
"""

import math
from dataclasses import dataclass, replace

import numpy as np

from core.lessons.vectorization import loop_cost_and_grads
from core.neuron.model import cost_and_grads, cross_entropy, cross_entropy_from_logits, sigmoid

INPUTS = ("x1", "w1", "x2", "w2", "b")  # the five inputs of the seed's graph
FD_STEP = 1e-5  # central-difference step h: truncation ~h², round-off ~1e-16/h, both ≪ 1e-6
M_MAX = 8  # most examples in the m-example table (small enough to read every row)
M_DEFAULT = 4  # examples shown by default
# The reveal plan: forward nodes light up left to right, then gradients right to left.
STEPS = (("forward", "inputs"), ("forward", "z"), ("forward", "a"), ("forward", "L"),
         ("backward", "L"), ("backward", "a"), ("backward", "z"), ("backward", "inputs"))


@dataclass(frozen=True)
class GraphPoint:
    """The graph's inputs: features x1, x2, weights w1, w2, bias b and label y."""

    x1: float
    w1: float
    x2: float
    w2: float
    b: float
    y: float


@dataclass(frozen=True)
class GraphValues:
    """Forward values and backward derivatives dL/d(node) of every node."""

    z: float
    a: float
    L: float
    da: float  # ±inf when a rounds to exactly 0 or 1 (see da_finite)
    dz: float
    dw1: float
    dw2: float
    db: float
    dx1: float
    dx2: float

    @property
    def da_finite(self) -> bool:
        return math.isfinite(self.da)


def logit(p: GraphPoint) -> float:
    """z = w1·x1 + w2·x2 + b."""
    return float(p.w1 * p.x1 + p.w2 * p.x2 + p.b)


def loss_at(p: GraphPoint) -> float:
    """L(a, y) at the graph's output, computed from z (stable even when a rounds to 0 or 1)."""
    return float(cross_entropy_from_logits(logit(p), p.y))


def loss_derivative_a(a: float, y: float) -> float:
    """da = −y/a + (1 − y)/(1 − a); −inf/+inf when the term that matters divides by exactly 0."""
    pos = 0.0 if y == 0 else (-math.inf if a == 0 else -y / a)
    neg = 0.0 if y == 1 else (math.inf if a == 1 else (1 - y) / (1 - a))
    return pos + neg


def forward_backward(p: GraphPoint) -> GraphValues:
    """One forward pass and one backward pass through the graph."""
    z = logit(p)
    a = float(sigmoid(z))
    dz = a - p.y  # dL/dz = da · a(1 − a) simplifies to a − y (finite even when da is not)
    return GraphValues(z=z, a=a, L=loss_at(p), da=loss_derivative_a(a, p.y), dz=dz,
                       dw1=p.x1 * dz, dw2=p.x2 * dz, db=dz, dx1=p.w1 * dz, dx2=p.w2 * dz)


def _central(f, x: float, h: float) -> float:
    return (f(x + h) - f(x - h)) / (2 * h)


def numeric_derivatives(p: GraphPoint, v: GraphValues) -> dict:
    """Central-difference estimates of dL/d(node) for a, z and the five inputs.

    a is nudged by a step scaled to stay inside (0, 1); when a is exactly 0 or 1 there is no
    such step and the estimate is None.
    """
    out = {}
    room = min(v.a, 1 - v.a)
    out["a"] = None if room == 0 else _central(lambda a: float(cross_entropy(a, p.y)), v.a, FD_STEP * room)
    out["z"] = _central(lambda z: float(cross_entropy_from_logits(z, p.y)), v.z, FD_STEP)
    for name in INPUTS:
        out[name] = _central(lambda t, name=name: loss_at(replace(p, **{name: t})), getattr(p, name), FD_STEP)
    return out


def gradient_check(p: GraphPoint) -> list[tuple]:
    """Rows (node, analytic, numerical, relative difference), right to left as backprop visits them.

    Relative difference = |analytic − numerical| / max(1, |analytic|, |numerical|); None when a
    number is infinite or the estimate does not exist.
    """
    v = forward_backward(p)
    num = numeric_derivatives(p, v)
    analytic = {"a": v.da, "z": v.dz, "w1": v.dw1, "x1": v.dx1, "w2": v.dw2, "x2": v.dx2, "b": v.db}
    rows = []
    for node, value in analytic.items():
        est = num[node]
        ok = est is not None and math.isfinite(value)
        diff = abs(value - est) / max(1.0, abs(value), abs(est)) if ok else None
        rows.append((node, value, est, diff))
    return rows


def apply_update(p: GraphPoint, alpha: float) -> tuple[GraphPoint, float]:
    """One gradient-descent step w1 := w1 − α·dw1, w2 := w2 − α·dw2, b := b − α·db; new point and loss."""
    v = forward_backward(p)
    new = replace(p, w1=p.w1 - alpha * v.dw1, w2=p.w2 - alpha * v.dw2, b=p.b - alpha * v.db)
    return new, loss_at(new)


def revealed(step: int) -> tuple[frozenset, frozenset]:
    """Nodes whose value, and nodes whose gradient, are shown after ``step`` steps of STEPS."""
    values, grads = set(), set()
    for kind, group in STEPS[:max(0, step)]:
        nodes = (INPUTS + ("y",) if kind == "forward" else INPUTS) if group == "inputs" else (group,)
        (values if kind == "forward" else grads).update(nodes)
    return frozenset(values), frozenset(grads)


def example_set(m: int = M_DEFAULT, seed: int = 0):
    """Seeded m-example data for the graph: X (2, m) standard normal, Y (1, m) with both labels when m ≥ 2."""
    if not 1 <= m <= M_MAX:
        raise ValueError(f"m must be between 1 and {M_MAX}, got {m}")
    rng = np.random.default_rng(seed)
    return rng.standard_normal((2, m)), rng.permutation(np.arange(m) % 2).reshape(1, m)


@dataclass(frozen=True)
class MExamples:
    """The m-example step: per-example rows and the averaged gradients computed two ways."""

    per_example: list  # GraphValues for each column of X
    loop: tuple  # (cost, dw (2, 1), db) from the seed's two for-loops
    vectorized: tuple  # (cost, dw (2, 1), db) from core.neuron.model.cost_and_grads
    max_diff: float  # largest |Δ| between the two over cost, dw1, dw2, db


def m_examples(p: GraphPoint, X, Y) -> MExamples:
    """Run every example through the graph, then average with loops and with cost_and_grads."""
    w = np.array([[p.w1], [p.w2]])
    rows = [forward_backward(GraphPoint(float(X[0, i]), p.w1, float(X[1, i]), p.w2, p.b, float(Y[0, i])))
            for i in range(X.shape[1])]
    loop = loop_cost_and_grads(w, p.b, X, Y)
    vec = cost_and_grads(w, p.b, X, Y)
    diff = max(abs(loop[0] - vec[0]), float(np.max(np.abs(loop[1] - vec[1]))), abs(loop[2] - vec[2]))
    return MExamples(rows, loop, vec, diff)
