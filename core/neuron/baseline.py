"""The majority baseline every score is read against: the accuracy of always guessing a split's most
common label. The trainer records it beside its own scores; the cat page shows both.

Notation follows the course: Y is (1, m).
"""

import numpy as np

from core.course import MAJORITY
from core.neuron import model


def majority_baseline(Y: np.ndarray) -> tuple[int, float]:
    """The label that is most common in Y (1, m) and the accuracy (%) of always guessing it."""
    label = int(np.count_nonzero(Y) * 2 >= np.size(Y))
    return label, model.accuracy(np.full(np.shape(Y), label), Y)


def split_baselines(data=None) -> dict:
    """{"train": %, "test": %} of always guessing each split's majority label (course counts without data)."""
    if data is None:
        return {split: model.accuracy(np.arange(m) < count, np.ones(m))
                for split, (count, m) in MAJORITY.items()}
    return {"train": majority_baseline(data.train_y)[1], "test": majority_baseline(data.test_y)[1]}
