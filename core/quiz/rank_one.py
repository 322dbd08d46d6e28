"""Rank-1 questions: a + col for the page's own n, a @ a.T, a.T and X.mean with or without keepdims.

Every answer is the shape of the array core.lessons.rank_one really built for that n.
"""

from core.lessons.rank_one import N_MAX, N_MIN, rank_one_arrays
from core.quiz.question import shape, shape_tex

SEED = 0  # the values never matter here, only the shapes


def _n(rng) -> int:
    return int(rng.integers(N_MIN, N_MAX + 1))


def silent(rng, settings) -> object:
    """The page's own n: a (n,) + col (n, 1) broadcasts to (n, n)."""
    n = int(settings["n"])
    r = rank_one_arrays(n, SEED)
    return shape("r1_silent", {"n": str(n)}, r.silent.shape,
                 rf"({n},) + ({n}, 1):\ (1, {n}) + ({n}, 1) \to {shape_tex(r.silent.shape)}")


def inner(rng, settings) -> object:
    """a @ a.T for a drawn n: a single number."""
    n = _n(rng)
    r = rank_one_arrays(n, SEED)
    return shape("r1_inner", {"n": str(n)}, r.a_at.shape,
                 rf"a^{{T}} = a \Rightarrow a\,@\,a^{{T}} = \sum_{{i=1}}^{{{n}}} a_i^2 \to {shape_tex(r.a_at.shape)}")


def transpose(rng, settings) -> object:
    """a.T for a drawn n: still (n,)."""
    n = _n(rng)
    r = rank_one_arrays(n, SEED)
    return shape("r1_transpose", {"n": str(n)}, r.a_t.shape,
                 rf"a: ({n},) \Rightarrow a^{{T}}: {shape_tex(r.a_t.shape)}")


def mean(rng, settings) -> object:
    """X.mean(axis=1) with or without keepdims=True, for a drawn n."""
    n, keep = _n(rng), bool(rng.integers(0, 2))
    r = rank_one_arrays(n, SEED)
    result = r.mean_keep if keep else r.mean_flat
    return shape("r1_mean_keep" if keep else "r1_mean", {"n": str(n)}, result.shape,
                 rf"X: ({n}, {n}) \to \text{{mean}}_{{\text{{axis}}=1}}: {shape_tex(result.shape)}")


KINDS = (silent, inner, transpose, mean)  # the first asks about the page's own result
