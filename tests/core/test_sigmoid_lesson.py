"""The sigmoid lesson's core: slope, decision point, the one-feature fit, naive vs stable σ."""

import math
import subprocess
import sys

import numpy as np
import pytest

from core.data.toy_data import one_feature_dataset
from core.lessons.sigmoid import (
    decision_point,
    naive_vs_stable,
    one_feature_fit,
    power_of_ten,
    sigmoid_curves,
    sigmoid_readout,
    sigmoid_slope,
    value_kind,
)
from core.neuron.model import sigmoid
from core.snippets.sigmoid import sigmoid_script

STEP = 1e-5  # central-difference step for σ'
FD_TOLERANCE = 1e-9  # agreement expected between σ(1 − σ) and the central difference


def test_slope_matches_central_differences():
    z, s, ds = sigmoid_curves()
    fd = (sigmoid(z + STEP) - sigmoid(z - STEP)) / (2 * STEP)
    np.testing.assert_allclose(ds, fd, atol=FD_TOLERANCE)
    assert s.shape == ds.shape == z.shape
    assert ds.max() == pytest.approx(0.25)  # σ'(0) = 1/4, the slope's peak


def test_readout_values_match_numpy_formula():
    e, s, one_minus, ds = sigmoid_readout(0.7)
    assert one_minus == pytest.approx(1 / (1 + np.exp(0.7)))
    assert e == pytest.approx(np.exp(-0.7))
    assert s == pytest.approx(1 / (1 + np.exp(-0.7)))
    assert ds == pytest.approx(float(sigmoid_slope(0.7)))


@pytest.mark.parametrize("w, b", [(2.0, 1.0), (-0.5, 0.3), (1.0, 0.0)])
def test_decision_point_is_where_the_model_gives_one_half(w, b):
    x0 = decision_point(w, b)
    assert float(sigmoid(w * x0 + b)) == pytest.approx(0.5)


def test_no_decision_point_when_w_is_zero():
    assert decision_point(0.0, 1.0) is None
    fit = one_feature_fit(0.0, 1.0, *one_feature_dataset())
    assert fit.boundary is None
    assert np.ptp(fit.curve) == 0.0  # ŷ does not depend on x at all


def test_fit_predictions_and_accuracy_agree_with_threshold_rule():
    X, Y = one_feature_dataset("overlapping")
    fit = one_feature_fit(1.5, -0.2, X, Y)
    expected = (1 / (1 + np.exp(-(1.5 * X - 0.2))) > 0.5).astype(int).ravel()
    np.testing.assert_array_equal(fit.predicted, expected)
    assert fit.accuracy == pytest.approx(100 * np.mean(expected == Y.ravel()))
    assert fit.correct.sum() == fit.n_correct == np.sum(expected == Y.ravel())


def test_separable_data_is_classified_perfectly_by_a_steep_curve_at_zero():
    fit = one_feature_fit(5.0, 0.0, *one_feature_dataset("separable"))
    assert fit.accuracy == 100.0 and fit.correct.all()


def test_naive_sigmoid_overflow_is_captured_with_numpys_words():
    r = naive_vs_stable(-1000.0)
    assert r.naive_exp == math.inf and value_kind(r.naive_exp) == "pos_inf"
    assert any("overflow encountered in exp" in w for w in r.naive_exp_warnings)
    assert any("overflow" in w for w in r.naive_sigma_warnings)
    assert r.naive_sigma == 0.0
    assert r.naive_log_sigma == -math.inf and value_kind(r.naive_log_sigma) == "neg_inf"
    assert any("divide by zero encountered in log" in w for w in r.naive_log_warnings)


def test_stable_log_sigmoid_is_finite_where_naive_fails():
    r = naive_vs_stable(-1000.0)
    assert r.stable_log_sigma == pytest.approx(-1000.0)  # log σ(z) → z as z → −∞
    assert r.sigma_rounded_to_zero
    assert r.log10_sigma == pytest.approx(-1000.0 / math.log(10.0))


def test_naive_and_stable_agree_without_warnings_for_moderate_z():
    r = naive_vs_stable(3.0)
    assert r.naive_exp_warnings == r.naive_sigma_warnings == r.naive_log_warnings == []
    assert r.naive_sigma == pytest.approx(r.stable_sigma)
    assert r.naive_log_sigma == pytest.approx(r.stable_log_sigma)
    assert not r.sigma_rounded_to_zero


def test_capture_overrides_a_strict_errstate_and_restores_it():
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        r = naive_vs_stable(-1000.0)  # captured, not raised
        assert r.naive_exp_warnings
        with pytest.raises(FloatingPointError):
            np.exp(np.array([1000.0]))  # the caller's strict setting is back


def test_power_of_ten_rebuilds_the_number():
    mantissa, exponent = power_of_ten(math.log10(6.04e-13))
    assert 1 <= mantissa < 10 and exponent == -13
    assert mantissa * 10.0 ** exponent == pytest.approx(6.04e-13)


def _printed(script):
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return dict(line.split(" = ", 1) for line in out.strip().splitlines())


def test_reproduce_script_prints_cores_numbers():
    X, Y = one_feature_dataset("overlapping")
    printed = _printed(sigmoid_script(0.8, 1.7, -0.4, "overlapping", X, Y, -1000.0))
    _, s, _, ds = sigmoid_readout(0.8)
    fit = one_feature_fit(1.7, -0.4, X, Y)
    r = naive_vs_stable(-1000.0)
    assert float(printed["sigma"]) == pytest.approx(s, rel=1e-12)
    assert float(printed["slope"]) == pytest.approx(ds, rel=1e-12)
    assert float(printed["decision_point"]) == pytest.approx(fit.boundary, rel=1e-12)
    assert float(printed["accuracy"]) == pytest.approx(fit.accuracy)
    assert float(printed["naive_sigma"]) == r.naive_sigma
    assert float(printed["naive_log_sigma"]) == r.naive_log_sigma
    assert float(printed["stable_log_sigma"]) == pytest.approx(r.stable_log_sigma, rel=1e-12)


def test_reproduce_script_says_none_when_w_is_zero():
    X, Y = one_feature_dataset("separable")
    assert _printed(sigmoid_script(0.0, 0.0, 0.0, "separable", X, Y, 5.0))["decision_point"] == "none"
