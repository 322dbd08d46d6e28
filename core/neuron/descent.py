"""Gradient descent: the textbook vectorized loop, and a fast trainer that is exactly the same.

Both return a ``History``: the cost every ``record_every`` steps and the parameters at the
steps a caller asks for (animations). "Step k" means the parameters after k updates, so
step 0 is the starting point and the cost recorded at step k is J of those parameters,
the same bookkeeping as the course's ``optimize`` loop.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from core.blas import one_blas_thread
from core.neuron.model import cost_and_grads, cross_entropy_from_logits

ProgressFn = Callable[[int, float], None]


@dataclass
class History:
    """What a run of gradient descent leaves behind."""

    w: np.ndarray  # (n_x, 1) final weights
    b: float  # final bias
    cost_steps: np.ndarray  # (k,) steps at which costs were recorded
    costs: np.ndarray  # (k,) J at those steps
    snapshots: dict = field(default_factory=dict)  # step -> (w (n_x, 1), b)
    method: str = "textbook"  # "textbook" or "gram"


def _record_steps(iterations, record_every):
    """Steps 0, k, 2k, … below ``iterations`` (the course records i % 100 == 0, i < iterations)."""
    if record_every < 1:
        raise ValueError(f"record_every must be at least 1, got {record_every}")
    return set(range(0, iterations, record_every))


def gradient_descent(w, b, X, Y, learning_rate, iterations, *, l2=0.0, loss="cross_entropy",
                     record_every=100, snapshot_steps=(), progress: ProgressFn | None = None):
    """The textbook loop: Z = wᵀX + b, A = σ(Z), dZ = A − Y, dw = X·dZᵀ/m, db = mean(dZ).

    w: (n_x, 1) start, b: float start, X: (n_x, m), Y: (1, m). Each of the ``iterations``
    steps calls ``cost_and_grads`` once, then w := w − α·dw, b := b − α·db.
    """
    w = np.array(w, dtype=float).reshape(-1, 1)
    b = float(b)
    record = _record_steps(iterations, record_every)
    wanted = set(int(s) for s in snapshot_steps)
    steps, costs, snaps = [], [], {}
    for i in range(iterations):
        cost, dw, db = cost_and_grads(w, b, X, Y, l2=l2, loss=loss)
        if i in wanted:
            snaps[i] = (w.copy(), b)
        if i in record:
            steps.append(i)
            costs.append(cost)
            if progress:
                progress(i, cost)
        w = w - learning_rate * dw
        b = b - learning_rate * db
    if iterations in wanted:
        snaps[iterations] = (w.copy(), b)
    return History(w, b, np.array(steps, dtype=int), np.array(costs), snaps, "textbook")


def gram_gradient_descent(X, Y, learning_rate, iterations, *, l2=0.0, record_every=100,
                          snapshot_steps=(), progress: ProgressFn | None = None):
    """Cross-entropy gradient descent from w = 0, b = 0 in O(m²) per step.

    From zero init every update adds a combination of the examples to w
    (dw = X·dZᵀ/m + λ/m·w), so w = X·c for a coefficient vector c of shape (m,).
    Then wᵀX = cᵀ(XᵀX): with the Gram matrix G = XᵀX (m, m) computed once, a step costs
    O(m²) instead of O(n_x·m), and c := (1 − αλ/m)·c − α/m·dZ is the same update as
    w := w − α·dw. The L2 term λ/(2m)·‖w‖² is λ/(2m)·cᵀGc.

    A step is one matrix-vector product and five in-place operations on (m,) buffers, with
    σ(z) = ½ + ½·tanh(z/2): one pass instead of the stable sigmoid's several, and just as stable
    (tanh saturates at ±1 for any z, never overflows). The trainer works on u = z/2 = (G/2)·c + b/2;
    halving is exact in floating point, so 2u is G·c + b to the last bit.
    """
    record = _record_steps(iterations, record_every)
    wanted = set(int(s) for s in snapshot_steps)
    steps, costs, snaps = [], [], {}
    with one_blas_thread():
        half_G = 0.5 * (X.T @ X)  # (m, m): G/2
        run = _GramRun(half_G, np.asarray(Y, dtype=float).ravel(), learning_rate, l2)
        for i in range(iterations):
            run.logits()
            if i in record:
                steps.append(i)
                costs.append(run.cost())
                if progress:
                    progress(i, costs[-1])
            if i in wanted:
                snaps[i] = (_weights(X, run.c), run.b)
            run.step()
        if iterations in wanted:
            snaps[iterations] = (_weights(X, run.c), run.b)
        w = _weights(X, run.c)
    return History(w, run.b, np.array(steps, dtype=int), np.array(costs), snaps, "gram")


def _weights(X, c):
    """w = X·c: (n_x, m) @ (m,) -> (n_x, 1)."""
    return (X @ c).reshape(-1, 1)


class _GramRun:
    """The state of one Gram run: c (m,), b, and u = z/2 (m,), updated in place, step after step."""

    def __init__(self, half_G, y, learning_rate, l2):
        m = y.size
        self.half_G, self.y, self.l2, self.m = half_G, y, l2, m  # (m, m), (m,)
        self.c, self.b = np.zeros(m), 0.0  # w = X·c, and the bias
        self.u, self.g = np.empty(m), np.empty(m)  # z/2, and the step added to c
        self.gain = -learning_rate / (2 * m)  # −α/m · ½: multiplies tanh(z/2)
        self.shift = (learning_rate / m) * (0.5 - y)  # (m,) α/m · (½ − y)
        self.keep = 1.0 - learning_rate * l2 / m  # the L2 penalty shrinks c by this each step

    def logits(self) -> None:
        """u = z/2 = (G/2)·c + b/2 for the current c, b."""
        np.dot(self.half_G, self.c, out=self.u)
        self.u += 0.5 * self.b

    def cost(self) -> float:
        """J of the current parameters, from the logits z = 2u (after ``logits()``)."""
        cost = float(np.sum(cross_entropy_from_logits(2.0 * self.u, self.y))) / self.m
        if self.l2:  # λ/(2m)·cᵀGc = λ/m·cᵀ(G/2)c
            cost += self.l2 / self.m * float(self.c @ (self.half_G @ self.c))
        return cost

    def step(self) -> None:
        """c := keep·c − α/m·dZ and b := b − α/m·ΣdZ, with dZ = σ(z) − y = ½·tanh(z/2) + ½ − y."""
        g = np.tanh(self.u, out=self.g)
        g *= self.gain
        g -= self.shift  # g = −α/m·dZ, (m,)
        if self.l2:
            self.c *= self.keep
        self.c += g
        self.b += float(np.add.reduce(g))


def train(X, Y, learning_rate, iterations, *, l2=0.0, record_every=100, snapshot_steps=(),
          progress: ProgressFn | None = None, method="auto"):
    """Train from zero init with cross-entropy; picks the Gram trainer when it is the cheaper one.

    method: "auto", "textbook" or "gram". Both give the same History (to ~1e-12). "auto" uses the
    Gram trainer when m < n_x and m ≤ iterations: building XᵀX costs n_x·m² once, so only then is the
    whole run never more work than the textbook loop's n_x·m per step (core.budget counts that).
    """
    n_x, m = X.shape
    if method == "auto":
        method = "gram" if m < n_x and m <= iterations else "textbook"
    if method == "gram":
        return gram_gradient_descent(X, Y, learning_rate, iterations, l2=l2,
                                     record_every=record_every, snapshot_steps=snapshot_steps,
                                     progress=progress)
    if method == "textbook":
        return gradient_descent(np.zeros((n_x, 1)), 0.0, X, Y, learning_rate, iterations,
                                l2=l2, record_every=record_every,
                                snapshot_steps=snapshot_steps, progress=progress)
    raise ValueError(f"method must be 'auto', 'textbook' or 'gram', got {method!r}")
