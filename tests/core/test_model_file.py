"""The model file: round trip, clear errors for bad files, and the shipped file is what training gives."""

import json
import zipfile

import numpy as np
import pytest

from core.data import loaders
from core.errors import LogitLabError
from core.neuron import model
from core.neuron.model_file import DEFAULT_MODEL, TrainedModel, load_model, save_model
from core.train import COST_EVERY, COURSE_ITERATIONS, COURSE_LEARNING_RATE, fit
from tests.core.test_data import assert_translated

N_X = 6  # features of the round-trip model
SEED = 11  # fixed seed for its weights
SAME_FLOAT64 = 1e-12  # retrained vs shipped model: float64 round-off only (measured ~2e-15 on w, ~5e-14 on p)
MAX_ASSET_BYTES = 200_000  # the shipped file is ~100 KB: compressed weights, never a copy of the dataset
META_KEYS = {"learning_rate", "iterations", "l2", "train_accuracy", "test_accuracy", "train_correct",
             "test_correct", "m_train", "m_test", "n_x", "costs", "cost_steps", "dataset_sha256", "numpy_version"}


@pytest.fixture
def saved(tmp_path):
    rng = np.random.default_rng(SEED)
    w, b, meta = rng.normal(size=(N_X, 1)), -0.25, {"learning_rate": 0.1, "costs": [0.69, 0.5]}
    path = save_model(tmp_path / "m.npz", w, b, meta)
    return path, w, b, meta


def test_round_trip_keeps_weights_bias_and_meta(saved):
    path, w, b, meta = saved
    loaded = load_model(path)
    assert isinstance(loaded, TrainedModel)
    np.testing.assert_array_equal(loaded.w, w)
    assert loaded.w.dtype == np.float64 and loaded.b == b and loaded.meta == meta
    X = np.random.default_rng(SEED + 1).normal(size=(N_X, 3))  # (n_x, m)
    np.testing.assert_array_equal(loaded.predict_proba(X), model.predict_proba(w, b, X))


def test_model_file_holds_no_pickles(saved):
    path, *_ = saved
    with np.load(path, allow_pickle=False) as npz:
        assert sorted(npz.files) == ["b", "meta", "w"]
        assert npz["meta"].dtype.kind == "U"


def _load_error(path, key, *phrases):
    with pytest.raises(LogitLabError) as info:
        load_model(path)
    assert info.value.key == f"errors_data.{key}"
    for phrase in (str(path), *phrases):
        assert phrase in str(info.value)
    assert_translated(info.value)


def test_missing_file_is_a_clear_error(tmp_path):
    _load_error(tmp_path / "nothing.npz", "model_missing", "not found")


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04truncated zip"])
def test_corrupt_file_is_a_clear_error(tmp_path, content):
    path = tmp_path / "bad.npz"
    path.write_bytes(content)
    with pytest.raises(LogitLabError) as info:
        load_model(path)
    assert info.value.key in ("errors_data.model_not_npz", "errors_data.model_unreadable")
    assert str(path) in str(info.value)
    assert_translated(info.value)


def test_zip_with_garbage_entry_is_a_clear_error(tmp_path):
    path = tmp_path / "garbage.npz"
    with zipfile.ZipFile(path, "w") as zf:
        for name in ("w", "b", "meta"):
            zf.writestr(f"{name}.npy", b"garbage")
    _load_error(path, "model_unreadable", "readable")


def test_missing_entry_is_named(tmp_path):
    path = tmp_path / "no_meta.npz"
    np.savez(path, w=np.zeros((N_X, 1)), b=np.array(0.0))
    _load_error(path, "model_missing_entry", "'meta'")


@pytest.mark.parametrize("w, b, key", [
    (np.zeros(N_X), np.array(0.0), "model_bad_shape"),
    (np.zeros((N_X, 2)), np.array(0.0), "model_bad_shape"),
    (np.zeros((N_X, 1)), np.zeros(2), "model_bad_bias"),
    (np.full((N_X, 1), np.nan), np.array(0.0), "model_not_finite"),
], ids=["flat_w", "two_columns", "vector_bias", "nan_weights"])
def test_wrong_shapes_are_clear_errors(tmp_path, w, b, key):
    path = tmp_path / "shape.npz"
    np.savez(path, w=w, b=b, meta=np.array(json.dumps({})))
    _load_error(path, key)


def test_unreadable_meta_is_a_clear_error(tmp_path):
    path = tmp_path / "meta.npz"
    np.savez(path, w=np.zeros((N_X, 1)), b=np.array(0.0), meta=np.array("{not json"))
    _load_error(path, "model_bad_meta")


def test_shipped_model_loads_without_the_dataset(monkeypatch, tmp_path):
    monkeypatch.setenv(loaders.DATA_ENV, str(tmp_path / "no_data_here"))
    shipped = load_model()
    assert shipped.w.shape == (64 * 64 * 3, 1)
    assert set(shipped.meta) >= META_KEYS
    assert shipped.meta["cost_steps"] == list(range(0, shipped.meta["iterations"], COST_EVERY))
    assert DEFAULT_MODEL.stat().st_size < MAX_ASSET_BYTES


def test_shipped_model_equals_retraining_from_the_course_files(course, course_dir):
    shipped = load_model()
    meta = shipped.meta
    assert (meta["learning_rate"], meta["iterations"], meta["l2"]) == (COURSE_LEARNING_RATE, COURSE_ITERATIONS, 0)
    assert meta["dataset_sha256"] == {name: loaders.sha256_of(course_dir / name) for name in loaders.COURSE_FILES}
    hist, report = fit(course, meta["learning_rate"], meta["iterations"], meta["l2"])
    np.testing.assert_allclose(hist.w, shipped.w, rtol=0, atol=SAME_FLOAT64)
    assert hist.b == pytest.approx(shipped.b, rel=0, abs=SAME_FLOAT64)
    for X in (course.train_x, course.test_x):
        gap = np.max(np.abs(model.predict_proba(hist.w, hist.b, X) - shipped.predict_proba(X)))
        assert gap <= SAME_FLOAT64
    for key in ("train_correct", "test_correct", "m_train", "m_test"):
        assert report[key] == meta[key]
    np.testing.assert_allclose(report["costs"], meta["costs"], rtol=0, atol=SAME_FLOAT64)
