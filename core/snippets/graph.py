'''"Reproduce this" for the computation-graph page: a standalone NumPy script with the settings baked in.

The script prints ``name = value`` lines (repr floats) that a test compares with core's numbers.
'''

from core.lessons.graph import GraphPoint
from core.snippets.literal import array_literal


def graph_script(p: GraphPoint, alpha: float, X, Y) -> str:
    """The script for one example's forward/backward pass, one update with α, and the m-example step."""
    return f'''"""Logit Lab · Computation graph: recompute this page's numbers with NumPy only."""
import numpy as np

x1, w1, x2, w2, b, y = {p.x1!r}, {p.w1!r}, {p.x2!r}, {p.w2!r}, {p.b!r}, {float(p.y)!r}
alpha = {float(alpha)!r}  # learning rate
X = {array_literal(X)}.reshape(2, -1)  # m examples, one per column (x1 row, x2 row)
Y = {array_literal(Y)}.reshape(1, -1)  # labels 0 / 1


def sigmoid(z):
    """Stable sigmoid: the exponent is never positive, so exp never overflows."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def loss(z, y):
    """L(a, y) from z: y log(1 + e^-z) + (1 - y) log(1 + e^z), no log(0) ever."""
    return y * np.logaddexp(0.0, -z) + (1 - y) * np.logaddexp(0.0, z)


# Forward, left to right.
z = w1 * x1 + w2 * x2 + b
a = float(sigmoid(z))
print("z =", repr(z))
print("a =", repr(a))
print("L =", repr(float(loss(z, y))))
# Backward, right to left (chain rule).
if (y == 1 and a == 0) or (y == 0 and a == 1):
    print("da = infinite (a rounded to exactly", a, ")")
else:
    print("da =", repr((-y / a if y else 0.0) + ((1 - y) / (1 - a) if y != 1 else 0.0)))
dz = a - y
print("dz =", repr(dz))
print("dw1 =", repr(x1 * dz))
print("dw2 =", repr(x2 * dz))
print("db =", repr(dz))
# One update with learning rate alpha.
w1_new, w2_new, b_new = w1 - alpha * x1 * dz, w2 - alpha * x2 * dz, b - alpha * dz
print("w1_new =", repr(w1_new))
print("w2_new =", repr(w2_new))
print("b_new =", repr(b_new))
print("L_new =", repr(float(loss(w1_new * x1 + w2_new * x2 + b_new, y))))

# m examples: the two for-loops of the course ...
m = X.shape[1]
dw, db_sum = [0.0, 0.0], 0.0
for i in range(m):
    dz_i = float(sigmoid(w1 * X[0, i] + w2 * X[1, i] + b)) - Y[0, i]
    for j in range(2):
        dw[j] += X[j, i] * dz_i
    db_sum += dz_i
print("loop_dw1 =", repr(float(dw[0]) / m))
print("loop_dw2 =", repr(float(dw[1]) / m))
print("loop_db =", repr(float(db_sum) / m))
# ... and vectorized: dZ = A - Y, dw = X dZ^T / m, db = sum(dZ) / m.
dZ = sigmoid(np.array([[w1, w2]]) @ X + b) - Y
dw_vec = X @ dZ.T / m
print("vec_dw1 =", repr(float(dw_vec[0, 0])))
print("vec_dw2 =", repr(float(dw_vec[1, 0])))
print("vec_db =", repr(float(np.sum(dZ)) / m))
'''
