"""Bring your own data: the course's two .h5 files or a .zip of cat/ and non-cat/ photos, read from
bytes in memory (never written to disk), checked against limits, ready to train on.

Both are parsed in a worker process with a memory and a time limit (``core.isolate``): a file that
crashes or stalls a C library fails only its own upload. Inside, every .h5 dataset is checked for
structure and size before it is read (``core.data.h5_split``).

Zip archives are read member by member: declared sizes and compression ratios are checked first,
then each member is read in chunks and reading stops as soon as it passes its limit, so a zip
bomb that lies about its sizes is caught too. Absolute paths, ``..`` and symlinks are refused.
"""

import io
import posixpath
import zipfile

import numpy as np

from core import isolate
from core.data.h5_split import SplitCaps, check_image_count, declared_images, read_split
from core.data.image import ALLOWED_TEXT, FORMAT_NAMES, PHOTO_SUFFIXES, decode_bytes, preprocess_photo
from core.data.loaders import MIN_PER_CLASS, PHOTO_FOLDERS, CourseData
from core.errors import LogitLabError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # an upload above 10 MiB is refused (= maxUploadSize in .streamlit/config.toml)
MAX_PHOTOS = 600  # photos per archive (memory: 12 KB each once shrunk to 64×64)
MAX_MEMBERS = 2000  # entries of any kind in the archive's directory
MAX_MEMBER_BYTES = 15 * 1024 * 1024  # one photo, uncompressed
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # all photos together, uncompressed
MAX_RATIO = 100  # uncompressed / compressed size of a member; JPEG and PNG barely compress
MAX_H5_SET_BYTES = 64 * 1024 * 1024  # an uploaded file's images as stored (600 float64 photos ≈ 59 MB)
H5_CAPS = SplitCaps(max_images=MAX_PHOTOS, max_bytes=MAX_H5_SET_BYTES)  # per uploaded .h5 file
MAX_ARCHIVE_DECODE_BYTES = 2 * 1024**3  # estimated decoding memory of all photos in a zip together
WORKER_MEMORY_BYTES = 1536 * 1024 * 1024  # a parsing worker's address space (one large photo fits)
H5_LIMITS = isolate.Limits(memory_bytes=WORKER_MEMORY_BYTES, seconds=20.0)  # parsing two .h5 files
ZIP_LIMITS = isolate.Limits(memory_bytes=WORKER_MEMORY_BYTES, seconds=60.0)  # decoding up to 600 photos
TEST_FRACTION = 0.2  # share of each class held out as the test set
READ_CHUNK = 64 * 1024  # bytes read at a time from a zip member
SYMLINK_MODE = 0o120000  # Unix file-type bits of a symbolic link
FILE_TYPE_MASK = 0o170000  # Unix file-type bits of st_mode
UNIX_MODE_SHIFT = 16  # a zip entry's Unix mode sits in the high 16 bits of external_attr
ENCRYPTED_FLAG = 0x1  # zip general-purpose flag bit: the entry is encrypted
H5_PREFIXES = ("train", "test")  # dataset name prefixes inside the course's files
MIB = 1024 * 1024  # bytes per MiB, for messages


def _err(name: str, message: str, **params) -> LogitLabError:
    return LogitLabError(message, key=f"errors_byod.{name}", **params)


def _check_upload_size(name: str, data: bytes) -> None:
    if not data:
        raise _err("empty_file", f"The file {name} is empty.", file=name)
    if len(data) > MAX_UPLOAD_BYTES:
        raise _err("upload_too_large", f"The file {name} is larger than {MAX_UPLOAD_BYTES // MIB} MB.",
                   file=name, limit=MAX_UPLOAD_BYTES // MIB)


# --- the course's .h5 files ----------------------------------------------------------------------


def load_h5_pair(files: list[tuple[str, bytes]], *, isolated: bool = True) -> CourseData:
    """The course's train and test files given as (name, bytes) in any order -> CourseData.

    Parsed in a worker process unless ``isolated`` is False (tests of the parsing rules).
    """
    if len(files) != len(H5_PREFIXES):
        raise _err("h5_need_two", f"Upload exactly two .h5 files (train and test), not {len(files)}.",
                   found=len(files))
    for name, data in files:
        _check_upload_size(name, data)
    request = {f"name{k}": name for k, (name, _) in enumerate(files)}
    request.update({f"data{k}": data for k, (_, data) in enumerate(files)})
    label = " + ".join(name for name, _ in files)
    answer = isolate.run_isolated("core.data.byod:parse_h5_pair", request, file=label, limits=H5_LIMITS,
                                  in_process=not isolated)
    return CourseData(answer["train_x"], answer["train_y"], answer["test_x"], answer["test_y"], PHOTO_FOLDERS)


def parse_h5_pair(request: dict) -> dict:
    """Worker target: two files' bytes -> train/test arrays, every structure checked before reading."""
    handles = []
    try:
        for k in range(len(H5_PREFIXES)):
            name = str(request[f"name{k}"])
            handles.append((name, _open_h5(name, request[f"data{k}"].tobytes())))
        answer = {}
        for prefix, (name, fh) in _splits(handles).items():
            x, y, _ = read_split(fh, name, prefix, H5_CAPS)
            answer.update({f"{prefix}_x": x, f"{prefix}_y": y})
        return answer
    finally:
        for _, fh in handles:
            fh.close()


def _open_h5(name: str, data: bytes):
    """An h5py.File on an in-memory copy of ``data`` (HDF5's own file-image driver, no Python callbacks)."""
    import h5py

    try:
        return h5py.File(h5py.h5f.open_file_image(data), "r")
    except (OSError, ValueError) as exc:
        raise _err("h5_unreadable", f"{name} is not an HDF5 file like the course's.", file=name) from exc


def _splits(handles) -> dict:
    """{prefix: (name, file)}: which file holds which split, and together at most MAX_PHOTOS images."""
    splits, total = {}, 0
    for name, fh in handles:
        declared = ((p, declared_images(fh, name, p)) for p in H5_PREFIXES)
        prefix, count = next(((p, n) for p, n in declared if n is not None), (None, 0))
        if prefix is None:
            raise _err("h5_no_sets", f"{name} holds neither train_set_x/train_set_y nor "
                       "test_set_x/test_set_y.", file=name)
        check_image_count(name, count, H5_CAPS)
        splits[prefix] = (name, fh)
        total += count
    if set(splits) != set(H5_PREFIXES):
        raise _err("h5_need_both", "One file must hold the training set and the other the test set.")
    if total > MAX_PHOTOS:
        raise LogitLabError(f"The two files declare {total} images together; at most {MAX_PHOTOS} are allowed.",
                            key="errors_upload.h5_pair_too_many", found=total, limit=MAX_PHOTOS)
    return splits


# --- a zip of photos -----------------------------------------------------------------------------


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return (info.external_attr >> UNIX_MODE_SHIFT) & FILE_TYPE_MASK == SYMLINK_MODE


def _check_path(info: zipfile.ZipInfo) -> None:
    """Refuse absolute paths, drive letters, backslashes, ``..`` and symlinks."""
    name = info.filename
    parts = name.split("/")
    if (name.startswith("/") or "\\" in name or ":" in parts[0] or ".." in parts or _is_symlink(info)):
        raise _err("zip_bad_path", f"The archive contains an unsafe entry '{name}' (absolute path, '..' "
                   "or a link); make the zip from a plain folder.", file=name)


def _label_of(name: str) -> int | None:
    """1 for .../cat/photo.jpg, 0 for .../non-cat/photo.jpg, None for anything else."""
    folder, base = posixpath.split(name)
    if base.startswith(".") or "__MACOSX" in name.split("/"):
        return None
    if posixpath.splitext(base)[1].lower() not in PHOTO_SUFFIXES:
        return None
    parent = posixpath.basename(folder).lower()
    return PHOTO_FOLDERS.index(parent) if parent in PHOTO_FOLDERS else None


def _photo_members(zf: zipfile.ZipFile) -> list[tuple[zipfile.ZipInfo, int]]:
    """(entry, label) of every photo in a cat/ or non-cat/ folder, after the declared-size checks."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _err("zip_too_many", f"The archive has {len(infos)} entries; at most {MAX_MEMBERS} are allowed.",
                   found=len(infos), limit=MAX_MEMBERS)
    found = []
    for info in infos:
        _check_path(info)
        label = None if info.is_dir() else _label_of(info.filename)
        if label is not None:
            _check_declared(info)
            found.append((info, label))
    if len(found) > MAX_PHOTOS:
        raise LogitLabError(f"The archive has {len(found)} photos; at most {MAX_PHOTOS} are allowed.",
                            key="errors_upload.zip_too_many_photos", found=len(found), limit=MAX_PHOTOS)
    if sum(info.file_size for info, _ in found) > MAX_TOTAL_BYTES:
        raise _err("zip_too_big", f"The photos add up to more than {MAX_TOTAL_BYTES // MIB} MB uncompressed.",
                   limit=MAX_TOTAL_BYTES // MIB)
    return sorted(found, key=lambda item: (item[1], item[0].filename))


def _check_declared(info: zipfile.ZipInfo) -> None:
    """What the archive's directory says about one photo: size, compression ratio, encryption."""
    name = info.filename
    if info.flag_bits & ENCRYPTED_FLAG:
        raise _err("zip_encrypted", f"{name} is password-protected; use a zip without a password.", file=name)
    if info.file_size > MAX_MEMBER_BYTES:
        raise _err("zip_member_too_big", f"{name} is larger than {MAX_MEMBER_BYTES // MIB} MB.",
                   file=name, limit=MAX_MEMBER_BYTES // MIB)
    if info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise _err("zip_bomb", f"{name} expands more than {MAX_RATIO} times: this looks like a zip bomb.",
                   file=name, ratio=MAX_RATIO)


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes, reading in chunks and stopping as soon as it passes its limits."""
    limit = min(MAX_MEMBER_BYTES, MAX_RATIO * max(info.compress_size, 1), info.file_size)
    chunks, total = [], 0
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(READ_CHUNK):
                total += len(chunk)
                if total > limit:
                    raise _err("zip_bomb", f"{info.filename} expands more than it says: this looks like a zip "
                               "bomb.", file=info.filename, ratio=MAX_RATIO)
                chunks.append(chunk)
    except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError) as exc:
        raise _err("zip_broken_member", f"{info.filename} could not be read from the archive.",
                   file=info.filename) from exc
    return b"".join(chunks)


def _check_decode_budget(zf: zipfile.ZipFile, members) -> None:
    """All photos' decoding memory together, from their headers, before any photo is decoded."""
    total = 0
    for info, _ in members:
        data = _read_member(zf, info)
        try:
            total += decode_bytes(data)
        except LogitLabError as exc:
            raise _bad_photo(info.filename, exc) from exc
        if total > MAX_ARCHIVE_DECODE_BYTES:
            limit = MAX_ARCHIVE_DECODE_BYTES // MIB
            raise LogitLabError(f"The photos need more than {limit} MB of memory to decode (counted up to "
                                f"{info.filename}); use fewer or smaller photos.",
                                key="errors_upload.zip_decode_budget", file=info.filename, limit=limit)


def _bad_photo(name: str, exc: LogitLabError) -> LogitLabError:
    return _err("zip_bad_photo", f"The photo {name} could not be used: {exc}", file=name, reason=str(exc))


def _photo_array(name: str, data: bytes) -> np.ndarray:
    """One photo's bytes -> (64, 64, 3) uint8 through the app's one preprocessing function."""
    try:
        return preprocess_photo(data)
    except LogitLabError as exc:
        raise _bad_photo(name, exc) from exc


def load_photo_zip(data: bytes, name: str = "photos.zip", *, isolated: bool = True):
    """A .zip with cat/ and non-cat/ folders (at any depth) -> (X_orig (m, 64, 64, 3) uint8, Y (1, m), names).

    Non-cat photos come first, each class sorted by path, so the result never depends on zip order.
    Parsed in a worker process unless ``isolated`` is False (tests of the parsing rules).
    """
    _check_upload_size(name, data)
    answer = isolate.run_isolated("core.data.byod:parse_photo_zip", {"data": data, "name": name}, file=name,
                                  limits=ZIP_LIMITS, in_process=not isolated)
    return answer["X"], answer["Y"], [str(member) for member in answer["names"]]


def parse_photo_zip(request: dict) -> dict:
    """Worker target: a zip's bytes -> {"X": (m, 64, 64, 3) uint8, "Y": (1, m), "names": (m,) str}."""
    data, name = request["data"].tobytes(), str(request["name"])
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _err("not_zip", f"{name} is not a .zip archive.", file=name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = _photo_members(zf)
            _check_classes(members)
            _check_decode_budget(zf, members)
            images = [_photo_array(info.filename, _read_member(zf, info)) for info, _ in members]
    except zipfile.BadZipFile as exc:
        raise _err("not_zip", f"{name} is not a .zip archive.", file=name) from exc
    Y = np.array([[label for _, label in members]], dtype=int)  # (1, m)
    return {"X": np.stack(images), "Y": Y, "names": np.array([info.filename for info, _ in members])}


def _check_classes(members) -> None:
    counts = [sum(1 for _, label in members if label == c) for c in range(len(PHOTO_FOLDERS))]
    if not any(counts):
        raise _err("zip_no_folders", f"The archive needs a folder 'cat' and a folder 'non-cat' with photos in them "
                   f"({ALLOWED_TEXT}).", formats=FORMAT_NAMES)
    for label, count in enumerate(counts):
        if count < MIN_PER_CLASS:
            raise _err("zip_too_few", f"The folder '{PHOTO_FOLDERS[label]}' has {count} photos; at least "
                       f"{MIN_PER_CLASS} are needed.", folder=PHOTO_FOLDERS[label], found=count,
                       limit=MIN_PER_CLASS)


def split_photos(X_orig: np.ndarray, Y: np.ndarray, seed: int = 0, test_fraction: float = TEST_FRACTION):
    """A seeded split that keeps both classes in both parts -> CourseData (train, test)."""
    rng = np.random.default_rng(seed)
    test_idx = []
    for label in range(len(PHOTO_FOLDERS)):
        idx = np.flatnonzero(Y.ravel() == label)
        n_test = max(1, int(round(test_fraction * idx.size)))
        test_idx.extend(rng.permutation(idx)[:n_test])
    is_test = np.zeros(Y.size, dtype=bool)
    is_test[test_idx] = True
    return CourseData(X_orig[~is_test], Y[:, ~is_test], X_orig[is_test], Y[:, is_test], PHOTO_FOLDERS)

