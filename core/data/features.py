"""One number per photo: scalar features of the cat photos, so the 1-D lessons can use real data.

Each feature is computed from the (m, 64, 64, 3) uint8 photos, then standardised to zero mean
and unit variance over the training set, so the cost surface J(w, b) is a well-shaped bowl.
The lessons' datasets (toy and real) are all (X (1, m), Y (1, m)) in the course's notation.
"""

import numpy as np

from core.course import PIXEL_MAX
from core.data.loaders import DATA_ENV
from core.data.toy_data import TOY_KINDS, one_feature_dataset
from core.errors import LogitLabError

FEATURES = ("saturation", "brightness", "warmth")  # photo features offered by the lessons
CAT_PREFIX = "cat_"  # dataset names of the real features: "cat_saturation", …
DATASETS = TOY_KINDS + tuple(CAT_PREFIX + name for name in FEATURES)
RED, BLUE = 0, 2  # channel indices in RGB photos
REAL_DEFAULT = "cat_saturation"  # the most telling photo feature (about 80 % training accuracy on its own)


def photo_feature(images: np.ndarray, name: str) -> np.ndarray:
    """One value per photo, shape (m,), from (m, 64, 64, 3) uint8 images (pixels scaled to [0, 1]).

    saturation: mean over pixels of (max − min of the three channels), how colourful a photo is.
    brightness: mean of every pixel value.
    warmth: mean red − mean blue.
    """
    px = np.asarray(images, dtype=float) / PIXEL_MAX  # (m, 64, 64, 3)
    if name == "saturation":
        return (px.max(axis=-1) - px.min(axis=-1)).mean(axis=(1, 2))
    if name == "brightness":
        return px.mean(axis=(1, 2, 3))
    if name == "warmth":
        return px[..., RED].mean(axis=(1, 2)) - px[..., BLUE].mean(axis=(1, 2))
    raise ValueError(f"feature must be one of {FEATURES}, got {name!r}")


def standardise(values: np.ndarray) -> tuple[np.ndarray, float, float]:
    """(z, mean, std) with z = (values − mean) / std; a constant feature keeps std = 1."""
    values = np.asarray(values, dtype=float)
    mean = float(values.mean())
    std = float(values.std())
    if std == 0.0:
        std = 1.0
    return (values - mean) / std, mean, std


def cat_feature_dataset(course, name: str) -> tuple[np.ndarray, np.ndarray]:
    """The training photos as a one-feature dataset: (X (1, 209) standardised, Y (1, 209))."""
    x, _, _ = standardise(photo_feature(course.train_x_orig, name))
    return x.reshape(1, -1), np.asarray(course.train_y, dtype=int).reshape(1, -1)


def needs_course(dataset: str) -> bool:
    """True for the datasets built from the course's photos."""
    return dataset.startswith(CAT_PREFIX)


def lesson_dataset(dataset: str, course=None) -> tuple[np.ndarray, np.ndarray]:
    """(X (1, m), Y (1, m)) for a dataset name in DATASETS; the cat ones need the course data."""
    if dataset in TOY_KINDS:
        return one_feature_dataset(dataset)
    if dataset not in DATASETS:
        raise ValueError(f"dataset must be one of {DATASETS}, got {dataset!r}")
    if course is None:
        raise LogitLabError(f"The cat photos are not installed: set {DATA_ENV} to their folder "
                            "or put the two .h5 files in data/.", key="surface.no_data", folder=DATA_ENV)
    return cat_feature_dataset(course, dataset.removeprefix(CAT_PREFIX))


def default_dataset(course_available: bool) -> int:
    """Index in DATASETS a lesson starts on: the real cat photos when installed, else the first toy set."""
    return DATASETS.index(REAL_DEFAULT) if course_available else 0


def is_separable(X: np.ndarray, Y: np.ndarray) -> bool:
    """True when one threshold on the single feature puts every example on its class's side.

    Then the cross-entropy cost keeps falling as |w| grows: its minimum is at infinity.
    Ties count as separable too (the cost still has no finite minimum).
    """
    x = np.asarray(X, dtype=float).ravel()
    y = np.asarray(Y).ravel()
    neg, pos = x[y == 0], x[y == 1]
    if neg.size == 0 or pos.size == 0:
        return True
    return bool(neg.max() <= pos.min() or pos.max() <= neg.min())
