"""The cost surface J(w, b): the broadcast grid of core.lessons.surface against a Python double loop calling
cost_and_grads once per grid point, on one-feature toy data with 1000 examples.

The loop is too slow for the full 200 × 200 grid, so it is timed on a 40 × 40 grid and scaled by the
number of points (its cost is exactly linear in them: one call per point). The broadcast grid is timed
on the full grid. Rows per cost: the automatic (fast) path against the loop, then against the direct
broadcast that calls the shared losses of core.neuron.model on every cell.
"""

import numpy as np

from bench.common import Row, median_ms, side_by_side
from core.data.toy_data import one_feature_dataset
from core.lessons.surface import cost_grid, grid_axes
from core.neuron.model import LOSS_NAMES, cost_and_grads

M = 1000  # examples
GRID = 200  # grid points per axis: the goal's 200 × 200 grid
LOOP_GRID = 40  # the double loop's grid per axis (scaled up by (GRID / LOOP_GRID)²)
SPAN = 10.0  # grid half-width for w and b
REPEATS = 5  # timed calls of the fast paths
LOOP_REPEATS = 3  # timed calls of the (slow) loop and the direct path
GOAL_MS = 100.0  # "tens of milliseconds" for 200 × 200 × 1000: under a tenth of a second


def _loop(X, Y, ws, bs, loss):
    """The definition: one cost_and_grads call per (w, b)."""
    return [[cost_and_grads(np.array([[w]]), b, X, Y, loss=loss)[0] for w in ws] for b in bs]


def rows() -> list[Row]:
    X, Y = one_feature_dataset("overlapping", m=M)
    ws, bs = grid_axes(SPAN, SPAN, GRID)
    small_ws, small_bs = grid_axes(SPAN, SPAN, LOOP_GRID)
    scale = (GRID / LOOP_GRID) ** 2
    out = []
    for loss in LOSS_NAMES:
        fast, loop_small = side_by_side(lambda loss=loss: cost_grid(X, Y, ws, bs, loss),
                                        lambda loss=loss: _loop(X, Y, small_ws, small_bs, loss), LOOP_REPEATS)
        fast = min(fast, median_ms(lambda loss=loss: cost_grid(X, Y, ws, bs, loss), REPEATS))
        out.append(Row(f"J grid {GRID}×{GRID}×{M}, {loss} (broadcast)", fast,
                       f"double loop of cost_and_grads (×{scale:.0f} of {LOOP_GRID}²)", loop_small * scale,
                       goal=f"≤ {GOAL_MS:.0f} ms", met=fast <= GOAL_MS))
        direct = median_ms(lambda loss=loss: cost_grid(X, Y, ws, bs, loss, method="direct"), LOOP_REPEATS)
        out.append(Row("  same, factorised e^(wx)·e^(b) path", fast, "direct broadcast (shared losses per cell)",
                       direct, goal="faster than direct", met=fast < direct))
    return out
