"""`python -m core.train`: progress, a JSON last line, a saved model, and one-line errors with the right exit code."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from core.course import LEARNING_RATE
from core.neuron import descent, model
from core.neuron.model_file import load_model
from core.train import EXIT_DATA, EXIT_USAGE, MAX_ITERATIONS, main

ROOT = Path(__file__).resolve().parents[2]
SHORT_RUN = 200  # iterations of the CLI runs: enough for two recorded costs
SAME = 1e-12  # the CLI and this test run the same code: costs agree to rounding (JSON keeps 17 digits)
SUMMARY_KEYS = {"train_accuracy", "test_accuracy", "costs", "seconds"}
CLI_SECONDS = 60  # a refused run must end long before this (it used to grow memory until MemoryError)


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "core.train", *args], cwd=ROOT, capture_output=True,
                          text=True, check=False)


def test_short_run_ends_with_json_summary_equal_to_core(course, course_dir):
    done = _cli("--data", str(course_dir), "--iterations", str(SHORT_RUN))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    summary = json.loads(lines[-1])
    assert set(summary) >= SUMMARY_KEYS
    assert any("iteration" in line and "100" in line for line in lines[:-1])  # progress came first
    hist = descent.train(course.train_x, course.train_y, LEARNING_RATE, SHORT_RUN)
    np.testing.assert_allclose(summary["costs"], hist.costs, rtol=0, atol=SAME)
    assert summary["train_accuracy"] == model.accuracy(model.predict(hist.w, hist.b, course.train_x), course.train_y)
    assert summary["test_accuracy"] == 100.0 * summary["test_correct"] / course.test_y.shape[1]


def test_out_saves_a_loadable_model_with_meta(course_dir, tmp_path, capsys):
    out = tmp_path / "sub" / "model.npz"
    code = main(["--data", str(course_dir), "--iterations", str(SHORT_RUN), "--learning-rate", "0.01",
                 "--l2", "0.5", "--out", str(out)])
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert code == 0
    saved = load_model(out)
    assert (saved.record.learning_rate, saved.record.iterations, saved.record.l2) == (0.01, SHORT_RUN, 0.5)
    assert list(saved.record.costs) == summary["costs"] and saved.record.test_accuracy == summary["test_accuracy"]
    assert summary["dataset_sha256"] == dict(saved.record.dataset_sha256) and len(summary["dataset_sha256"]) == 2


def test_missing_data_folder_is_one_line_without_traceback(tmp_path):
    done = _cli("--data", str(tmp_path / "nowhere"))
    assert done.returncode == EXIT_DATA
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "nowhere" in done.stderr


def test_malformed_data_file_is_one_line_data_error(tmp_path, capsys):
    for name in ("train_catvnoncat.h5", "test_catvnoncat.h5"):
        (tmp_path / name).write_text("not HDF5")
    assert main(["--data", str(tmp_path)]) == EXIT_DATA
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "train_catvnoncat.h5" in err


@pytest.mark.parametrize("args", [["--iterations", "-5"], ["--learning-rate", "-0.1"], ["--learning-rate", "nan"],
                                  ["--l2", "-1"], ["--iterations", "ten"], ["--bogus"]])
def test_bad_arguments_exit_2_with_one_line(tmp_path, capsys, args):
    assert main(["--data", str(tmp_path), *args]) == EXIT_USAGE
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1


def test_negative_iterations_in_a_subprocess_exit_2_without_traceback(tmp_path):
    done = _cli("--data", str(tmp_path), "--iterations", "-1")
    assert done.returncode == EXIT_USAGE
    assert "Traceback" not in done.stderr and "--iterations" in done.stderr


@pytest.mark.parametrize(("args", "cap"), [
    (["--iterations", "1e12"], "MAX_ITERATIONS"), (["--iterations", "9" * 400], "MAX_ITERATIONS"),
    (["--iterations", str(MAX_ITERATIONS + 1)], "MAX_ITERATIONS"),
    (["--learning-rate", "1e308"], "MAX_LEARNING_RATE"), (["--l2", "1e300"], "MAX_L2"),
])
def test_absurd_values_are_refused_by_name_before_any_work(tmp_path, capsys, args, cap):
    """Refused while parsing: the data folder is empty, so reaching the loader would be exit 1 instead."""
    assert main(["--data", str(tmp_path), *args]) == EXIT_USAGE
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1
    assert cap in captured.err and "at most" in captured.err


@pytest.mark.parametrize("value", ["2.5", "inf", "1e400", "-0", "0x10"])
def test_iterations_must_be_a_finite_whole_number(tmp_path, capsys, value):
    assert main(["--data", str(tmp_path), "--iterations", value]) == EXIT_USAGE
    assert "--iterations" in capsys.readouterr().err


def test_whole_numbers_may_be_written_in_e_notation_up_to_the_cap(tmp_path, capsys):
    """2e3 is the course's 2000 steps: parsing accepts it, so the run fails only at the (empty) data folder."""
    assert main(["--data", str(tmp_path), "--iterations", "2e3"]) == EXIT_DATA
    assert main(["--data", str(tmp_path), "--iterations", str(MAX_ITERATIONS)]) == EXIT_DATA


def test_1e12_iterations_in_a_subprocess_is_one_line_and_quick(tmp_path):
    done = subprocess.run([sys.executable, "-m", "core.train", "--data", str(tmp_path), "--iterations", "1e12"],
                          cwd=ROOT, capture_output=True, text=True, check=False, timeout=CLI_SECONDS)
    assert done.returncode == EXIT_USAGE and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "MAX_ITERATIONS" in done.stderr and "Traceback" not in done.stderr
