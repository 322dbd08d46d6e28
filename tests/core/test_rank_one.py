"""The rank-1 lesson's arrays are what NumPy itself returns, checked against independent computations."""

import ast
import subprocess
import sys

import numpy as np
import pytest

from core.lessons.rank_one import N_MAX, N_MIN, array_text, rank_one_arrays, shape_check
from core.snippets.rank_one import rank_one_script

SCRIPT_TIMEOUT = 60  # seconds the generated script may take on a slow shared machine
CASES = [(n, seed) for n in (N_MIN, 5, N_MAX) for seed in (0, 7)]


@pytest.mark.parametrize(("n", "seed"), CASES)
def test_shapes_are_the_ones_the_course_warns_about(n, seed):
    r = rank_one_arrays(n, seed)
    assert r.a.shape == r.a_t.shape == (n,)
    assert r.a_at.shape == ()
    assert r.col.shape == (n, 1) and r.row.shape == (1, n)
    assert r.outer.shape == r.silent.shape == (n, n)
    assert r.inner.shape == (1, 1) and r.fixed.shape == (n, 1)
    assert r.mean_flat.shape == (n,) and r.mean_keep.shape == (n, 1)


@pytest.mark.parametrize(("n", "seed"), CASES)
def test_values_match_loops_over_the_entries(n, seed):
    r = rank_one_arrays(n, seed)
    a = r.a.tolist()
    assert np.array_equal(r.a_t, r.a)  # .T really changed nothing
    assert r.a_at == pytest.approx(sum(v * v for v in a))
    assert r.inner[0, 0] == pytest.approx(sum(v * v for v in a))
    assert np.allclose(r.outer, [[ai * aj for aj in a] for ai in a])
    assert np.array_equal(r.silent, [[a[j] + a[i] for j in range(n)] for i in range(n)])  # row i: col[i] + a
    assert np.array_equal(r.fixed[:, 0], [2 * v for v in a])


def test_keepdims_centres_rows_and_the_rank_one_version_does_not():
    r = rank_one_arrays(5, 3)
    rows = r.X.tolist()
    assert np.allclose(r.mean_flat, [sum(row) / len(row) for row in rows])
    assert np.allclose(r.after_keep, 0.0)
    assert not np.allclose(r.after_flat, 0.0)
    assert np.allclose(r.centred_flat, r.X - r.mean_flat[None, :])  # subtracted along the wrong axis


def test_same_seed_same_arrays_other_seed_other_arrays():
    assert np.array_equal(rank_one_arrays(5, 1).a, rank_one_arrays(5, 1).a)
    assert not np.array_equal(rank_one_arrays(5, 1).a, rank_one_arrays(5, 2).a)


@pytest.mark.parametrize("n", [N_MIN - 1, N_MAX + 1])
def test_n_outside_the_lesson_range_is_refused(n):
    with pytest.raises(ValueError):
        rank_one_arrays(n, 0)


def test_shape_check_reports_like_a_failing_assert():
    r = rank_one_arrays(5, 0)
    assert shape_check(r.col, (5, 1)) is None
    message = shape_check(r.a, (5, 1))
    assert message.startswith("AssertionError") and "(5,)" in message
    with pytest.raises(AssertionError):
        assert r.a.shape == (5, 1)


def test_array_text_shows_rank_by_brackets_and_never_negative_zero():
    r = rank_one_arrays(4, 0)
    assert array_text(r.a).count("[") == 1 and array_text(r.col).count("[") == 4 + 1
    assert "-0.000" not in array_text(np.array([-1e-17, 0.0, 1e-17]))


def _printed(lines, label):
    return next(line.split(label, 1)[1].strip() for line in lines if line.startswith(label))


@pytest.mark.parametrize(("n", "seed"), [(5, 0), (N_MAX, 42)])
def test_reproduce_script_prints_cores_numbers(n, seed):
    r = rank_one_arrays(n, seed)
    out = subprocess.run([sys.executable, "-c", rank_one_script(n, seed)], capture_output=True, text=True,
                         check=True, timeout=SCRIPT_TIMEOUT).stdout.splitlines()
    assert float(_printed(out, "a @ a.T:").split()[0]) == float(r.a_at)
    assert float(_printed(out, "np.dot(row, col):").split()[0]) == r.inner[0, 0]
    assert _printed(out, "(a + col).shape:") == str(r.silent.shape)
    flat = ast.literal_eval(_printed(out, "row means after X - X.mean(axis=1):"))
    keep = ast.literal_eval(_printed(out, "row means after X - X.mean(axis=1, keepdims=True):"))
    assert flat == r.after_flat.tolist() and keep == r.after_keep.tolist()
