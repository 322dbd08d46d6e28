"""The loss lesson: L(ŷ, y) two ways, J(w) along w for both, and where cross-entropy comes from.

Costs come only from core.neuron.model.cost_and_grads; per-example losses only from
core.neuron.model.cross_entropy_from_logits and squared_error. Nothing here writes a loss formula.
"""

import math
from dataclasses import dataclass

import numpy as np

from core.lessons.sigmoid import power_of_ten
from core.neuron.model import LOSS_NAMES, cost_and_grads, cross_entropy_from_logits, forward, sigmoid, squared_error

LOGIT_LIMIT = 7.0  # the L(ŷ) chart samples z ∈ [−7, 7], so ŷ = σ(z) spans about [0.001, 0.999]
LOSS_POINTS = 301  # samples along each L(ŷ) curve
W_LIMIT = 8.0  # J(w) is drawn for w ∈ [−8, 8]
W_POINTS = 161  # samples of w (odd, so the grid holds w = 0 and every chord midpoint)
CHORD_TOLERANCE = 1e-12  # rounding slack when checking that a chord stays above a curve
MAX_REPEATS = 1000  # copy the toy set at most this often when hunting for the direct product's underflow
TINIEST_LOG10 = math.log10(np.finfo(float).smallest_subnormal)  # ≈ −323.3: below this a float is 0.0


def _w(w: float) -> np.ndarray:
    return np.array([[float(w)]])  # (n_x, 1) with n_x = 1


def cost_at(w: float, b: float, X, Y, loss: str = "cross_entropy") -> float:
    """J(w, b) for one feature, straight from cost_and_grads."""
    return cost_and_grads(_w(w), b, X, Y, loss=loss)[0]


def loss_curves(y: int, limit: float = LOGIT_LIMIT, points: int = LOSS_POINTS):
    """(ŷ, cross-entropy L(ŷ, y), ½(ŷ − y)²), each (points,), for a label y ∈ {0, 1}.

    ŷ = σ(z) over an even z grid: no clipping of ŷ is needed and the steep ends get more samples.
    """
    z = np.linspace(-limit, limit, points)
    y_hat = sigmoid(z)
    return y_hat, cross_entropy_from_logits(z, y), squared_error(y_hat, y)


def cost_along_w(b: float, X, Y, loss: str, limit: float = W_LIMIT, points: int = W_POINTS):
    """(w grid (points,), J(w, b) (points,)) for a fixed b, one cost_and_grads call per w."""
    w_grid = np.linspace(-limit, limit, points)
    return w_grid, np.array([cost_at(w, b, X, Y, loss) for w in w_grid])


@dataclass
class Chord:
    """A chord of J between w₁ and w₂, compared with J at the midpoint."""

    w1: float
    w2: float
    j1: float  # J(w₁)
    j2: float  # J(w₂)
    mid_w: float  # (w₁ + w₂) / 2
    mid_curve: float  # J at the midpoint, evaluated directly
    mid_chord: float  # (J(w₁) + J(w₂)) / 2, the chord's height there

    @property
    def violation(self) -> float:
        """How far the curve rises above the chord at the midpoint (> 0: J is not convex)."""
        return self.mid_curve - self.mid_chord


def find_convexity_violation(w_grid, costs) -> tuple[int, int] | None:
    """Grid indices (i, k) whose chord passes furthest below the curve at the midpoint, or None.

    For every pair i < k with an even gap, compare J[(i + k)/2] with (J[i] + J[k]) / 2; a convex
    J never exceeds its chords, so any positive gap proves non-convexity. costs: (n,) on an even grid.
    """
    n = len(costs)
    i, k = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")  # (n, n) each
    valid = (k > i) & ((k - i) % 2 == 0)
    mid = (i + k) // 2
    gap = np.where(valid, costs[mid] - (costs[i] + costs[k]) / 2.0, -np.inf)
    best = np.unravel_index(np.argmax(gap), gap.shape)
    if gap[best] <= CHORD_TOLERANCE:
        return None
    return int(best[0]), int(best[1])


def chord(w1: float, w2: float, b: float, X, Y, loss: str) -> Chord:
    """The chord of J(·, b) between w₁ and w₂, every height evaluated directly by cost_and_grads."""
    j1, j2, mid_w = cost_at(w1, b, X, Y, loss), cost_at(w2, b, X, Y, loss), (w1 + w2) / 2.0
    return Chord(w1=w1, w2=w2, j1=j1, j2=j2, mid_w=mid_w, mid_curve=cost_at(mid_w, b, X, Y, loss),
                 mid_chord=(j1 + j2) / 2.0)


def chord_stays_above(ch: Chord, b: float, X, Y, loss: str, points: int = W_POINTS) -> bool:
    """True when J(·, b) is on or below the chord at every one of ``points`` samples between w₁ and w₂."""
    t = np.linspace(0.0, 1.0, points)
    w_between = (1.0 - t) * ch.w1 + t * ch.w2
    curve = np.array([cost_at(w, b, X, Y, loss) for w in w_between])
    line = (1.0 - t) * ch.j1 + t * ch.j2
    return bool(np.all(curve <= line + CHORD_TOLERANCE))


@dataclass
class ConvexityDemo:
    """J(w) along w for both losses and one chord per loss between the same two w values."""

    w_grid: np.ndarray  # (W_POINTS,)
    costs: dict  # loss name -> (W_POINTS,) J along w_grid
    chords: dict  # loss name -> Chord, or None when squared error shows no violation at this b
    ce_chord_above: bool  # the cross-entropy chord stays on or above its curve everywhere between


def convexity_demo(b: float, X, Y) -> ConvexityDemo:
    """Find squared error's worst chord along w (b fixed) and draw the same chord for cross-entropy."""
    curves = {loss: cost_along_w(b, X, Y, loss) for loss in LOSS_NAMES}
    w_grid = curves["squared_error"][0]
    costs = {loss: c for loss, (_, c) in curves.items()}
    pair = find_convexity_violation(w_grid, costs["squared_error"])
    if pair is None:
        return ConvexityDemo(w_grid, costs, {loss: None for loss in LOSS_NAMES}, True)
    w1, w2 = float(w_grid[pair[0]]), float(w_grid[pair[1]])
    chords = {loss: chord(w1, w2, b, X, Y, loss) for loss in LOSS_NAMES}
    return ConvexityDemo(w_grid, costs, chords, chord_stays_above(chords["cross_entropy"], b, X, Y, "cross_entropy"))


@dataclass
class Example:
    """One example's walk from x to its loss, with the likelihood view of the same number."""

    index: int
    x: float
    y: int
    z: float  # wx + b
    y_hat: float  # σ(z)
    p: float  # p(y | x) = ŷ^y (1 − ŷ)^(1 − y), the course's formula
    log_p: float  # log p(y | x) = −L, computed stably from z
    loss: float  # L(ŷ, y), cross-entropy
    sq_loss: float  # ½(ŷ − y)², for comparison


def example_walkthrough(w: float, b: float, X, Y, index: int) -> Example:
    """Every intermediate number for example ``index`` of X (1, m), Y (1, m)."""
    m = X.shape[1]
    if not 0 <= index < m:
        raise ValueError(f"index must be in 0..{m - 1}, got {index}")
    x, y = float(X[0, index]), int(Y[0, index])
    z = float(forward(_w(w), b, np.array([[x]]))[0, 0])
    y_hat = float(sigmoid(z))
    loss = float(cross_entropy_from_logits(z, y))
    p = y_hat ** y * (1.0 - y_hat) ** (1 - y)
    return Example(index=index, x=x, y=y, z=z, y_hat=y_hat, p=p, log_p=-loss, loss=loss,
                   sq_loss=float(squared_error(y_hat, y)))


def per_example_losses(w: float, b: float, X, Y) -> np.ndarray:
    """L(ŷ⁽ⁱ⁾, y⁽ⁱ⁾) for every example, shape (m,); their mean is cost_and_grads's J."""
    return cross_entropy_from_logits(forward(_w(w), b, X), Y).ravel()


def per_example_table(w: float, b: float, X, Y) -> dict:
    """Columns i, x, y, ŷ, L (each (m,)) for a table of every example's loss."""
    return {"i": np.arange(X.shape[1]), "x": X.ravel(), "y": Y.ravel(),
            "y_hat": sigmoid(forward(_w(w), b, X)).ravel(), "L": per_example_losses(w, b, X, Y)}


@dataclass
class Likelihood:
    """p(Y | X) = Π p(y⁽ⁱ⁾ | x⁽ⁱ⁾) for the whole set, kept in log space."""

    m: int
    log_likelihood: float  # Σ log p(y⁽ⁱ⁾ | x⁽ⁱ⁾) = −m·J
    log10_likelihood: float  # the same in base 10: the product is 10 to this power
    mantissa: float  # product = mantissa × 10^exponent, mantissa in [1, 10)
    exponent: int
    cost: float  # J(w, b) = −log-likelihood / m
    loss_sum: float  # Σ L⁽ⁱ⁾ = −log-likelihood
    direct_product: float  # Π p(y⁽ⁱ⁾ | x⁽ⁱ⁾) multiplied out (fine for small m)
    repeats: int | None  # copies of the set whose product is below every float64 (None: > MAX_REPEATS)
    direct_product_repeated: float | None  # that longer product multiplied out: 0.0
    log10_repeated: float | None  # its true size as a power of ten, from the sum of logs

    @property
    def repeated_examples(self) -> int | None:
        """How many examples the repeated set holds (repeats × m)."""
        return None if self.repeats is None else self.repeats * self.m


def copies_to_underflow(log10_lik: float) -> int | None:
    """How many copies of a set with likelihood 10^log10_lik multiply out below every float64 (None: too many)."""
    if log10_lik >= 0 or TINIEST_LOG10 / log10_lik >= MAX_REPEATS:
        return None
    return math.ceil(TINIEST_LOG10 / log10_lik) + 1  # + 1: margin for rounding in the long product


def likelihood(w: float, b: float, X, Y) -> Likelihood:
    """The likelihood of the whole set from the sum of logs, next to the product multiplied out."""
    m = X.shape[1]
    cost = cost_at(w, b, X, Y)
    log_lik = -m * cost
    log10_lik = log_lik / math.log(10.0)
    mantissa, exponent = power_of_ten(log10_lik)
    p = np.exp(-per_example_losses(w, b, X, Y))  # (m,) p(y⁽ⁱ⁾ | x⁽ⁱ⁾) = e^(−L⁽ⁱ⁾)
    repeats = copies_to_underflow(log10_lik)
    product_repeated = log10_repeated = None
    if repeats is not None:
        with np.errstate(under="ignore"):  # the underflow to 0.0 is what the page shows
            product_repeated = float(np.prod(np.tile(p, repeats)))
        log10_repeated = repeats * log10_lik
    return Likelihood(m=m, log_likelihood=log_lik, log10_likelihood=log10_lik, mantissa=mantissa,
                      exponent=exponent, cost=cost, loss_sum=-log_lik, direct_product=float(np.prod(p)),
                      repeats=repeats, direct_product_repeated=product_repeated, log10_repeated=log10_repeated)
