"""`python -m core.train`: train the cat classifier on the course data, print progress and a JSON summary.

    python -m core.train --data DIR [--learning-rate 0.005] [--iterations 2000] [--l2 0] [--out FILE]

Trains with ``core.neuron.trainer.Trainer`` (the page and the benches fit the same way). Progress lines go
to stdout; the LAST stdout line is one JSON object, the run's TrainingRecord (train_accuracy, test_accuracy
in percent, costs every 100 iterations, seconds, …). With --out the model is saved with
``core.neuron.model_file.save_model`` (that is how ``make model`` builds the shipped file).
Mistakes print one line on stderr: exit 2 for bad arguments, 1 for bad data; never a traceback.
"""

import argparse
import json
import math
import sys
from dataclasses import replace
from pathlib import Path

from core.course import ITERATIONS, LEARNING_RATE
from core.data import loaders
from core.errors import LogitLabError
from core.neuron.model_file import TrainedModel, save_model
from core.neuron.trainer import Trainer

MAX_ITERATIONS = 1_000_000  # 500× the course's steps: about half a minute with the Gram trainer on 209 photos
MAX_LEARNING_RATE = 100.0  # the largest α the descent page offers; far past where descent diverges
MAX_L2 = 1000.0  # λ far past where the penalty flattens w to 0 on the course data
SHOWN_CHARS = 40  # characters of a bad argument quoted back
EXIT_DATA = 1  # the data folder or a file in it is missing or malformed
EXIT_USAGE = 2  # a bad command-line argument (argparse's own convention)


class _UsageError(Exception):
    """A bad argument, reported as one line instead of argparse's usage block."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise _UsageError(message)


def _number(kind, text):
    """``text`` as a finite ``kind``; a whole number may be written 2e3 (but not 2.5 for an int)."""
    try:
        return kind(text) if kind is int and text.strip().isdigit() else _finite(kind, float(text), text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text[:SHOWN_CHARS]!r}") from None


def _finite(kind, value: float, text: str):
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected a finite number, got {text[:SHOWN_CHARS]}")
    if kind is int and not value.is_integer():
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text[:SHOWN_CHARS]}")
    return kind(value)


def _checked(kind, low, low_ok, high, cap_name):
    """An argparse type: a finite ``kind`` above ``low`` (or equal to it when ``low_ok``), at most ``high``."""
    def convert(text):
        value = _number(kind, text)
        if value < low or (value == low and not low_ok):
            bound = f"at least {low}" if low_ok else f"greater than {low}"
            raise argparse.ArgumentTypeError(f"must be {bound}, got {text[:SHOWN_CHARS]}")
        if value > high:
            raise argparse.ArgumentTypeError(f"must be at most {high:,} ({cap_name}), got {text[:SHOWN_CHARS]}")
        return value
    return convert


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m core.train", description="Train the cat/non-cat neuron on the course data.")
    p.add_argument("--data", required=True, type=Path, help="folder with train_catvnoncat.h5 and test_catvnoncat.h5")
    p.add_argument("--learning-rate", type=_checked(float, 0, False, MAX_LEARNING_RATE, "MAX_LEARNING_RATE"),
                   default=LEARNING_RATE, help=f"α, at most {MAX_LEARNING_RATE:g}")
    p.add_argument("--iterations", type=_checked(int, 1, True, MAX_ITERATIONS, "MAX_ITERATIONS"),
                   default=ITERATIONS, help=f"steps, at most {MAX_ITERATIONS:,}")
    p.add_argument("--l2", type=_checked(float, 0, True, MAX_L2, "MAX_L2"), default=0.0,
                   help=f"λ of the L2 penalty, at most {MAX_L2:g}")
    p.add_argument("--out", type=Path, help="save the trained model here (.npz)")
    return p


def _print_progress(step, cost):
    print(f"iteration {step:>6}: cost {cost:.6f}", flush=True)


def _run(args) -> int:
    if not args.data.is_dir():
        raise LogitLabError(f"The folder {args.data} was not found.", key="errors_data.folder_missing",
                            folder=str(args.data))
    course = loaders.load_course_dataset(args.data)
    print(f"training on {course.train_y.shape[1]} photos: learning rate {args.learning_rate}, "
          f"{args.iterations} iterations, l2 {args.l2}", flush=True)
    trained = Trainer(args.learning_rate, args.iterations, args.l2).fit(course, progress=_print_progress)
    record = trained.record
    if args.out:
        files = tuple((name, loaders.sha256_of(args.data / name)) for name in loaders.COURSE_FILES)
        record = replace(record, dataset_sha256=files)
        _save(args.out, TrainedModel(trained.w, trained.b, record))
    print(json.dumps(record.summary()), flush=True)
    return 0


def _save(path: Path, trained: TrainedModel) -> None:
    try:
        save_model(path, trained)
    except OSError as err:
        raise LogitLabError(f"Could not write the model file {path} ({err}).",
                            key="errors_data.model_unwritable", file=str(path)) from err
    print(f"saved the model to {path}", flush=True)


def main(argv=None) -> int:
    """Parse ``argv`` (default: sys.argv[1:]), train, print; returns the exit code."""
    try:
        return _run(_parser().parse_args(argv))
    except _UsageError as err:
        print(f"python -m core.train: error: {err} (see --help)", file=sys.stderr)
        return EXIT_USAGE
    except LogitLabError as err:
        print(f"python -m core.train: {err}", file=sys.stderr)
        return EXIT_DATA
    except SystemExit as done:  # --help
        return done.code if isinstance(done.code, int) else 0


if __name__ == "__main__":
    raise SystemExit(main())
