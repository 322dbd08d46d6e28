"""core.neuron.model against independent references: the naive formula, the textbook loss, finite differences,
sklearn."""

import warnings

import numpy as np
import pytest
from sklearn.metrics import log_loss

from core.neuron import model

HUGE = (1e6, 1e308)  # logits far beyond where e^(−z) overflows (about 709)
MODERATE = np.linspace(-10.0, 10.0, 81)  # where the naive formulas are exact enough to compare (1 − a ≥ 4.5e-5)
# For huge logits e^(−|z|) is below the smallest double, so NumPy flushes it to 0: that IS the
# correctly rounded answer and NumPy's default ignores it; every other floating-point event raises.
HUGE_Z_ERRSTATE = {"all": "raise", "under": "ignore"}
FD_STEP = 1e-6  # central-difference step h
FD_TOL = 1e-7  # allowed relative error between analytic and numerical gradients
N_X, M = 5, 7  # small random problem for the gradient checks
SEED = 20240607  # fixed seed so every run checks the same data


@pytest.fixture
def small_problem():
    rng = np.random.default_rng(SEED)
    X = rng.normal(size=(N_X, M))  # (n_x, m)
    Y = (rng.random((1, M)) > 0.5).astype(float)  # (1, m)
    w = rng.normal(size=(N_X, 1))  # (n_x, 1)
    b = float(rng.normal())
    return w, b, X, Y


@pytest.mark.parametrize("z", [*HUGE, *(-z for z in HUGE)])
def test_sigmoid_is_finite_without_warnings_for_huge_logits(z):
    with np.errstate(**HUGE_Z_ERRSTATE), warnings.catch_warnings():
        warnings.simplefilter("error")
        s = model.sigmoid(np.array([z]))
    assert np.all(np.isfinite(s))
    assert s[0] == (1.0 if z > 0 else 0.0)


def test_sigmoid_equals_naive_formula_where_it_is_valid():
    with np.errstate(all="raise"):
        np.testing.assert_allclose(model.sigmoid(MODERATE), 1.0 / (1.0 + np.exp(-MODERATE)), rtol=1e-15, atol=0)


def test_sigmoid_of_zero_is_half_and_symmetric():
    z = np.concatenate([MODERATE, [-1e6, 1e6]])
    with np.errstate(**HUGE_Z_ERRSTATE):
        assert model.sigmoid(0.0) == 0.5
        np.testing.assert_allclose(model.sigmoid(-z), 1.0 - model.sigmoid(z), rtol=0, atol=1e-15)


@pytest.mark.parametrize("y", [0.0, 1.0])
def test_cross_entropy_from_logits_matches_textbook_formula(y):
    a = 1.0 / (1.0 + np.exp(-MODERATE))
    textbook = -y * np.log(a) - (1 - y) * np.log(1 - a)
    with np.errstate(all="raise"):
        np.testing.assert_allclose(model.cross_entropy_from_logits(MODERATE, y), textbook, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("y", [0.0, 1.0])
def test_cross_entropy_from_logits_stays_finite_for_huge_logits(y):
    z = np.array([-1e6, 1e6])
    with np.errstate(**HUGE_Z_ERRSTATE), warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = model.cross_entropy_from_logits(z, y)
    assert np.all(np.isfinite(loss))
    wrong = 0 if y == 1.0 else 1  # index of the confidently wrong logit: loss ≈ |z|
    np.testing.assert_allclose(loss[wrong], 1e6)
    assert loss[1 - wrong] == 0.0


def _numerical_grads(w, b, X, Y, **kw):
    """Central differences (J(θ + h) − J(θ − h)) / 2h for every weight and the bias."""
    def cost(w_, b_):
        return model.cost_and_grads(w_, b_, X, Y, **kw)[0]
    dw = np.zeros_like(w)
    for i in range(w.shape[0]):
        step = np.zeros_like(w)
        step[i] = FD_STEP
        dw[i] = (cost(w + step, b) - cost(w - step, b)) / (2 * FD_STEP)
    db = (cost(w, b + FD_STEP) - cost(w, b - FD_STEP)) / (2 * FD_STEP)
    return dw, db


@pytest.mark.parametrize("kw", [{}, {"loss": "squared_error"}, {"l2": 0.7}, {"loss": "squared_error", "l2": 0.7}],
                         ids=["cross_entropy", "squared_error", "cross_entropy_l2", "squared_error_l2"])
def test_gradient_matches_central_differences(small_problem, kw):
    w, b, X, Y = small_problem
    with np.errstate(all="raise"):
        _, dw, db = model.cost_and_grads(w, b, X, Y, **kw)
        num_dw, num_db = _numerical_grads(w, b, X, Y, **kw)
    analytic = np.append(dw.ravel(), db)
    numeric = np.append(num_dw.ravel(), num_db)
    rel = np.linalg.norm(analytic - numeric) / (np.linalg.norm(analytic) + np.linalg.norm(numeric))
    assert rel <= FD_TOL


def test_cost_matches_scikit_learn_log_loss(small_problem):
    w, b, X, Y = small_problem
    with np.errstate(all="raise"):
        cost, _, _ = model.cost_and_grads(w, b, X, Y)
        p = model.predict_proba(w, b, X).ravel()
    assert cost == pytest.approx(log_loss(Y.ravel(), p, labels=[0, 1]), rel=1e-12)


def test_l2_adds_lambda_over_2m_times_squared_norm(small_problem):
    w, b, X, Y = small_problem
    lam = 0.7  # any positive λ
    plain = model.cost_and_grads(w, b, X, Y)[0]
    penalised = model.cost_and_grads(w, b, X, Y, l2=lam)[0]
    assert penalised - plain == pytest.approx(lam / (2 * M) * float(np.sum(w ** 2)), rel=1e-12)


def test_predict_uses_strict_threshold_and_accuracy_counts_matches():
    w = np.array([[1.0]])
    X = np.array([[-2.0, 0.0, 3.0, 5.0]])  # σ(0) = 0.5 is not > 0.5, so it predicts 0
    np.testing.assert_array_equal(model.predict(w, 0.0, X), [[0, 0, 1, 1]])
    Y = np.array([[0, 1, 1, 0]])
    assert model.accuracy(model.predict(w, 0.0, X), Y) == 100.0 * 2 / 4


def test_accuracy_is_exact_ratio_of_counts():
    y_pred = np.array([[1] * 207 + [0] * 2])
    Y = np.ones((1, 209), dtype=int)
    assert model.accuracy(y_pred, Y) == 100.0 * 207 / 209


def test_unknown_loss_is_refused(small_problem):
    w, b, X, Y = small_problem
    with pytest.raises(ValueError, match="loss must be"):
        model.cost_and_grads(w, b, X, Y, loss="hinge")
