"""The neuron: sigmoid, costs, and the ONE function that returns cost and gradients.

Notation follows the course: X is (n_x, m), Y is (1, m), w is (n_x, 1), b is a float.
"""

import numpy as np


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


def cost_and_grads(w, b, X, Y, l2=0.0, loss="cross_entropy"):
    """Cost J(w, b) and its gradients (dw, db): the one place the model's calculus lives.

    w: (n_x, 1), b: float, X: (n_x, m), Y: (1, m).
    l2: λ of the optional penalty λ/(2m)·‖w‖² (adds λ/m·w to dw).
    loss: "cross_entropy" (the course's, convex) or "squared_error" (½(a − y)², non-convex).
    Returns (cost: float, dw: (n_x, 1), db: float).
    """
    m = X.shape[1]
    Z = forward(w, b, X)  # (1, m)
    A = sigmoid(Z)  # (1, m)
    if loss == "cross_entropy":
        cost = float(np.sum(cross_entropy_from_logits(Z, Y))) / m
        dZ = A - Y  # (1, m)
    elif loss == "squared_error":
        cost = float(np.sum(squared_error(A, Y))) / m
        dZ = (A - Y) * A * (1.0 - A)  # chain rule through σ'(z) = a(1 − a)
    else:
        raise ValueError(f"loss must be 'cross_entropy' or 'squared_error', got {loss!r}")
    dw = X @ dZ.T / m  # (n_x, 1)
    db = float(np.sum(dZ)) / m
    if l2:
        cost += l2 / (2 * m) * float(np.sum(w * w))
        dw = dw + (l2 / m) * w
    return cost, dw, db


def predict_proba(w, b, X):
    """p(cat | x) = σ(wᵀx + b) for every column of X, shape (1, m)."""
    return sigmoid(forward(w, b, X))


def predict(w, b, X, threshold=0.5):
    """Labels 1 where p > threshold (the course's rule), else 0; int array (1, m)."""
    return (predict_proba(w, b, X) > threshold).astype(int)


def accuracy(y_pred, Y):
    """Percentage of correct labels, computed from counts: 100 · correct / m."""
    y_pred = np.asarray(y_pred).ravel()
    Y = np.asarray(Y).ravel()
    correct = int(np.count_nonzero(y_pred == Y))
    return 100.0 * correct / Y.size
