"""core.data.byod: uploaded .h5 pairs and photo zips, read in memory, with every malformed case refused clearly."""

import io
import struct
import zipfile

import numpy as np
import pytest
from PIL import Image

from core.data import byod
from core.data.image import FORMAT_NAMES, preprocess_photo
from core.data.loaders import TEST_FILE, TRAIN_FILE
from core.errors import LogitLabError

SEED = 3  # fixed seed for the generated photos
PER_CLASS = 6  # photos per class in the generated archives (≥ byod.MIN_PER_CLASS)
CENTRAL_SIG = b"PK\x01\x02"  # zip central-directory entry signature
CENTRAL_SIZE_OFFSET = 24  # offset of "uncompressed size" inside a central-directory entry


def _jpeg(seed: int) -> bytes:
    rng = np.random.default_rng(seed)
    buf = io.BytesIO()
    Image.fromarray(rng.integers(0, 256, (40, 56, 3), dtype=np.uint8)).save(buf, "JPEG")
    return buf.getvalue()


def _zip(entries: dict, *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in entries.items():
            info = name if isinstance(name, zipfile.ZipInfo) else zipfile.ZipInfo(name)
            info.compress_type = compression
            zf.writestr(info, data)
    return buf.getvalue()


def _photo_entries(prefix="my_photos/", per_class=PER_CLASS) -> dict:
    entries = {}
    for k in range(per_class):
        entries[f"{prefix}cat/c{k}.jpg"] = _jpeg(SEED + k)
        entries[f"{prefix}non-cat/n{k}.jpg"] = _jpeg(SEED + 100 + k)
    return entries


def _key(exc_info) -> str:
    return exc_info.value.key


def test_photo_zip_gives_the_same_arrays_as_preprocess_photo_non_cats_first():
    entries = _photo_entries()
    X, Y, names = byod.load_photo_zip(_zip(entries))
    assert X.shape == (2 * PER_CLASS, 64, 64, 3) and X.dtype == np.uint8
    assert Y.tolist() == [[0] * PER_CLASS + [1] * PER_CLASS]
    assert names[0] == "my_photos/non-cat/n0.jpg" and names[-1] == f"my_photos/cat/c{PER_CLASS - 1}.jpg"
    for row, name in zip(X, names, strict=True):
        np.testing.assert_array_equal(row, preprocess_photo(entries[name]))


def test_split_keeps_both_classes_in_both_parts_and_is_seeded():
    X, Y, _ = byod.load_photo_zip(_zip(_photo_entries()))
    data = byod.split_photos(X, Y, seed=1)
    assert data.train_y.shape[1] + data.test_y.shape[1] == Y.shape[1]
    assert set(data.test_y.ravel()) == {0, 1} and set(data.train_y.ravel()) == {0, 1}
    again = byod.split_photos(X, Y, seed=1)
    np.testing.assert_array_equal(again.test_x_orig, data.test_x_orig)


def test_not_a_zip_is_refused():
    with pytest.raises(LogitLabError) as exc:
        byod.load_photo_zip(b"this is a text file renamed to .zip", "photos.zip")
    assert _key(exc) == "errors_byod.not_zip"


def test_empty_upload_is_refused():
    with pytest.raises(LogitLabError) as exc:
        byod.load_photo_zip(b"")
    assert _key(exc) == "errors_byod.empty_file"


def test_zip_bomb_is_refused_from_its_declared_ratio():
    entries = _photo_entries()
    entries["my_photos/cat/bomb.png"] = b"\0" * (8 * 1024 * 1024)  # 8 MB of zeros compress ~1000×
    with pytest.raises(LogitLabError) as exc:
        byod.load_photo_zip(_zip(entries))
    assert _key(exc) == "errors_byod.zip_bomb" and "bomb.png" in str(exc.value)


def test_member_that_lies_about_its_size_is_refused_without_reading_past_it():
    data = bytearray(_zip(_photo_entries(), compression=zipfile.ZIP_STORED))
    at = data.index(CENTRAL_SIG) + CENTRAL_SIZE_OFFSET  # first entry: declare 10 bytes instead of its size
    data[at:at + 4] = struct.pack("<I", 10)
    with pytest.raises(LogitLabError) as exc:
        byod.load_photo_zip(bytes(data))
    assert _key(exc) == "errors_byod.zip_broken_member" and "c0.jpg" in str(exc.value)


@pytest.mark.parametrize("name", ["../evil/cat/x.jpg", "/abs/cat/x.jpg", "a/../../cat/x.jpg", "C:/cat/x.jpg"])
def test_path_tricks_are_refused(name):
    entries = _photo_entries()
    entries[name] = _jpeg(0)
    with pytest.raises(LogitLabError) as exc:
        byod.load_photo_zip(_zip(entries))
    assert _key(exc) == "errors_byod.zip_bad_path"


def test_symlink_entry_is_refused():
    link = zipfile.ZipInfo("my_photos/cat/link.jpg")
    link.external_attr = (byod.SYMLINK_MODE | 0o777) << byod.UNIX_MODE_SHIFT
    entries = _photo_entries()
    entries[link] = b"/etc/passwd"
    with pytest.raises(LogitLabError) as exc:
        byod.load_photo_zip(_zip(entries))
    assert _key(exc) == "errors_byod.zip_bad_path"


def test_zip_without_cat_folders_is_refused():
    with pytest.raises(LogitLabError) as exc:
        byod.load_photo_zip(_zip({"dogs/a.jpg": _jpeg(1), "readme.txt": b"hi"}))
    assert _key(exc) == "errors_byod.zip_no_folders"
    assert tuple(exc.value.params["formats"]) == FORMAT_NAMES  # the accepted formats, named in the message


def test_too_few_examples_of_a_class_names_the_folder():
    entries = {k: v for k, v in _photo_entries().items() if "/cat/" not in k}
    entries["my_photos/cat/only.jpg"] = _jpeg(9)
    with pytest.raises(LogitLabError) as exc:
        byod.load_photo_zip(_zip(entries))
    assert _key(exc) == "errors_byod.zip_too_few" and exc.value.params["folder"] == "cat"


def test_broken_photo_is_named():
    entries = _photo_entries()
    entries["my_photos/non-cat/broken.jpg"] = _jpeg(5)[:200]
    with pytest.raises(LogitLabError) as exc:
        byod.load_photo_zip(_zip(entries))
    assert _key(exc) == "errors_byod.zip_bad_photo" and "broken.jpg" in str(exc.value)


def test_too_many_photos_is_refused_and_called_photos(monkeypatch):
    monkeypatch.setattr(byod, "MAX_PHOTOS", 2 * PER_CLASS - 1)  # reaches the parser: it runs in this process
    with pytest.raises(LogitLabError) as exc:
        byod.load_photo_zip(_zip(_photo_entries()), isolated=False)
    assert _key(exc) == "errors_upload.zip_too_many_photos"
    assert f"{2 * PER_CLASS} photos; at most {2 * PER_CLASS - 1}" in str(exc.value)


def test_too_many_entries_is_refused_and_called_entries(monkeypatch):
    monkeypatch.setattr(byod, "MAX_MEMBERS", 2 * PER_CLASS - 1)
    with pytest.raises(LogitLabError) as exc:
        byod.load_photo_zip(_zip(_photo_entries()), isolated=False)
    assert _key(exc) == "errors_byod.zip_too_many" and "entries" in str(exc.value)


def test_course_h5_files_uploaded_as_bytes_round_trip_in_any_order(course, course_dir):
    files = [(name, (course_dir / name).read_bytes()) for name in (TEST_FILE, TRAIN_FILE)]
    data = byod.load_h5_pair(files)
    np.testing.assert_array_equal(data.train_x_orig, course.train_x_orig)
    np.testing.assert_array_equal(data.test_y, course.test_y)
    assert data.train_x.shape == (12288, 209)


def test_h5_upload_mistakes_are_refused(course_dir):
    train = (TRAIN_FILE, (course_dir / TRAIN_FILE).read_bytes())
    with pytest.raises(LogitLabError) as exc:
        byod.load_h5_pair([train, train])
    assert _key(exc) == "errors_byod.h5_need_both"
    with pytest.raises(LogitLabError) as exc:
        byod.load_h5_pair([train, ("test.h5", b"not hdf5 at all")])
    assert _key(exc) == "errors_byod.h5_unreadable"
    with pytest.raises(LogitLabError) as exc:
        byod.load_h5_pair([train])
    assert _key(exc) == "errors_byod.h5_need_two"
