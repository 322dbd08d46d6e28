"""`python -m core.predict PATH... [--model FILE] [--fit crop|squash]`: p(cat) for each photo, one JSON line each.

Each line is ``{"path", "p_cat", "label"}`` or ``{"path", "error"}`` (the student-readable message).
A bad file never stops the others: folders, devices, pipes and files above MAX_FILE_BYTES are refused
without being read. Exit status: 0 all photos classified, 1 some failed, 2 usage
error (no paths, or a model file that cannot be used; the reason goes to stderr).
"""

import argparse
import json
import os
import stat
import sys
from pathlib import Path

import numpy as np

from core.blas import one_blas_thread
from core.course import CHANNELS, CLASSES, IMAGE_SIZE, N_X
from core.data.image import ALLOWED_TEXT, FITS, preprocess_photo
from core.data.loaders import flatten
from core.errors import LogitLabError
from core.neuron import model
from core.neuron.model_file import TrainedModel, load_model

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
MIB = 1024 * 1024  # bytes per MiB, for messages
MAX_FILE_BYTES = 64 * MIB  # larger files are refused unread (a 40-MP photo, core.data.image.MAX_PIXELS, fits as JPEG)


def photo_x(data: bytes, *, fit: str = "crop") -> np.ndarray:
    """Photo bytes -> x (12288, 1) in [0, 1]: the ONE preprocessing, flattened as the course does."""
    return flatten(preprocess_photo(data, fit=fit)[np.newaxis])  # (1, 64, 64, 3) -> (12288, 1)


def classify(trained: TrainedModel, x: np.ndarray) -> tuple[float, str]:
    """(p(cat | x), "cat" or "non-cat") for one column x (n_x, 1), with the course's 0.5 rule.

    wᵀx is a 12288-long dot product: on one BLAS thread it takes microseconds, while OpenBLAS's own
    split across threads waited milliseconds for a busy second core (core.blas).
    """
    with one_blas_thread():
        p_cat = float(model.predict_proba(trained.w, trained.b, x)[0, 0])
        label = int(model.predict(trained.w, trained.b, x)[0, 0])
    return p_cat, CLASSES[label]


def _unreadable(path: Path, exc: OSError) -> LogitLabError:
    reason = exc.strerror or str(exc)
    return LogitLabError(f"The file {path} could not be read ({reason}).", key="errors_image.unreadable",
                         path=str(path), reason=reason)


def _check_kind(path: Path, info: os.stat_result) -> None:
    """Only a regular file of at most MAX_FILE_BYTES is read: never a folder, device, pipe or socket."""
    if stat.S_ISDIR(info.st_mode):
        raise LogitLabError(f"{path} is a folder, not a photo file.", key="errors_image.is_directory",
                            path=str(path))
    if not stat.S_ISREG(info.st_mode):
        raise LogitLabError(f"{path} is not a regular file (a device, a pipe or a socket); give a photo file.",
                            key="bounds.not_regular_file", path=str(path))
    if info.st_size > MAX_FILE_BYTES:
        raise LogitLabError(f"{path} is {info.st_size / MIB:.1f} MiB; photo files of at most "
                            f"{MAX_FILE_BYTES // MIB} MiB are read.", key="bounds.file_too_big", path=str(path),
                            size=f"{info.st_size / MIB:.1f}", limit=MAX_FILE_BYTES // MIB)


def read_photo_file(path: Path) -> bytes:
    """A file's bytes, or a LogitLabError saying why it cannot be read.

    The path is checked with stat before it is opened (opening a FIFO would wait for a writer), opened
    non-blocking and checked again on the open descriptor (it may have been swapped in between), and at
    most MAX_FILE_BYTES + 1 bytes are read (a file may grow after the check, as /proc files report 0).
    """
    try:
        _check_kind(path, os.stat(path))
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise LogitLabError(f"The file {path} was not found.", key="errors_image.file_missing",
                            path=str(path)) from None
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    with os.fdopen(fd, "rb") as fh:
        _check_kind(path, os.fstat(fh.fileno()))
        try:
            data = fh.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise _unreadable(path, exc) from exc
    if len(data) > MAX_FILE_BYTES:
        raise LogitLabError(f"{path} is larger than {MAX_FILE_BYTES // MIB} MiB; photo files of at most "
                            f"{MAX_FILE_BYTES // MIB} MiB are read.", key="bounds.file_grew", path=str(path),
                            limit=MAX_FILE_BYTES // MIB)
    return data


def predict_path(trained: TrainedModel, path: str, fit: str) -> dict:
    """One output record for ``path``: its prediction, or the reason it has none."""
    try:
        p_cat, label = classify(trained, photo_x(read_photo_file(Path(path)), fit=fit))
    except LogitLabError as err:
        return {"path": path, "error": str(err)}
    return {"path": path, "p_cat": p_cat, "label": label}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m core.predict",
                                     description="Print p(cat) for each photo as one JSON line.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help=f"photo files ({ALLOWED_TEXT})")
    parser.add_argument("--model", default=None, help="model .npz file (default: the shipped model)")
    parser.add_argument("--fit", choices=FITS, default=FITS[0],
                        help="crop: centre square (default); squash: resize the whole photo, as the course did")
    return parser


def main(argv=None) -> int:
    """Run the CLI on ``argv`` (default sys.argv[1:]); return the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage message to stderr
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    try:
        trained = load_model(args.model)
    except LogitLabError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    if trained.n_x != N_X:
        print(f"error: the model file {args.model} expects {trained.n_x} inputs, but a "
              f"{IMAGE_SIZE}×{IMAGE_SIZE}×{CHANNELS} photo has {N_X}.", file=sys.stderr)
        return EXIT_USAGE
    failed = False
    for path in args.paths:
        record = predict_path(trained, path, args.fit)
        failed = failed or "error" in record
        print(json.dumps(record, ensure_ascii=False), flush=True)
    return EXIT_SOME_FAILED if failed else EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
