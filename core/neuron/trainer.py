"""The one way to fit the cat classifier: ``Trainer(settings).fit(data)`` returns a ``TrainedModel``.

The CLI (``python -m core.train``), the cat page's "train it yourself" and its learning-rate comparison,
and the benches all fit through here. ``fit`` runs gradient descent from zero with ``core.neuron.descent.train``
(the Gram trainer when it is less work), scores both splits and returns the weights with a frozen
``TrainingRecord``: the settings, the cost curve, the accuracies, the majority baselines and the time.

``data`` is anything with ``train_x`` (n_x, m_train), ``train_y`` (1, m_train), ``test_x`` (n_x, m_test)
and ``test_y`` (1, m_test): ``core.data.loaders.CourseData``, the course's or a student's own photos (whose
``train_x`` flattens the photos on every read, so ``fit`` reads each attribute once).
"""

import time
from dataclasses import dataclass

import numpy as np

from core.course import COST_EVERY, ITERATIONS, LEARNING_RATE
from core.neuron import descent, model
from core.neuron.baseline import split_baselines
from core.neuron.descent import ProgressFn
from core.neuron.model_file import TrainedModel, TrainingRecord

COURSE_LEARNING_RATE = LEARNING_RATE  # the course's setting for the shipped model (core.course)
COURSE_ITERATIONS = ITERATIONS  # the course's number of gradient-descent steps (core.course)
METHODS = ("auto", "gram", "textbook")  # core.neuron.descent.train's choices; "auto" picks the cheaper one


@dataclass(frozen=True)
class Trainer:
    """Settings of one training run (hashable, so a cache can key on it); ``fit`` runs it."""

    learning_rate: float = COURSE_LEARNING_RATE  # α
    iterations: int = COURSE_ITERATIONS  # gradient-descent steps
    l2: float = 0.0  # λ of the L2 penalty λ/(2m)·‖w‖²
    record_every: int = COST_EVERY  # J is recorded (and progress called) every this many steps
    method: str = "auto"  # one of METHODS

    def fit(self, data, *, progress: ProgressFn | None = None, data_source: str = "course") -> TrainedModel:
        """Train from w = 0, b = 0 on ``data``'s training split; the model with its TrainingRecord.

        progress(step, cost) is called at every recorded step; data_source names the data in the record.
        """
        if self.method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}, got {self.method!r}")
        train_x, train_y, test_x, test_y = data.train_x, data.train_y, data.test_x, data.test_y  # each read once
        start = time.perf_counter()
        hist = descent.train(train_x, train_y, self.learning_rate, self.iterations, l2=self.l2,
                             record_every=self.record_every, progress=progress, method=self.method)
        seconds = time.perf_counter() - start
        baselines = split_baselines(data)
        record = TrainingRecord(
            learning_rate=self.learning_rate, iterations=self.iterations, l2=self.l2,
            cost_steps=tuple(int(s) for s in hist.cost_steps), costs=tuple(float(c) for c in hist.costs),
            n_x=int(train_x.shape[0]), m_train=int(train_y.shape[1]), m_test=int(test_y.shape[1]),
            train_correct=_correct(hist, train_x, train_y), test_correct=_correct(hist, test_x, test_y),
            train_baseline=baselines["train"], test_baseline=baselines["test"], data_source=data_source,
            method=hist.method, seconds=seconds, numpy_version=np.__version__)
        return TrainedModel(hist.w, hist.b, record)


def _correct(hist: descent.History, X: np.ndarray, Y: np.ndarray) -> int:
    """How many columns of X (n_x, m) the trained parameters label as Y (1, m) says."""
    return int(np.count_nonzero(model.predict(hist.w, hist.b, X) == Y))
