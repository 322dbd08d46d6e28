"""The shipped model file: trained w and b plus a record of how they were trained.

An ``.npz`` (NumPy's zip of arrays, no pickles) holds ``w`` (n_x, 1), ``b`` (a 0-d array)
and ``meta`` (a JSON string): learning_rate, iterations, l2, train/test accuracy (percent)
and counts, m_train, m_test, n_x, costs and cost_steps, dataset_sha256 {file: sha256} and
the NumPy version that trained it.
"""

import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from core.errors import LogitLabError
from core.neuron import model

DEFAULT_MODEL = Path(__file__).parents[1] / "assets" / "cat_model.npz"  # core/assets, beside the rooms
ARRAYS = ("w", "b", "meta")  # the entries a model file must hold


@dataclass(frozen=True)
class TrainedModel:
    """Weights and bias of a trained neuron, with how they were made."""

    w: np.ndarray  # (n_x, 1) float64
    b: float
    meta: dict = field(default_factory=dict)

    @property
    def n_x(self) -> int:
        """Number of input features (12288 for 64×64 RGB photos)."""
        return self.w.shape[0]

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """p(cat | x) for every column of X (n_x, m), shape (1, m)."""
        return model.predict_proba(self.w, self.b, X)


def save_model(path, w, b, meta: dict) -> Path:
    """Write w (n_x, 1), b and ``meta`` (JSON-serialisable) to ``path`` as a compressed .npz."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    w = np.asarray(w, dtype=np.float64).reshape(-1, 1)
    with path.open("wb") as fh:  # a file object: np.savez would otherwise append ".npz"
        np.savez_compressed(fh, w=w, b=np.array(float(b)), meta=np.array(json.dumps(meta, sort_keys=True)))
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
    return TrainedModel(w.astype(np.float64), float(b), meta)
