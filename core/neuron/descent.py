"""Gradient descent: the textbook vectorized loop, and a fast trainer that is exactly the same.

Both return a ``History``: the cost every ``record_every`` steps and the parameters at the
steps a caller asks for (animations). "Step k" means the parameters after k updates, so
step 0 is the starting point and the cost recorded at step k is J of those parameters,
the same bookkeeping as the course's ``optimize`` loop.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from core.neuron.model import cost_and_grads, cross_entropy_from_logits, sigmoid

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
    (dw = X·dZᵀ/m + λ/m·w), so w = X·c for a coefficient vector c of shape (m, 1).
    Then wᵀX = cᵀ(XᵀX): with the Gram matrix G = XᵀX (m, m) computed once, a step costs
    O(m²) instead of O(n_x·m), and c := c − α·(dZᵀ/m + λ/m·c) is the same update as
    w := w − α·dw. The L2 term λ/(2m)·‖w‖² is λ/(2m)·cᵀGc.
    """
    m = X.shape[1]
    G = X.T @ X  # (m, m)
    c = np.zeros((m, 1))
    b = 0.0
    record = _record_steps(iterations, record_every)
    wanted = set(int(s) for s in snapshot_steps)
    steps, costs, snaps = [], [], {}
    for i in range(iterations):
        Gc = G @ c  # (m, 1) = Xᵀw
        Z = Gc.T + b  # (1, m)
        dZ = sigmoid(Z) - Y  # (1, m)
        if i in record:
            cost = float(np.sum(cross_entropy_from_logits(Z, Y))) / m
            if l2:
                cost += l2 / (2 * m) * float(np.sum(c * Gc))  # cᵀGc as a scalar
            steps.append(i)
            costs.append(cost)
            if progress:
                progress(i, cost)
        if i in wanted:
            snaps[i] = (X @ c, b)
        c = c - learning_rate * (dZ.T / m + (l2 / m) * c)
        b = b - learning_rate * float(np.sum(dZ)) / m
    if iterations in wanted:
        snaps[iterations] = (X @ c, b)
    return History(X @ c, b, np.array(steps, dtype=int), np.array(costs), snaps, "gram")


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
