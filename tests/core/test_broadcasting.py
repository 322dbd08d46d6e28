"""The step-by-step broadcasting rules agree with NumPy itself, shape and values, on many random shapes."""

import subprocess
import sys

import numpy as np
import pytest

from core.lessons.broadcasting import (
    CHECK_CAP,
    OPS,
    PICTURE_CAP,
    axis_steps,
    explain,
    explain_matmul,
    is_small,
    n_elements,
    operands,
    picture,
    predicted,
    stretch,
)
from core.lessons.shape_text import MAX_ELEMENTS, MAX_SIZE
from core.snippets.broadcasting import broadcasting_script

RANDOM_CASES = 400  # random shape sets per test
MAX_TEST_RANK = 4  # ranks 0 … 4 in the random shapes
SIZES = (0, 1, 1, 1, 2, 3, 4)  # axis sizes drawn at random: 1 is common, as in real broadcasting
HUGE_SIZES = (0, 1, 1, 1, 2, 7, 65_536, MAX_SIZE - 1)  # the parser's largest size: three of them pass 2⁶³ − 1
MAX_HUGE_RANK = 5  # ranks 0 … 5 in the huge shapes


def _random_shapes(rng, count):
    """``count`` random shapes, often made compatible by copying sizes of the first."""
    base = tuple(int(n) for n in rng.choice(SIZES, size=rng.integers(0, MAX_TEST_RANK + 1)))
    shapes = []
    for _ in range(count):
        rank = int(rng.integers(0, len(base) + 1))
        tail = base[len(base) - rank:]
        shapes.append(tuple(1 if rng.random() < 0.4 else (n if rng.random() < 0.8 else int(rng.choice(SIZES)))
                            for n in tail))
    return tuple(shapes)


@pytest.mark.parametrize("count", [2, 3])
def test_rules_give_numpys_shape_or_fail_where_numpy_fails(count):
    rng = np.random.default_rng(count)
    outcomes, kinds = set(), set()
    for _ in range(RANDOM_CASES):
        shapes = _random_shapes(rng, count)
        b = explain(shapes)
        try:
            expected = np.broadcast_shapes(*shapes)
        except ValueError:
            expected = None
        assert b.shape == expected, shapes
        assert b.numpy_shape == expected
        assert (b.numpy_error is None) == (expected is not None)
        outcomes.add(expected is None)
        kinds.update({"scalar": () in shapes, "zero": any(0 in s for s in shapes)}.items())
    assert outcomes == {True, False}  # both compatible and incompatible sets were drawn
    assert {("scalar", True), ("zero", True)} <= kinds  # scalars and 0-length axes were among them


@pytest.mark.parametrize("op", list(OPS))
def test_step_by_step_copies_equal_numpys_real_result(op):
    rng = np.random.default_rng(len(op) + ord(op))
    checked = 0
    for _ in range(RANDOM_CASES):
        shapes = _random_shapes(rng, int(rng.integers(2, 4)))
        arrays = operands(shapes)
        try:
            real = arrays[0]
            for a in arrays[1:]:
                real = OPS[op](real, a)
        except ValueError:
            continue
        guess = predicted(shapes, op)
        assert guess.shape == real.shape and np.array_equal(guess, real), shapes
        assert explain(shapes, op).checked
        checked += 1
    assert checked > RANDOM_CASES // 4


def test_zero_length_axis_against_one_gives_zero_not_the_maximum():
    b = explain([(0, 3), (1, 3)])
    assert b.shape == (0, 3) == np.broadcast_shapes((0, 3), (1, 3))
    assert b.steps[0].stretched == (False, True)
    assert explain([(0,), (2,)]).shape is None


def test_scalars_broadcast_to_anything():
    assert explain([(), ()]).shape == ()
    assert explain([(12288, 209), ()]).shape == (12288, 209)
    assert explain([(), (2, 3), ()]).checked


def test_padding_is_on_the_left_and_marked():
    b = explain([(5,), (5, 1)])
    assert b.padded == ((1, 5), (5, 1))
    assert [s.sizes for s in b.steps] == [(None, 5), (5, 1)]
    assert [s.from_right for s in b.steps] == [-2, -1]
    assert b.shape == (5, 5)


def test_failing_axis_is_named_and_numpys_messages_are_captured():
    b = explain([(2, 3), (2, 4)])
    assert [s.from_right for s in b.failing] == [-1]
    assert b.steps[0].verdict == "equal" and b.steps[1].verdict == "fail"
    with pytest.raises(ValueError) as real:
        np.zeros((2, 3)) + np.zeros((2, 4))
    assert b.run_error == str(real.value)
    with pytest.raises(ValueError) as shapes_error:
        np.broadcast_shapes((2, 3), (2, 4))
    assert b.numpy_error == str(shapes_error.value)


def test_third_operand_failure_is_reported_after_the_first_two_succeed():
    b = explain([(3, 1), (1, 4), (5,)])
    assert [s.from_right for s in b.failing] == [-1]
    assert "operands could not be broadcast" in b.run_error and "(3,4) (5,)" in b.run_error


def test_huge_shapes_are_explained_without_allocating():
    shapes = [(10**8, 1, 7), (1, 10**8, 1)]
    assert not is_small(shapes)
    b = explain(shapes)
    assert b.shape == (10**8, 10**8, 7) and b.numpy_shape == b.shape
    assert not b.checked and b.run_error is None


def test_numpys_refusal_of_impossibly_large_results_is_the_verdict_too():
    b = explain([(999_999_999, 1, 1), (1, 999_999_999, 999_999_999)])  # the case: 10²⁷ elements
    assert b.shape is None and b.too_large and not b.failing
    assert b.numpy_shape is None and "too large" in b.numpy_error


@pytest.mark.parametrize("seed", range(4))
def test_verdict_on_huge_shapes_is_numpys_verdict(seed):
    """Sizes up to the parser's limit, so results pass 2⁶³ − 1 often; np.broadcast_shapes allocates nothing."""
    rng = np.random.default_rng(seed)
    verdicts = set()
    for _ in range(RANDOM_CASES):
        shapes = tuple(tuple(int(n) for n in rng.choice(HUGE_SIZES, size=rng.integers(0, MAX_HUGE_RANK + 1)))
                       for _ in range(rng.integers(2, 4)))
        if any(n_elements(s) > MAX_ELEMENTS for s in shapes):
            continue  # the shape parser refuses such an operand before the lab sees it
        b = explain(shapes)
        assert b.shape == b.numpy_shape, shapes
        assert b.too_large == (bool(b.numpy_error) and "too large" in b.numpy_error), shapes
        verdicts.add("ok" if b.shape is not None else "too_large" if b.too_large else "fail")
    assert verdicts == {"ok", "too_large", "fail"}  # the generated set exercises every verdict


@pytest.mark.parametrize(("shape", "refused"), [
    ((MAX_SIZE - 1,) * 3 + (0,), True),  # NumPy multiplies from the left: the product passes 2⁶³ − 1 before the 0
    ((0,) + (MAX_SIZE - 1,) * 3, False),  # a leading 0 ends the product at once
    ((MAX_SIZE - 1, MAX_SIZE - 1, 9), False), ((MAX_SIZE - 1, MAX_SIZE - 1, 10), True),  # 2⁶³ − 1 ≈ 9.2·10¹⁸
])
def test_size_check_is_numpys_left_to_right_product(shape, refused):
    b = explain([shape, (1,)])
    assert b.too_large == refused and (b.numpy_shape is None) == refused


def test_small_cap_counts_the_largest_intermediate():
    assert is_small([(CHECK_CAP,), (1,)])
    assert not is_small([(CHECK_CAP, 1), (1, 2)])


def test_empty_results_with_huge_axes_are_not_computed_by_hand():
    """(10⁹, 65536, 0, 1) holds nothing, but copying it by hand needs index grids of 10⁹ entries."""
    shapes = [(MAX_SIZE - 1, 65_536, 0, 1), (0, 1)]
    assert not is_small(shapes)
    b = explain(shapes)
    assert b.shape == b.numpy_shape == (MAX_SIZE - 1, 65_536, 0, 1) and not b.checked


def test_stretch_reads_index_zero_along_length_one_axes():
    a = np.arange(3).reshape(3, 1)
    assert np.array_equal(stretch(a, (3, 4)), np.repeat(a, 4, axis=1))
    assert stretch(np.array(7), ()) == 7


def test_picture_marks_exactly_the_copied_cells():
    pic = picture(explain([(3, 1), (1, 4)]))
    assert [v.shape for v in pic.values] == [(3, 4)] * 3
    assert pic.copied[0].sum() == 3 * 3 and not pic.copied[0][:, 0].any()
    assert pic.copied[1].sum() == 2 * 4 and not pic.copied[1][0].any()
    assert np.array_equal(pic.values[-1], pic.values[0] + pic.values[1])


def test_no_picture_for_big_deep_empty_or_failing_results():
    assert picture(explain([(PICTURE_CAP + 1,), (1,)])) is None
    assert picture(explain([(2, 2, 2), (1,)])) is None
    assert picture(explain([(0, 3), (1,)])) is None
    assert picture(explain([(3,), (4,)])) is None
    assert picture(explain([(), ()])) is not None


def test_rank_reported_by_steps_matches_longest_shape():
    assert len(axis_steps([(1,), (2, 3, 4), ()])) == 3


@pytest.mark.parametrize(("a", "b"), [
    ((1, 12288), (12288, 209)), ((5,), (5,)), ((5,), (5, 1)), ((4,), (4, 2)), ((2, 3, 4), (4, 2)),
    ((3,), (4,)), ((), (3,)), ((3,), ()), ((2, 3, 4), (5, 4, 2)), ((1, 3, 4), (5, 4, 2)), ((0, 3), (3, 2)),
    ((2, 3), (2, 3)), ((3, 2), (2, 3)),
])
def test_matmul_rule_matches_numpy(a, b):
    mm = explain_matmul(a, b)
    try:
        expected = np.matmul(np.zeros(a), np.zeros(b)).shape
    except ValueError:
        expected = None
    assert mm.shape == expected
    assert (mm.reason == "") == (expected is not None)


def test_matmul_inner_sizes_vanish_and_numpy_is_not_asked_for_huge_products():
    mm = explain_matmul((1, 12288), (12288, 209))
    assert mm.inner == (12288, 12288) and mm.shape == (1, 209)
    assert mm.numpy_shape is None and mm.numpy_error is None
    small = explain_matmul((3, 4), (4, 2))
    assert small.numpy_shape == (3, 2)
    assert explain_matmul((3, 4), (5, 2)).reason == "inner"
    assert "mismatch" in explain_matmul((3, 4), (5, 2)).numpy_error


def test_core_runs_without_floating_point_warnings_and_matches_numpy():
    with np.errstate(all="raise"):  # any overflow, division or invalid warning fails the test
        for op, ufunc in OPS.items():
            b = explain([(3, 4), (1, 4)], op)
            assert b.shape == (3, 4) and b.checked and b.run_error is None
            col, row = np.array([[1.0], [2.0]]), np.array([[10.0, 20.0]])  # operands() for (2, 1) and (1, 2)
            cells = picture(explain([(2, 1), (1, 2)], op), op)
            np.testing.assert_array_equal(cells.values[-1], ufunc(col, row))
            assert cells.copied[0].tolist() == [[False, True], [False, True]]
            assert cells.copied[1].tolist() == [[False, False], [True, True]]


SCRIPT_TIMEOUT = 60  # seconds a generated script may take on a slow shared machine


def _run(script: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         timeout=SCRIPT_TIMEOUT)
    return out.stdout.splitlines()


@pytest.mark.parametrize(("shapes", "op"), [
    ([(3, 1), (1, 4)], "+"), ([(5,), (5, 1), ()], "-"), ([(3, 4), (1, 4)], "/"), ([(12288, 209), ()], "+"),
    ([(2, 3), (2, 4)], "*"), ([(3, 1), (1, 4), (5,)], "+"),
])
def test_reproduce_script_prints_cores_result_shape_and_values(shapes, op):
    b = explain(shapes, op)
    lines = _run(broadcasting_script(shapes, op))
    if b.shape is not None:
        assert f"result shape: {b.shape}" in lines
    else:
        assert f"error: {b.numpy_error}" in lines
    if b.checked:
        assert f"real result shape: {b.shape}" in lines
        assert str(predicted(shapes, op)) in "\n".join(lines)
    if b.run_error:
        assert f"real error: {b.run_error}" in lines


@pytest.mark.parametrize(("a", "b"), [((1, 300), (300, 20)), ((3,), (4,)), ((5,), (5, 1))])
def test_matmul_script_prints_cores_result_shape(a, b):
    mm = explain_matmul(a, b)
    lines = _run(broadcasting_script([a, b], "@"))
    expected = f"result shape: {mm.shape}" if mm.shape is not None else f"error: {mm.numpy_error}"
    assert lines == [expected]
