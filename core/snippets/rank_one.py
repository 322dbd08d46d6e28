"""The rank-1 page's "reproduce this" script: plain NumPy, the same n and seed, printed results."""

TEMPLATE = '''"""Rank-1 arrays vs column vectors, reproduced from Logit Lab (n = {n}, seed = {seed})."""
import numpy as np

rng = np.random.default_rng({seed})
a = rng.standard_normal({n})  # like np.random.randn({n}): a rank-1 array
print("a.shape:", a.shape, " a.T.shape:", a.T.shape)  # .T changes nothing
print("a @ a.T:", repr(float(a @ a.T)), "shape", np.shape(a @ a.T))  # a single number

col = a.reshape({n}, 1)  # the fix: a column vector
row = col.T
print("col @ col.T shape:", (col @ col.T).shape)  # outer product
print("np.dot(row, col):", repr(float(np.dot(row, col)[0, 0])), "shape", np.dot(row, col).shape)  # inner product
print("np.dot(col, row) shape:", np.dot(col, row).shape)  # outer product
print("(a + col).shape:", (a + col).shape)  # silent broadcasting to a matrix
print("(col + col).shape:", (col + col).shape)

X = rng.standard_normal(({n}, {n})) + np.arange({n}).reshape(-1, 1)  # n features x n examples
print("X.mean(axis=1).shape:", X.mean(axis=1).shape)
print("X.mean(axis=1, keepdims=True).shape:", X.mean(axis=1, keepdims=True).shape)
print("row means after X - X.mean(axis=1):", (X - X.mean(axis=1)).mean(axis=1).tolist())
print("row means after X - X.mean(axis=1, keepdims=True):", (X - X.mean(axis=1, keepdims=True)).mean(axis=1).tolist())
assert col.shape == ({n}, 1)
'''


def rank_one_script(n: int, seed: int) -> str:
    """A standalone script that recomputes the page's arrays for ``n`` and ``seed`` and prints them."""
    return TEMPLATE.format(n=int(n), seed=int(seed))
