"""The descent lesson's path, diagnosis, single step, frames and CSV."""

import re
import subprocess
import sys

import numpy as np
import pytest

from core.data.features import lesson_dataset
from core.data.toy_data import one_feature_dataset
from core.lessons.descent import (
    LEARNING_RATES,
    MAX_FRAMES,
    MAX_ITERATIONS,
    START_LIMIT,
    diagnose,
    frame_steps,
    path_csv,
    read_path_csv,
    run_path,
    take_step,
)
from core.neuron.model import cost_and_grads
from core.snippets.descent import descent_script


@pytest.fixture
def toy():
    return one_feature_dataset("overlapping")


def test_learning_rates_span_a_log_scale_from_a_thousandth_to_a_hundred():
    rates = np.array(LEARNING_RATES)
    assert rates[0] == 0.001 and rates[-1] == 100.0
    assert np.all(np.diff(rates) > 0)
    assert np.all(np.diff(np.log10(rates)) <= 0.5)  # no gap wider than half a decade


def test_path_follows_the_update_rule_step_by_step(toy):
    X, Y = toy
    path = run_path(X, Y, -2.0, 1.5, 0.3, 5, "squared_error")
    w, b = -2.0, 1.5
    for k in range(5):
        cost, dw, db = cost_and_grads(np.array([[w]]), b, X, Y, loss="squared_error")
        assert (path.w[k], path.b[k], path.cost[k]) == pytest.approx((w, b, cost), rel=1e-14)
        w, b = w - 0.3 * dw[0, 0], b - 0.3 * db
    assert (path.w[5], path.b[5]) == pytest.approx((w, b), rel=1e-14)
    assert path.cost[5] == pytest.approx(cost_and_grads(np.array([[w]]), b, X, Y, loss="squared_error")[0])


def test_single_step_moves_by_exactly_rate_times_gradient(toy):
    X, Y = toy
    step = take_step(X, Y, 1.0, -0.5, 0.2)
    cost, dw, db = cost_and_grads(np.array([[1.0]]), -0.5, X, Y)
    assert step.w_new == 1.0 - 0.2 * dw[0, 0] and step.b_new == -0.5 - 0.2 * db
    assert step.cost == cost and step.cost_new < cost


def test_small_rate_on_convex_cost_converges(toy):
    X, Y = toy
    assert diagnose(run_path(X, Y, -4.0, 4.0, 0.5, 200)).kind == "converging"


def test_tiny_rate_is_reported_as_stalled(toy):
    X, Y = toy
    assert diagnose(run_path(X, Y, -4.0, 4.0, 0.001, 50, "squared_error")).kind == "stalled"


def test_huge_rate_on_toy_data_runs_away_without_nan(toy):
    X, Y = toy
    with np.errstate(all="raise"):
        path = run_path(X, Y, -4.0, 4.0, 100.0, 100)
    result = diagnose(path)
    assert result.kind in ("runaway", "diverging") and result.growth > 10
    assert np.all(np.isfinite(path.cost))


def test_quadratic_valley_diverges_and_oscillates_by_hand():
    """A path built by hand: w bounces with growing amplitude and the cost climbs."""
    from core.lessons.descent import Path

    w = np.array([1.0, -2.0, 4.0, -8.0, 16.0, -32.0])
    bouncing = Path(w, np.zeros_like(w), w ** 2, "cross_entropy", 1.0)
    assert diagnose(bouncing).kind == "diverging"
    damped = Path(w[::-1] / 32, np.zeros_like(w), (w[::-1] / 32) ** 2, "cross_entropy", 1.0)
    result = diagnose(damped)
    assert result.kind == "oscillating" and result.flips == w.size - 2


def test_large_rate_on_standardised_cats_oscillates_or_diverges(course):
    X, Y = lesson_dataset("cat_saturation", course)
    assert diagnose(run_path(X, Y, -4.0, 4.0, 1.0, 100)).kind == "converging"
    assert diagnose(run_path(X, Y, -4.0, 4.0, 20.0, 100)).kind in ("oscillating", "diverging")
    assert diagnose(run_path(X, Y, -4.0, 4.0, 100.0, 100)).kind == "diverging"


def test_worst_allowed_run_stays_finite(toy):
    X, Y = toy
    for loss in ("cross_entropy", "squared_error"):
        with np.errstate(all="raise"):
            path = run_path(X, Y, START_LIMIT, -START_LIMIT, max(LEARNING_RATES), MAX_ITERATIONS, loss)
        assert np.all(np.isfinite(path.w)) and np.all(np.isfinite(path.cost))


@pytest.mark.parametrize("n", [1, 2, 50, 100, 101, 501, 10_000])
def test_frames_keep_first_and_last_and_at_most_the_limit(n):
    idx = frame_steps(n)
    assert idx[0] == 0 and idx[-1] == n - 1
    assert idx.size == min(n, MAX_FRAMES)
    assert np.all(np.diff(idx) > 0)
    gaps = np.diff(idx)
    assert gaps.size == 0 or gaps.max() - gaps.min() <= 1  # evenly spread


def test_csv_round_trips_exactly(toy):
    X, Y = toy
    path = run_path(X, Y, 3.0, -1.0, 0.7, 30)
    text = path_csv(path)
    assert text.splitlines()[0] == "iteration,w,b,cost"
    back = read_path_csv(text)
    np.testing.assert_array_equal(back["iteration"], np.arange(31))
    for name in ("w", "b", "cost"):
        np.testing.assert_array_equal(back[name], getattr(path, name))


def test_reproduce_script_prints_the_same_path(toy):
    X, Y = toy
    for loss in ("cross_entropy", "squared_error"):
        path = run_path(X, Y, -4.0, 4.0, 2.0, 40, loss)
        script = descent_script(X, Y, -4.0, 4.0, 2.0, 40, loss)
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
        lines = out.strip().splitlines()
        assert len(lines) >= 5
        for line in lines:
            k, w, b, cost = re.fullmatch(r"iteration (\d+): w = (\S+), b = (\S+), cost = (\S+)", line).groups()
            k = int(k)
            assert (float(w), float(b)) == pytest.approx((path.w[k], path.b[k]), rel=1e-10, abs=1e-12)
            assert float(cost) == pytest.approx(path.cost[k], rel=1e-10)
