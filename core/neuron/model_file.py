"""The shipped model file: trained w and b plus the record of how they were trained.

An ``.npz`` (NumPy's zip of arrays, no pickles) holds ``w`` (n_x, 1), ``b`` (a 0-d array)
and ``meta`` (a JSON string): the ``TrainingRecord`` — learning_rate, iterations, l2, costs and
cost_steps, n_x, m_train, m_test, train/test accuracy (percent) and counts, and, from
``python -m core.train --out``, dataset_sha256 {file: sha256} and the NumPy version that trained it.
Files written before the record gained fields (the majority baselines, the data source, the method)
load with those fields empty; a file without a complete record still loads, with ``record = None``.
"""

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.errors import LogitLabError
from core.neuron import model

DEFAULT_MODEL = Path(__file__).parents[1] / "assets" / "cat_model.npz"  # core/assets, beside the rooms
ARRAYS = ("w", "b", "meta")  # the entries a model file must hold


@dataclass(frozen=True)
class TrainingRecord:
    """How a model was trained and how it scored: what the CLI prints, the file stores and the page shows."""

    learning_rate: float  # α
    iterations: int  # gradient-descent steps
    l2: float  # λ of the L2 penalty
    cost_steps: tuple[int, ...]  # steps at which J was recorded
    costs: tuple[float, ...]  # J at those steps
    n_x: int  # inputs per example
    m_train: int  # training examples
    m_test: int  # test examples
    train_correct: int  # training examples labelled right
    test_correct: int  # test examples labelled right
    train_baseline: float | None = None  # % right when always guessing the training set's majority label
    test_baseline: float | None = None  # the same on the test set
    data_source: str = "course"  # "course" (the course's photos) or "mine" (the student's own)
    method: str | None = None  # "gram" or "textbook": which trainer core.neuron.descent.train picked
    seconds: float | None = None  # wall time of the gradient descent (not stored in the file)
    dataset_sha256: tuple[tuple[str, str], ...] = ()  # (file name, sha256) of the training data files
    numpy_version: str = ""  # NumPy that trained the model

    @property
    def train_accuracy(self) -> float:
        """Percent right on the training set, from the counts (core.neuron.model.accuracy's formula)."""
        return 100.0 * self.train_correct / self.m_train

    @property
    def test_accuracy(self) -> float:
        """Percent right on the test set, from the counts."""
        return 100.0 * self.test_correct / self.m_test

    @property
    def baselines(self) -> dict | None:
        """{"train": %, "test": %} of always guessing the majority label, or None (older files)."""
        if self.train_baseline is None or self.test_baseline is None:
            return None
        return {"train": self.train_baseline, "test": self.test_baseline}

    def summary(self) -> dict:
        """Every field and both accuracies as JSON-ready values (the CLI's last line)."""
        fields = {name: getattr(self, name) for name in self.__dataclass_fields__}
        fields.update(cost_steps=list(self.cost_steps), costs=list(self.costs),
                      dataset_sha256=dict(self.dataset_sha256), train_accuracy=self.train_accuracy,
                      test_accuracy=self.test_accuracy)
        return fields

    def file_meta(self) -> dict:
        """The summary without what differs from run to run (the seconds) or is unknown: the file's ``meta``."""
        return {k: v for k, v in self.summary().items() if k != "seconds" and v not in (None, "", {})}

    @classmethod
    def from_meta(cls, meta: dict) -> "TrainingRecord | None":
        """The record a file's ``meta`` holds; None when it holds no complete one (a hand-made file)."""
        try:
            fields = {name: META_TYPES[name](meta[name]) for name in REQUIRED_META}
            fields.update({name: META_TYPES[name](meta[name]) for name in OPTIONAL_META if meta.get(name) is not None})
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        if fields["m_train"] < 1 or fields["m_test"] < 1:
            return None
        return cls(**fields)


def _numbers(kind):
    return lambda values: tuple(kind(v) for v in values)


META_TYPES = {  # how each stored field is read back
    "learning_rate": float, "iterations": int, "l2": float, "cost_steps": _numbers(int), "costs": _numbers(float),
    "n_x": int, "m_train": int, "m_test": int, "train_correct": int, "test_correct": int,
    "train_baseline": float, "test_baseline": float, "data_source": str, "method": str, "numpy_version": str,
    "dataset_sha256": lambda files: tuple(sorted((str(k), str(v)) for k, v in files.items())),
}
REQUIRED_META = ("learning_rate", "iterations", "l2", "cost_steps", "costs", "n_x", "m_train", "m_test",
                 "train_correct", "test_correct")  # in every file since the first shipped model
OPTIONAL_META = ("train_baseline", "test_baseline", "data_source", "method", "dataset_sha256", "numpy_version")


@dataclass(frozen=True)
class TrainedModel:
    """Weights and bias of a trained neuron, with how they were made (None for a file without a record)."""

    w: np.ndarray  # (n_x, 1) float64
    b: float
    record: TrainingRecord | None = None

    @property
    def n_x(self) -> int:
        """Number of input features (12288 for 64×64 RGB photos)."""
        return self.w.shape[0]

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """p(cat | x) for every column of X (n_x, m), shape (1, m)."""
        return model.predict_proba(self.w, self.b, X)


def save_model(path, trained: TrainedModel) -> Path:
    """Write w (n_x, 1), b and the training record (as JSON) to ``path`` as a compressed .npz."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    w = np.asarray(trained.w, dtype=np.float64).reshape(-1, 1)
    meta = trained.record.file_meta() if trained.record is not None else {}
    with path.open("wb") as fh:  # a file object: np.savez would otherwise append ".npz"
        np.savez_compressed(fh, w=w, b=np.array(float(trained.b)), meta=np.array(json.dumps(meta, sort_keys=True)))
    return path


def _bad(path: Path, problem: str, key: str, **params) -> LogitLabError:
    return LogitLabError(f"The model file {path} {problem}", key=f"errors_data.{key}", file=str(path), **params)


def _read_arrays(path: Path) -> dict:
    """The three arrays of a model file, or a LogitLabError saying what is wrong."""
    if not path.is_file():
        raise _bad(path, "was not found.", "model_missing")
    if not zipfile.is_zipfile(path):  # np.load would otherwise try (and refuse) to unpickle it
        raise _bad(path, "is not a .npz model file (it should be a zip of NumPy arrays).", "model_not_npz")
    try:
        with np.load(path, allow_pickle=False) as npz:
            found = {name: npz[name] for name in ARRAYS if name in npz.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as exc:
        raise _bad(path, f"is not a readable .npz model file ({exc}).", "model_unreadable") from exc
    not_arrays = [name for name, value in found.items() if not isinstance(value, np.ndarray)]
    if not_arrays:  # NpzFile hands back raw bytes for a member that is not a valid .npy
        raise _bad(path, f"is not a readable .npz model file ('{not_arrays[0]}' is not a NumPy array).",
                   "model_unreadable")
    missing = [name for name in ARRAYS if name not in found]
    if missing:
        raise _bad(path, f"has no '{missing[0]}' entry (it should hold w, b and meta).",
                   "model_missing_entry", name=missing[0])
    return found


def load_model(path=None) -> TrainedModel:
    """Read a model file (default: the shipped ``DEFAULT_MODEL``) and check its shapes."""
    path = Path(path) if path is not None else DEFAULT_MODEL
    arrays = _read_arrays(path)
    w, b = arrays["w"], arrays["b"]
    if w.ndim != 2 or w.shape[1] != 1 or w.shape[0] < 1 or not np.issubdtype(w.dtype, np.floating):
        raise _bad(path, f"has weights of shape {w.shape}; expected a float column (n_x, 1).",
                   "model_bad_shape", found=str(w.shape))
    if b.shape != () or not np.issubdtype(b.dtype, np.number):
        raise _bad(path, f"has a bias of shape {b.shape}; expected a single number.",
                   "model_bad_bias", found=str(b.shape))
    if not (np.all(np.isfinite(w)) and np.isfinite(b)):
        raise _bad(path, "contains weights that are not finite numbers.", "model_not_finite")
    try:
        meta = json.loads(str(arrays["meta"]))
    except json.JSONDecodeError as exc:
        raise _bad(path, f"has unreadable metadata ({exc}).", "model_bad_meta") from exc
    if not isinstance(meta, dict):
        raise _bad(path, "has unreadable metadata (expected a JSON object).", "model_bad_meta")
    return TrainedModel(w.astype(np.float64), float(b), TrainingRecord.from_meta(meta))
