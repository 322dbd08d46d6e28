"""A hostile corpus, made here: every file goes through the loader the page uses (parsed in a worker
process) and must end in one clear LogitLabError, never a traceback, never a byte of a server file,
with the calling (server) process alive and its memory growth under a named bound."""

import io
import json
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import h5py
import numpy as np
import pytest

from core.data import byod, image
from core.data.h5_split import SplitCaps
from core.errors import LogitLabError

ROOT = Path(__file__).resolve().parents[2]
SEED = 11  # fixed seed for the generated pixels
M = 10  # images per generated split: 5 of each class (= MIN_PER_CLASS)
IMAGE_BYTES = 64 * 64 * 3  # bytes of one uint8 course photo
PATTERN = b"PLANTED-SERVER-SECRET-"  # a distinctive byte pattern planted in a "server" file
MAX_CALLER_GROWTH = 64 * 1024 * 1024  # bytes the caller's peak memory may grow by while refusing a hostile file
BIG_SIDE = (8000, 5000)  # 40 MP: the largest photo the pixel limit lets through
HUGE_CHUNK_IMAGES = 1400  # images per declared chunk: 17 MB, above h5_split.MAX_CHUNK_BYTES
LARGE_PHOTOS = 60  # photos in the "many large photos" zip
PNG_SIG = b"\x89PNG\r\n\x1a\n"
GREY, RGB = 0, 2  # PNG colour types
ROWS_PER_CHUNK = 256  # rows compressed at a time when making a big PNG


def _subdir(tmp_path: Path, name: str) -> Path:
    (tmp_path / name).mkdir()
    return tmp_path / name


def _planted(tmp_path: Path, size: int = M * IMAGE_BYTES) -> Path:
    path = tmp_path / "server_secret.bin"
    path.write_bytes((PATTERN * (size // len(PATTERN) + 1))[:size])
    return path


def _good_split(fh, prefix: str, m: int = M):
    rng = np.random.default_rng(SEED)
    fh[f"{prefix}_set_y"] = np.arange(m) % 2
    return rng.integers(0, 256, (m, 64, 64, 3), dtype=np.uint8)


def _h5(path: Path, build) -> bytes:
    with h5py.File(path, "w") as fh:
        build(fh)
    return path.read_bytes()


def _pair(tmp_path: Path, build_train) -> list[tuple[str, bytes]]:
    """A hostile train file (``build_train(fh)``) next to a well-formed test file."""
    def good_test(fh):
        fh["test_set_x"] = _good_split(fh, "test")

    return [("train.h5", _h5(tmp_path / "train.h5", build_train)), ("test.h5", _h5(tmp_path / "test.h5", good_test))]


def _refusal(files, **kw) -> LogitLabError:
    with pytest.raises(LogitLabError) as info:
        byod.load_h5_pair(files, **kw)
    return info.value


def _assert_no_leak(err: LogitLabError, *secrets: str) -> None:
    text = str(err) + json.dumps(err.params, default=str)
    for secret in (PATTERN.decode(), *secrets):
        assert secret not in text


def _external_storage(tmp_path):
    planted = _planted(tmp_path)

    def build(fh):
        _good_split(fh, "train")
        fh.create_dataset("train_set_x", shape=(M, 64, 64, 3), dtype=np.uint8,
                          external=[(str(planted), 0, M * IMAGE_BYTES)])
    return build


def _virtual(tmp_path):
    server = tmp_path / "server_data.h5"
    with h5py.File(server, "w") as fh:
        fh["pixels"] = np.frombuffer(_planted(tmp_path).read_bytes(), np.uint8).reshape(M, 64, 64, 3)

    def build(fh):
        _good_split(fh, "train")
        layout = h5py.VirtualLayout(shape=(M, 64, 64, 3), dtype=np.uint8)
        layout[:] = h5py.VirtualSource(str(server), "pixels", shape=(M, 64, 64, 3))
        fh.create_virtual_dataset("train_set_x", layout)
    return build


def _soft_link(tmp_path):
    def build(fh):
        fh["elsewhere"] = _good_split(fh, "train")
        fh["train_set_x"] = h5py.SoftLink("/elsewhere")
    return build


def _external_link(tmp_path):
    server = tmp_path / "server_data.h5"
    with h5py.File(server, "w") as fh:
        fh["pixels"] = np.zeros((M, 64, 64, 3), np.uint8)

    def build(fh):
        _good_split(fh, "train")
        fh["train_set_x"] = h5py.ExternalLink(str(server), "/pixels")
    return build


def _declared(m: int, chunks):
    def build(fh):
        fh["train_set_y"] = np.arange(m) % 2 if m <= M else np.zeros(M)
        fh.create_dataset("train_set_x", shape=(m, 64, 64, 3), dtype=np.uint8, chunks=chunks)  # no data written
    return lambda tmp_path: build


def _lzf(tmp_path):
    def build(fh):
        fh.create_dataset("train_set_x", data=_good_split(fh, "train"), compression="lzf")
    return build


def _group(tmp_path):
    def build(fh):
        _good_split(fh, "train")
        fh.create_group("train_set_x")
    return build


def _huge_chunks(tmp_path):
    def build(fh):
        fh.create_dataset("train_set_x", data=_good_split(fh, "train"), maxshape=(None, 64, 64, 3),
                          chunks=(HUGE_CHUNK_IMAGES, 64, 64, 3), compression="gzip")
    return build


def _odd_classes(tmp_path):
    def build(fh):
        fh["train_set_x"] = _good_split(fh, "train")
        fh["list_classes"] = np.array([b"x" * 1000] * 3)
    return build


HOSTILE_H5 = {  # case -> (builder, expected error key)
    "external raw storage": (_external_storage, "errors_upload.h5_outside"),
    "virtual dataset on a server file": (_virtual, "errors_upload.h5_outside"),
    "soft link": (_soft_link, "errors_upload.h5_link"),
    "external link to a server file": (_external_link, "errors_upload.h5_link"),
    "fill-value bomb: 1 000 000 images declared": (_declared(1_000_000, (1, 64, 64, 3)), "errors_upload.h5_too_many"),
    "declared images, none stored (chunked)": (_declared(M, (1, 64, 64, 3)), "errors_upload.h5_no_data"),
    "declared images, none stored (contiguous)": (_declared(M, None), "errors_upload.h5_no_data"),
    "non-standard filter (lzf)": (_lzf, "errors_upload.h5_filter"),
    "a group instead of a dataset": (_group, "errors_upload.h5_not_dataset"),
    "chunks of 17 MB for 10 images": (_huge_chunks, "errors_upload.h5_chunks"),
    "list_classes not two short names": (_odd_classes, "errors_upload.h5_bad_classes"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_H5))
def test_hostile_h5_is_refused_before_reading_with_a_clear_message(tmp_path, case):
    builder, key = HOSTILE_H5[case]
    err = _refusal(_pair(tmp_path, builder(tmp_path)))
    assert err.key == key and "train.h5" in str(err)
    _assert_no_leak(err, str(tmp_path))


def test_virtual_dataset_through_the_real_loader_leaves_this_process_serving(tmp_path):
    err = _refusal(_pair(_subdir(tmp_path, "vds"), _virtual(tmp_path)))
    assert err.key == "errors_upload.h5_outside"
    good = _pair(tmp_path, lambda fh: fh.__setitem__("train_set_x", _good_split(fh, "train")))
    loaded = byod.load_h5_pair(good)  # the same process goes on loading the next upload
    assert loaded.train_x_orig.shape == (M, 64, 64, 3) and loaded.test_y.shape == (1, M)


def test_nan_pixels_are_refused_with_their_count(tmp_path):
    def build(fh):
        x = _good_split(fh, "train").astype(np.float64)
        x.reshape(-1)[[3, 500, 9000, 12345, 70000]] = [np.nan, np.inf, -np.inf, np.nan, np.nan]
        fh["train_set_x"] = x
    err = _refusal(_pair(tmp_path, build))
    assert err.key == "errors_upload.h5_not_finite" and err.params["found"] == 5


def test_float_pixels_in_0_to_1_are_scaled_not_truncated(tmp_path):
    stored = {}

    def build(fh):
        stored["x"] = _good_split(fh, "train") / 255.0  # the course's X / 255, as float64
        fh["train_set_x"] = stored["x"]
    loaded = byod.load_h5_pair(_pair(tmp_path, build))
    np.testing.assert_array_equal(loaded.train_x_orig, np.rint(stored["x"] * 255).astype(np.uint8))
    assert loaded.train_x_orig.max() > 200  # not near-black


def test_float_pixels_in_0_to_255_are_rounded(tmp_path):
    def build(fh):
        _good_split(fh, "train")
        fh["train_set_x"] = np.full((M, 64, 64, 3), 127.6, np.float32)
    loaded = byod.load_h5_pair(_pair(tmp_path, build))
    assert np.all(loaded.train_x_orig == 128)


@pytest.mark.parametrize(("m", "labels", "folder", "found"), [(1, [1], "non-cat", 0), (M, [1] * M, "non-cat", 0),
                                                             (M, [0] * 7 + [1] * 3, "cat", 3)])
def test_one_image_one_class_and_too_few_are_refused(tmp_path, m, labels, folder, found):
    def build(fh):
        fh["train_set_x"] = _good_split(fh, "train", m)
        del fh["train_set_y"]
        fh["train_set_y"] = np.array(labels)
    err = _refusal(_pair(tmp_path, build))
    assert err.key == "errors_upload.too_few"
    assert (err.params["folder"], err.params["found"], err.params["limit"]) == (folder, found, byod.MIN_PER_CLASS)


def test_two_files_declaring_more_than_the_zip_limit_together_are_refused(tmp_path):
    half = byod.MAX_PHOTOS // 2 + 1

    def big(prefix):
        def build(fh):
            fh[f"{prefix}_set_y"] = np.zeros(half)
            fh.create_dataset(f"{prefix}_set_x", shape=(half, 64, 64, 3), dtype=np.uint8)
        return build
    files = [(f"{p}.h5", _h5(tmp_path / f"{p}.h5", big(p))) for p in ("train", "test")]
    err = _refusal(files)
    assert err.key == "errors_upload.h5_pair_too_many" and err.params["found"] == 2 * half


def test_image_bytes_above_the_cap_are_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(byod, "H5_CAPS", SplitCaps(max_images=byod.MAX_PHOTOS, max_bytes=M * IMAGE_BYTES))

    def build(fh):
        fh["train_set_x"] = _good_split(fh, "train").astype(np.float32)  # 4 bytes per value: 4× the cap
    err = _refusal(_pair(tmp_path, build), isolated=False)  # the patched cap reaches the parser in-process
    assert err.key == "errors_upload.h5_too_big"


# --- photos ----------------------------------------------------------------------------------------


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _big_png(size, bit_depth: int, colour_type: int) -> bytes:
    """A valid, all-black PNG of ``size`` pixels, made in a fraction of a second (it compresses ~1000×)."""
    width, height = size
    channels = 3 if colour_type == RGB else 1
    row = b"\0" * (1 + width * channels * bit_depth // 8)  # filter byte 0, then black pixels
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row * ROWS_PER_CHUNK) for _ in range(height // ROWS_PER_CHUNK))
    idat += packer.compress(row * (height % ROWS_PER_CHUNK)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return PNG_SIG + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")


def test_16_bit_40_mp_png_is_refused_by_memory_before_decoding():
    data = _big_png(BIG_SIDE, 16, GREY)
    assert len(data) < 200_000  # a small upload …
    with pytest.raises(LogitLabError) as info:
        image.photo_stages(data)
    err = info.value  # … that would need far more than the limit once decoded
    assert err.key == "errors_upload.photo_memory" and err.params["needed"] > err.params["limit"]
    assert (err.params["width"], err.params["height"], err.params["mode"]) == (*BIG_SIDE, "I;16")


def _large_photos_zip() -> bytes:
    photo = _big_png(BIG_SIDE, 8, RGB)  # 40 MP, 8-bit: allowed alone, not 60 of them
    entries = {f"p/{folder}/{k}.png": photo for k in range(LARGE_PHOTOS // 2) for folder in ("cat", "non-cat")}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_of_many_large_photos_is_refused_before_decoding_them():
    with pytest.raises(LogitLabError) as info:
        byod.load_photo_zip(_large_photos_zip())
    assert info.value.key == "errors_upload.zip_decode_budget"


# --- the caller's memory ------------------------------------------------------------------------------

CALLER = """
import json, resource, sys
from pathlib import Path
from core.data import byod, image
from core.errors import LogitLabError
kind, paths = sys.argv[1], sys.argv[2:]
files = [(Path(p).name, Path(p).read_bytes()) for p in paths]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    if kind == "h5":
        byod.load_h5_pair(files)
    elif kind == "zip":
        byod.load_photo_zip(files[0][1], files[0][0])
    else:
        image.photo_stages(files[0][1])
    key = None
except LogitLabError as err:
    key = err.key
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"key": key, "growth": (after - before) * 1024}))
"""


def _caller_growth(kind: str, paths) -> dict:
    """Load the files in a fresh process standing in for the server; its peak-memory growth in bytes."""
    done = subprocess.run([sys.executable, "-c", CALLER, kind, *map(str, paths)], cwd=ROOT, capture_output=True,
                          text=True, check=True, timeout=120)
    return json.loads(done.stdout)


def _write(folder: Path, files) -> list[Path]:
    for name, data in files:
        (folder / name).write_bytes(data)
    return [folder / name for name, _ in files]


def test_callers_memory_stays_bounded_on_the_worst_files(tmp_path):
    bomb = _pair(_subdir(tmp_path, "bomb"), _declared(1_000_000, (1, 64, 64, 3))(tmp_path))
    vds = _pair(_subdir(tmp_path, "vds"), _virtual(tmp_path))
    cases = {
        "h5 bomb": ("h5", _write(_subdir(tmp_path, "a"), bomb), "errors_upload.h5_too_many"),
        "h5 vds": ("h5", _write(_subdir(tmp_path, "b"), vds), "errors_upload.h5_outside"),
        "png": ("photo", _write(_subdir(tmp_path, "c"), [("big.png", _big_png(BIG_SIDE, 16, GREY))]),
                "errors_upload.photo_memory"),
        "zip": ("zip", _write(_subdir(tmp_path, "d"), [("large.zip", _large_photos_zip())]),
                "errors_upload.zip_decode_budget"),
        "external storage": ("h5", _write(_subdir(tmp_path, "e"), _pair(_subdir(tmp_path, "ext"),
                                                                          _external_storage(tmp_path))),
                             "errors_upload.h5_outside"),
    }
    for case, (kind, paths, key) in cases.items():
        result = _caller_growth(kind, paths)
        assert result["key"] == key, case
        assert result["growth"] < MAX_CALLER_GROWTH, (case, result)


def test_a_large_photo_is_decoded_in_a_worker_with_the_same_result(monkeypatch):
    side = 2000  # 4 MP RGB: ~48 MB to decode, above image.IN_PROCESS_DECODE_BYTES
    rows, cols = np.indices((side, side))
    pixels = np.stack([rows % 256, cols % 256, (rows + cols) % 256], axis=-1).astype(np.uint8)  # (side, side, 3)
    buf = io.BytesIO()
    image.Image.fromarray(pixels).save(buf, "PNG", compress_level=1)
    data = buf.getvalue()
    assert image.decode_bytes(data) > image.IN_PROCESS_DECODE_BYTES
    calls = []
    real_run = image.isolate.run_isolated
    monkeypatch.setattr(image.isolate, "run_isolated", lambda *a, **k: calls.append(a[0]) or real_run(*a, **k))
    in_worker = image.photo_stages(data, fit="squash")
    assert calls == ["core.data.image:decode_request"]
    monkeypatch.setenv(image.isolate.WORKER_ENV, "1")  # as inside a worker: decoded right here
    here = image.photo_stages(data, fit="squash")
    assert calls == ["core.data.image:decode_request"]
    for field in ("oriented", "square", "model_input"):
        np.testing.assert_array_equal(getattr(in_worker, field), getattr(here, field))
    assert in_worker.original_size == here.original_size == (side, side)
