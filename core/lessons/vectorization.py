"""Explicit for-loops against NumPy: the same numbers, measured side by side.

The course's claim: replacing ``for`` loops by ``np.dot`` and whole-array operations gives the
same results many times faster (about 300× in its video, for a million numbers). Every time here
comes from core.timing: the best of several repeats taken in turns, within a named time budget,
and the work is bounded by named limits, so one student's slider cannot stall a shared server.
Notation: X is (n_x, m), Y is (1, m), w is (n_x, 1), b is a float.
"""

from dataclasses import dataclass

import numpy as np

from core.course import M_TRAIN, N_X
from core.neuron.model import cost_and_grads, cross_entropy_from_logits, forward, sigmoid
from core.timing import BUDGET_S, Machine, Timing, measure, this_machine

DOT_N_MIN = 1_000  # smallest vector length on the slider
DOT_N_MAX = 100_000  # largest: the Python loop then takes ~0.05 s per run on an idle slow core
DOT_N_DEFAULT = 50_000  # the slider's starting length
DOT_N_STEP = 1_000  # slider step
CURVE_SIZES = (10, 100, 1_000, 10_000, 100_000)  # lengths of the speed-up chart (log spaced)
CURVE_BUDGET_S = 0.1  # server seconds per length of the chart (its five lengths together ≈ one BUDGET_S and a half)
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


@dataclass(frozen=True)
class DotTiming:
    """One length n: both results, both timings (seconds per call) and the machine they were taken on."""

    n: int
    loop_value: float
    numpy_value: float
    loop: Timing
    numpy: Timing
    machine: Machine

    @property
    def difference(self) -> float:
        """|loop − np.dot|: rounding only (the two add in different orders)."""
        return abs(self.loop_value - self.numpy_value)

    @property
    def speedup(self) -> float:
        """How many times faster np.dot's best run was than the loop's best run."""
        return _ratio(self.loop.best_s, self.numpy.best_s)

    @property
    def speedup_median(self) -> float:
        """The same ratio from the medians: how far the noise moves it."""
        return _ratio(self.loop.median_s, self.numpy.median_s)


def _ratio(slow_s: float, fast_s: float) -> float:
    """slow / fast, infinite when the fast side was too quick for the clock."""
    return slow_s / fast_s if fast_s > 0 else float("inf")


def dot_vectors(n: int, seed: int = 0):
    """Two seeded standard-normal vectors of length n (shape (n,))."""
    rng = np.random.default_rng(seed)
    return rng.standard_normal(n), rng.standard_normal(n)


def time_dot(n: int, seed: int = 0, budget_s: float = BUDGET_S) -> DotTiming:
    """Loop dot product vs np.dot on two seeded vectors of length n (1 ≤ n ≤ DOT_N_MAX), timed in turns."""
    if not 1 <= n <= DOT_N_MAX:
        raise ValueError(f"n must be between 1 and {DOT_N_MAX}, got {n}")
    u, v = dot_vectors(n, seed)
    times = measure({"loop": lambda: loop_dot(u, v), "numpy": lambda: np.dot(u, v)}, budget_s)
    return DotTiming(n, loop_dot(u, v), float(np.dot(u, v)), times["loop"], times["numpy"], this_machine())


def dot_curve(sizes=CURVE_SIZES, seed: int = 0, budget_s: float = CURVE_BUDGET_S) -> list[DotTiming]:
    """time_dot for every length in ``sizes`` (for the log-log chart), ``budget_s`` each."""
    return [time_dot(n, seed, budget_s) for n in sizes]


def loop_cost_and_grads(w, b, X, Y):
    """The seed's two for-loops: over the m examples, and inside over the n_x features.

    w: (n_x, 1), b: float, X: (n_x, m), Y: (1, m). Returns (cost, dw (n_x, 1), db), the
    same quantities as core.neuron.model.cost_and_grads, one number at a time.
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


def synthetic_course_shaped(seed: int = 0, n_x: int = N_X, m: int = M_TRAIN):
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
    loop: Timing  # two loops on the subset, seconds per step
    vec_subset: Timing  # cost_and_grads on the same subset
    vec_full: Timing  # cost_and_grads on all n_x features
    shapes: dict  # name -> shape tuple (() for a scalar) of the full vectorized step
    subset_cost: float  # J on the subset (vectorized)
    subset_db: float  # db on the subset (vectorized)
    full_cost: float  # J with all n_x features
    machine: Machine  # where and under what load it was timed

    @property
    def loop_iterations(self) -> int:
        """Python steps of the two-loop version on all features: n_x for z plus n_x for dw, per example."""
        return 2 * self.n_x * self.m

    @property
    def loop_full_estimate_s(self) -> float:
        """The loop's best time scaled to all features (its work grows linearly in n_x)."""
        return self.loop.best_s * self.n_x / self.features

    @property
    def speedup_subset(self) -> float:
        """Best loop time over best vectorized time, on the same subset of features."""
        return _ratio(self.loop.best_s, self.vec_subset.best_s)

    @property
    def speedup_full(self) -> float:
        """The loop's estimate for all features over the measured vectorized step on all of them."""
        return _ratio(self.loop_full_estimate_s, self.vec_full.best_s)


def compare_step(X, Y, features: int = LOOP_FEATURES_DEFAULT, seed: int = 0,
                 budget_s: float = BUDGET_S) -> StepComparison:
    """Time (in turns, within ``budget_s``) and compare the two-loop step on the first ``features`` rows
    of X with cost_and_grads on those rows and on all of X."""
    n_x, m = X.shape
    features = min(features, n_x)
    w, b = start_weights(n_x, seed)
    Xs, ws = X[:features], w[:features]
    steps = {"loop": lambda: loop_cost_and_grads(ws, b, Xs, Y), "vec_subset": lambda: cost_and_grads(ws, b, Xs, Y),
             "vec_full": lambda: cost_and_grads(w, b, X, Y)}
    times = measure(steps, budget_s)
    loop, vec, full = (steps[name]() for name in ("loop", "vec_subset", "vec_full"))
    max_diff = max(abs(loop[0] - vec[0]), float(np.max(np.abs(loop[1] - vec[1]))), abs(loop[2] - vec[2]))
    shapes = {name: np.shape(value) for name, value in vectorized_arrays(w, b, X, Y).items()}
    return StepComparison(n_x, m, features, max_diff, times["loop"], times["vec_subset"], times["vec_full"],
                          shapes, vec[0], vec[2], full[0], this_machine())
