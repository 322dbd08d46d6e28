"""The neuron: sigmoid, costs, and the ONE function that returns cost and gradients.

Notation follows the course: X is (n_x, m), Y is (1, m), w is (n_x, 1), b is a float.
The losses the lessons compare live in one registry, ``LOSSES``: a page, a quiz or a URL names a
loss by its ``name`` and reads its formula from there.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from core.course import THRESHOLD


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)) for any finite z, without overflow or warnings.

    For z ≥ 0 it evaluates 1 / (1 + e^(−z)); for z < 0 the algebraically equal
    e^z / (1 + e^z). Either way the exponent is ≤ 0, so e^(...) never overflows.
    """
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_naive(z):
    """The textbook 1 / (1 + e^(−z)) as written: overflows for z below about −709.

    Kept only so the sigmoid page can show what goes wrong; nothing else calls it.
    """
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def log_sigmoid(z):
    """log σ(z) = −log(1 + e^(−z)), stable for every finite z."""
    return -np.logaddexp(0.0, -np.asarray(z, dtype=float))


def cross_entropy_from_logits(z, y):
    """Per-example loss L = −y·log σ(z) − (1 − y)·log(1 − σ(z)), computed from z.

    Uses log(1 − σ(z)) = log σ(−z), so neither log(0) nor a clip is ever needed.
    """
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    return y * np.logaddexp(0.0, -z) + (1.0 - y) * np.logaddexp(0.0, z)


def cross_entropy(a, y):
    """Per-example loss from a probability a = ŷ, the formula as the course prints it.

    a = 0 with y = 1 (or a = 1 with y = 0) is an infinite loss, returned as ``inf``
    without a warning; pages that start from logits should use
    ``cross_entropy_from_logits`` instead.
    """
    a = np.asarray(a, dtype=float)
    y = np.asarray(y, dtype=float)
    with np.errstate(divide="ignore"):
        pos = np.where(y > 0, -y * np.log(np.where(y > 0, a, 1.0)), 0.0)
        neg = np.where(y < 1, -(1.0 - y) * np.log(np.where(y < 1, 1.0 - a, 1.0)), 0.0)
    return pos + neg


def squared_error(a, y):
    """Per-example squared-error loss ½(ŷ − y)², shown for comparison only."""
    return 0.5 * (np.asarray(a, dtype=float) - np.asarray(y, dtype=float)) ** 2


def forward(w, b, X):
    """Logits Z = wᵀX + b, shape (1, m)."""
    return w.T @ X + b


def cross_entropy_terms(Z, A, Y):
    """Per-example cross-entropy (from the logits Z, stable) and dZ = ∂L/∂z = A − Y; all (1, m)."""
    return cross_entropy_from_logits(Z, Y), A - Y


def squared_error_terms(Z, A, Y):
    """Per-example ½(a − y)² and dZ = (a − y)·σ'(z), the chain rule through σ'(z) = a(1 − a); all (1, m)."""
    return squared_error(A, Y), (A - Y) * A * (1.0 - A)


@dataclass(frozen=True)
class Loss:
    """One loss the lessons compare: its stable name, its formula, and its calculus."""

    name: str  # stable: URLs (?gd_loss=squared_error), quiz answers, file names
    label: str  # the per-example formula in plain symbols, read in any language (radio buttons, quiz)
    latex: str  # the same formula for st.latex
    tag: str  # J's subscript when two costs stand side by side (J_CE, J_sq)
    convex: bool  # is J(w, b) of the one-neuron model a convex bowl with this loss
    terms: Callable  # (Z, A, Y) -> (per-example losses, dZ), both (1, m)

    def cost_and_grads(self, w, b, X, Y, l2=0.0):
        """``cost_and_grads`` with this loss."""
        return cost_and_grads(w, b, X, Y, l2, loss=self.name)


CROSS_ENTROPY = Loss("cross_entropy", "−y·log ŷ − (1 − y)·log(1 − ŷ)", r"-y\log\hat{y} - (1-y)\log(1-\hat{y})",
                     r"\mathrm{CE}", True, cross_entropy_terms)  # the course's loss
SQUARED_ERROR = Loss("squared_error", "½·(ŷ − y)²", r"\tfrac{1}{2}(\hat{y} - y)^2", r"\mathrm{sq}", False,
                     squared_error_terms)  # shown for comparison: non-convex through σ
LOSSES = {loss.name: loss for loss in (CROSS_ENTROPY, SQUARED_ERROR)}  # name -> Loss, in teaching order
LOSS_NAMES = tuple(LOSSES)  # ("cross_entropy", "squared_error"): the options pages and URLs accept


def loss_named(name: str) -> Loss:
    """The registered loss called ``name``; a ValueError naming the allowed ones otherwise."""
    try:
        return LOSSES[name]
    except (KeyError, TypeError):
        raise ValueError(f"loss must be one of {LOSS_NAMES}, got {name!r}") from None


def cost_and_grads(w, b, X, Y, l2=0.0, loss="cross_entropy"):
    """Cost J(w, b) and its gradients (dw, db): the one place the model's calculus lives.

    w: (n_x, 1), b: float, X: (n_x, m), Y: (1, m).
    l2: λ of the optional penalty λ/(2m)·‖w‖² (adds λ/m·w to dw).
    loss: a name in LOSSES: "cross_entropy" (the course's, convex) or "squared_error" (½(a − y)², non-convex).
    Returns (cost: float, dw: (n_x, 1), db: float).
    """
    terms = loss_named(loss).terms
    m = X.shape[1]
    Z = forward(w, b, X)  # (1, m)
    losses, dZ = terms(Z, sigmoid(Z), Y)  # (1, m) each
    cost = float(np.sum(losses)) / m
    dw = X @ dZ.T / m  # (n_x, 1)
    db = float(np.sum(dZ)) / m
    if l2:
        cost += l2 / (2 * m) * float(np.sum(w * w))
        dw = dw + (l2 / m) * w
    return cost, dw, db


def predict_proba(w, b, X):
    """p(cat | x) = σ(wᵀx + b) for every column of X, shape (1, m)."""
    return sigmoid(forward(w, b, X))


def predict(w, b, X, threshold=THRESHOLD):
    """Labels 1 where p > threshold (the course's rule), else 0; int array (1, m)."""
    return (predict_proba(w, b, X) > threshold).astype(int)


def accuracy(y_pred, Y):
    """Percentage of correct labels, computed from counts: 100 · correct / m."""
    y_pred = np.asarray(y_pred).ravel()
    Y = np.asarray(Y).ravel()
    correct = int(np.count_nonzero(y_pred == Y))
    return 100.0 * correct / Y.size
