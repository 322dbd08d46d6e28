"""`python -m core.predict PATH... [--model FILE] [--fit crop|squash]`: p(cat) for each photo, one JSON line each.

Each line is ``{"path", "p_cat", "label"}`` or ``{"path", "error"}`` (the student-readable message).
A bad file never stops the others. Exit status: 0 all photos classified, 1 some failed, 2 usage
error (no paths, or a model file that cannot be used; the reason goes to stderr).
"""

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from core import model
from core.data import CHANNELS, IMAGE_SIZE, flatten
from core.errors import LogitLabError
from core.image import FITS, preprocess_photo
from core.model_file import TrainedModel, load_model

LABELS = ("non-cat", "cat")  # index = the model's 0/1 prediction, as the course's classes
EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
N_X = IMAGE_SIZE * IMAGE_SIZE * CHANNELS  # 12288 inputs: a model for other photo sizes cannot be used


def photo_x(data: bytes, *, fit: str = "crop") -> np.ndarray:
    """Photo bytes -> x (12288, 1) in [0, 1]: the ONE preprocessing, flattened as the course does."""
    return flatten(preprocess_photo(data, fit=fit)[np.newaxis])  # (1, 64, 64, 3) -> (12288, 1)


def classify(trained: TrainedModel, x: np.ndarray) -> tuple[float, str]:
    """(p(cat | x), "cat" or "non-cat") for one column x (n_x, 1), with the course's 0.5 rule."""
    p_cat = float(model.predict_proba(trained.w, trained.b, x)[0, 0])
    label = int(model.predict(trained.w, trained.b, x)[0, 0])
    return p_cat, LABELS[label]


def read_photo_file(path: Path) -> bytes:
    """A file's bytes, or a LogitLabError saying why it cannot be read."""
    if path.is_dir():
        raise LogitLabError(f"{path} is a folder, not a photo file.", key="errors_image.is_directory",
                            path=str(path))
    if not path.exists():
        raise LogitLabError(f"The file {path} was not found.", key="errors_image.file_missing", path=str(path))
    try:
        return path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise LogitLabError(f"The file {path} could not be read ({reason}).", key="errors_image.unreadable",
                            path=str(path), reason=reason) from exc


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
    parser.add_argument("paths", nargs="+", metavar="PATH", help="photo files (JPEG, PNG, WebP, BMP, GIF, TIFF)")
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
