"""Check-yourself questions: every kind's exact answer against an independent NumPy computation (finite
differences, np.broadcast_shapes, real array operations), seeds that reproduce, and typed answers that are
parsed (never evaluated), including hostile ones."""

import csv
import functools
import io
import math

import numpy as np
import pytest

from core.data.toy_data import one_feature_dataset
from core.lessons import descent as descent_lesson
from core.lessons.graph import GraphPoint
from core.neuron.model_file import load_model
from core.quiz import KINDS, SEED_CAP, kind_rng, questions, reveal_question
from core.quiz.answers import FORMAT, MAX_ANSWER, RIGHT, WRONG, check, parse_number
from core.quiz.question import CHOICE, NUMBER, SHAPE
from core.quiz.summary import summary_csv

SEEDS = range(12)  # enough seeds to draw every variant of every kind several times
H = 1e-6  # central-difference step
FD_TOL = 1e-6  # finite differences agree with the exact derivative to this
X_TOY, Y_TOY = one_feature_dataset("overlapping")
MODEL = load_model()
PHOTO = np.random.default_rng(0).integers(0, 256, size=(64, 64, 3), dtype=np.uint8)  # any photo will do


def settings(page: str, **over) -> dict:
    """Realistic page settings (the pages' defaults unless overridden)."""
    base = {
        "sigmoid": {"z": 0.0, "w": 1.5, "b": -0.7},
        "loss": {"w": 1.0, "b": 0.3, "X": X_TOY, "Y": Y_TOY, "index": 3},
        "surface": {"X": X_TOY, "Y": Y_TOY, "span": 10.0, "loss": "cross_entropy"},
        "descent": {"X": X_TOY, "Y": Y_TOY, "w0": -4.0, "b0": 4.0, "rate": 0.5, "iterations": 100,
                    "loss": "cross_entropy"},
        "graph": {"point": GraphPoint(1.0, 0.5, 2.0, -0.5, 0.2, 1.0)},
        "vectorization": {"shapes": {"X": (12288, 209), "dZ": (1, 209), "dw": (12288, 1)}},
        "broadcasting": {"shapes": ((3, 1), (1, 4)), "op": "+"},
        "rank_one": {"n": 5},
        "cat_classifier": {"photo": PHOTO, "model": MODEL},
    }[page]
    return {**base, **over}


def σ(z):
    return 0.5 * (1.0 + np.tanh(np.asarray(z, dtype=float) / 2))  # σ written another way, stable everywhere


def J(w, b, X, Y, loss="cross_entropy"):
    z = w * X + b
    per = (Y * np.logaddexp(0, -z) + (1 - Y) * np.logaddexp(0, z) if loss == "cross_entropy"
           else 0.5 * (σ(z) - Y) ** 2)
    return float(per.mean())


def fd(f, x):
    return (f(x + H) - f(x - H)) / (2 * H)


def num(q, name):
    return float(q.params[name])


def shape_or_none(fn):
    try:
        return fn()
    except ValueError:
        return None


# ---- every kind's answer, computed independently ------------------------------------------------

def expected_sigmoid(q, s):
    p = q.params
    return {
        "sigmoid_decision": lambda: -s["b"] / s["w"],
        "sigmoid_flat": lambda: float(σ(s["b"])),
        "sigmoid_value": lambda: float(σ(num(q, "z"))),
        "sigmoid_slope": lambda: fd(lambda z: float(σ(z)), num(q, "z")),
        "sigmoid_label": lambda: "label_1" if σ(num(q, "w") * num(q, "x") + num(q, "b")) > 0.5 else "label_0",
    }[q.kind]() if q.kind in ("sigmoid_decision", "sigmoid_flat", "sigmoid_value", "sigmoid_slope",
                              "sigmoid_label") else pytest.fail(f"unknown kind {q.kind} {p}")


def expected_loss(q, s):
    X, Y, w, b = s["X"][0], s["Y"][0], s["w"], s["b"]
    if q.kind == "loss_larger":
        a, y = σ(w * X[s["index"]] + b), Y[s["index"]]
        ce, sq = -(y * np.log(a) + (1 - y) * np.log(1 - a)), 0.5 * (a - y) ** 2
        return "loss_cross_entropy" if ce >= sq else "loss_squared_error"
    if q.kind == "loss_value":
        a, y = num(q, "y_hat"), num(q, "y")
        return -math.log(a) if y == 1 else -math.log(1 - a)
    if q.kind == "loss_likelihood":
        i = int(q.params["i"])
        a = float(σ(w * X[i] + b))
        return a if Y[i] == 1 else 1 - a
    if q.kind == "loss_chord":
        loss = "cross_entropy" if "log" in q.params["loss"] else "squared_error"
        w1, w2 = num(q, "w1"), num(q, "w2")
        mid = J((w1 + w2) / 2, b, X, Y, loss)
        return "yes" if mid <= (J(w1, b, X, Y, loss) + J(w2, b, X, Y, loss)) / 2 + 1e-12 else "no"
    pytest.fail(f"unknown kind {q.kind}")


@functools.cache
def _lowest_quadrant(span, loss):
    axis = np.linspace(-span, span, 81)  # the surface page's 81 × 81 grid
    grid = np.array([[J(w, b, X_TOY[0], Y_TOY[0], loss) for w in axis] for b in axis])  # rows: b
    i, j = np.unravel_index(np.argmin(grid), grid.shape)
    return f"w_{'pos' if axis[j] >= 0 else 'neg'}_b_{'pos' if axis[i] >= 0 else 'neg'}"


def expected_surface(q, s):
    X, Y = s["X"][0], s["Y"][0]
    if q.kind == "surface_lowest":
        return _lowest_quadrant(s["span"], s["loss"])
    if q.kind == "surface_origin":
        return math.log(2) if "log" in q.params["loss"] else float(np.mean(0.5 * (0.5 - Y) ** 2))
    if q.kind == "surface_slope":
        slope = fd(lambda w: J(w, num(q, "b"), X, Y), num(q, "w"))
        return "rises" if slope > 0 else "falls"
    pytest.fail(f"unknown kind {q.kind}")


def _numpy_path(s):
    X, Y, w, b = s["X"][0], s["Y"][0], s["w0"], s["b0"]
    ws, bs, costs = [w], [b], [J(w, b, X, Y, s["loss"])]
    for _ in range(s["iterations"]):
        dw = fd(lambda v, b=b: J(v, b, X, Y, s["loss"]), w)
        db = fd(lambda v, w=w: J(w, v, X, Y, s["loss"]), b)
        w, b = w - s["rate"] * dw, b - s["rate"] * db
        ws.append(w), bs.append(b), costs.append(J(w, b, X, Y, s["loss"]))
    return descent_lesson.Path(np.array(ws), np.array(bs), np.array(costs), s["loss"], s["rate"])


@functools.cache
def _numpy_verdict(w0, b0, rate, iterations, loss):
    s = settings("descent", w0=w0, b0=b0, rate=rate, iterations=iterations, loss=loss)
    return descent_lesson.diagnose(_numpy_path(s)).kind


def expected_descent(q, s):
    X, Y = s["X"][0], s["Y"][0]
    if q.kind == "descent_verdict":
        return _numpy_verdict(s["w0"], s["b0"], s["rate"], s["iterations"], s["loss"])
    if q.kind == "descent_step_w":
        return s["w0"] - num(q, "rate") * fd(lambda w: J(w, s["b0"], X, Y, s["loss"]), s["w0"])
    if q.kind == "descent_step_b":
        return s["b0"] - num(q, "rate") * fd(lambda b: J(s["w0"], b, X, Y, s["loss"]), s["b0"])
    if q.kind == "descent_lower":
        rate = num(q, "rate")
        w = s["w0"] - rate * fd(lambda v: J(v, s["b0"], X, Y, s["loss"]), s["w0"])
        b = s["b0"] - rate * fd(lambda v: J(s["w0"], v, X, Y, s["loss"]), s["b0"])
        return "yes" if J(w, b, X, Y, s["loss"]) < J(s["w0"], s["b0"], X, Y, s["loss"]) else "no"
    pytest.fail(f"unknown kind {q.kind}")


def L_of_a(a, y):
    return -(y * np.log(a) + (1 - y) * np.log(1 - a))


def expected_graph(q, s):
    if q.kind == "graph_dw1":
        p = s["point"]
        return fd(lambda w1: float(L_of_a(σ(w1 * p.x1 + p.w2 * p.x2 + p.b), p.y)), p.w1)
    if q.kind == "graph_dz":
        return num(q, "a") - num(q, "y")
    if q.kind == "graph_da":
        return fd(lambda a: float(L_of_a(a, num(q, "y"))), num(q, "a"))
    if q.kind == "graph_update":
        return num(q, "w1") - num(q, "alpha") * num(q, "dw1")
    pytest.fail(f"unknown kind {q.kind}")


def _shape_of(text):
    return tuple(int(v) for v in text.strip("()").split(",") if v.strip())


def expected_vectorization(q, s):
    n_x, m = _shape_of(q.params["X"])
    X, w, Y = np.zeros((n_x, m)), np.zeros((n_x, 1)), np.zeros((1, m))
    Z = w.T @ X + 0.0
    return {"vec_dw": lambda: (X @ (Z - Y).T / m).shape, "vec_z": lambda: Z.shape, "vec_dz": lambda: (Z - Y).shape,
            "vec_w": lambda: w.shape}[q.kind]()


def _operands(expr, op):
    return [np.zeros(_shape_of(part)) for part in expr.split(f" {op} ")]


def expected_broadcasting(q, s):
    expr = q.params["expr"]
    if q.kind == "bc_matmul" or " @ " in expr:
        a, b = _operands(expr, "@")
        return shape_or_none(lambda: (a @ b).shape)
    op = next(o for o in (" + ", " - ", " * ", " / ") if o in expr)
    shapes = [_shape_of(part) for part in expr.split(op)]
    if q.kind == "bc_axis":
        rank = max(map(len, shapes))
        padded = [(1,) * (rank - len(sh)) + sh for sh in shapes]
        bad = [k - rank for k in range(rank) if len({sizes[k] for sizes in padded} - {1}) > 1]
        with pytest.raises(ValueError):
            np.broadcast_shapes(*shapes)
        assert len(bad) == 1
        return bad[0]
    return shape_or_none(lambda: np.broadcast_shapes(*shapes))


def expected_rank_one(q, s):
    n = int(q.params["n"])
    a = np.arange(1.0, n + 1)
    col, X = a.reshape(n, 1), np.ones((n, n))
    return {"r1_silent": lambda: (a + col).shape, "r1_inner": lambda: np.asarray(a @ a.T).shape,
            "r1_transpose": lambda: a.T.shape, "r1_mean": lambda: X.mean(axis=1).shape,
            "r1_mean_keep": lambda: X.mean(axis=1, keepdims=True).shape}[q.kind]()


def expected_cat(q, s):
    if q.kind == "cat_verdict":
        x = s["photo"].reshape(-1, 1) / 255.0
        return "cat" if σ(float((MODEL.w.T @ x)[0, 0]) + MODEL.b) > 0.5 else "non_cat"
    if q.kind == "cat_p":
        return float(σ(num(q, "z")))
    if q.kind == "cat_shape":
        side = int(q.params["side"])
        return np.zeros((side, side, 3)).reshape(-1, 1).shape
    if q.kind == "cat_z":
        return "cat" if num(q, "z") > 0 else "non_cat"
    pytest.fail(f"unknown kind {q.kind}")


EXPECTED = {"sigmoid": expected_sigmoid, "loss": expected_loss, "surface": expected_surface,
            "descent": expected_descent, "graph": expected_graph, "vectorization": expected_vectorization,
            "broadcasting": expected_broadcasting, "rank_one": expected_rank_one, "cat_classifier": expected_cat}
ROUNDED = {"graph_dz", "graph_update"}  # kinds whose expected answer is worked from the prompt's rounded numbers
VARIANTS = {  # extra settings per page, so the page's own question meets its other cases
    "sigmoid": [{"w": 0.0, "b": 1.2}],
    "loss": [{"b": -2.0, "index": 17}],
    "surface": [{"loss": "squared_error", "span": 4.0}],
    "descent": [{"rate": 20.0, "iterations": 50}, {"rate": 0.001, "iterations": 20}, {"loss": "squared_error"}],
    "graph": [{"point": GraphPoint(-3.0, 2.0, 1.5, -1.0, 0.5, 0.0)}],
    "vectorization": [{"shapes": {"X": (7, 3), "dZ": (1, 3), "dw": (7, 1)}}],
    "broadcasting": [{"shapes": ((3, 4), (2, 4)), "op": "+"}, {"shapes": ((2, 3), (3, 5)), "op": "@"},
                     {"shapes": ((2, 3), (4, 5)), "op": "@"}, {"shapes": ((5,), (5, 1), (1, 1, 5)), "op": "*"}],
    "rank_one": [{"n": 8}],
    "cat_classifier": [{"photo": np.full((64, 64, 3), 255, dtype=np.uint8)}],
}


def _agrees(q, expected):
    if q.answer_kind == NUMBER and q.kind in ROUNDED:  # worked from the prompt's rounded numbers: still right
        return abs(q.answer - expected) <= q.tolerance / 2 and check(q, f"{expected:.4f}").status == RIGHT
    if q.answer_kind == NUMBER:
        return abs(q.answer - expected) <= FD_TOL
    return q.answer == (None if expected is None else tuple(expected)) if q.answer_kind == SHAPE \
        else q.answer == expected


@pytest.mark.parametrize("page", list(KINDS))
def test_every_answer_equals_an_independent_computation(page):
    with np.errstate(all="raise"):
        for extra in [{}, *VARIANTS[page]]:
            s = settings(page, **extra)
            for seed in SEEDS:
                for q in questions(page, seed, s):
                    expected = EXPECTED[page](q, s)
                    assert _agrees(q, expected), (page, seed, q.kind, q.params, q.answer, expected)


@pytest.mark.parametrize("page", list(KINDS))
def test_every_page_asks_at_least_three_kinds(page):
    kinds = {q.kind.split("_mean")[0] for seed in SEEDS for q in questions(page, seed, settings(page))}
    assert 3 <= len(KINDS[page]) <= 5 and len(kinds) >= 3


@pytest.mark.parametrize("page", list(KINDS))
def test_the_same_seed_gives_the_same_questions_and_another_seed_others(page):
    s = settings(page)
    first = [q.fingerprint for q in questions(page, 7, s)]
    assert first == [q.fingerprint for q in questions(page, 7, s)]
    assert any([q.fingerprint for q in questions(page, seed, s)] != first for seed in range(8, 14))


@pytest.mark.parametrize("page", list(KINDS))
def test_the_reveal_question_is_question_one_and_follows_the_page(page):
    s = settings(page)
    assert reveal_question(page, 3, s).fingerprint == questions(page, 3, s)[0].fingerprint
    others = [reveal_question(page, 3, settings(page, **extra)).fingerprint for extra in VARIANTS[page]]
    assert all(other != questions(page, 3, s)[0].fingerprint for other in others)


def test_the_descent_verdict_from_the_pages_own_path_is_the_same_question():
    s = settings("descent", rate=20.0)
    given = {**s, "path": descent_lesson.run_path(s["X"], s["Y"], s["w0"], s["b0"], s["rate"], s["iterations"])}
    assert reveal_question("descent", 0, given) == reveal_question("descent", 0, s)


def test_the_cat_page_without_a_photo_asks_the_other_questions():
    asked = questions("cat_classifier", 0, settings("cat_classifier", photo=None))
    assert [q.kind for q in asked] == ["cat_p", "cat_shape", "cat_z"]
    assert reveal_question("cat_classifier", 0, settings("cat_classifier", photo=None)) is None


def test_the_broadcasting_page_with_unreadable_shapes_asks_the_other_questions():
    asked = questions("broadcasting", 0, settings("broadcasting", shapes=None))
    assert [q.kind for q in asked] == ["bc_drawn", "bc_axis", "bc_matmul"]


@pytest.mark.parametrize("seed", [-1, SEED_CAP, 10**30])
def test_a_seed_out_of_range_is_refused(seed):
    with pytest.raises(ValueError, match="quiz seed"):
        kind_rng(seed, "sigmoid", KINDS["sigmoid"][0])


# ---- parsing and marking --------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("0.73", 0.73), ("0,73", 0.73), (" .73 ", 0.73), ("−0.5", -0.5), ("-2", -2.0), ("+1.5", 1.5),
    ("０.７３", 0.73), ("1e-3", 0.001), ("3.", 3.0), ("12 ", 12.0),
])
def test_numbers_are_read_in_the_ways_students_type_them(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", [
    "1/2", "2*3", "sqrt(2)", "0.7+0.03", "nan", "NaN", "inf", "-inf", "Infinity", "0x10", "1_000", "__import__('os')",
    "**0.73**", "<b>0.73</b>", "0.73; rm -rf /", "e", ".", "-", "1,2,3", "0.7.3", "1e", "[0.73]",
])
def test_anything_but_one_number_is_a_format_problem(text):
    with pytest.raises(ValueError, match="quiz.hint_number"):
        parse_number(text)


@pytest.mark.parametrize("text", ["1e309", "-1e309", "9e9999"])
def test_numbers_beyond_float64_are_refused_not_turned_into_infinity(text):
    with pytest.raises(ValueError, match="quiz.hint_finite"):
        parse_number(text)


def _q(page, kind_name, s=None):
    return next(q for seed in SEEDS for q in questions(page, seed, s or settings(page)) if q.kind == kind_name)


@pytest.mark.parametrize("text, hint", [
    ("", "quiz.hint_empty"), ("   ", "quiz.hint_empty"), (None, "quiz.hint_empty"), (0.73, "quiz.hint_empty"),
    ("7" * 10_000, "quiz.hint_too_long"), ("x" * (MAX_ANSWER + 1), "quiz.hint_too_long"),
    ("nan", "quiz.hint_number"), ("1e309", "quiz.hint_finite"), ("# 0.73", "quiz.hint_number"),
])
def test_hostile_number_answers_get_a_hint_never_an_exception(text, hint):
    verdict = check(_q("sigmoid", "sigmoid_value"), text)
    assert verdict.status == FORMAT and verdict.hint == hint


def test_a_number_is_right_within_its_tolerance_and_wrong_outside():
    q = _q("sigmoid", "sigmoid_value")
    assert check(q, f"{q.answer + 0.9 * q.tolerance:.6f}").status == RIGHT
    assert check(q, f"{q.answer - 0.9 * q.tolerance:.6f}").status == RIGHT
    assert check(q, f"{q.answer + 1.5 * q.tolerance:.6f}").status == WRONG
    assert check(q, f"{q.answer:.2f}".replace(".", ",")).status == RIGHT


def test_a_whole_number_answer_has_no_tolerance():
    q = _q("broadcasting", "bc_axis")
    assert check(q, f"{q.answer:g}").status == RIGHT
    assert check(q, f"{q.answer - 1:g}").status == WRONG
    assert check(q, f"{q.answer + 0.4:g}").status == WRONG


def test_shapes_are_read_by_the_broadcasting_labs_parser():
    q = _q("broadcasting", "bc_page")  # (3, 1) + (1, 4) -> (3, 4)
    for text in ("(3, 4)", "3x4", "3 4", "[3, 4]", "（３，４）", " (3,4) "):
        assert check(q, text).status == RIGHT, text
    assert check(q, "(4, 3)").status == WRONG
    assert check(q, "none").status == WRONG
    bad = check(q, "(3, 4")
    assert bad.status == FORMAT and bad.hint == "quiz.hint_shape" and bad.error.key == "errors_shapes.unpaired"
    assert check(q, "3.5 x 4").error.key == "errors_shapes.not_whole"


@pytest.mark.parametrize("word", ["none", "None", "无", "错误", "error"])
def test_none_answers_a_shape_numpy_refuses(word):
    q = _q("broadcasting", "bc_page", settings("broadcasting", shapes=((3, 4), (2, 4))))
    assert q.answer is None and check(q, word).status == RIGHT
    assert check(q, "(3, 4)").status == WRONG


def test_choices_are_only_their_options():
    q = _q("descent", "descent_verdict")
    assert q.answer_kind == CHOICE and check(q, q.answer).status == RIGHT
    assert check(q, next(o for o in q.options if o != q.answer)).status == WRONG
    for text in ("converges", "<script>", q.answer.upper(), "1"):
        assert check(q, text).status == FORMAT


def test_the_summary_csv_reads_back_and_defuses_spreadsheet_formulas():
    rows = [{"page": "Sigmoid", "question": "σ(1.0)?", "your_answer": "=HYPERLINK(\"x\")", "right_answer": "0.73",
             "verdict": "wrong"},
            {"page": "Loss", "question": "a, \"quoted\"\nline", "your_answer": "-1", "right_answer": "(3, 4)",
             "verdict": "right"}]
    back = list(csv.DictReader(io.StringIO(summary_csv(rows))))
    assert back[0]["your_answer"] == "'=HYPERLINK(\"x\")" and back[1]["your_answer"] == "'-1"
    assert back[1]["question"] == "a, \"quoted\"\nline" and back[1]["right_answer"] == "(3, 4)"
