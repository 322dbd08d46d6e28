"""The cat page's chart labels write a negative number with the minus sign (−), as the page's text does."""

import re

from ui.figures.cat import logit_waterfall, sigmoid_point

HYPHEN_NUMBER = re.compile(r"-\d")  # a hyphen-minus in front of a digit


def test_waterfall_labels_use_the_minus_sign():
    fig = logit_waterfall(12.5, -51.834, -0.016, -39.35)
    labels = list(fig.data[0].x)
    assert not [label for label in labels if HYPHEN_NUMBER.search(label)], labels
    assert sum("−" in label for label in labels) == 3  # the negative part, b and z


def test_sigmoid_point_label_uses_the_minus_sign():
    fig = sigmoid_point([-3.0, 0.0, 3.0], [0.05, 0.5, 0.95], -1.82, 0.14)
    (text,) = next(trace for trace in fig.data if trace.meta == "z_point").text
    assert "z = −1.82" in text and not HYPHEN_NUMBER.search(text)
