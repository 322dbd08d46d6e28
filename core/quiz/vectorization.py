"""Vectorization questions: the shape of dw for the page's own X, and of Z, dZ and w for drawn sizes.

Shapes come from core.lessons.vectorization.vectorized_arrays run on small arrays of the drawn sizes.
"""

import numpy as np

from core.lessons.vectorization import start_weights, vectorized_arrays
from core.quiz.question import shape, shape_tex

SIZE_RANGE = (2, 9)  # drawn n_x and m lie in [2, 9] (small arrays: really computed)
SEED = 0  # weights of the small arrays (their values never matter, only their shapes)


def _arrays(n_x: int, m: int) -> dict:
    X, Y = np.zeros((n_x, m)), np.zeros((1, m))
    w, b = start_weights(n_x, SEED)
    return vectorized_arrays(w, b, X, Y)


def _sizes(rng) -> tuple[int, int]:
    n_x, m = (int(k) for k in rng.integers(SIZE_RANGE[0], SIZE_RANGE[1] + 1, size=2))
    return n_x, m + (m == n_x)  # n_x ≠ m, so a transposed answer is visibly wrong


def page_dw(rng, settings) -> object:
    """The page's own X (n_x, m): what shape is dw = X dZᵀ / m?"""
    sh = settings["shapes"]
    X, dZ, dw = sh["X"], sh["dZ"], sh["dw"]
    return shape("vec_dw", {"X": str(tuple(X))}, dw,
                 rf"dw = \frac{{1}}{{m}} X\,dZ^{{T}}:\ {shape_tex(X)}\,{shape_tex(tuple(reversed(dZ)))} "
                 rf"\to {shape_tex(dw)}")


def z_shape(rng, settings) -> object:
    """Z = wᵀX + b for drawn sizes."""
    n_x, m = _sizes(rng)
    a = _arrays(n_x, m)
    return shape("vec_z", {"X": str((n_x, m))}, a["Z"].shape,
                 rf"Z = w^{{T}}X + b:\ {shape_tex((1, n_x))}\,{shape_tex((n_x, m))} + \text{{float}} "
                 rf"\to {shape_tex(a['Z'].shape)}")


def dz_shape(rng, settings) -> object:
    """dZ = A − Y for drawn sizes."""
    n_x, m = _sizes(rng)
    a = _arrays(n_x, m)
    return shape("vec_dz", {"X": str((n_x, m))}, a["dZ"].shape,
                 rf"dZ = A - Y:\ {shape_tex(a['A'].shape)} - {shape_tex(a['Y'].shape)} \to {shape_tex(a['dZ'].shape)}")


def w_shape(rng, settings) -> object:
    """Which shape w must have so that wᵀX works, for drawn sizes."""
    n_x, m = _sizes(rng)
    a = _arrays(n_x, m)
    return shape("vec_w", {"X": str((n_x, m))}, a["w"].shape,
                 rf"w^{{T}}X:\ {shape_tex(tuple(reversed(a['w'].shape)))}\,{shape_tex((n_x, m))} "
                 rf"\Rightarrow w: {shape_tex(a['w'].shape)}")


KINDS = (page_dw, z_shape, dz_shape, w_shape)  # the first asks about the page's own result
