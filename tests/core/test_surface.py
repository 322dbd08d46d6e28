"""The broadcast cost grid equals cost_and_grads at every point; its minimum is honest."""

import re
import subprocess
import sys

import numpy as np
import pytest

from core.data.features import lesson_dataset
from core.data.toy_data import one_feature_dataset
from core.lessons.surface import cost_grid, cost_surface, grid_axes, true_minimum
from core.neuron.model import LOSS_NAMES, cost_and_grads
from core.snippets.surface import surface_script

SPAN = 6.0  # half-width of the grids tested
SIZE = 21  # grid points per axis in the pointwise checks


def _reference(X, Y, ws, bs, loss):
    """The grid by a double loop over cost_and_grads: the definition."""
    return np.array([[cost_and_grads(np.array([[w]]), b, X, Y, loss=loss)[0] for w in ws] for b in bs])


@pytest.mark.parametrize("kind", ["overlapping", "separable"])
@pytest.mark.parametrize("loss", LOSS_NAMES)
@pytest.mark.parametrize("method", ["fast", "direct"])
def test_grid_equals_cost_and_grads_at_every_point(kind, loss, method):
    X, Y = one_feature_dataset(kind)
    ws, bs = grid_axes(SPAN, SPAN, SIZE)
    with np.errstate(all="raise"):
        J = cost_grid(X, Y, ws, bs, loss, method=method)
    assert J.shape == (bs.size, ws.size)
    np.testing.assert_allclose(J, _reference(X, Y, ws, bs, loss), rtol=1e-12, atol=1e-14)


def test_grid_rows_follow_b_and_columns_follow_w():
    X, Y = one_feature_dataset("overlapping")
    ws, bs = np.array([-1.0, 0.5, 3.0]), np.array([-2.0, 1.0])
    J = cost_grid(X, Y, ws, bs)
    assert J[1, 2] == pytest.approx(cost_and_grads(np.array([[3.0]]), 1.0, X, Y)[0], rel=1e-12)


def test_large_ranges_fall_back_to_the_direct_path_without_overflow():
    X, Y = one_feature_dataset("overlapping")
    ws, bs = np.array([-400.0, 0.0, 400.0]), np.array([-300.0, 300.0])
    with np.errstate(over="raise", divide="raise", invalid="raise"):  # e^(−3000) underflowing to 0 is fine
        J = cost_grid(X, Y, ws, bs)
    np.testing.assert_allclose(J, _reference(X, Y, ws, bs, "cross_entropy"), rtol=1e-12)
    with pytest.raises(ValueError):
        cost_grid(X, Y, ws, bs, method="fast")


def test_grid_is_chunked_identically_for_many_examples(monkeypatch):
    import core.lessons.surface as surface

    X, Y = one_feature_dataset("overlapping", m=300, seed=3)
    ws, bs = grid_axes(SPAN, SPAN, SIZE)
    whole = cost_grid(X, Y, ws, bs)
    monkeypatch.setattr(surface, "CHUNK_ELEMENTS", 1000)  # force many small chunks
    np.testing.assert_allclose(cost_grid(X, Y, ws, bs), whole, rtol=1e-13)


def test_true_minimum_has_zero_gradient_and_lies_below_the_grid():
    X, Y = one_feature_dataset("overlapping")
    w, b, J = true_minimum(X, Y)
    cost, dw, db = cost_and_grads(np.array([[w]]), b, X, Y)
    assert abs(dw[0, 0]) < 1e-6 and abs(db) < 1e-6
    assert cost == pytest.approx(J)
    surface = cost_surface(X, Y, 2 * abs(w), 2 * abs(b) + 1)
    assert surface.J.min() >= J - 1e-12


def test_true_minimum_matches_scikit_learn_unpenalised_fit():
    from sklearn.linear_model import LogisticRegression

    X, Y = one_feature_dataset("overlapping", m=200, seed=5)
    w, b, _ = true_minimum(X, Y)
    ref = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X.T, Y.ravel())
    assert w == pytest.approx(ref.coef_[0, 0], rel=1e-5)
    assert b == pytest.approx(ref.intercept_[0], abs=1e-5)


def test_separable_data_has_no_finite_minimum_and_the_grid_lowest_is_on_the_edge():
    X, Y = one_feature_dataset("separable")
    assert true_minimum(X, Y) is None
    surface = cost_surface(X, Y, SPAN, SPAN)
    w, _, _ = surface.lowest()
    assert abs(w) == pytest.approx(SPAN)  # the cost keeps falling towards the grid's edge


def test_cat_feature_surface_has_a_bowl_minimum_inside(course):
    X, Y = lesson_dataset("cat_saturation", course)
    w, b, J = true_minimum(X, Y)
    surface = cost_surface(X, Y, SPAN, SPAN)
    gw, gb, gJ = surface.lowest()
    step = surface.ws[1] - surface.ws[0]
    assert abs(gw - w) <= step and abs(gb - b) <= step and gJ >= J


def test_reproduce_script_prints_the_same_lowest_grid_point():
    X, Y = one_feature_dataset("overlapping")
    for loss in LOSS_NAMES:
        surface = cost_surface(X, Y, SPAN, SPAN / 2, loss, size=SIZE)
        script = surface_script(X, Y, loss, SPAN, SPAN / 2, SIZE)
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
        w, b, cost = (float(v) for v in re.findall(r"= (\S+?)(?:,|$)", out.strip()))
        gw, gb, gJ = surface.lowest()
        assert (w, b) == (gw, gb)
        assert cost == pytest.approx(gJ, rel=1e-12)
