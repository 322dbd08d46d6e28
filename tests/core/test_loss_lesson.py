"""The loss lesson's core: loss curves, J(w) along w, the convexity chord, likelihood, per-example losses."""

import math
import subprocess
import sys

import numpy as np
import pytest

from core.data.toy_data import TOY_KINDS, one_feature_dataset
from core.lessons.loss import (
    chord,
    chord_stays_above,
    convexity_demo,
    cost_along_w,
    example_walkthrough,
    find_convexity_violation,
    likelihood,
    loss_curves,
    per_example_losses,
    per_example_table,
)
from core.neuron.model import LOSS_NAMES, cost_and_grads
from core.snippets.loss import loss_script

STRICT = {"over": "raise", "divide": "raise", "invalid": "raise"}  # underflow to 0 is allowed


def _cost(w, b, X, Y, loss):
    return cost_and_grads(np.array([[w]]), b, X, Y, loss=loss)[0]


@pytest.mark.parametrize("y", [0, 1])
def test_loss_curves_match_the_course_formulas(y):
    with np.errstate(**STRICT):
        y_hat, ce, sq = loss_curves(y)
    expected_ce = -(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))
    np.testing.assert_allclose(ce, expected_ce, rtol=1e-9)
    np.testing.assert_allclose(sq, 0.5 * (y_hat - y) ** 2)
    assert np.all(np.diff(y_hat) > 0) and y_hat[0] > 0 and y_hat[-1] < 1


@pytest.mark.parametrize("loss", LOSS_NAMES)
def test_cost_along_w_equals_cost_and_grads_pointwise(loss):
    X, Y = one_feature_dataset()
    w_grid, costs = cost_along_w(0.5, X, Y, loss)
    for k in (0, len(w_grid) // 3, len(w_grid) - 1):
        assert costs[k] == _cost(w_grid[k], 0.5, X, Y, loss)


@pytest.mark.parametrize("kind", TOY_KINDS)
@pytest.mark.parametrize("b", [0.0, 1.5, -2.0])
def test_squared_error_violation_is_a_true_violation_by_direct_evaluation(kind, b):
    X, Y = one_feature_dataset(kind)
    w_grid, costs = cost_along_w(b, X, Y, "squared_error")
    pair = find_convexity_violation(w_grid, costs)
    assert pair is not None
    w1, w2 = w_grid[pair[0]], w_grid[pair[1]]
    mid = _cost((w1 + w2) / 2, b, X, Y, "squared_error")
    assert mid > (_cost(w1, b, X, Y, "squared_error") + _cost(w2, b, X, Y, "squared_error")) / 2
    ch = chord(w1, w2, b, X, Y, "squared_error")
    assert ch.violation > 0 and ch.mid_curve == mid
    assert not chord_stays_above(ch, b, X, Y, "squared_error")


@pytest.mark.parametrize("kind", TOY_KINDS)
def test_cross_entropy_has_no_violation_and_its_chord_stays_above(kind):
    X, Y = one_feature_dataset(kind)
    w_grid, costs = cost_along_w(0.0, X, Y, "cross_entropy")
    assert find_convexity_violation(w_grid, costs) is None
    pair = find_convexity_violation(*cost_along_w(0.0, X, Y, "squared_error"))
    ch = chord(w_grid[pair[0]], w_grid[pair[1]], 0.0, X, Y, "cross_entropy")
    assert ch.violation <= 0
    assert chord_stays_above(ch, 0.0, X, Y, "cross_entropy")


def test_violation_finder_on_known_shapes():
    w = np.linspace(-3, 3, 61)
    assert find_convexity_violation(w, w ** 2) is None  # convex: never above a chord
    i, k = find_convexity_violation(w, -(w ** 2))  # concave: the widest chord is furthest below
    assert (w[i], w[k]) == (-3.0, 3.0)


@pytest.mark.parametrize("index", [0, 7, 39])
def test_walkthrough_likelihood_is_exp_of_minus_loss(index):
    X, Y = one_feature_dataset()
    ex = example_walkthrough(1.3, -0.2, X, Y, index)
    assert ex.y_hat == pytest.approx(1 / (1 + math.exp(-(1.3 * X[0, index] - 0.2))))
    assert math.log(ex.p) == pytest.approx(ex.log_p, rel=1e-12)
    assert ex.loss == pytest.approx(-ex.log_p)
    assert ex.sq_loss == pytest.approx(0.5 * (ex.y_hat - ex.y) ** 2)


def test_walkthrough_rejects_an_index_outside_the_set():
    X, Y = one_feature_dataset()
    with pytest.raises(ValueError):
        example_walkthrough(1.0, 0.0, X, Y, X.shape[1])


@pytest.mark.parametrize("w, b", [(0.0, 0.0), (1.0, 0.0), (-2.0, 0.7)])
def test_likelihood_product_equals_exp_of_sum_of_logs(w, b):
    X, Y = one_feature_dataset()
    with np.errstate(**STRICT):
        lik = likelihood(w, b, X, Y)
    assert lik.direct_product == pytest.approx(math.exp(lik.log_likelihood), rel=1e-12)
    assert lik.mantissa * 10.0 ** lik.exponent == pytest.approx(lik.direct_product, rel=1e-12)
    assert 1 <= lik.mantissa < 10
    assert lik.log_likelihood == pytest.approx(-lik.m * lik.cost)


def test_uninformed_model_has_likelihood_one_half_to_the_m():
    X, Y = one_feature_dataset()
    lik = likelihood(0.0, 0.0, X, Y)
    assert lik.direct_product == pytest.approx(0.5 ** X.shape[1])


def test_repeated_product_underflows_while_sum_of_logs_does_not():
    X, Y = one_feature_dataset()
    lik = likelihood(1.0, 0.0, X, Y)
    assert lik.direct_product_repeated == 0.0
    assert math.isfinite(lik.log10_repeated) and lik.log10_repeated < -323


def test_per_example_losses_mean_equals_cost_and_grads_cost():
    X, Y = one_feature_dataset("separable")
    losses = per_example_losses(0.9, 0.3, X, Y)
    assert losses.shape == (X.shape[1],)
    assert losses.mean() == pytest.approx(_cost(0.9, 0.3, X, Y, "cross_entropy"), rel=1e-12)
    table = per_example_table(0.9, 0.3, X, Y)
    np.testing.assert_array_equal(table["L"], losses)
    assert set(table) == {"i", "x", "y", "y_hat", "L"}


def test_reproduce_script_prints_cores_numbers():
    X, Y = one_feature_dataset("overlapping")
    w, b, index, w1, w2 = 1.2, -0.3, 5, -8.0, 1.4
    out = subprocess.run([sys.executable, "-c", loss_script(w, b, "overlapping", X, Y, index, w1, w2)],
                         capture_output=True, text=True, check=True).stdout
    printed = {k: float(v) for k, v in (line.split(" = ", 1) for line in out.strip().splitlines())}
    ex, lik = example_walkthrough(w, b, X, Y, index), likelihood(w, b, X, Y)
    for loss in LOSS_NAMES:
        assert printed[f"J_{loss}"] == pytest.approx(_cost(w, b, X, Y, loss), rel=1e-12)
        assert printed[f"chord_gap_{loss}"] == pytest.approx(chord(w1, w2, b, X, Y, loss).violation, rel=1e-9)
    for name in ("y_hat", "p", "loss"):
        assert printed[name] == pytest.approx(getattr(ex, name), rel=1e-12)
    assert printed["log_likelihood"] == pytest.approx(lik.log_likelihood, rel=1e-12)
    assert printed["log10_likelihood"] == pytest.approx(lik.log10_likelihood, rel=1e-12)


@pytest.mark.parametrize("kind", TOY_KINDS)
def test_convexity_demo_pairs_a_squared_error_violation_with_a_cross_entropy_chord_above(kind):
    X, Y = one_feature_dataset(kind)
    demo = convexity_demo(0.5, X, Y)
    sq, ce = demo.chords["squared_error"], demo.chords["cross_entropy"]
    assert (sq.w1, sq.w2) == (ce.w1, ce.w2)
    assert sq.violation > 0 and ce.violation <= 0 and demo.ce_chord_above
    np.testing.assert_array_equal(demo.costs["cross_entropy"], cost_along_w(0.5, X, Y, "cross_entropy")[1])
