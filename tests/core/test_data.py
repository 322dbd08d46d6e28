"""Data loaders: malformed course files and photo folders give errors that name the file and the expectation."""

import hashlib
import io
import string
import tomllib
from pathlib import Path

import h5py
import numpy as np
import pytest
from PIL import Image

from core.data import loaders
from core.errors import LogitLabError

LOCALES = Path(__file__).resolve().parents[2] / "ui" / "locales"
M_TRAIN, M_TEST = 10, 12  # tiny fake splits (labels alternate: ≥ loaders.MIN_PER_CLASS of each)
SEED = 3  # fixed seed for the fake pixels
PHOTO_SIDE = 80  # side of the fake photos (not 64: the loader must resize them)


def assert_translated(err: LogitLabError):
    """err.key exists in the en and zh catalogues, and its placeholders are all among err.params."""
    section, name = err.key.split(".", 1)
    for lang in ("en", "zh"):
        with (LOCALES / lang / f"{section}.toml").open("rb") as fh:
            text = tomllib.load(fh)[name]
        fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
        assert fields <= set(err.params), (lang, err.key, fields, err.params)
        text.format(**err.params)


def _write_split(path, prefix, x, y, classes=True):
    with h5py.File(path, "w") as fh:
        if x is not None:
            fh[f"{prefix}_set_x"] = x
        if y is not None:
            fh[f"{prefix}_set_y"] = y
        if classes:
            fh["list_classes"] = np.array([b"non-cat", b"cat"])


def _good_split(m):
    rng = np.random.default_rng(SEED)
    return rng.integers(0, 256, size=(m, 64, 64, 3), dtype=np.uint8), np.arange(m) % 2


@pytest.fixture
def course_folder(tmp_path):
    """A well-formed pair of tiny course files."""
    _write_split(tmp_path / loaders.TRAIN_FILE, "train", *_good_split(M_TRAIN))
    _write_split(tmp_path / loaders.TEST_FILE, "test", *_good_split(M_TEST))
    return tmp_path


def test_well_formed_files_load_in_course_shapes(course_folder):
    course = loaders.load_course_dataset(course_folder)
    assert course.train_x.shape == (64 * 64 * 3, M_TRAIN) and course.test_y.shape == (1, M_TEST)
    assert course.train_x_orig.dtype == np.uint8 and 0 <= course.train_x.min() <= course.train_x.max() <= 1
    assert course.classes == ("non-cat", "cat")


def _expect_error(folder, key, *phrases):
    with pytest.raises(LogitLabError) as info:
        loaders.load_course_dataset(folder)
    assert info.value.key == f"errors_data.{key}"
    for phrase in phrases:
        assert phrase in str(info.value)
    assert_translated(info.value)
    return info.value


BAD_TRAIN = {  # case -> (images, labels, expected error key, phrases the message must contain)
    "missing_dataset": (None, np.zeros(M_TRAIN), "h5_missing_dataset", ["train_set_x"]),
    "wrong_image_shape": (np.zeros((M_TRAIN, 32, 32, 3), np.uint8), np.zeros(M_TRAIN), "h5_bad_shape",
                          ["(m, 64, 64, 3)", f"({M_TRAIN}, 32, 32, 3)"]),
    "labels_not_0_1": (np.zeros((M_TRAIN, 64, 64, 3), np.uint8), np.full(M_TRAIN, 2), "h5_bad_labels", ["0", "1"]),
    "count_mismatch": (np.zeros((M_TRAIN, 64, 64, 3), np.uint8), np.zeros(M_TRAIN - 1), "h5_count_mismatch",
                       [f"{M_TRAIN} images", f"{M_TRAIN - 1} labels"]),
    "pixels_out_of_range": (np.full((M_TRAIN, 64, 64, 3), 300, np.int16), np.zeros(M_TRAIN), "h5_bad_pixels",
                            ["0 to 255"]),
    "negative_pixels": (np.full((M_TRAIN, 64, 64, 3), -1.0), np.zeros(M_TRAIN), "h5_bad_pixels", ["0 to 255"]),
}


@pytest.mark.parametrize("case", sorted(BAD_TRAIN))
def test_malformed_train_file_names_file_and_expectation(course_folder, case):
    x, y, key, phrases = BAD_TRAIN[case]
    _write_split(course_folder / loaders.TRAIN_FILE, "train", x, y)
    _expect_error(course_folder, key, loaders.TRAIN_FILE, *phrases)


def test_text_file_named_like_the_course_file_is_unreadable(course_folder):
    (course_folder / loaders.TEST_FILE).write_text("these are not the photos you are looking for\n")
    _expect_error(course_folder, "h5_unreadable", loaders.TEST_FILE, "HDF5")


def test_empty_file_is_unreadable(course_folder):
    (course_folder / loaders.TRAIN_FILE).write_bytes(b"")
    _expect_error(course_folder, "h5_unreadable", loaders.TRAIN_FILE, "HDF5")


def test_missing_file_names_file_and_folder(course_folder):
    (course_folder / loaders.TEST_FILE).unlink()
    _expect_error(course_folder, "file_missing", loaders.TEST_FILE, str(course_folder))


def test_sha256_of_matches_hashlib(tmp_path):
    payload = bytes(range(256)) * 5000  # 1.28 MB: more than one read chunk (1 MiB)
    path = tmp_path / "blob.bin"
    path.write_bytes(payload)
    assert loaders.sha256_of(path) == hashlib.sha256(payload).hexdigest()


def _photo_bytes(colour, fmt):
    buf = io.BytesIO()
    Image.new("RGB", (PHOTO_SIDE, PHOTO_SIDE), colour).save(buf, format=fmt)
    return buf.getvalue()


RED, BLUE = (220, 20, 20), (20, 20, 220)  # cat photos are red, non-cat photos blue
CAT_FILES = {"b.PNG": "PNG", "a.jpg": "JPEG", "d.gif": "GIF", "e.tif": "TIFF", "f.jpeg": "JPEG"}
NON_CAT_FILES = {"z.webp": "WEBP", "y.bmp": "BMP", "x.png": "PNG", "w.tiff": "TIFF", "v.jpg": "JPEG"}
PER_CLASS = len(CAT_FILES)  # = loaders.MIN_PER_CLASS, the fewest a folder may hold


@pytest.fixture
def photo_folder(tmp_path):
    """cat/: five red photos, non-cat/: five blue ones, in six formats; plus a notes.txt that is ignored."""
    for sub, colour, files in (("cat", RED, CAT_FILES), ("non-cat", BLUE, NON_CAT_FILES)):
        (tmp_path / sub).mkdir()
        for name, fmt in files.items():
            (tmp_path / sub / name).write_bytes(_photo_bytes(colour, fmt))
    (tmp_path / "cat" / "notes.txt").write_text("not a photo")
    return tmp_path


def test_photo_folder_loads_sorted_with_labels(photo_folder):
    X_orig, Y = loaders.load_photo_folder(photo_folder)
    m = 2 * PER_CLASS
    assert X_orig.shape == (m, 64, 64, 3) and X_orig.dtype == np.uint8
    assert Y.tolist() == [[0] * PER_CLASS + [1] * PER_CLASS]  # non-cat (label 0) first, then cat
    means = X_orig.reshape(m, -1, 3).mean(axis=1)  # (m, 3) mean colour of each photo
    assert np.all(means[:PER_CLASS, 2] > means[:PER_CLASS, 0]) and np.all(means[PER_CLASS:, 0] > means[PER_CLASS:, 2])
    again, _ = loaders.load_photo_folder(photo_folder)
    np.testing.assert_array_equal(again, X_orig)


def _folder_error(folder, key, *phrases, **kw):
    with pytest.raises(LogitLabError) as info:
        loaders.load_photo_folder(folder, **kw)
    assert info.value.key == f"errors_data.{key}"
    for phrase in phrases:
        assert phrase in str(info.value)
    assert_translated(info.value)


def test_missing_photo_folder_is_named(tmp_path):
    _folder_error(tmp_path / "nowhere", "folder_missing", "nowhere")


def test_missing_subfolder_is_named(photo_folder):
    for path in (photo_folder / "non-cat").iterdir():
        path.unlink()
    (photo_folder / "non-cat").rmdir()
    _folder_error(photo_folder, "folder_no_subfolder", "non-cat", str(photo_folder))


def test_subfolder_without_photos_says_what_counts_as_a_photo(photo_folder):
    for path in (photo_folder / "cat").iterdir():
        path.unlink()
    _folder_error(photo_folder, "folder_no_photos", str(photo_folder / "cat"), ".jpg", ".png")


def test_too_many_photos_gives_count_and_limit(photo_folder):
    m = 2 * PER_CLASS
    _folder_error(photo_folder, "folder_too_many", f"{m} photos", f"at most {m - 1}", max_photos=m - 1)


def test_broken_photo_names_the_file_and_the_photo_problem(photo_folder):
    broken = photo_folder / "cat" / "c.jpg"
    broken.write_bytes(_photo_bytes(RED, "JPEG")[:100])  # a cut-off JPEG
    with pytest.raises(LogitLabError) as info:
        loaders.load_photo_folder(photo_folder)
    assert info.value.key == "errors_data.folder_bad_photo"
    assert str(broken) in str(info.value)
    assert isinstance(info.value.__cause__, LogitLabError)
    assert str(info.value.__cause__) in str(info.value)
    assert_translated(info.value)


def test_a_folder_with_too_few_photos_of_a_class_is_refused(photo_folder):
    (photo_folder / "cat" / "a.jpg").unlink()
    with pytest.raises(LogitLabError) as info:
        loaders.load_photo_folder(photo_folder)
    err = info.value
    assert err.key == "errors_upload.too_few"
    assert (err.params["folder"], err.params["found"]) == ("cat", PER_CLASS - 1)
    assert err.params["limit"] == loaders.MIN_PER_CLASS
    assert_translated(err)


def test_a_course_file_with_one_class_is_refused(course_folder):
    x, _ = _good_split(M_TRAIN)
    _write_split(course_folder / loaders.TRAIN_FILE, "train", x, np.ones(M_TRAIN))
    with pytest.raises(LogitLabError) as info:
        loaders.load_course_dataset(course_folder)
    assert info.value.key == "errors_upload.too_few" and info.value.params["folder"] == "non-cat"
    assert_translated(info.value)
