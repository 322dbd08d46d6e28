"""Data loaders: the course's HDF5 pair and a user's photo folder, with errors that say which
file, what was expected and what was found.

The dataset is never shipped: it is read from ``LOGITLAB_DATA`` (default ``data/``).
"""

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.course import CLASSES, PIXEL_MAX
from core.data.image import PHOTO_SUFFIXES, preprocess_photo
from core.errors import LogitLabError

DATA_ENV = "LOGITLAB_DATA"
DEFAULT_DATA_DIR = "data"
TRAIN_FILE = "train_catvnoncat.h5"
TEST_FILE = "test_catvnoncat.h5"
COURSE_FILES = (TRAIN_FILE, TEST_FILE)
PHOTO_FOLDERS = CLASSES  # subfolder name -> label = its index, like the course's list_classes
MAX_FOLDER_PHOTOS = 2000  # a photo folder or course file bigger than this is refused (memory: 12 KB per photo)
MAX_COURSE_SET_BYTES = 256 * 1024 * 1024  # a course file's images as stored (2000 float64 photos ≈ 197 MB)
MIN_PER_CLASS = 5  # fewer cats or non-cats than this in a data set cannot be trained and tested on
HASH_CHUNK = 1 << 20  # bytes read at a time when hashing a file (1 MiB)


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

    from core.data.h5_split import SplitCaps, read_split

    if not path.is_file():
        raise LogitLabError(f"The file {path.name} was not found in {path.parent}.",
                            key="errors_data.file_missing", name=path.name, folder=str(path.parent))
    caps = SplitCaps(max_images=MAX_FOLDER_PHOTOS, max_bytes=MAX_COURSE_SET_BYTES)
    try:
        with h5py.File(path, "r") as fh:
            x, y, classes = read_split(fh, path.name, prefix, caps)
    except OSError as exc:
        raise LogitLabError(f"{path.name} is not a readable HDF5 file ({exc}).",
                            key="errors_data.h5_unreadable", file=path.name) from exc
    return (x, y), classes or PHOTO_FOLDERS


def load_course_dataset(directory=None) -> CourseData:
    """Load train_catvnoncat.h5 and test_catvnoncat.h5 from ``directory`` (default: data_dir())."""
    directory = Path(directory) if directory is not None else data_dir()
    (train_x, train_y), classes = _read_split(directory / TRAIN_FILE, "train")
    (test_x, test_y), _ = _read_split(directory / TEST_FILE, "test")
    return CourseData(train_x, train_y, test_x, test_y, classes)


def sha256_of(path) -> str:
    """Hex SHA-256 of a file's bytes (records which dataset a model was trained on)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(HASH_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _photo_paths(directory: Path) -> list[tuple[Path, int]]:
    """(photo path, label) for every photo in directory/non-cat and directory/cat, sorted by name."""
    if not directory.is_dir():
        raise LogitLabError(f"The folder {directory} was not found.",
                            key="errors_data.folder_missing", folder=str(directory))
    found = []
    for label, name in enumerate(PHOTO_FOLDERS):
        sub = directory / name
        if not sub.is_dir():
            raise LogitLabError(
                f"The photo folder {directory} needs a subfolder '{name}' (expected '{PHOTO_FOLDERS[0]}' and "
                f"'{PHOTO_FOLDERS[1]}').", key="errors_data.folder_no_subfolder", folder=str(directory), name=name)
        photos = sorted(p for p in sub.iterdir() if p.is_file() and p.suffix.lower() in PHOTO_SUFFIXES)
        if not photos:
            raise LogitLabError(
                f"The folder {sub} has no photos (expected files ending in {_suffix_list()}).",
                key="errors_data.folder_no_photos", folder=str(sub), suffixes=_suffix_list())
        found.extend((p, label) for p in photos)
    return found


def _suffix_list() -> str:
    return ", ".join(sorted(PHOTO_SUFFIXES))


def _read_photo(path: Path) -> np.ndarray:
    """One photo file -> (64, 64, 3) uint8 through the app's one preprocessing function."""
    try:
        return preprocess_photo(path.read_bytes())
    except (LogitLabError, OSError) as exc:
        raise LogitLabError(f"The photo {path} could not be used: {exc}", key="errors_data.folder_bad_photo",
                            file=str(path), reason=str(exc)) from exc


def load_photo_folder(directory, *, max_photos=MAX_FOLDER_PHOTOS):
    """A user's labelled photos: ``directory/cat/*`` (label 1) and ``directory/non-cat/*`` (label 0).

    Returns (X_orig (m, 64, 64, 3) uint8, Y (1, m) int), non-cat photos first, each subfolder
    sorted by file name so the result is the same on every machine.
    """
    directory = Path(directory)
    found = _photo_paths(directory)
    if len(found) > max_photos:
        raise LogitLabError(
            f"The photo folder {directory} has {len(found)} photos; at most {max_photos} can be used.",
            key="errors_data.folder_too_many", folder=str(directory), found=len(found), limit=max_photos)
    check_class_counts(str(directory), [label for _, label in found])
    X_orig = np.stack([_read_photo(path) for path, _ in found])  # (m, 64, 64, 3)
    Y = np.array([[label for _, label in found]], dtype=int)  # (1, m)
    return X_orig, Y


def check_class_counts(source: str, labels) -> None:
    """At least MIN_PER_CLASS photos of each class, or a LogitLabError naming the class and the count."""
    for label, folder in enumerate(PHOTO_FOLDERS):
        count = sum(1 for found in labels if found == label)
        if count < MIN_PER_CLASS:
            raise LogitLabError(f"{source} has {count} photos of the class '{folder}'; at least {MIN_PER_CLASS} are "
                                "needed to train and test.", key="errors_upload.too_few", file=source, folder=folder,
                                found=count, limit=MIN_PER_CLASS)
