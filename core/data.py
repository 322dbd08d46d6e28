"""Data loaders: the course's HDF5 pair, with errors that say which file, what was expected
and what was found.

The dataset is never shipped: it is read from ``LOGITLAB_DATA`` (default ``data/``).
"""

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.errors import LogitLabError

DATA_ENV = "LOGITLAB_DATA"
DEFAULT_DATA_DIR = "data"
TRAIN_FILE = "train_catvnoncat.h5"
TEST_FILE = "test_catvnoncat.h5"
COURSE_FILES = (TRAIN_FILE, TEST_FILE)
IMAGE_SIZE = 64  # the course's photos are 64×64 RGB
CHANNELS = 3
PIXEL_MAX = 255.0  # uint8 pixels are divided by this to land in [0, 1]


@dataclass(frozen=True)
class CourseData:
    """The cat/non-cat photos as the course loads them."""

    train_x_orig: np.ndarray  # (209, 64, 64, 3) uint8
    train_y: np.ndarray  # (1, 209) int
    test_x_orig: np.ndarray  # (50, 64, 64, 3) uint8
    test_y: np.ndarray  # (1, 50) int
    classes: tuple  # ("non-cat", "cat"): index = label

    @property
    def train_x(self) -> np.ndarray:
        """(12288, 209) float in [0, 1]: flattened, one photo per column, divided by 255."""
        return flatten(self.train_x_orig)

    @property
    def test_x(self) -> np.ndarray:
        """(12288, 50) float in [0, 1]."""
        return flatten(self.test_x_orig)


def data_dir() -> Path:
    """Where the dataset lives: $LOGITLAB_DATA, else ./data."""
    return Path(os.environ.get(DATA_ENV) or DEFAULT_DATA_DIR)


def course_data_available(directory=None) -> bool:
    """True when both course files are present (content is checked on load)."""
    directory = Path(directory) if directory is not None else data_dir()
    return all((directory / name).is_file() for name in COURSE_FILES)


def flatten(images: np.ndarray) -> np.ndarray:
    """(m, 64, 64, 3) uint8 -> (12288, m) float in [0, 1], the course's X.reshape(m, -1).T / 255."""
    return images.reshape(images.shape[0], -1).T / PIXEL_MAX


def _read_split(path: Path, prefix: str):
    """Read one HDF5 file's images, labels and class names, checking each against the course."""
    import h5py

    if not path.is_file():
        raise LogitLabError(f"The file {path.name} was not found in {path.parent}.",
                            key="errors_data.file_missing", name=path.name, folder=str(path.parent))
    try:
        with h5py.File(path, "r") as fh:
            for name in (f"{prefix}_set_x", f"{prefix}_set_y"):
                if name not in fh:
                    raise LogitLabError(
                        f"{path.name} has no dataset '{name}' (found: {', '.join(fh.keys()) or 'nothing'}).",
                        key="errors_data.h5_missing_dataset", file=path.name, name=name)
            x = np.asarray(fh[f"{prefix}_set_x"][()])
            y = np.asarray(fh[f"{prefix}_set_y"][()])
            classes = fh["list_classes"][()] if "list_classes" in fh else [b"non-cat", b"cat"]
    except OSError as exc:
        raise LogitLabError(f"{path.name} is not a readable HDF5 file ({exc}).",
                            key="errors_data.h5_unreadable", file=path.name) from exc
    return _check_split(path.name, x, y), tuple(_decode(c) for c in classes)


def _decode(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _check_split(name: str, x: np.ndarray, y: np.ndarray):
    """Images must be (m, 64, 64, 3) with 0..255 values; labels (m,) of 0 and 1."""
    expected = f"(m, {IMAGE_SIZE}, {IMAGE_SIZE}, {CHANNELS})"
    if x.ndim != 4 or x.shape[1:] != (IMAGE_SIZE, IMAGE_SIZE, CHANNELS):
        raise LogitLabError(f"{name}: images should have shape {expected}, found {x.shape}.",
                            key="errors_data.h5_bad_shape", file=name, expected=expected, found=str(x.shape))
    if not np.issubdtype(x.dtype, np.number) or x.size and (x.min() < 0 or x.max() > PIXEL_MAX):
        raise LogitLabError(f"{name}: pixel values should be numbers from 0 to 255.",
                            key="errors_data.h5_bad_pixels", file=name)
    y = y.reshape(-1)
    if y.shape[0] != x.shape[0]:
        raise LogitLabError(f"{name}: {x.shape[0]} images but {y.shape[0]} labels.",
                            key="errors_data.h5_count_mismatch", file=name, images=x.shape[0], labels=y.shape[0])
    if not np.all(np.isin(y, (0, 1))):
        raise LogitLabError(f"{name}: labels should be 0 (non-cat) or 1 (cat).",
                            key="errors_data.h5_bad_labels", file=name)
    return x.astype(np.uint8), y.astype(int).reshape(1, -1)


def load_course_dataset(directory=None) -> CourseData:
    """Load train_catvnoncat.h5 and test_catvnoncat.h5 from ``directory`` (default: data_dir())."""
    directory = Path(directory) if directory is not None else data_dir()
    (train_x, train_y), classes = _read_split(directory / TRAIN_FILE, "train")
    (test_x, test_y), _ = _read_split(directory / TEST_FILE, "test")
    return CourseData(train_x, train_y, test_x, test_y, classes)
