'''"Reproduce this" for the loss page: a standalone NumPy script with the page's settings baked in.

The script prints ``name = value`` lines (repr floats) that a test compares with core's numbers.
'''

from core.snippets.literal import array_literal


def loss_script(w: float, b: float, kind: str, X, Y, index: int, w1: float, w2: float) -> str:
    """The script for J both ways at (w, b), the chord w1–w2, example ``index`` and the likelihood."""
    return f'''"""Logit Lab · Loss and likelihood: recompute this page's numbers with NumPy only."""
import math

import numpy as np

w, b = {float(w)!r}, {float(b)!r}
index = {int(index)}  # the example walked through
w1, w2 = {float(w1)!r}, {float(w2)!r}  # the chord's ends
x = {array_literal(X)}  # the "{kind}" toy dataset, one feature per example
y = {array_literal(Y)}  # labels: 1 = cat, 0 = non-cat


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def losses(w, b):
    """Cross-entropy per example from z = wx + b: y log(1 + e^-z) + (1 - y) log(1 + e^z)."""
    z = w * x + b
    return y * np.logaddexp(0.0, -z) + (1 - y) * np.logaddexp(0.0, z)


def cost(w, b, loss):
    if loss == "cross_entropy":
        return float(np.sum(losses(w, b))) / x.size
    return float(np.sum(0.5 * (sigmoid(w * x + b) - y) ** 2)) / x.size


print("J_cross_entropy =", repr(cost(w, b, "cross_entropy")))
print("J_squared_error =", repr(cost(w, b, "squared_error")))
for loss in ("squared_error", "cross_entropy"):
    gap = cost((w1 + w2) / 2, b, loss) - (cost(w1, b, loss) + cost(w2, b, loss)) / 2
    print(f"chord_gap_{{loss}} =", repr(gap))  # > 0: the curve rises above its chord, not convex

z = w * x[index] + b
y_hat = float(sigmoid(z))
L = float(losses(w, b)[index])
print("y_hat =", repr(y_hat))
print("p =", repr(float(y_hat ** y[index] * (1 - y_hat) ** (1 - y[index]))))
print("loss =", repr(L))
log_likelihood = -float(np.sum(losses(w, b)))
print("log_likelihood =", repr(log_likelihood))
print("log10_likelihood =", repr(log_likelihood / math.log(10.0)))
'''
