"""Cat classifier questions: will the model call the page's photo a cat, p(cat) from z, the input's shape,
and the verdict from z.

The verdict is core.lessons.explain.logit_parts with the page's model; the input's shape is core.data.loaders.flatten's.
"""

import numpy as np

from core.course import THRESHOLD
from core.data.loaders import flatten
from core.lessons.explain import logit_parts, photo_column
from core.neuron.model import sigmoid
from core.quiz.question import choice, data_tag, fixed, number, shape, shape_tex

TOLERANCE = 0.01  # answers "to two decimals" may be off by one in the last digit
Z_RANGE = 40  # a drawn z is k/10 for k in [−40, 40] (never 0)
TENTHS = 10.0  # drawn integers are divided by this
SIDES = (16, 32, 64, 128)  # photo sides of the shape question (the course uses 64)
CHANNELS = 3  # RGB


def verdict(rng, settings) -> object | None:
    """The page's own photo and model: cat or not? (None without a photo.)"""
    photo, model = settings.get("photo"), settings["model"]
    if photo is None:
        return None
    parts = logit_parts(model.w, model.b, photo_column(photo))
    label = int(parts.p > THRESHOLD)
    relation = ">" if label else r"\le"
    return choice("cat_verdict", {"photo": data_tag(photo)}, "cat" if label else "non_cat", ("cat", "non_cat"),
                  rf"z = w^{{T}}x + b = {fixed(parts.z, 3)},\quad \hat{{y}} = \sigma({fixed(parts.z, 3)}) = "
                  rf"{fixed(parts.p, 4)} {relation} {THRESHOLD} \Rightarrow {label}")


def _z(rng) -> float:
    return int(rng.choice([k for k in range(-Z_RANGE, Z_RANGE + 1) if k])) / TENTHS


def p_from_z(rng, settings) -> object:
    """p(cat) = σ(z) for a drawn z."""
    z = _z(rng)
    p = float(sigmoid(z))
    return number("cat_p", {"z": fixed(z, 1)}, p, TOLERANCE,
                  rf"p(\text{{cat}}) = \sigma({fixed(z, 1)}) = \frac{{1}}{{1 + e^{{-({fixed(z, 1)})}}}}"
                  rf" = {fixed(p, 4)}")


def input_shape(rng, settings) -> object:
    """The model input of a drawn side × side RGB photo: flattened to a column."""
    side = int(rng.choice(SIDES))
    x = flatten(np.zeros((1, side, side, CHANNELS), dtype=np.uint8))
    return shape("cat_shape", {"side": str(side)}, x.shape,
                 rf"{side} \times {side} \times {CHANNELS} = {side * side * CHANNELS} \to {shape_tex(x.shape)}")


def z_verdict(rng, settings) -> object:
    """A drawn z: does the model say cat? (σ(z) > 0.5 exactly when z > 0.)"""
    z = _z(rng)
    label = int(float(sigmoid(z)) > THRESHOLD)
    return choice("cat_z", {"z": fixed(z, 1)}, "cat" if label else "non_cat", ("cat", "non_cat"),
                  rf"\sigma({fixed(z, 1)}) = {fixed(float(sigmoid(z)), 4)} {'>' if label else '<'} {THRESHOLD}"
                  rf" \Rightarrow {label}")


KINDS = (verdict, p_from_z, input_shape, z_verdict)  # the first asks about the page's own result
