"""Small seeded one-feature datasets for the 1-D lessons (sigmoid, loss, surface, descent).

X is (1, m), Y is (1, m), as in the course's notation with n_x = 1.
"""

import numpy as np

TOY_KINDS = ("overlapping", "separable")
TOY_M = 40  # examples in the default toy set: few enough to show every point
CLASS_CENTRE = 1.5  # class 0 is centred at −1.5, class 1 at +1.5
OVERLAP_SPREAD = 1.2  # standard deviation of each class in the overlapping set
SEPARABLE_SPREAD = 0.5  # narrower classes for the separable set
SEPARABLE_GAP = 0.25  # every separable point is at least this far from x = 0


def one_feature_dataset(kind: str = "overlapping", m: int = TOY_M, seed: int = 0):
    """Two classes on a line: (X (1, m), Y (1, m)), half labelled 0 and half 1, seeded.

    "overlapping": the classes overlap, so no threshold gets every point right.
    "separable": every class-0 point is left of 0 and every class-1 point right of it.
    """
    if kind not in TOY_KINDS:
        raise ValueError(f"kind must be one of {TOY_KINDS}, got {kind!r}")
    rng = np.random.default_rng(seed)
    y = np.arange(m) % 2  # alternate labels: classes as equal as m allows
    sign = np.where(y == 1, 1.0, -1.0)
    if kind == "overlapping":
        x = sign * CLASS_CENTRE + rng.normal(0.0, OVERLAP_SPREAD, m)
    else:
        offset = np.abs(rng.normal(0.0, SEPARABLE_SPREAD, m))
        x = sign * (SEPARABLE_GAP + offset + CLASS_CENTRE / 2)
    order = np.argsort(x)
    return x[order].reshape(1, -1), y[order].reshape(1, -1)
