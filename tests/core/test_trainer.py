"""Trainer: the one fit path reproduces the course, and its TrainingRecord says what the run did."""

import dataclasses

import numpy as np
import pytest

from core.data.loaders import CourseData
from core.neuron import descent, model
from core.neuron.baseline import split_baselines
from core.neuron.model_file import TrainedModel, TrainingRecord
from core.neuron.trainer import COST_EVERY, COURSE_ITERATIONS, COURSE_LEARNING_RATE, Trainer

COURSE_TRAIN_ACCURACY = 99.04306220095694  # percent, as the course's notebook prints it
COURSE_TEST_ACCURACY = 70.0  # percent
COURSE_LAST_COST = 0.140872  # J at iteration 1900, as the notebook prints it (six decimals)
PRINTED = 1e-6  # the notebook's costs have six decimals
N_X, M_TRAIN, M_TEST = 30, 10, 6  # a small problem with m < n_x
SEED = 3  # fixed seed for it
RATE, ITERATIONS, EVERY = 0.05, 120, 40  # its run: progress at steps 0, 40 and 80
L2 = 0.5  # λ of its penalised run
AGREE = 1e-10  # Gram trainer vs textbook loop, as in tests/core/test_descent.py


@pytest.fixture
def small():
    rng = np.random.default_rng(SEED)
    images = rng.integers(0, 256, size=(M_TRAIN + M_TEST, 2, 5, 3), dtype=np.uint8)  # 2×5×3 = N_X values
    y = np.array([[1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0]])  # (1, m): classes uneven
    return CourseData(train_x_orig=images[:M_TRAIN], train_y=y[:, :M_TRAIN], test_x_orig=images[M_TRAIN:],
                      test_y=y[:, M_TRAIN:], classes=("non-cat", "cat"))


def test_course_settings_reproduce_the_course_numbers(course):
    trained = Trainer().fit(course)
    record = trained.record
    assert (record.learning_rate, record.iterations, record.l2) == (COURSE_LEARNING_RATE, COURSE_ITERATIONS, 0.0)
    assert record.train_accuracy == pytest.approx(COURSE_TRAIN_ACCURACY)
    assert record.test_accuracy == pytest.approx(COURSE_TEST_ACCURACY)
    assert record.cost_steps == tuple(range(0, COURSE_ITERATIONS, COST_EVERY))
    assert record.costs[-1] == pytest.approx(COURSE_LAST_COST, abs=PRINTED)
    assert (record.method, record.data_source) == ("gram", "course") and record.seconds > 0


@pytest.mark.parametrize("l2", [0.0, L2])
def test_fit_is_descent_from_zero_then_scores_counted_on_both_splits(small, l2):
    seen = []
    trained = Trainer(RATE, ITERATIONS, l2, record_every=EVERY).fit(small, progress=lambda i, c: seen.append((i, c)),
                                                                   data_source="mine")
    hist = descent.train(small.train_x, small.train_y, RATE, ITERATIONS, l2=l2, record_every=EVERY)
    assert isinstance(trained, TrainedModel) and isinstance(trained.record, TrainingRecord)
    np.testing.assert_array_equal(trained.w, hist.w)
    assert trained.b == hist.b
    record = trained.record
    assert seen == list(zip(record.cost_steps, record.costs, strict=True))
    np.testing.assert_array_equal(record.costs, hist.costs)
    for split in ("train", "test"):
        X, Y = getattr(small, f"{split}_x"), getattr(small, f"{split}_y")
        assert getattr(record, f"{split}_accuracy") == model.accuracy(model.predict(hist.w, hist.b, X), Y)
    assert record.baselines == split_baselines(small)
    assert (record.n_x, record.m_train, record.m_test, record.l2, record.data_source) == (N_X, M_TRAIN, M_TEST, l2,
                                                                                          "mine")


def test_both_methods_fit_the_same_model(small):
    gram = Trainer(RATE, ITERATIONS, record_every=EVERY, method="gram").fit(small)
    loop = Trainer(RATE, ITERATIONS, record_every=EVERY, method="textbook").fit(small)
    assert (gram.record.method, loop.record.method) == ("gram", "textbook")
    np.testing.assert_allclose(gram.w, loop.w, rtol=0, atol=AGREE)
    np.testing.assert_allclose(gram.record.costs, loop.record.costs, rtol=0, atol=AGREE)


def test_settings_and_record_are_frozen_and_the_settings_hashable(small):
    trainer = Trainer(RATE, ITERATIONS)
    assert hash(trainer) == hash(Trainer(RATE, ITERATIONS)) and trainer == Trainer(RATE, ITERATIONS)
    record = trainer.fit(small).record
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.costs = ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        trainer.learning_rate = 1.0


def test_unknown_method_is_refused(small):
    with pytest.raises(ValueError, match="method"):
        Trainer(RATE, ITERATIONS, method="newton").fit(small)
