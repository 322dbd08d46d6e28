"""One split of the course's HDF5 layout (``{prefix}_set_x``, ``{prefix}_set_y``, optional
``list_classes``), read defensively: structure, type, shape and size are checked before a single
pixel is read, so a file cannot make the reader open other files, allocate gigabytes or train on
garbage.

Refused before reading: links other than plain hard links (soft and external links could point
anywhere), datasets whose data lives in other files (external raw storage, virtual datasets),
filters beyond gzip/shuffle/fletcher32, non-numeric types, wrong shapes, more images or bytes than
``SplitCaps`` allows, chunks larger than ``MAX_CHUNK_BYTES`` and datasets that declare images but
store none. Refused after reading: NaN/inf pixels (with their count), pixels outside 0..255,
labels other than 0/1, fewer than ``MIN_PER_CLASS`` photos of a class. Float pixels that all lie in
0..1 are taken as 0..1 and scaled to 0..255; other floats are rounded, never truncated.
"""

from dataclasses import dataclass

import numpy as np

from core.course import CHANNELS, IMAGE_SIZE, N_X, PIXEL_MAX
from core.data.loaders import PHOTO_FOLDERS, check_class_counts
from core.errors import LogitLabError

MAX_ITEMSIZE = 8  # bytes per stored number: up to float64 / int64
NUMERIC_KINDS = "iuf"  # NumPy dtype kinds accepted: signed, unsigned, float (not bool, complex, strings)
ALLOWED_FILTERS = {1: "gzip", 2: "shuffle", 3: "fletcher32"}  # HDF5 filter id -> name (H5Z_FILTER_*)
MAX_CHUNK_BYTES = 16 * 1024 * 1024  # one chunk must fit in 16 MiB (a course photo is 12 KiB)
MAX_CLASS_NAME_BYTES = 64  # list_classes entries are short names such as b"non-cat"
FLOAT_UNIT_MAX = 1.0  # float pixels whose maximum is at most this are read as 0..1


@dataclass(frozen=True)
class SplitCaps:
    """How much one split may hold."""

    max_images: int  # images per split
    max_bytes: int  # bytes of the image dataset as stored (m × 12288 × itemsize)


def _err(error: str, message: str, **params) -> LogitLabError:
    return LogitLabError(message, key=f"errors_upload.{error}", **params)


def _data_err(error: str, message: str, **params) -> LogitLabError:
    return LogitLabError(message, key=f"errors_data.{error}", **params)


def read_split(fh, file: str, prefix: str, caps: SplitCaps):
    """An open h5py.File -> (images (m, 64, 64, 3) uint8, labels (1, m) int, class names or None)."""
    x_name, y_name = f"{prefix}_set_x", f"{prefix}_set_y"
    x_set, y_set = _dataset(fh, file, x_name), _dataset(fh, file, y_name)
    classes_set = _dataset(fh, file, "list_classes") if _exists(fh, "list_classes") else None
    m = _check_image_layout(file, x_set, caps)
    _check_label_layout(file, y_set, m)
    x, y = _read_pixels(file, x_set), _read_labels(file, y_set)
    check_class_counts(file, y.ravel().tolist())
    return x, y, _class_names(file, classes_set)


def declared_images(fh, file: str, prefix: str) -> int | None:
    """How many images ``{prefix}_set_x`` declares (from its shape, nothing read), None if it is absent.

    A name that exists but is a link, a group or data stored elsewhere is refused here already.
    """
    name = f"{prefix}_set_x"
    if not _exists(fh, name):
        return None
    shape = _dataset(fh, file, name).shape
    return int(shape[0]) if shape else 0


def _exists(fh, name: str) -> bool:
    """Whether a link of that name exists, without following it."""
    return fh.id.links.exists(name.encode())


def _is_hard_link(fh, name: str) -> bool:
    import h5py

    return fh.id.links.get_info(name.encode()).type == h5py.h5l.TYPE_HARD


def _dataset(fh, file: str, name: str):
    """The dataset ``name``, refused unless it is a hard-linked, self-contained, plainly filtered dataset."""
    import h5py

    if not _exists(fh, name):
        found = ", ".join(sorted(fh.keys())) or "nothing"
        raise _data_err("h5_missing_dataset", f"{file} has no dataset '{name}' (found: {found}).",
                        file=file, name=name)
    if not _is_hard_link(fh, name):
        raise _err("h5_link", f"{file}: '{name}' is a link to somewhere else, not data stored in the file.",
                   file=file, name=name)
    dset = fh[name]
    if not isinstance(dset, h5py.Dataset):
        raise _err("h5_not_dataset", f"{file}: '{name}' is a group, not a dataset.", file=file, name=name)
    if dset.external is not None or dset.is_virtual:
        raise _err("h5_outside", f"{file}: '{name}' says its data lives in other files; only data stored "
                   "inside the file itself is read.", file=file, name=name)
    _check_filters(file, name, dset)
    return dset


def _check_filters(file: str, name: str, dset) -> None:
    plist = dset.id.get_create_plist()
    for index in range(plist.get_nfilters()):
        code = plist.get_filter(index)[0]
        if code not in ALLOWED_FILTERS:
            raise _err("h5_filter", f"{file}: '{name}' is stored with a compression filter ({code}) other than "
                       "gzip, shuffle or fletcher32.", file=file, name=name, code=code)
    chunks = dset.chunks
    if chunks is not None and int(np.prod(chunks, dtype=np.int64)) * dset.dtype.itemsize > MAX_CHUNK_BYTES:
        raise _err("h5_chunks", f"{file}: '{name}' is stored in chunks larger than "
                   f"{MAX_CHUNK_BYTES // (1024 * 1024)} MB.", file=file, name=name,
                   limit=MAX_CHUNK_BYTES // (1024 * 1024))


def _check_numeric(file: str, dset) -> None:
    dtype = dset.dtype
    if dtype.kind not in NUMERIC_KINDS or dtype.itemsize > MAX_ITEMSIZE or dtype.fields is not None:
        raise _data_err("h5_bad_pixels", f"{file}: pixel values should be numbers from 0 to 255.", file=file)


def _check_image_layout(file: str, dset, caps: SplitCaps) -> int:
    """m from the shape (m, 64, 64, 3), within the caps, with data actually stored; nothing is read."""
    expected = f"(m, {IMAGE_SIZE}, {IMAGE_SIZE}, {CHANNELS})"
    shape = tuple(int(n) for n in dset.shape)
    if len(shape) != len((0, IMAGE_SIZE, IMAGE_SIZE, CHANNELS)) or shape[1:] != (IMAGE_SIZE, IMAGE_SIZE, CHANNELS):
        raise _data_err("h5_bad_shape", f"{file}: images should have shape {expected}, found {shape}.",
                        file=file, expected=expected, found=str(shape))
    _check_numeric(file, dset)
    m = shape[0]
    check_image_count(file, m, caps)
    if m * N_X * dset.dtype.itemsize > caps.max_bytes:
        limit = caps.max_bytes // (1024 * 1024)
        raise _err("h5_too_big", f"{file}: the images take more than {limit} MB; store them as 0..255 bytes "
                   "(uint8) or upload fewer.", file=file, limit=limit)
    if m and dset.id.get_storage_size() == 0:
        raise _err("h5_no_data", f"{file} declares {m} images but stores none of their pixels.", file=file, found=m)
    return m


def check_image_count(file: str, m: int, caps: SplitCaps) -> None:
    if m > caps.max_images:
        raise _err("h5_too_many", f"{file} declares {m} images; at most {caps.max_images} are allowed.",
                   file=file, found=m, limit=caps.max_images)


def _check_label_layout(file: str, dset, m: int) -> None:
    shape = tuple(int(n) for n in dset.shape)
    if shape not in ((m,), (1, m)):
        found = int(np.prod(shape, dtype=np.int64)) if len(shape) <= 2 else shape
        raise _data_err("h5_count_mismatch", f"{file}: {m} images but {found} labels.", file=file, images=m,
                        labels=found)
    if dset.dtype.kind not in NUMERIC_KINDS or dset.dtype.itemsize > MAX_ITEMSIZE:
        raise _data_err("h5_bad_labels", f"{file}: labels should be 0 (non-cat) or 1 (cat).", file=file)


def _read_pixels(file: str, dset) -> np.ndarray:
    """The images as uint8: finite, within 0..255; floats in 0..1 scaled by 255, floats rounded."""
    x = np.asarray(dset[()])  # (m, 64, 64, 3)
    if x.dtype.kind == "f":
        bad = int(np.count_nonzero(~np.isfinite(x)))
        if bad:
            raise _err("h5_not_finite", f"{file}: {bad} pixel values are NaN or infinite.", file=file, found=bad)
        if x.size and float(x.max()) <= FLOAT_UNIT_MAX:
            x = x * PIXEL_MAX  # stored as 0..1 like X / 255: back to 0..255
        x = np.rint(x)
    if x.size and (float(x.min()) < 0 or float(x.max()) > PIXEL_MAX):
        raise _data_err("h5_bad_pixels", f"{file}: pixel values should be numbers from 0 to 255.", file=file)
    return x.astype(np.uint8)


def _read_labels(file: str, dset) -> np.ndarray:
    y = np.asarray(dset[()]).reshape(-1)
    if not np.all(np.isin(y, (0, 1))):  # NaN is not in (0, 1) either
        raise _data_err("h5_bad_labels", f"{file}: labels should be 0 (non-cat) or 1 (cat).", file=file)
    return y.astype(int).reshape(1, -1)  # (1, m)


def _class_names(file: str, dset) -> tuple | None:
    """list_classes as a tuple of str (None when absent): exactly two short byte strings."""
    if dset is None:
        return None
    if dset.dtype.kind != "S" or dset.dtype.itemsize > MAX_CLASS_NAME_BYTES or dset.shape != (len(PHOTO_FOLDERS),):
        raise _err("h5_bad_classes", f"{file}: list_classes should hold the two class names.", file=file)
    return tuple(value.decode("utf-8", "replace") for value in dset[()])
