"""The sigmoid lesson: σ and its slope, the one-feature model σ(wx + b), and why σ is computed stably.

Everything here reuses core.neuron.model's sigmoid, sigmoid_naive and log_sigmoid; nothing new is derived.
"""

import math
import warnings
from dataclasses import dataclass

import numpy as np

from core.course import THRESHOLD
from core.neuron.model import accuracy, log_sigmoid, predict, predict_proba, sigmoid, sigmoid_naive

Z_LIMIT = 8.0  # the σ chart spans z ∈ [−8, 8]: σ is within 0.0004 of 0 or 1 at the ends
CURVE_POINTS = 401  # samples along every drawn curve
X_MARGIN = 1.0  # the model chart extends this far beyond the data on both sides


def sigmoid_slope(z):
    """σ'(z) = σ(z)(1 − σ(z)), the derivative the chain rule needs (same shape as z)."""
    s = sigmoid(z)
    return s * (1.0 - s)


def sigmoid_readout(z: float) -> tuple[float, float, float, float]:
    """(e^(−z), σ(z), 1 − σ(z), σ'(z)) at one z on the chart, for the formulas with live numbers."""
    s = float(sigmoid(z))
    return float(np.exp(-float(z))), s, 1.0 - s, float(sigmoid_slope(z))


def sigmoid_curves(limit: float = Z_LIMIT, points: int = CURVE_POINTS):
    """(z, σ(z), σ'(z)) on an even grid over [−limit, limit], each of shape (points,)."""
    z = np.linspace(-limit, limit, points)
    return z, sigmoid(z), sigmoid_slope(z)


def decision_point(w: float, b: float) -> float | None:
    """Where σ(wx + b) = 0.5, i.e. wx + b = 0: x = −b/w; None when w = 0 (ŷ never changes with x)."""
    if w == 0:
        return None
    return -b / w + 0.0  # + 0.0 turns −0.0 into 0.0 for display


@dataclass
class OneFeatureFit:
    """The one-feature model σ(wx + b) applied to a 1-D dataset."""

    x_grid: np.ndarray  # (points,) where the curve is drawn
    curve: np.ndarray  # (points,) σ(w·x_grid + b)
    proba: np.ndarray  # (m,) ŷ for every example
    predicted: np.ndarray  # (m,) 0/1 labels from ŷ > 0.5
    correct: np.ndarray  # (m,) bool: prediction equals label
    accuracy: float  # percentage of correct labels
    n_correct: int  # how many examples are labelled right
    boundary: float | None  # decision point x = −b/w, or None when w = 0


def one_feature_fit(w: float, b: float, X, Y, points: int = CURVE_POINTS) -> OneFeatureFit:
    """Apply ŷ = σ(wx + b) to X (1, m) with labels Y (1, m) and draw the curve across the data."""
    w_col = np.array([[w]])  # (n_x, 1) with n_x = 1
    x_grid = np.linspace(X.min() - X_MARGIN, X.max() + X_MARGIN, points)
    curve = predict_proba(w_col, b, x_grid.reshape(1, -1)).ravel()
    predicted = predict(w_col, b, X, threshold=THRESHOLD)
    return OneFeatureFit(x_grid=x_grid, curve=curve, proba=predict_proba(w_col, b, X).ravel(),
                         predicted=predicted.ravel(), correct=(predicted == Y).ravel(),
                         accuracy=accuracy(predicted, Y), n_correct=int(np.count_nonzero(predicted == Y)),
                         boundary=decision_point(w, b))


def _capture(fn, *args):
    """Run fn under np.errstate(all="warn") and return (result, NumPy's warning texts, in order)."""
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn", under="ignore"):
        warnings.simplefilter("always")
        result = fn(*args)
    texts = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    return float(result), texts


def value_kind(value: float) -> str:
    """"finite", "pos_inf", "neg_inf" or "nan": which words a page must put next to a number."""
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "pos_inf" if value > 0 else "neg_inf"
    return "finite"


@dataclass
class NaiveVsStable:
    """σ(z) and log σ(z) computed the textbook way and the stable way, with NumPy's complaints."""

    z: float
    naive_exp: float  # e^(−z) as the naive formula computes it (inf once −z > ~709)
    naive_exp_warnings: list  # NumPy's warning texts while computing e^(−z)
    naive_sigma: float  # 1 / (1 + e^(−z)) via core.neuron.model.sigmoid_naive
    naive_sigma_warnings: list
    naive_log_sigma: float  # log of the naive σ: −inf when σ rounded to 0
    naive_log_warnings: list
    stable_sigma: float  # core.neuron.model.sigmoid: same value, never a warning
    stable_log_sigma: float  # core.neuron.model.log_sigmoid: finite for every finite z
    log10_sigma: float  # log₁₀ σ(z): σ written as a power of ten even when it underflows

    @property
    def sigma_rounded_to_zero(self) -> bool:
        """True when the true σ(z) > 0 is below the smallest float64 and was stored as 0.0."""
        return self.stable_sigma == 0.0


def naive_vs_stable(z: float) -> NaiveVsStable:
    """Compute σ(z) and log σ(z) naively (capturing NumPy's warnings) and stably, for one z."""
    z_arr = np.asarray(float(z))
    naive_exp, exp_warn = _capture(np.exp, -z_arr)
    naive_sigma, sigma_warn = _capture(sigmoid_naive, z_arr)
    naive_log, log_warn = _capture(np.log, np.asarray(naive_sigma))
    with np.errstate(under="ignore"):  # σ below ~1e−308 rounds to 0.0: that is the point shown
        stable_sigma = float(sigmoid(z_arr))
        stable_log = float(log_sigmoid(z_arr)) + 0.0  # + 0.0 turns −0.0 into 0.0 for display
    return NaiveVsStable(z=float(z), naive_exp=naive_exp, naive_exp_warnings=exp_warn,
                         naive_sigma=naive_sigma, naive_sigma_warnings=sigma_warn,
                         naive_log_sigma=naive_log, naive_log_warnings=log_warn,
                         stable_sigma=stable_sigma, stable_log_sigma=stable_log,
                         log10_sigma=stable_log / math.log(10.0))


def power_of_ten(log10_value: float) -> tuple[float, int]:
    """Split 10^log10_value into (mantissa in [1, 10), integer exponent) for display."""
    exponent = math.floor(log10_value)
    return 10.0 ** (log10_value - exponent), exponent
