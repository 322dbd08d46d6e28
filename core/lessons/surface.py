"""The cost surface J(w, b) of a one-feature model on a grid, by broadcasting, and its minimum.

A grid of G_b × G_w parameter pairs over m examples is a (G_b, G_w, m) block of logits
z = w·x + b: the whole surface is one broadcast, summed over the examples axis (chunked over
grid rows so memory stays bounded). Every grid value equals ``core.neuron.model.cost_and_grads`` at
that (w, b).

Fast path (binary labels, moderate ranges): e^(w·x + b) = e^(w·x) · e^(b), so the G_w·m and G_b
exponentials are computed once and the (G_b, G_w, m) block needs only products:
  cross-entropy: Σ log(1 + e^t) = log Π (1 + e^t), one log per block of K examples;
  squared error: σ(z) = 1 / (1 + e^(−w·x) · e^(−b)), no transcendental per cell at all.
Otherwise the direct path calls the shared losses of core.neuron.model on every cell.
"""

from dataclasses import dataclass

import numpy as np

from core.data.features import is_separable
from core.neuron.descent import gradient_descent
from core.neuron.model import cost_and_grads, cross_entropy_from_logits, loss_named, sigmoid, squared_error

GRID_SIZE = 81  # grid points per axis on the lesson pages (odd: 0 is on the grid)
CHUNK_ELEMENTS = 1 << 18  # grid cells × examples evaluated at once: 256K float64 = 2 MiB (cache-sized)
EXP_BUDGET = 700.0  # largest exponent multiplied up before a log (float64 overflows past e^709.78)
HEADROOM = 1.0  # 1 + e^t ≤ e^(t + 1): room for the "+1" in each factor
MIN_ITERATIONS = 40_000  # at most this many gradient-descent steps to locate the true minimum
MIN_ROUND = 2_000  # steps between two checks of the gradient while locating it
MIN_GRAD_TOL = 1e-7  # the minimum counts as found when |∇J| is below this
SMOOTHNESS = 0.25  # σ'(z) ≤ 1/4 bounds the cross-entropy Hessian by ¼·mean(x̃x̃ᵀ)


@dataclass(frozen=True)
class Surface:
    """J on a grid: rows follow b, columns follow w (plotly's z[i][j] at y = bs[i], x = ws[j])."""

    ws: np.ndarray  # (G_w,) weights
    bs: np.ndarray  # (G_b,) biases
    J: np.ndarray  # (G_b, G_w) costs
    loss: str

    def lowest(self) -> tuple[float, float, float]:
        """(w, b, J) of the lowest grid point: the honest mark when no true minimum is known."""
        i, j = np.unravel_index(int(np.argmin(self.J)), self.J.shape)
        return float(self.ws[j]), float(self.bs[i]), float(self.J[i, j])


@dataclass(frozen=True)
class SurfaceMap:
    """Which J(w, b) grid to draw: hashable, so the pages' caches key on it."""

    dataset: str  # a core.data.features.DATASETS name
    loss: str  # a core.neuron.model.LOSS_NAMES name
    span: float  # the grid covers [−span, span] for both w and b
    size: int = GRID_SIZE  # grid points per axis


@dataclass(frozen=True)
class Mark:
    """The point a map marks: the true minimum when it is known, else the lowest point on the grid."""

    w: float
    b: float
    J: float
    exact: bool  # True: the true minimum; False: only the grid's lowest point


def best_point(surface: Surface, minimum) -> Mark:
    """The true ``minimum`` (w, b, J) when there is one (None: unknown or at infinity), else the grid's lowest point."""
    if minimum is None:
        return Mark(*surface.lowest(), exact=False)
    return Mark(*minimum, exact=True)


def grid_axes(w_span: float, b_span: float, size: int = GRID_SIZE):
    """Evenly spaced ws over [−w_span, w_span] and bs over [−b_span, b_span], ``size`` points each."""
    return np.linspace(-w_span, w_span, size), np.linspace(-b_span, b_span, size)


def _row_chunks(rows: int, cells_per_row: int):
    """Slices of grid rows small enough that a chunk holds at most CHUNK_ELEMENTS numbers."""
    step = max(1, CHUNK_ELEMENTS // max(1, cells_per_row))
    return [slice(r, min(r + step, rows)) for r in range(0, rows, step)]


def _block_size(ws, bs, x) -> int:
    """Examples per log in the fast path (a power of 2), or 0 when the exponents are too large."""
    t_max = float(np.max(np.abs(ws))) * float(np.max(np.abs(x))) + float(np.max(np.abs(bs)))
    fits = int(EXP_BUDGET // (t_max + HEADROOM))
    return 0 if fits < 1 else 1 << (fits.bit_length() - 1)


def _direct(x, y, ws, bs, loss):
    """The reference path: logits for every cell, the shared per-example loss, mean over examples."""
    J = np.empty((bs.size, ws.size))
    for rows in _row_chunks(bs.size, ws.size * x.size):
        Z = ws[None, :, None] * x + bs[rows, None, None]  # (rows, G_w, m)
        if loss == "cross_entropy":
            J[rows] = cross_entropy_from_logits(Z, y).mean(axis=-1)
        else:
            J[rows] = squared_error(sigmoid(Z), y).mean(axis=-1)
    return J


def _log_prod_sum(E_w, E_b, block):
    """Σ_i log(1 + E_w[j, i]·E_b[r]) for every (r, j): products of ``block`` factors, then one log."""
    pad = (-E_w.shape[1]) % block
    E_w = np.pad(E_w, ((0, 0), (0, pad)))  # padded factors are 1 + 0 = 1, log 1 = 0
    out = np.empty((E_b.size, E_w.shape[0]))
    for rows in _row_chunks(E_b.size, E_w.size):
        P = E_w[None] * E_b[rows, None, None]  # (rows, G_w, n) = e^t
        P += 1.0
        length = P.shape[-1]
        while length > P.shape[-1] // block:  # pairwise products halve the examples axis
            half = length // 2
            np.multiply(P[..., :half], P[..., half:length], out=P[..., :half])
            length = half
        out[rows] = np.log(P[..., :length]).sum(axis=-1)
    return out


def _fast_cross_entropy(x, y, ws, bs, block):
    """Cross-entropy grid: loss_i = log(1 + e^(s_i·z_i)) with s = +1 for y = 0 and −1 for y = 1."""
    total = np.zeros((bs.size, ws.size))
    for label, s in ((0, 1.0), (1, -1.0)):
        xs = x[y == label]
        if xs.size:
            total += _log_prod_sum(np.exp(s * ws[:, None] * xs[None, :]), np.exp(s * bs), block)
    return total / x.size


def _fast_squared_error(x, y, ws, bs):
    """Squared-error grid: σ(z) = 1 / (1 + e^(−w·x)·e^(−b)), then ½(σ − y)² averaged."""
    E_w = np.exp(-ws[:, None] * x[None, :])  # (G_w, m)
    E_b = np.exp(-bs)  # (G_b,)
    J = np.empty((bs.size, ws.size))
    for rows in _row_chunks(bs.size, E_w.size):
        A = E_w[None] * E_b[rows, None, None]  # (rows, G_w, m)
        A += 1.0
        np.reciprocal(A, out=A)
        A -= y
        J[rows] = 0.5 * np.einsum("rgm,rgm->rg", A, A) / x.size
    return J


def cost_grid(X, Y, ws, bs, loss: str = "cross_entropy", method: str = "auto") -> np.ndarray:
    """J(w, b) for every pair of the grid, shape (len(bs), len(ws)); X, Y are (1, m).

    method: "auto" (fast when labels are 0/1 and the exponents fit), "fast" or "direct".
    """
    loss_named(loss)  # a ValueError naming the allowed losses
    x = np.asarray(X, dtype=float).ravel()  # (m,)
    y = np.asarray(Y, dtype=float).ravel()  # (m,)
    ws = np.asarray(ws, dtype=float).ravel()
    bs = np.asarray(bs, dtype=float).ravel()
    block = _block_size(ws, bs, x) if np.all((y == 0) | (y == 1)) else 0
    if method == "direct" or (method == "auto" and block == 0):
        return _direct(x, y, ws, bs, loss)
    if block == 0:
        raise ValueError("the fast path needs labels 0/1 and |w·x| + |b| below about 700")
    if loss == "cross_entropy":
        return _fast_cross_entropy(x, y, ws, bs, block)
    return _fast_squared_error(x, y, ws, bs)


def cost_surface(X, Y, w_span: float, b_span: float, loss: str = "cross_entropy",
                 size: int = GRID_SIZE) -> Surface:
    """The surface over [−w_span, w_span] × [−b_span, b_span] on a size × size grid."""
    ws, bs = grid_axes(w_span, b_span, size)
    return Surface(ws, bs, cost_grid(X, Y, ws, bs, loss), loss)


def safe_learning_rate(X) -> float:
    """1/L for the cross-entropy cost of a one-feature model: L = ¼·λ_max(mean of x̃x̃ᵀ), x̃ = (x, 1)."""
    x = np.asarray(X, dtype=float).ravel()
    x_tilde = np.stack([x, np.ones_like(x)])  # (2, m)
    L = SMOOTHNESS * float(np.linalg.eigvalsh(x_tilde @ x_tilde.T / x.size)[-1])
    return 1.0 / L


def true_minimum(X, Y, iterations: int = MIN_ITERATIONS):
    """(w, b, J) of the cross-entropy minimum, or None when it lies at infinity (separable data).

    Found by gradient descent from (0, 0) at the safe rate 1/L (the cost is convex and L-smooth),
    in rounds of MIN_ROUND steps until |∇J| < MIN_GRAD_TOL; None if that never happens.
    """
    if is_separable(X, Y):
        return None
    X = np.asarray(X, dtype=float).reshape(1, -1)
    rate = safe_learning_rate(X)
    w, b = np.zeros((1, 1)), 0.0
    for _ in range(max(1, iterations // MIN_ROUND)):
        cost, dw, db = cost_and_grads(w, b, X, Y)
        if float(np.hypot(dw[0, 0], db)) < MIN_GRAD_TOL:
            return float(w[0, 0]), float(b), cost
        hist = gradient_descent(w, b, X, Y, rate, MIN_ROUND, record_every=MIN_ROUND)
        w, b = hist.w, hist.b
    return None
