"""core.lessons.explain against NumPy itself, core.neuron.model, the course's counts and central differences."""

import numpy as np
import pytest

from core.data import image
from core.lessons import explain, paging
from core.neuron import baseline, model
from core.neuron.model_file import load_model

SEED = 7  # fixed seed: every run checks the same random photo
N_X = 64 * 64 * 3  # the model's input size
M = 209  # a training-set size for the gradient share
FD_STEP = 1e-6  # central-difference step
FD_TOL = 1e-6  # allowed absolute error of the finite-difference check


@pytest.fixture
def photo():
    rng = np.random.default_rng(SEED)
    return rng.integers(0, 256, size=(64, 64, 3), dtype=np.uint8)


@pytest.fixture
def shipped():
    return load_model()


def test_photo_column_matches_course_reshape_and_scaling(photo):
    x = explain.photo_column(photo)
    assert x.shape == (N_X, 1)
    np.testing.assert_array_equal(x[:, 0], photo.reshape(-1) / 255.0)
    np.testing.assert_array_equal(explain.flat_preview(x), photo.reshape(-1)[:explain.PREVIEW_VALUES] / 255.0)


def test_logit_parts_add_up_to_z_and_z_is_w_dot_x_plus_b(photo, shipped):
    x = explain.photo_column(photo)
    with np.errstate(all="raise"):
        parts = explain.logit_parts(shipped.w, shipped.b, x)
    assert parts.positive >= 0 >= parts.negative
    assert parts.positive + parts.negative + parts.b == pytest.approx(parts.z, abs=1e-9)
    assert parts.z == pytest.approx(float(np.dot(shipped.w.ravel(), x.ravel())) + shipped.b, abs=1e-9)
    assert parts.p == pytest.approx(float(shipped.predict_proba(x)[0, 0]))
    assert parts.label == int(parts.p > 0.5)


def test_evidence_map_sums_to_w_dot_x_and_keeps_pixel_positions(photo, shipped):
    x = explain.photo_column(photo)
    ev = explain.evidence_map(shipped.w, x)
    assert ev.shape == (64, 64)
    assert ev.sum() == pytest.approx(float(np.dot(shipped.w.ravel(), x.ravel())), abs=1e-9)
    w_img = shipped.w.reshape(64, 64, 3)
    row, col = 10, 33
    assert ev[row, col] == pytest.approx(float(np.sum(w_img[row, col] * photo[row, col] / 255.0)))


def test_weight_channels_are_the_reshaped_weights_and_their_sum(shipped):
    red, green, blue, total = explain.weight_channels(shipped.w)
    np.testing.assert_array_equal(red.ravel(), shipped.w.ravel()[0::3])
    np.testing.assert_array_equal(blue.ravel(), shipped.w.ravel()[2::3])
    np.testing.assert_allclose(total, red + green + blue)


def test_symmetric_limit_is_the_largest_magnitude_and_never_zero():
    assert explain.symmetric_limit(np.array([-3.0, 1.0]), np.array([2.0])) == 3.0
    assert explain.symmetric_limit(np.zeros(4)) == 1.0


def test_enlarge_repeats_every_pixel_into_a_block(photo):
    big = image.enlarge(photo, 4)
    assert big.shape == (256, 256, 3) and big.dtype == photo.dtype
    np.testing.assert_array_equal(big[8:12, 20:24], np.broadcast_to(photo[2, 5], (4, 4, 3)))


def test_sigmoid_curve_contains_the_point_and_is_sigmoid():
    zs, ps = explain.sigmoid_curve(-30.0)
    assert zs.min() < -30.0 < zs.max()
    np.testing.assert_allclose(ps, 1 / (1 + np.exp(-zs)))


def test_majority_baseline_matches_the_course_dataset_counts(course):
    label, acc = baseline.majority_baseline(course.test_y)
    assert (label, acc) == (1, 100.0 * 33 / 50)  # README: 33 cats of 50 in test
    label, acc = baseline.majority_baseline(course.train_y)
    assert label == 0 and acc == pytest.approx(100.0 * 137 / 209)  # 137 non-cats of 209 in train


def test_shipped_model_scores_match_its_meta_and_mistakes_are_sorted(course, shipped):
    scores = explain.score_split(shipped.w, shipped.b, course.test_x, course.test_y)
    assert scores.accuracy == pytest.approx(shipped.record.test_accuracy)
    wrong = explain.misclassified(scores)
    assert len(wrong) == int(np.sum(~scores.correct)) == 50 - shipped.record.test_correct
    conf = explain.confidence(scores)[wrong]
    assert np.all(np.diff(conf) <= 0) and np.all(conf > 0.5)


def test_example_gradient_share_matches_central_differences_of_that_examples_loss(photo, shipped):
    x = explain.photo_column(photo)
    g = explain.example_gradient(shipped.w, shipped.b, x, 1, M)
    assert g.a == pytest.approx(float(model.sigmoid(model.forward(shipped.w, shipped.b, x))[0, 0]))
    assert g.dz == pytest.approx(g.a - 1)
    idx = 1234  # one weight, checked numerically: ∂L/∂w_i / m
    e = np.zeros_like(shipped.w)
    e[idx] = FD_STEP
    loss = lambda w: float(model.cross_entropy_from_logits(model.forward(w, shipped.b, x), 1)[0, 0])  # noqa: E731
    numeric = (loss(shipped.w + e) - loss(shipped.w - e)) / (2 * FD_STEP) / M
    analytic = (g.dz * x / M).reshape(64, 64, 3)
    assert analytic.reshape(-1)[idx] == pytest.approx(numeric, abs=FD_TOL)
    np.testing.assert_allclose(g.contribution, analytic.sum(axis=2))


@pytest.mark.parametrize("page, expected", [(0, range(0, 12)), (1, range(12, 20)), (5, range(12, 20)),
                                            (-1, range(0, 12))])
def test_page_slice_clamps_to_existing_pages(page, expected):
    assert paging.page_slice(20, page, 12) == expected


def test_baselines_from_course_counts_equal_those_computed_from_the_data(course):
    from_data = baseline.split_baselines(course)
    assert from_data["test"] == pytest.approx(66.0) and from_data["train"] == pytest.approx(65.55, abs=0.01)
    assert baseline.split_baselines(None) == pytest.approx(from_data)


def test_history_csv_reads_back_exactly():
    import csv
    import io

    from core.lessons.cat_training import history_csv

    steps, costs = [0, 10, 20], [0.6931471805599453, 0.5123456789012345, 1e-300]
    rows = list(csv.reader(io.StringIO(history_csv(steps, costs))))
    assert rows[0] == ["iteration", "cost"]
    assert [int(r[0]) for r in rows[1:]] == steps
    assert [float(r[1]) for r in rows[1:]] == costs
