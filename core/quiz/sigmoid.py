"""Sigmoid page questions: the decision point of the page's σ(wx + b), σ(z), σ′(z) and a predicted label."""

import numpy as np

from core.course import THRESHOLD
from core.lessons.sigmoid import decision_point, sigmoid_readout, sigmoid_slope
from core.neuron.model import predict
from core.quiz.question import choice, fixed, number

TOLERANCE = 0.01  # answers "to two decimals" may be off by one in the last digit
Z_RANGE = 40  # z is drawn as k/10 for k in [−40, 40]: σ changes visibly over [−4, 4]
PARAM_RANGE = 30  # w, b, x of a drawn model are k/10 for k in [−30, 30]
TENTHS = 10.0  # drawn integers are divided by this


def _tenth(rng, limit: int, nonzero: bool = False) -> float:
    while True:
        value = int(rng.integers(-limit, limit + 1)) / TENTHS
        if value or not nonzero:
            return value


def decision(rng, settings) -> object:
    """The page's own w and b: where is σ(wx + b) = 0.5? (w = 0: the curve is flat at σ(b).)"""
    w, b = float(settings["w"]), float(settings["b"])
    point = decision_point(w, b)
    if point is None:
        s = sigmoid_readout(b)[1]
        return number("sigmoid_flat", {"b": fixed(b, 2)}, s, TOLERANCE,
                      rf"w = 0 \Rightarrow \hat{{y}} = \sigma(b) = \sigma({fixed(b, 2)}) = {fixed(s, 4)}")
    return number("sigmoid_decision", {"w": fixed(w, 2), "b": fixed(b, 2)}, point, TOLERANCE,
                  rf"w x + b = 0 \Rightarrow x = -\frac{{b}}{{w}} = -\frac{{{fixed(b, 2)}}}{{{fixed(w, 2)}}}"
                  rf" = {fixed(point, 3)}")


def value(rng, settings) -> object:
    """σ(z) for a drawn z."""
    z = _tenth(rng, Z_RANGE)
    e_neg_z, s, _, _ = sigmoid_readout(z)
    return number("sigmoid_value", {"z": fixed(z, 1)}, s, TOLERANCE,
                  rf"\sigma({fixed(z, 1)}) = \frac{{1}}{{1 + e^{{-({fixed(z, 1)})}}}} = "
                  rf"\frac{{1}}{{1 + {fixed(e_neg_z, 4)}}} = {fixed(s, 4)}")


def slope(rng, settings) -> object:
    """σ′(z) = σ(z)(1 − σ(z)) for a drawn z."""
    z = _tenth(rng, Z_RANGE)
    _, s, one_minus_s, _ = sigmoid_readout(z)
    ds = float(sigmoid_slope(z))
    return number("sigmoid_slope", {"z": fixed(z, 1)}, ds, TOLERANCE,
                  rf"\sigma'({fixed(z, 1)}) = \sigma(1 - \sigma) = {fixed(s, 4)} \times {fixed(one_minus_s, 4)}"
                  rf" = {fixed(ds, 4)}")


def label(rng, settings) -> object:
    """Which label σ(wx + b) gives a drawn x (threshold 0.5); z = 0 exactly is never drawn."""
    while True:
        kw, kb, kx = (int(k) for k in rng.integers(-PARAM_RANGE, PARAM_RANGE + 1, size=3))
        if kw and kw * kx + TENTHS * kb:  # z ≠ 0, counted in hundredths
            break
    w, b, x = kw / TENTHS, kb / TENTHS, kx / TENTHS
    predicted = int(predict(np.array([[w]]), b, np.array([[x]]), threshold=THRESHOLD)[0, 0])
    z = w * x + b
    relation = ">" if predicted else "<"
    return choice("sigmoid_label", {"w": fixed(w, 1), "b": fixed(b, 1), "x": fixed(x, 1)}, f"label_{predicted}",
                  ("label_1", "label_0"),
                  rf"z = {fixed(w, 1)} \times ({fixed(x, 1)}) + ({fixed(b, 1)}) = {fixed(z, 2)},\quad "
                  rf"\hat{{y}} = \sigma({fixed(z, 2)}) = {fixed(sigmoid_readout(z)[1], 4)} {relation} {THRESHOLD}"
                  rf"\Rightarrow {predicted}")


KINDS = (decision, value, slope, label)  # the first asks about the page's own result
