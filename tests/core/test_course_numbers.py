"""The course's printed numbers (week 2 assignment), reproduced from the course files."""

import numpy as np
import pytest

from core.course import COST_EVERY as EVERY
from core.course import ITERATIONS as COURSE_ITERATIONS
from core.course import LEARNING_RATE as COURSE_RATE
from core.course import TEST_ACCURACY as COURSE_TEST_ACCURACY
from core.course import TRAIN_ACCURACY as COURSE_TRAIN_ACCURACY
from core.neuron import descent, model

# Costs printed by the course for iterations 0, 100, …, 1900 (six decimals).
COURSE_COSTS = [0.693147, 0.584508, 0.466949, 0.376007, 0.331463, 0.303273, 0.279880, 0.260042, 0.242941, 0.228004,
                0.214820, 0.203078, 0.192544, 0.183033, 0.174399, 0.166521, 0.159305, 0.152667, 0.146542, 0.140872]
PRINTED = 1e-6  # the printed costs have six decimals
RATES_ITERATIONS = 1500  # the "choice of learning rate" section trains this long
# learning rate -> (train %, test %) printed by that section, in full (99.52 / 88.99 / 68.42 cut to two decimals)
COURSE_RATE_RESULTS = {0.01: (99.52153110047847, 68.0), 0.001: (88.99521531100478, 64.0),
                       0.0001: (68.42105263157895, 36.0)}
SAME_PERCENT = 1e-9  # accuracies from counts vs the notebook's 100 − mean|ŷ − y|·100: equal up to rounding
TRAIN_FLAT_COL1 = [196, 192, 190, 193, 186, 182, 188, 179, 174, 213]  # train_set_x_flatten[0:10, 1]
TEST_FLAT_COL1 = [115, 110, 111, 137, 129, 129, 155, 146, 145, 159]  # test_set_x_flatten[0:10, 1]
AGREE = 1e-10  # Gram trainer vs textbook loop on the real data
FIRST_PIXELS = 10  # how many flattened values the notebook checks
CAT_INDEX = 24  # the notebook shows train example 24, a cat


def _accuracies(hist, course):
    train = model.accuracy(model.predict(hist.w, hist.b, course.train_x), course.train_y)
    test = model.accuracy(model.predict(hist.w, hist.b, course.test_x), course.test_y)
    return train, test


@pytest.fixture(scope="module")
def course_run(course):
    with np.errstate(all="raise"):
        return descent.train(course.train_x, course.train_y, COURSE_RATE, COURSE_ITERATIONS, record_every=EVERY)


def test_flattened_columns_match_notebook_asserts(course):
    train_flat = course.train_x_orig.reshape(course.train_x_orig.shape[0], -1).T  # (12288, 209) uint8
    test_flat = course.test_x_orig.reshape(course.test_x_orig.shape[0], -1).T  # (12288, 50) uint8
    assert train_flat[:FIRST_PIXELS, 1].tolist() == TRAIN_FLAT_COL1
    assert test_flat[:FIRST_PIXELS, 1].tolist() == TEST_FLAT_COL1
    np.testing.assert_array_equal(course.train_x, train_flat / 255)  # X is flattened then divided by 255
    assert course.train_y[0, CAT_INDEX] == 1


def test_shapes_and_label_counts_are_the_course_ones(course):
    assert course.train_x.shape == (64 * 64 * 3, 209) and course.test_x.shape == (64 * 64 * 3, 50)
    assert np.bincount(course.train_y.ravel()).tolist() == [137, 72]
    assert np.bincount(course.test_y.ravel()).tolist() == [17, 33]
    assert course.classes == ("non-cat", "cat")


def test_costs_every_100_iterations_equal_course_printout(course_run):
    np.testing.assert_array_equal(course_run.cost_steps, np.arange(0, COURSE_ITERATIONS, EVERY))
    np.testing.assert_allclose(course_run.costs, COURSE_COSTS, rtol=0, atol=PRINTED)


def test_train_and_test_accuracy_equal_course_printout(course_run, course):
    train, test = _accuracies(course_run, course)
    assert train == pytest.approx(COURSE_TRAIN_ACCURACY, abs=SAME_PERCENT)
    assert test == pytest.approx(COURSE_TEST_ACCURACY, abs=SAME_PERCENT)


@pytest.mark.parametrize("rate", sorted(COURSE_RATE_RESULTS))
def test_learning_rate_comparison_equals_course_printout(course, rate):
    with np.errstate(all="raise"):
        hist = descent.train(course.train_x, course.train_y, rate, RATES_ITERATIONS, record_every=EVERY)
    train, test = _accuracies(hist, course)
    assert (train, test) == pytest.approx(COURSE_RATE_RESULTS[rate], abs=SAME_PERCENT)


def test_textbook_loop_gives_same_numbers_as_gram_on_course_data(course_run, course):
    assert course_run.method == "gram"  # m = 209 < n_x = 12288
    with np.errstate(all="raise"):
        loop = descent.train(course.train_x, course.train_y, COURSE_RATE, COURSE_ITERATIONS,
                             record_every=EVERY, method="textbook")
    np.testing.assert_allclose(loop.costs, course_run.costs, rtol=0, atol=AGREE)
    np.testing.assert_allclose(loop.w, course_run.w, rtol=0, atol=AGREE)
    assert loop.b == pytest.approx(course_run.b, abs=AGREE)
    assert _accuracies(loop, course) == _accuracies(course_run, course)
