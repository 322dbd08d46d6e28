"""The model file: round trip, clear errors for bad files, and the shipped file is what training gives."""

import json
import zipfile
from dataclasses import replace

import numpy as np
import pytest

from core.data import loaders
from core.errors import LogitLabError
from core.neuron import model
from core.neuron.model_file import DEFAULT_MODEL, TrainedModel, TrainingRecord, load_model, save_model
from core.neuron.trainer import COST_EVERY, COURSE_ITERATIONS, COURSE_LEARNING_RATE, Trainer
from tests.core.test_data import assert_translated

N_X = 6  # features of the round-trip model
SEED = 11  # fixed seed for its weights
SAME_FLOAT64 = 1e-12  # retrained vs shipped model: float64 round-off only (measured ~2e-15 on w, ~5e-14 on p)
MAX_ASSET_BYTES = 200_000  # the shipped file is ~100 KB: compressed weights, never a copy of the dataset
META_KEYS = {"learning_rate", "iterations", "l2", "train_accuracy", "test_accuracy", "train_correct",
             "test_correct", "m_train", "m_test", "n_x", "costs", "cost_steps", "dataset_sha256", "numpy_version"}


RECORD = TrainingRecord(learning_rate=0.1, iterations=200, l2=0.5, cost_steps=(0, 100), costs=(0.69, 0.5), n_x=N_X,
                        m_train=9, m_test=3, train_correct=8, test_correct=2, train_baseline=55.5, test_baseline=66.6,
                        data_source="mine", method="gram", seconds=0.25, dataset_sha256=(("train.h5", "ab12"),),
                        numpy_version="2.4.6")  # every field set, nothing the file would drop other than the seconds


@pytest.fixture
def saved(tmp_path):
    rng = np.random.default_rng(SEED)
    w, b = rng.normal(size=(N_X, 1)), -0.25
    path = save_model(tmp_path / "m.npz", TrainedModel(w, b, RECORD))
    return path, w, b


def test_round_trip_keeps_weights_bias_and_record(saved):
    path, w, b = saved
    loaded = load_model(path)
    assert isinstance(loaded, TrainedModel)
    np.testing.assert_array_equal(loaded.w, w)
    assert loaded.w.dtype == np.float64 and loaded.b == b
    assert loaded.record == replace(RECORD, seconds=None)  # a run's duration is not part of the file
    X = np.random.default_rng(SEED + 1).normal(size=(N_X, 3))  # (n_x, m)
    np.testing.assert_array_equal(loaded.predict_proba(X), model.predict_proba(w, b, X))


def _write(path, meta) -> None:
    np.savez(path, w=np.zeros((N_X, 1)), b=np.array(0.0), meta=np.array(json.dumps(meta)))


def test_a_file_from_before_the_record_gained_fields_loads_with_them_empty(tmp_path):
    """The first model files held only the settings, the costs and the counts (and their percentages)."""
    old = {k: v for k, v in RECORD.file_meta().items() if k in ("learning_rate", "iterations", "l2", "cost_steps",
           "costs", "n_x", "m_train", "m_test", "train_correct", "test_correct", "train_accuracy", "test_accuracy")}
    _write(tmp_path / "old.npz", old)
    record = load_model(tmp_path / "old.npz").record
    assert (record.learning_rate, record.costs, record.train_accuracy) == (0.1, (0.69, 0.5), 100.0 * 8 / 9)
    assert (record.baselines, record.method, record.data_source, record.dataset_sha256) == (None, None, "course", ())


@pytest.mark.parametrize("meta", [{}, {"learning_rate": 0.1, "costs": [0.69, 0.5]},
                                  {**RECORD.file_meta(), "iterations": "many"}, {**RECORD.file_meta(), "m_test": 0}],
                         ids=["empty", "partial", "not_a_number", "no_test_examples"])
def test_a_file_without_a_complete_record_still_loads_its_weights(tmp_path, meta):
    _write(tmp_path / "hand_made.npz", meta)
    loaded = load_model(tmp_path / "hand_made.npz")
    assert loaded.record is None and loaded.w.shape == (N_X, 1)


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
    with np.load(DEFAULT_MODEL, allow_pickle=False) as npz:
        assert set(json.loads(str(npz["meta"]))) >= META_KEYS
    assert shipped.record.cost_steps == tuple(range(0, shipped.record.iterations, COST_EVERY))
    assert DEFAULT_MODEL.stat().st_size < MAX_ASSET_BYTES


def test_shipped_model_equals_retraining_from_the_course_files(course, course_dir):
    shipped = load_model()
    record = shipped.record
    assert (record.learning_rate, record.iterations, record.l2) == (COURSE_LEARNING_RATE, COURSE_ITERATIONS, 0)
    assert dict(record.dataset_sha256) == {name: loaders.sha256_of(course_dir / name) for name in loaders.COURSE_FILES}
    retrained = Trainer(record.learning_rate, record.iterations, record.l2).fit(course)
    np.testing.assert_allclose(retrained.w, shipped.w, rtol=0, atol=SAME_FLOAT64)
    assert retrained.b == pytest.approx(shipped.b, rel=0, abs=SAME_FLOAT64)
    for X in (course.train_x, course.test_x):
        gap = np.max(np.abs(retrained.predict_proba(X) - shipped.predict_proba(X)))
        assert gap <= SAME_FLOAT64
    for key in ("train_correct", "test_correct", "m_train", "m_test"):
        assert getattr(retrained.record, key) == getattr(record, key)
    np.testing.assert_allclose(retrained.record.costs, record.costs, rtol=0, atol=SAME_FLOAT64)
