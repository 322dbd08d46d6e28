"""Rank-1 arrays (n,) versus column vectors (n, 1): the NumPy pitfalls of the course's section 8, computed live.

Every array here is what NumPy really returns for the expression named in its comment, so the
page can print it next to its shape.
"""

from dataclasses import dataclass

import numpy as np

N_MIN, N_MAX, N_DEFAULT = 2, 8, 5  # vector length n: the course's example is 5; 8 keeps (n, n) tables readable
SEED_MAX = 9999  # largest seed offered on the page


@dataclass(frozen=True)
class RankOne:
    """The arrays of the rank-1 lesson for one (n, seed)."""

    a: np.ndarray  # (n,)    rng.standard_normal(n), like np.random.randn(5): a rank-1 array
    a_t: np.ndarray  # (n,)    a.T: transposing a rank-1 array changes nothing
    a_at: np.ndarray  # ()      a @ a.T: a single number (the inner product), not a matrix
    col: np.ndarray  # (n, 1)  a.reshape(n, 1): a column vector
    row: np.ndarray  # (1, n)  col.T: a row vector
    outer: np.ndarray  # (n, n)  col @ col.T = np.dot(col, row): outer product
    inner: np.ndarray  # (1, 1)  row @ col = np.dot(row, col): inner product, kept 2-D
    silent: np.ndarray  # (n, n)  a + col: broadcasting quietly builds a matrix
    fixed: np.ndarray  # (n, 1)  col + col: what was meant
    X: np.ndarray  # (n, n)  a small data matrix: n features (rows) × n examples (columns)
    mean_flat: np.ndarray  # (n,)    X.mean(axis=1): row means, as a rank-1 array
    mean_keep: np.ndarray  # (n, 1)  X.mean(axis=1, keepdims=True): row means, as a column
    centred_flat: np.ndarray  # (n, n)  X - mean_flat: subtracts the means along the wrong axis
    centred_keep: np.ndarray  # (n, n)  X - mean_keep: every row now averages 0
    after_flat: np.ndarray  # (n,)    row means of centred_flat: not zero
    after_keep: np.ndarray  # (n,)    row means of centred_keep: zero up to rounding


def rank_one_arrays(n: int = N_DEFAULT, seed: int = 0) -> RankOne:
    """All arrays of the lesson for vector length ``n`` (N_MIN … N_MAX) and ``seed``."""
    if not N_MIN <= int(n) <= N_MAX:
        raise ValueError(f"n must be between {N_MIN} and {N_MAX}, got {n}")
    rng = np.random.default_rng(seed)
    a = rng.standard_normal(int(n))  # (n,)
    col = a.reshape(-1, 1)  # (n, 1)
    row = col.T  # (1, n)
    X = rng.standard_normal((int(n), int(n))) + np.arange(int(n)).reshape(-1, 1)  # row i averages about i
    mean_flat = X.mean(axis=1)
    mean_keep = X.mean(axis=1, keepdims=True)
    return RankOne(a=a, a_t=a.T, a_at=np.asarray(a @ a.T), col=col, row=row, outer=np.dot(col, row),
                   inner=np.dot(row, col), silent=a + col, fixed=col + col, X=X, mean_flat=mean_flat,
                   mean_keep=mean_keep, centred_flat=X - mean_flat, centred_keep=X - mean_keep,
                   after_flat=(X - mean_flat).mean(axis=1), after_keep=(X - mean_keep).mean(axis=1))


def shape_check(x: np.ndarray, expected: tuple) -> str | None:
    """What ``assert x.shape == expected`` reports: None when it passes, else the message it raises."""
    if x.shape == tuple(expected):
        return None
    return f"AssertionError: expected shape {tuple(expected)}, got {x.shape}"


def array_text(x: np.ndarray, digits: int = 3) -> str:
    """The array as NumPy prints it (its brackets show its rank), rounded to ``digits`` decimals."""
    tidy = np.round(np.asarray(x, dtype=float), digits) + 0.0  # + 0.0 turns −0.000 into 0.000
    return np.array2string(tidy, precision=digits, suppress_small=True, floatmode="fixed")
