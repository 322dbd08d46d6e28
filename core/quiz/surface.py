"""Surface page questions: where the lowest J of the page's map lies, J(0, 0), and which way J slopes in w."""

import numpy as np

from core.lessons.surface import cost_surface
from core.neuron.model import LOSS_NAMES, LOSSES, cost_and_grads
from core.quiz.question import choice, data_tag, fixed, number

TOLERANCE = 0.01  # answers "to two decimals" may be off by one in the last digit
PARAM_RANGE = 50  # a drawn (w, b) is (k/10, j/10) with k, j in [−50, 50]
TENTHS = 10.0  # drawn integers are divided by this
QUADRANTS = ("w_pos_b_pos", "w_pos_b_neg", "w_neg_b_pos", "w_neg_b_neg")  # where the lowest point can lie


def _quadrant(w: float, b: float) -> str:
    return f"w_{'pos' if w >= 0 else 'neg'}_b_{'pos' if b >= 0 else 'neg'}"


def lowest(rng, settings) -> object:
    """The page's own map: in which quadrant of (w, b) is the lowest J?"""
    surface = cost_surface(settings["X"], settings["Y"], settings["span"], settings["span"], loss=settings["loss"])
    w, b, J = surface.lowest()
    return choice("surface_lowest", {"loss": LOSSES[settings["loss"]].label, "span": fixed(settings["span"], 0),
                                     "data": data_tag(settings["X"], settings["Y"])},
                  _quadrant(w, b), QUADRANTS,
                  rf"\min_{{\text{{grid}}}} J(w, b) = J({fixed(w, 2)},\ {fixed(b, 2)}) = {fixed(J, 4)}")


def origin(rng, settings) -> object:
    """J(0, 0): every ŷ is σ(0) = 0.5, whatever the data."""
    loss = LOSS_NAMES[int(rng.integers(0, len(LOSS_NAMES)))]
    X, Y = settings["X"], settings["Y"]
    J = cost_and_grads(np.zeros((X.shape[0], 1)), 0.0, X, Y, loss=loss)[0]
    each = r"-\log 0.5" if loss == "cross_entropy" else r"\tfrac{1}{2}(0.5 - y)^2"
    return number("surface_origin", {"loss": LOSSES[loss].label, "m": str(X.shape[1])}, J, TOLERANCE,
                  rf"\hat{{y}}^{{(i)}} = \sigma(0) = 0.5 \Rightarrow J(0, 0) = \frac{{1}}{{{X.shape[1]}}}"
                  rf"\sum_{{i}} {each} = {fixed(J, 4)}")


def slope_sign(rng, settings) -> object:
    """At a drawn (w, b) on the page's data (cross-entropy): does J rise or fall as w grows?"""
    X, Y = settings["X"], settings["Y"]
    while True:
        w, b = (int(k) / TENTHS for k in rng.integers(-PARAM_RANGE, PARAM_RANGE + 1, size=2))
        _, dw, _ = cost_and_grads(np.array([[w]]), b, X, Y)
        if dw[0, 0] != 0:
            break
    answer = "rises" if dw[0, 0] > 0 else "falls"
    return choice("surface_slope", {"w": fixed(w, 1), "b": fixed(b, 1)}, answer, ("rises", "falls"),
                  rf"\frac{{\partial J}}{{\partial w}} = \frac{{1}}{{m}}\sum_{{i}} (\hat{{y}}^{{(i)}} - y^{{(i)}})"
                  rf"\,x^{{(i)}} = {dw[0, 0]:.4g} {'>' if answer == 'rises' else '<'} 0")


KINDS = (lowest, origin, slope_sign)  # the first asks about the page's own result
