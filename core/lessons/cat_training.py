"""Around training on the cat page (the training itself is core.neuron.trainer): the majority
baseline that every score is read against, and a training history as CSV.

Notation follows the course: X is (n_x, m), Y is (1, m).
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


def history_csv(cost_steps, costs) -> str:
    """A training history as CSV text: iteration,cost (full precision, so it reads back exactly)."""
    lines = ["iteration,cost"]
    lines += [f"{int(step)},{float(cost)!r}" for step, cost in zip(cost_steps, costs, strict=True)]
    return "\n".join(lines) + "\n"
