"""Scalar photo features: computed as described, standardised, and built into lesson datasets."""

import numpy as np
import pytest

from core.data.features import (
    DATASETS,
    FEATURES,
    is_separable,
    lesson_dataset,
    needs_course,
    photo_feature,
    standardise,
)
from core.data.toy_data import one_feature_dataset
from core.errors import LogitLabError


def _photos():
    """Two 64×64 photos: pure red, and a grey at half brightness."""
    photos = np.zeros((2, 64, 64, 3), dtype=np.uint8)
    photos[0, ..., 0] = 255
    photos[1] = 128
    return photos


def test_features_match_their_definitions_on_simple_photos():
    photos = _photos()
    np.testing.assert_allclose(photo_feature(photos, "brightness"), [1 / 3, 128 / 255])
    np.testing.assert_allclose(photo_feature(photos, "warmth"), [1.0, 0.0])
    np.testing.assert_allclose(photo_feature(photos, "saturation"), [1.0, 0.0])


def test_unknown_feature_is_refused():
    with pytest.raises(ValueError):
        photo_feature(_photos(), "smell")


def test_standardise_gives_zero_mean_unit_variance_and_survives_a_constant():
    z, mean, std = standardise(np.array([1.0, 2.0, 6.0]))
    assert z.mean() == pytest.approx(0.0, abs=1e-15) and z.std() == pytest.approx(1.0)
    assert (mean, std) == pytest.approx((3.0, np.std([1.0, 2.0, 6.0])))
    z, _, std = standardise(np.full(4, 7.0))
    assert std == 1.0 and np.all(z == 0.0)


def test_toy_datasets_need_no_course_data():
    for name in ("overlapping", "separable"):
        X, Y = lesson_dataset(name)
        assert not needs_course(name)
        np.testing.assert_array_equal(X, one_feature_dataset(name)[0])


def test_cat_dataset_without_course_data_says_how_to_install_it():
    assert needs_course("cat_brightness")
    with pytest.raises(LogitLabError, match="LOGITLAB_DATA") as info:
        lesson_dataset("cat_brightness")
    assert info.value.key == "surface.no_data"


def test_separability_of_the_toy_sets():
    assert is_separable(*one_feature_dataset("separable"))
    assert not is_separable(*one_feature_dataset("overlapping", m=200))
    assert is_separable(np.array([[0.0, 1.0, 1.0, 2.0]]), np.array([[0, 0, 1, 1]]))  # a tie still separates


@pytest.mark.parametrize("feature", FEATURES)
def test_cat_features_are_standardised_over_the_training_photos(course, feature):
    X, Y = lesson_dataset(f"cat_{feature}", course)
    assert X.shape == (1, 209) and Y.shape == (1, 209)
    assert X.mean() == pytest.approx(0.0, abs=1e-12) and X.std() == pytest.approx(1.0)
    raw = photo_feature(course.train_x_orig, feature)
    np.testing.assert_allclose(X.ravel(), (raw - raw.mean()) / raw.std())
    assert not is_separable(X, Y)
    assert set(DATASETS) >= {f"cat_{feature}"}
