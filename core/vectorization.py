"""Explicit for-loops against NumPy: the same numbers, measured side by side.

The seed's claim: replacing ``for`` loops by ``np.dot`` and whole-array operations gives the
same results about 100× faster. Everything here is timed with timeit-style medians and the
work is bounded by named limits, so one student's slider cannot stall a shared server.
Notation: X is (n_x, m), Y is (1, m), w is (n_x, 1), b is a float.
"""

import statistics
import time
from dataclasses import dataclass

import numpy as np

from core.model import cost_and_grads, cross_entropy_from_logits, forward, sigmoid

DOT_N_MIN = 1_000  # smallest vector length on the slider
DOT_N_MAX = 100_000  # largest: the Python loop then takes ~0.05 s per run on an idle slow core
DOT_N_DEFAULT = 50_000  # the slider's starting length
DOT_N_STEP = 1_000  # slider step
CURVE_SIZES = (10, 100, 1_000, 10_000, 100_000)  # lengths of the speed-up chart (log spaced)
REPEATS = 3  # timeit-style: the median of this many repeats is reported
FAST_NUMBER = 20  # calls per repeat for the fast (NumPy) side: one call is too short to time alone
FAST_REPEATS = 7  # repeats for the NumPy side: cheap, and more of them steady the median on a busy server
COURSE_N_X = 12288  # 64·64·3 pixel values per photo
COURSE_M = 209  # training photos in the course's set
LOOP_FEATURES_MIN = 16  # fewest features the two-loop version is timed on
LOOP_FEATURES_MAX = 512  # most: 209 × 512 × 2 ≈ 214k Python iterations ≈ 0.1 s per run
LOOP_FEATURES_DEFAULT = 256  # default subset of the 12288 features for the loop timing
WEIGHT_SCALE = 0.01  # weights drawn from N(0, 0.01²): small, like a fresh model's


def loop_dot(u, v) -> float:
    """u · v with an explicit Python loop, the seed's ``for i in range(n): z += w[i]*x[i]``."""
    total = 0.0
    for i in range(len(u)):
        total += u[i] * v[i]
    return float(total)


def median_seconds(fn, repeats: int = REPEATS, number: int = 1) -> tuple[float, object]:
    """timeit-style: (seconds per call, the median over ``repeats`` batches of ``number`` calls; fn's result)."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            result = fn()
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times), result


@dataclass(frozen=True)
class DotTiming:
    """One length n: both results and both times (seconds per call)."""

    n: int
    loop_value: float
    numpy_value: float
    loop_s: float
    numpy_s: float

    @property
    def difference(self) -> float:
        """|loop − np.dot|: rounding only (the two add in different orders)."""
        return abs(self.loop_value - self.numpy_value)

    @property
    def speedup(self) -> float:
        """How many times faster np.dot was than the loop."""
        return self.loop_s / self.numpy_s if self.numpy_s > 0 else float("inf")


def dot_vectors(n: int, seed: int = 0):
    """Two seeded standard-normal vectors of length n (shape (n,))."""
    rng = np.random.default_rng(seed)
    return rng.standard_normal(n), rng.standard_normal(n)


def time_dot(n: int, seed: int = 0, repeats: int = REPEATS) -> DotTiming:
    """Loop dot product vs np.dot on two seeded vectors of length n (1 ≤ n ≤ DOT_N_MAX)."""
    if not 1 <= n <= DOT_N_MAX:
        raise ValueError(f"n must be between 1 and {DOT_N_MAX}, got {n}")
    u, v = dot_vectors(n, seed)
    loop_s, loop_value = median_seconds(lambda: loop_dot(u, v), repeats)
    numpy_s, numpy_value = median_seconds(lambda: np.dot(u, v), max(repeats, FAST_REPEATS), FAST_NUMBER)
    return DotTiming(n, loop_value, float(numpy_value), loop_s, numpy_s)


def dot_curve(sizes=CURVE_SIZES, seed: int = 0) -> list[DotTiming]:
    """time_dot for every length in ``sizes`` (for the log-log chart)."""
    return [time_dot(n, seed) for n in sizes]


def loop_cost_and_grads(w, b, X, Y):
    """The seed's two for-loops: over the m examples, and inside over the n_x features.

    w: (n_x, 1), b: float, X: (n_x, m), Y: (1, m). Returns (cost, dw (n_x, 1), db), the
    same quantities as core.model.cost_and_grads, one number at a time.
    """
    n_x, m = X.shape
    cost, db = 0.0, 0.0
    dw = [0.0] * n_x
    for i in range(m):
        z = float(b)
        for j in range(n_x):
            z += w[j, 0] * X[j, i]
        a = float(sigmoid(z))
        cost += float(cross_entropy_from_logits(z, Y[0, i]))
        dz = a - Y[0, i]
        for j in range(n_x):
            dw[j] += X[j, i] * dz
        db += dz
    return cost / m, np.array(dw, dtype=float).reshape(-1, 1) / m, float(db) / m


def synthetic_course_shaped(seed: int = 0, n_x: int = COURSE_N_X, m: int = COURSE_M):
    """Seeded stand-in for the course data: X (n_x, m) in [0, 1) like pixels/255, Y (1, m) of 0/1."""
    rng = np.random.default_rng(seed)
    return rng.random((n_x, m)), rng.integers(0, 2, size=(1, m))


def start_weights(n_x: int, seed: int = 0):
    """Small seeded weights (n_x, 1) and b = 0, so the step is not the trivial w = 0 case."""
    return np.random.default_rng(seed).normal(0.0, WEIGHT_SCALE, size=(n_x, 1)), 0.0


def vectorized_arrays(w, b, X, Y) -> dict:
    """Every array of the vectorized step, by name, for showing their shapes.

    Z = wᵀX + b (1, m), A = σ(Z) (1, m), dZ = A − Y (1, m), dw = X·dZᵀ/m (n_x, 1),
    db = sum(dZ)/m (a float); dw and db come from cost_and_grads.
    """
    Z = forward(w, b, X)
    A = sigmoid(Z)
    _, dw, db = cost_and_grads(w, b, X, Y)
    return {"w": w, "X": X, "Y": Y, "Z": Z, "A": A, "dZ": A - Y, "dw": dw, "db": db}


@dataclass(frozen=True)
class StepComparison:
    """One gradient step: two loops vs vectorized, on a subset of features and on all of them."""

    n_x: int  # features in the full data
    m: int  # examples
    features: int  # features the loop version was run on
    max_diff: float  # largest |Δ| over cost, dw and db on that subset
    loop_s: float  # two loops on the subset, seconds
    vec_subset_s: float  # cost_and_grads on the same subset, seconds
    vec_full_s: float  # cost_and_grads on all n_x features, seconds
    shapes: dict  # name -> shape tuple (() for a scalar) of the full vectorized step
    subset_cost: float  # J on the subset (vectorized)
    subset_db: float  # db on the subset (vectorized)
    full_cost: float  # J with all n_x features

    @property
    def loop_iterations(self) -> int:
        """Python steps of the two-loop version on all features: n_x for z plus n_x for dw, per example."""
        return 2 * self.n_x * self.m

    @property
    def loop_full_estimate_s(self) -> float:
        """The loop's time scaled to all features (its work grows linearly in n_x)."""
        return self.loop_s * self.n_x / self.features

    @property
    def speedup_subset(self) -> float:
        return self.loop_s / self.vec_subset_s

    @property
    def speedup_full(self) -> float:
        return self.loop_full_estimate_s / self.vec_full_s


def compare_step(X, Y, features: int = LOOP_FEATURES_DEFAULT, seed: int = 0) -> StepComparison:
    """Time and compare the two-loop step (first ``features`` rows of X) with cost_and_grads."""
    n_x, m = X.shape
    features = min(features, n_x)
    w, b = start_weights(n_x, seed)
    Xs, ws = X[:features], w[:features]
    loop_s, loop = median_seconds(lambda: loop_cost_and_grads(ws, b, Xs, Y))
    vec_subset_s, vec = median_seconds(lambda: cost_and_grads(ws, b, Xs, Y), FAST_REPEATS, FAST_NUMBER)
    vec_full_s, full = median_seconds(lambda: cost_and_grads(w, b, X, Y), FAST_REPEATS)
    max_diff = max(abs(loop[0] - vec[0]), float(np.max(np.abs(loop[1] - vec[1]))), abs(loop[2] - vec[2]))
    shapes = {name: np.shape(value) for name, value in vectorized_arrays(w, b, X, Y).items()}
    full_cost = full[0]
    return StepComparison(n_x, m, features, max_diff, loop_s, vec_subset_s, vec_full_s, shapes,
                          vec[0], vec[2], full_cost)
