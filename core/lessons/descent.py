"""Gradient descent on a one-feature model as a lesson: the path of (w, b), what went wrong
(oscillation, divergence), one step at a time, animation frames and a CSV of the path.

Every step is ``core.neuron.descent.gradient_descent`` / ``core.neuron.model.cost_and_grads``; nothing here
differentiates anything itself. X is (1, m), Y is (1, m); w and b are plain floats.
"""

import csv
import io
from dataclasses import dataclass, replace

import numpy as np

from core.lessons.surface import SurfaceMap
from core.neuron.descent import gradient_descent
from core.neuron.model import cost_and_grads

RATE_DECADES = range(-3, 2)  # learning rates from 10⁻³ up to the 10¹ decade …
RATE_STEPS = (1, 2, 5)  # … in 1-2-5 steps per decade (evenly spaced on a log scale) …
MAX_RATE = 100.0  # … and finally 100, far too large on purpose
LEARNING_RATES = tuple(float(f"{mant}e{exp}") for exp in RATE_DECADES for mant in RATE_STEPS) + (MAX_RATE,)
DEFAULT_RATE = 0.5  # a rate that converges on every lesson dataset
MAX_ITERATIONS = 500  # iterations slider maximum: keeps runs fast and parameters bounded
DEFAULT_ITERATIONS = 100  # iterations slider default
START_LIMIT = 10.0  # |w0| and |b0| are at most this: the start stays on the drawn surface
DEFAULT_START = (-4.0, 4.0)  # (w0, b0): away from the minimum, so the path is long enough to see
MAX_FRAMES = 100  # animation frames at most: longer runs are subsampled evenly
REL_TOL = 1e-12  # relative cost change below this counts as "no change"
FLIP_SHARE = 0.5  # more than this share of successive steps reversing direction = oscillating
RISE_SHARE = 0.3  # more than this share of steps raising the cost = oscillating
GROWTH = 10.0  # |(w, b)| growing by more than this factor = runaway (diverging if the cost rises too)
STALL_SHARE = 0.01  # cost fell by less than this share of its start: too small a rate
CSV_HEADER = ("iteration", "w", "b", "cost")


@dataclass(frozen=True)
class StepStart:
    """Where the page's step mode starts: changing any of these starts it again (the rate may change
    between steps, the map may not)."""

    dataset: str  # a core.data.features.DATASETS name
    loss: str  # a core.neuron.model.LOSS_NAMES name
    w0: float  # the start point (w0, b0)
    b0: float


@dataclass(frozen=True)
class DescentRun:
    """One descent as the descent page sets it, and the map it is drawn on: hashable, so caches key on it."""

    dataset: str  # a core.data.features.DATASETS name
    loss: str  # a core.neuron.model.LOSS_NAMES name
    w0: float  # the start point (w0, b0)
    b0: float
    rate: float  # the learning rate α
    iterations: int  # the number of steps
    span: float  # the map covers [−span, span] for both w and b
    size: int  # the map's grid points per axis

    @property
    def surface_map(self) -> SurfaceMap:
        """The J(w, b) grid this run is drawn on."""
        return SurfaceMap(self.dataset, self.loss, self.span, self.size)

    @property
    def start(self) -> StepStart:
        """Where step mode starts for this run."""
        return StepStart(self.dataset, self.loss, self.w0, self.b0)

    def with_loss(self, loss: str) -> "DescentRun":
        """The same run with another loss (the race runs both from one start)."""
        return replace(self, loss=loss)


@dataclass(frozen=True)
class Path:
    """Where gradient descent went: the parameters and cost after each of 0 … iterations steps."""

    w: np.ndarray  # (k + 1,) weight after each step (index 0 = start)
    b: np.ndarray  # (k + 1,) bias
    cost: np.ndarray  # (k + 1,) J(w, b) at those parameters
    loss: str
    rate: float

    @property
    def steps(self) -> np.ndarray:
        return np.arange(self.w.size)


@dataclass(frozen=True)
class Diagnosis:
    """What the path did, and the counts that show it."""

    kind: str  # "converging", "oscillating", "runaway", "diverging" or "stalled"
    rises: int  # steps after which the cost went up
    flips: int  # successive steps pointing in opposite directions
    growth: float  # |(w, b)| at the end ÷ max(1, |(w, b)| at the start)


@dataclass(frozen=True)
class Step:
    """One update w := w − α·dJ/dw, b := b − α·dJ/db, with every number in it."""

    w: float
    b: float
    cost: float
    dw: float
    db: float
    rate: float
    w_new: float
    b_new: float
    cost_new: float


def run_path(X, Y, w0: float, b0: float, rate: float, iterations: int, loss: str = "cross_entropy") -> Path:
    """Gradient descent from (w0, b0) for ``iterations`` steps, keeping every (w, b) and its cost."""
    hist = gradient_descent(np.array([[float(w0)]]), float(b0), X, Y, rate, iterations, loss=loss,
                            record_every=1, snapshot_steps=range(iterations + 1))
    w = np.array([hist.snapshots[k][0][0, 0] for k in range(iterations + 1)])
    b = np.array([hist.snapshots[k][1] for k in range(iterations + 1)])
    final_cost, _, _ = cost_and_grads(hist.w, hist.b, X, Y, loss=loss)
    return Path(w, b, np.append(hist.costs, final_cost), loss, float(rate))


def diagnose(path: Path) -> Diagnosis:
    """What the path did, checked in this order.

    diverging: the cost ends above where it started, or |(w, b)| grows GROWTH-fold while the cost rises;
    runaway: |(w, b)| grows GROWTH-fold (huge steps shoot far across the surface, even downhill);
    oscillating: most steps reverse direction, or the cost rises after many steps (bouncing across a valley);
    stalled: the cost fell by less than STALL_SHARE of its start (the rate is too small);
    converging: otherwise.
    """
    change = np.diff(path.cost)
    rises = int(np.count_nonzero(change > REL_TOL * np.abs(path.cost[:-1])))
    moves = np.stack([np.diff(path.w), np.diff(path.b)])  # (2, k)
    flips = int(np.count_nonzero(np.sum(moves[:, 1:] * moves[:, :-1], axis=0) < 0))
    growth = float(np.hypot(path.w[-1], path.b[-1]) / max(1.0, np.hypot(path.w[0], path.b[0])))
    steps = max(1, change.size)
    if path.cost[-1] > path.cost[0] or (growth > GROWTH and rises):
        kind = "diverging"
    elif growth > GROWTH:
        kind = "runaway"
    elif flips > FLIP_SHARE * max(1, steps - 1) or rises > RISE_SHARE * steps:
        kind = "oscillating"
    elif path.cost[0] - path.cost[-1] < STALL_SHARE * abs(path.cost[0]):
        kind = "stalled"
    else:
        kind = "converging"
    return Diagnosis(kind, rises, flips, growth)


def take_step(X, Y, w: float, b: float, rate: float, loss: str = "cross_entropy") -> Step:
    """One gradient-descent update from (w, b), with the gradient and the costs before and after."""
    cost, dw, db = cost_and_grads(np.array([[float(w)]]), float(b), X, Y, loss=loss)
    w_new = float(w) - rate * float(dw[0, 0])
    b_new = float(b) - rate * float(db)
    cost_new, _, _ = cost_and_grads(np.array([[w_new]]), b_new, X, Y, loss=loss)
    return Step(float(w), float(b), cost, float(dw[0, 0]), float(db), float(rate), w_new, b_new, cost_new)


def frame_steps(n_points: int, max_frames: int = MAX_FRAMES) -> np.ndarray:
    """At most ``max_frames`` evenly spaced indices of 0 … n_points − 1, always the first and the last."""
    if n_points < 1:
        return np.zeros(0, dtype=int)
    count = min(n_points, max_frames)
    return np.unique(np.round(np.linspace(0, n_points - 1, count)).astype(int))


def path_csv(path: Path) -> str:
    """The path as CSV text: iteration, w, b, cost (full precision, so it reads back exactly)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for k in range(path.w.size):
        writer.writerow((k, repr(float(path.w[k])), repr(float(path.b[k])), repr(float(path.cost[k]))))
    return out.getvalue()


def read_path_csv(text: str) -> dict:
    """The columns of ``path_csv`` text as arrays: {"iteration": int, "w", "b", "cost": float}."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or tuple(rows[0]) != CSV_HEADER:
        raise ValueError(f"expected the header {','.join(CSV_HEADER)}")
    cols = np.array(rows[1:], dtype=float).reshape(-1, len(CSV_HEADER)).T  # (4, k + 1)
    return {"iteration": cols[0].astype(int), "w": cols[1], "b": cols[2], "cost": cols[3]}


def path_of_steps(points, loss: str, rate: float) -> Path:
    """A Path from (w, b, cost) triples taken one Step at a time (the step-by-step mode's trail)."""
    w, b, cost = (np.array(column, dtype=float) for column in zip(*points, strict=True))
    return Path(w, b, cost, loss, float(rate))
