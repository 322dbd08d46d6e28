"""The computation graph: chain-rule derivatives against independent finite differences and cost_and_grads."""

import math
import re
import subprocess
import sys

import numpy as np
import pytest

from core.lessons.graph import (
    INPUTS,
    M_MAX,
    STEPS,
    GraphPoint,
    apply_update,
    example_set,
    forward_backward,
    gradient_check,
    m_examples,
    revealed,
)
from core.neuron.model import cost_and_grads
from core.snippets.graph import graph_script

H = 1e-6  # the test's own central-difference step (independent of core.lessons.graph.FD_STEP)
POINTS = 25  # random graph points checked


def reference_loss(x1, w1, x2, w2, b, y):
    """L written out with the math module only: y·log(1 + e^−z) + (1 − y)·log(1 + e^z)."""
    z = w1 * x1 + w2 * x2 + b
    softplus = lambda t: max(t, 0.0) + math.log1p(math.exp(-abs(t)))  # noqa: E731  log(1 + e^t), stable
    return y * softplus(-z) + (1 - y) * softplus(z)


def random_points(seed=0):
    rng = np.random.default_rng(seed)
    for _ in range(POINTS):
        x1, w1, x2, w2, b = rng.uniform(-3, 3, 5)
        yield GraphPoint(float(x1), float(w1), float(x2), float(w2), float(b), float(rng.integers(0, 2)))


def test_chain_rule_gradients_match_central_differences_of_an_independent_loss():
    with np.errstate(all="raise"):
        for p in random_points():
            v = forward_backward(p)
            analytic = {"x1": v.dx1, "w1": v.dw1, "x2": v.dx2, "w2": v.dw2, "b": v.db}
            args = {name: getattr(p, name) for name in INPUTS}
            for name in INPUTS:
                plus, minus = dict(args, **{name: args[name] + H}), dict(args, **{name: args[name] - H})
                numeric = (reference_loss(**plus, y=p.y) - reference_loss(**minus, y=p.y)) / (2 * H)
                assert analytic[name] == pytest.approx(numeric, abs=1e-7), name


def test_graph_gradients_equal_cost_and_grads_for_one_example():
    for p in random_points(seed=1):
        v = forward_backward(p)
        cost, dw, db = cost_and_grads(np.array([[p.w1], [p.w2]]), p.b, np.array([[p.x1], [p.x2]]), np.array([[p.y]]))
        assert pytest.approx(cost, rel=1e-12) == v.L
        assert [v.dw1, v.dw2, v.db] == pytest.approx([dw[0, 0], dw[1, 0], db], rel=1e-12, abs=1e-15)


def test_da_is_minus_y_over_a_plus_one_minus_y_over_one_minus_a():
    for p in random_points(seed=2):
        v = forward_backward(p)
        assert v.da == pytest.approx(-p.y / v.a + (1 - p.y) / (1 - v.a), rel=1e-12)


def test_gradient_check_table_agrees_to_1e_6():
    for p in random_points(seed=3):
        rows = gradient_check(p)
        assert [r[0] for r in rows] == ["a", "z", "w1", "x1", "w2", "x2", "b"]
        assert all(diff < 1e-6 for *_, diff in rows)


def test_da_is_infinite_in_words_not_nan_when_a_rounds_to_one():
    p = GraphPoint(10.0, 10.0, 10.0, 10.0, 10.0, 0.0)  # z = 210: σ(z) is exactly 1.0 in float64
    with np.errstate(all="raise"):
        v = forward_backward(p)
        rows = gradient_check(p)
    assert v.a == 1.0 and v.da == math.inf and not v.da_finite
    assert v.dz == 1.0 and math.isfinite(v.L) and pytest.approx(210.0) == v.L
    assert rows[0][2] is None and rows[0][3] is None  # no estimate for da, no NaN
    assert all(d < 1e-6 for *_, d in rows[1:])


def test_da_stays_finite_when_the_label_matches_the_saturated_output():
    v = forward_backward(GraphPoint(10.0, 10.0, 10.0, 10.0, 10.0, 1.0))
    assert v.da == -1.0 and v.dz == 0.0 and pytest.approx(0.0, abs=1e-90) == v.L


def test_one_update_moves_against_the_gradient_and_lowers_the_loss():
    for p in random_points(seed=4):
        v = forward_backward(p)
        new, new_loss = apply_update(p, 0.1)
        assert (new.w1, new.w2, new.b) == pytest.approx((p.w1 - 0.1 * v.dw1, p.w2 - 0.1 * v.dw2, p.b - 0.1 * v.db))
        assert (new.x1, new.x2, new.y) == (p.x1, p.x2, p.y)
        assert new_loss < v.L or v.dz == 0.0
        assert new_loss == pytest.approx(reference_loss(new.x1, new.w1, new.x2, new.w2, new.b, new.y), rel=1e-12)


def test_reveal_lights_forward_left_to_right_then_gradients_right_to_left():
    assert revealed(0) == (frozenset(), frozenset())
    values, grads = revealed(1)
    assert values == set(INPUTS) | {"y"} and grads == set()
    assert revealed(4)[0] == set(INPUTS) | {"y", "z", "a", "L"} and revealed(4)[1] == set()
    assert revealed(5)[1] == {"L"} and revealed(6)[1] == {"L", "a"} and revealed(7)[1] == {"L", "a", "z"}
    assert revealed(len(STEPS))[1] == set(INPUTS) | {"L", "a", "z"}


@pytest.mark.parametrize("m", [1, 4, M_MAX])
def test_two_loop_and_vectorized_m_example_gradients_agree_to_1e_12(m):
    p = GraphPoint(0.0, 0.7, 0.0, -1.3, 0.4, 1.0)
    X, Y = example_set(m, seed=m)
    res = m_examples(p, X, Y)
    (lj, ldw, ldb), (vj, vdw, vdb) = res.loop, res.vectorized
    assert abs(lj - vj) < 1e-12 and np.max(np.abs(ldw - vdw)) < 1e-12 and abs(ldb - vdb) < 1e-12
    assert res.max_diff < 1e-12
    assert vdw.ravel() == pytest.approx([np.mean([r.dw1 for r in res.per_example]),
                                         np.mean([r.dw2 for r in res.per_example])], rel=1e-12)
    assert vdb == pytest.approx(np.mean([r.dz for r in res.per_example]), rel=1e-12)


def test_example_set_is_seeded_bounded_and_has_both_labels():
    X, Y = example_set(4, seed=7)
    X2, Y2 = example_set(4, seed=7)
    assert X.shape == (2, 4) and Y.shape == (1, 4) and np.array_equal(X, X2) and np.array_equal(Y, Y2)
    assert set(np.unique(Y)) == {0, 1}  # both classes, so dz has both signs
    with pytest.raises(ValueError):
        example_set(M_MAX + 1)


def _printed(script: str) -> dict:
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return {k: float(v) for k, v in re.findall(r"^(\w+) = (\S+)$", out, flags=re.M)}


def test_reproduce_script_prints_the_same_numbers_as_core():
    p = GraphPoint(1.0, 0.5, 2.0, -0.5, 0.2, 1.0)
    X, Y = example_set(5, seed=3)
    got = _printed(graph_script(p, 0.3, X, Y))
    v = forward_backward(p)
    new, new_loss = apply_update(p, 0.3)
    res = m_examples(p, X, Y)
    expected = {"z": v.z, "a": v.a, "L": v.L, "da": v.da, "dz": v.dz, "dw1": v.dw1, "dw2": v.dw2, "db": v.db,
                "w1_new": new.w1, "w2_new": new.w2, "b_new": new.b, "L_new": new_loss,
                "loop_dw1": res.loop[1][0, 0], "loop_dw2": res.loop[1][1, 0], "loop_db": res.loop[2],
                "vec_dw1": res.vectorized[1][0, 0], "vec_dw2": res.vectorized[1][1, 0], "vec_db": res.vectorized[2]}
    assert set(expected) <= set(got)
    for name, value in expected.items():
        assert got[name] == pytest.approx(value, rel=1e-12, abs=1e-15), name
