'''"Reproduce this" for the sigmoid page: a standalone NumPy script with the page's settings baked in.

The script prints ``name = value`` lines (repr floats) that a test compares with core's numbers.
'''

from core.course import THRESHOLD
from core.snippets.literal import array_literal


def sigmoid_script(z: float, w: float, b: float, kind: str, X, Y, big_z: float) -> str:
    """The script for σ(z), σ'(z), the one-feature model (w, b) on X (1, m), Y (1, m), and σ at big_z."""
    return f'''"""Logit Lab · Sigmoid: recompute this page's numbers with NumPy only."""
import numpy as np

z = {float(z)!r}
w, b = {float(w)!r}, {float(b)!r}
big_z = {float(big_z)!r}
x = {array_literal(X)}  # the "{kind}" toy dataset, one feature per example
y = {array_literal(Y)}  # labels: 1 = cat, 0 = non-cat


def sigmoid(z):
    """Stable sigmoid: the exponent is never positive, so exp never overflows."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


s = float(sigmoid(z))
print("sigma =", repr(s))
print("slope =", repr(s * (1.0 - s)))
print("decision_point =", repr(-b / w) if w != 0 else "none")
y_hat = sigmoid(w * x + b)
print("accuracy =", repr(100.0 * int(np.count_nonzero((y_hat > {THRESHOLD!r}) == (y == 1))) / y.size))

# The textbook formula at a huge negative z: NumPy warns, and log(0) = -inf follows.
with np.errstate(over="warn", divide="warn"):
    naive = 1.0 / (1.0 + np.exp(-big_z))
    print("naive_sigma =", repr(float(naive)))
    print("naive_log_sigma =", repr(float(np.log(naive))))
# The stable way: log sigma(z) = -log(1 + e^-z) = -logaddexp(0, -z), finite for every z.
print("stable_log_sigma =", repr(float(-np.logaddexp(0.0, -big_z)) + 0.0))
'''
