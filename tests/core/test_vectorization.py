"""Loops against NumPy: equal numbers, both sides timed alike (the times themselves are never asserted)."""

import re
import subprocess
import sys

import numpy as np
import pytest

from core.course import M_TRAIN, N_X
from core.lessons.vectorization import (
    DOT_N_MAX,
    compare_step,
    dot_vectors,
    loop_cost_and_grads,
    loop_dot,
    start_weights,
    synthetic_course_shaped,
    time_dot,
)
from core.neuron.model import cost_and_grads
from core.snippets.vectorization import vectorization_script
from core.timing import MIN_ROUNDS

SMALL_FEATURES = 16  # keeps the two-loop runs in these tests short


@pytest.mark.parametrize("n", [1, 7, 1000, 12345])
def test_loop_dot_equals_np_dot(n):
    u, v = dot_vectors(n, seed=n)
    assert loop_dot(u, v) == pytest.approx(float(np.dot(u, v)), rel=1e-12, abs=1e-12)
    assert loop_dot(u, v) == pytest.approx(sum(a * b for a, b in zip(u.tolist(), v.tolist(), strict=True)),
                                           rel=1e-12, abs=1e-12)


def test_time_dot_returns_both_results_for_the_requested_length():
    result = time_dot(500, seed=3, budget_s=0.0)
    u, v = dot_vectors(500, seed=3)
    assert result.n == 500
    assert result.numpy_value == float(np.dot(u, v)) and result.loop_value == loop_dot(u, v)
    assert result.difference == abs(result.loop_value - result.numpy_value)


def test_time_dot_times_both_sides_equally_often_and_reports_best_and_median():
    result = time_dot(500, seed=3, budget_s=0.0)
    assert result.loop.repeats == result.numpy.repeats == MIN_ROUNDS
    for side in (result.loop, result.numpy):
        assert 0 < side.best_s <= side.median_s
    assert result.speedup == result.loop.best_s / result.numpy.best_s
    assert result.speedup_median == result.loop.median_s / result.numpy.median_s
    assert result.machine.cpus >= 1


def test_time_dot_refuses_lengths_above_the_named_maximum():
    with pytest.raises(ValueError):
        time_dot(DOT_N_MAX + 1)


@pytest.mark.parametrize("n_x, m", [(1, 1), (5, 3), (30, 20)])
def test_two_loop_and_vectorized_gradients_agree_to_1e_12(n_x, m):
    rng = np.random.default_rng(n_x * m)
    X, Y = rng.normal(size=(n_x, m)), rng.integers(0, 2, size=(1, m))
    w, b = rng.normal(size=(n_x, 1)), float(rng.normal())
    with np.errstate(all="raise"):
        loop = loop_cost_and_grads(w, b, X, Y)
    vec = cost_and_grads(w, b, X, Y)
    assert loop[1].shape == (n_x, 1)
    assert abs(loop[0] - vec[0]) < 1e-12 and np.max(np.abs(loop[1] - vec[1])) < 1e-12 and abs(loop[2] - vec[2]) < 1e-12


def test_synthetic_data_has_the_course_shapes_and_is_seeded():
    X, Y = synthetic_course_shaped(seed=4)
    assert X.shape == (N_X, M_TRAIN) and Y.shape == (1, M_TRAIN)
    assert X.min() >= 0 and X.max() < 1 and set(np.unique(Y)) <= {0, 1}
    assert np.array_equal(X, synthetic_course_shaped(seed=4)[0])


def test_compare_step_reports_equal_numbers_and_the_real_array_shapes():
    X, Y = synthetic_course_shaped(seed=0)
    step = compare_step(X, Y, SMALL_FEATURES, seed=0)
    assert step.max_diff < 1e-12
    w, b = start_weights(N_X, seed=0)
    assert step.full_cost == cost_and_grads(w, b, X, Y)[0]
    assert step.subset_cost == cost_and_grads(w[:SMALL_FEATURES], b, X[:SMALL_FEATURES], Y)[0]
    assert step.shapes == {"w": (N_X, 1), "X": (N_X, M_TRAIN), "Y": (1, M_TRAIN),
                           "Z": (1, M_TRAIN), "A": (1, M_TRAIN), "dZ": (1, M_TRAIN), "dw": (N_X, 1),
                           "db": ()}
    assert step.loop_iterations == 2 * N_X * M_TRAIN
    assert step.loop.repeats == step.vec_subset.repeats == step.vec_full.repeats >= MIN_ROUNDS
    assert step.speedup_full == step.loop.best_s * N_X / SMALL_FEATURES / step.vec_full.best_s


def test_compare_step_on_the_course_photos(course):
    step = compare_step(course.train_x, course.train_y, SMALL_FEATURES)
    assert (step.n_x, step.m) == (12288, 209) and step.max_diff < 1e-12
    assert step.shapes["X"] == (12288, 209) and step.shapes["dw"] == (12288, 1)


def _printed(script: str) -> dict:
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return {k: float(v) for k, v in re.findall(r"^(\w+) = (\S+)$", out, flags=re.M)}


def test_reproduce_script_prints_the_same_numbers_as_core():
    got = _printed(vectorization_script(2000, SMALL_FEATURES, seed=0))
    dot = time_dot(2000, seed=0, budget_s=0.0)
    step = compare_step(*synthetic_course_shaped(seed=0), SMALL_FEATURES, seed=0)
    assert got["loop_dot"] == dot.loop_value and got["np_dot"] == dot.numpy_value
    assert got["subset_cost"] == pytest.approx(step.subset_cost, rel=1e-12)
    assert got["subset_db"] == pytest.approx(step.subset_db, rel=1e-12)
    assert got["full_cost"] == pytest.approx(step.full_cost, rel=1e-12)
    assert got["max_diff"] < 1e-12


def test_reproduce_script_reads_the_course_file_when_given(course_dir):
    """The script names no server folder: it reads $LOGITLAB_DATA when run, as the app does."""
    script = vectorization_script(10, SMALL_FEATURES, use_data=True)
    assert str(course_dir) not in script and str(course_dir.resolve()) not in script
    got = _printed(script)
    from core.data.loaders import load_course_dataset

    data = load_course_dataset(course_dir)
    step = compare_step(data.train_x, data.train_y, SMALL_FEATURES)
    assert got["full_cost"] == pytest.approx(step.full_cost, rel=1e-12)
