"""The Gram trainer is the textbook loop, step for step; History bookkeeping is the course's."""

import numpy as np
import pytest

from core.neuron import descent, model

N_X, M = 40, 12  # m < n_x: the case where the Gram trainer is used
RATE = 0.05  # learning rate of the comparison runs
ITERATIONS = 250  # steps of the comparison runs
EVERY = 25  # record_every of the comparison runs
SNAPSHOTS = (0, 1, 7, 100, ITERATIONS)  # steps whose parameters both trainers must keep
SEED = 7  # fixed seed for the random problem
AGREE = 1e-10  # the two trainers must agree to this (absolute) on costs and weights


@pytest.fixture
def problem():
    rng = np.random.default_rng(SEED)
    X = rng.normal(size=(N_X, M))  # (n_x, m)
    Y = (rng.random((1, M)) > 0.5).astype(float)  # (1, m)
    return X, Y


@pytest.mark.parametrize("l2", [0.0, 0.5])
def test_gram_trainer_matches_textbook_loop(problem, l2):
    X, Y = problem
    kw = {"l2": l2, "record_every": EVERY, "snapshot_steps": SNAPSHOTS}
    with np.errstate(all="raise"):
        loop = descent.train(X, Y, RATE, ITERATIONS, method="textbook", **kw)
        gram = descent.train(X, Y, RATE, ITERATIONS, method="gram", **kw)
    assert (loop.method, gram.method) == ("textbook", "gram")
    np.testing.assert_array_equal(gram.cost_steps, loop.cost_steps)
    np.testing.assert_allclose(gram.costs, loop.costs, rtol=0, atol=AGREE)
    np.testing.assert_allclose(gram.w, loop.w, rtol=0, atol=AGREE)
    assert gram.b == pytest.approx(loop.b, abs=AGREE)
    assert sorted(gram.snapshots) == sorted(loop.snapshots) == sorted(SNAPSHOTS)
    for step in SNAPSHOTS:
        np.testing.assert_allclose(gram.snapshots[step][0], loop.snapshots[step][0], rtol=0, atol=AGREE)
        assert gram.snapshots[step][1] == pytest.approx(loop.snapshots[step][1], abs=AGREE)


def test_recorded_cost_is_cost_of_parameters_at_that_step(problem):
    X, Y = problem
    hist = descent.train(X, Y, RATE, ITERATIONS, record_every=EVERY, snapshot_steps=range(0, ITERATIONS, EVERY))
    for step, cost in zip(hist.cost_steps, hist.costs, strict=True):
        w, b = hist.snapshots[step]
        assert cost == pytest.approx(model.cost_and_grads(w, b, X, Y)[0], abs=AGREE)


def test_record_every_records_step_zero_and_its_multiples(problem):
    X, Y = problem
    iterations, every = 23, 5  # deliberately not a multiple: the last record is step 20
    hist = descent.train(X, Y, RATE, iterations, record_every=every)
    np.testing.assert_array_equal(hist.cost_steps, [0, 5, 10, 15, 20])
    assert hist.costs[0] == pytest.approx(np.log(2))  # zero init: σ(0) = ½ for every example
    assert np.all(np.diff(hist.costs) < 0)  # convex loss, small rate: the cost goes down


def test_record_every_below_one_is_refused(problem):
    X, Y = problem
    with pytest.raises(ValueError, match="record_every"):
        descent.train(X, Y, RATE, ITERATIONS, record_every=0)


def test_progress_is_called_at_each_recorded_step(problem):
    X, Y = problem
    seen = []
    hist = descent.train(X, Y, RATE, ITERATIONS, record_every=EVERY, progress=lambda i, c: seen.append((i, c)))
    assert seen == list(zip(hist.cost_steps.tolist(), hist.costs.tolist(), strict=True))


def test_auto_picks_gram_when_fewer_examples_than_features(problem):
    X, Y = problem
    assert descent.train(X, Y, RATE, M, method="auto").method == "gram"
    few_features = X[:3, :]  # (3, m): m > n_x, the loop is already cheap
    assert descent.train(few_features, Y, RATE, M).method == "textbook"


def test_auto_never_builds_the_gram_matrix_for_fewer_steps_than_examples(problem):
    """XᵀX costs n_x·m² once: for fewer than m steps the textbook loop (n_x·m per step) is less work."""
    X, Y = problem
    assert descent.train(X, Y, RATE, M - 1).method == "textbook"


def test_unknown_method_is_refused(problem):
    X, Y = problem
    with pytest.raises(ValueError, match="method"):
        descent.train(X, Y, RATE, 3, method="newton")


def test_squared_error_loss_option_runs_and_descends(problem):
    X, Y = problem
    with np.errstate(all="raise"):
        hist = descent.gradient_descent(np.zeros((N_X, 1)), 0.0, X, Y, RATE, ITERATIONS,
                                        loss="squared_error", record_every=EVERY)
    assert hist.costs[0] == pytest.approx(0.5 * 0.5 ** 2)  # ½(σ(0) − y)² = ⅛ for every example
    assert hist.costs[-1] < hist.costs[0]
    cost_end = model.cost_and_grads(hist.w, hist.b, X, Y, loss="squared_error")[0]
    assert cost_end <= hist.costs[-1]


LARGE = 100.0  # scale of X below: the logits pass |z| = 745, where e^(−|z|) underflows, within a few steps
BEYOND_EXP = 745.0  # |z| beyond which e^(−|z|) is 0 in float64 (and e^(|z|) overflowed long before)
LARGE_RATE = 0.5  # a large step, so the logits grow fast


@pytest.mark.parametrize("l2", [0.0, 0.5])
def test_gram_trainer_stays_exact_and_silent_for_logits_far_beyond_exp_range(problem, l2):
    """σ(z) = ½ + ½·tanh(z/2) in the Gram trainer: no overflow warning, the same run as the stable sigmoid's."""
    X, Y = problem
    X = LARGE * X
    kw = {"l2": l2, "record_every": EVERY, "snapshot_steps": SNAPSHOTS}
    with np.errstate(over="raise", divide="raise", invalid="raise"):  # underflow to 0 is exact enough here
        loop = descent.train(X, Y, LARGE_RATE, ITERATIONS, method="textbook", **kw)
        gram = descent.train(X, Y, LARGE_RATE, ITERATIONS, method="gram", **kw)
    largest = max(np.max(np.abs(model.forward(w, b, X))) for w, b in gram.snapshots.values())
    assert largest > BEYOND_EXP
    scale = max(np.max(np.abs(w)) for w, _ in loop.snapshots.values())  # large weights: agree relative to them
    np.testing.assert_allclose(gram.costs, loop.costs, rtol=AGREE, atol=AGREE)
    for step in SNAPSHOTS:
        np.testing.assert_allclose(gram.snapshots[step][0], loop.snapshots[step][0], rtol=0, atol=AGREE * scale)
        assert gram.snapshots[step][1] == pytest.approx(loop.snapshots[step][1], abs=AGREE * scale)
