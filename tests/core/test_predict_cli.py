"""`python -m core.predict`: one JSON line per photo, in order, errors per file, and honest exit codes."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from core import predict
from core.data.image import preprocess_photo
from core.errors import LogitLabError
from core.neuron.model_file import TrainedModel, load_model, save_model
from core.predict import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, MAX_FILE_BYTES, MIB, main, photo_x

ROOT = Path(__file__).resolve().parents[2]
SAME = 1e-12  # the CLI and the reference do the same float64 arithmetic up to summation order
CLI_SECONDS = 60  # a run that refuses a FIFO ends long before this (it used to hang for ever)


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "core.predict", *args], cwd=ROOT, capture_output=True,
                          text=True, check=False)


def _reference_p_cat(data: bytes) -> float:
    """p(cat) written out by hand: the course's flatten (C-order reshape / 255) and σ(wᵀx + b)."""
    shipped = load_model()
    x = preprocess_photo(data).reshape(-1, 1) / 255.0  # (12288, 1)
    z = float(np.dot(shipped.w[:, 0], x[:, 0])) + shipped.b
    return 1.0 / (1.0 + np.exp(-z))


def _photo(path: Path, size=(120, 90), seed=0, fmt="JPEG") -> Path:
    arr = np.random.default_rng(seed).integers(0, 256, (size[1], size[0], 3), dtype=np.uint8)
    Image.fromarray(arr).save(path, fmt)
    return path


def _lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.strip().splitlines()]


def test_good_and_bad_photos_give_one_line_each_in_order(tmp_path):
    good_a = _photo(tmp_path / "a.jpg", seed=1)
    good_b = _photo(tmp_path / "b.png", seed=2, fmt="PNG")
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(good_a.read_bytes()[:300])  # a cut-off JPEG
    paths = [good_a, broken, tmp_path / "missing.png", tmp_path, good_b]
    done = _cli(*map(str, paths))
    assert done.returncode == EXIT_SOME_FAILED
    assert "Traceback" not in done.stdout + done.stderr
    lines = _lines(done.stdout)
    assert [line["path"] for line in lines] == [str(p) for p in paths]
    for line, path in ((lines[0], good_a), (lines[4], good_b)):
        assert set(line) == {"path", "p_cat", "label"}
        assert 0.0 <= line["p_cat"] <= 1.0
        assert abs(line["p_cat"] - _reference_p_cat(path.read_bytes())) < SAME
        assert line["label"] == ("cat" if line["p_cat"] > 0.5 else "non-cat")
    assert "damaged" in lines[1]["error"]
    assert "not found" in lines[2]["error"] and "folder" in lines[3]["error"]


def test_all_good_photos_exit_zero_in_process(tmp_path, capsys):
    paths = [str(_photo(tmp_path / f"p{i}.jpg", seed=i)) for i in range(3)]
    assert main(paths) == EXIT_OK
    lines = _lines(capsys.readouterr().out)
    assert [line["path"] for line in lines] == paths and all("p_cat" in line for line in lines)


def test_unreadable_file_is_an_error_for_that_path_only(tmp_path, capsys, monkeypatch):
    good, locked = _photo(tmp_path / "good.jpg"), _photo(tmp_path / "locked.jpg", seed=5)
    real_open = os.open

    def guarded_open(path, flags, *args):
        if Path(path).name == locked.name:
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", guarded_open)
    assert main([str(locked), str(good)]) == EXIT_SOME_FAILED
    bad, ok = _lines(capsys.readouterr().out)
    assert "could not be read" in bad["error"] and "Permission denied" in bad["error"]
    assert "p_cat" in ok


def test_no_paths_is_a_usage_error():
    done = _cli()
    assert done.returncode == EXIT_USAGE
    assert "usage" in done.stderr and "Traceback" not in done.stderr and done.stdout == ""


def test_garbage_model_file_is_a_usage_error_with_a_clear_message(tmp_path):
    garbage = tmp_path / "model.npz"
    garbage.write_bytes(b"this is not a model")
    done = _cli(str(_photo(tmp_path / "a.jpg")), "--model", str(garbage))
    assert done.returncode == EXIT_USAGE
    assert done.stdout == "" and "Traceback" not in done.stderr
    assert str(garbage) in done.stderr and "model file" in done.stderr


def test_model_for_another_input_size_is_a_usage_error(tmp_path, capsys):
    small = save_model(tmp_path / "small.npz", TrainedModel(np.zeros((10, 1)), 0.0))
    assert main([str(_photo(tmp_path / "a.jpg")), "--model", str(small)]) == EXIT_USAGE
    assert "12288" in capsys.readouterr().err


def test_fit_option_changes_what_a_wide_photo_gives(tmp_path, capsys):
    wide = _photo(tmp_path / "wide.png", size=(300, 60), fmt="PNG")
    main([str(wide)])
    main([str(wide), "--fit", "squash"])
    crop, squash = _lines(capsys.readouterr().out)
    assert crop["p_cat"] != squash["p_cat"]
    x = preprocess_photo(wide.read_bytes(), fit="squash").reshape(-1, 1) / 255.0
    assert abs(squash["p_cat"] - float(load_model().predict_proba(x)[0, 0])) < SAME


def test_photo_x_is_the_course_flatten():
    buf = io.BytesIO()
    Image.fromarray(np.random.default_rng(9).integers(0, 256, (64, 64, 3), dtype=np.uint8)).save(buf, "PNG")
    arr = preprocess_photo(buf.getvalue())
    np.testing.assert_array_equal(photo_x(buf.getvalue()), arr.reshape(-1, 1) / 255.0)


def test_course_photos_through_the_cli_match_the_shipped_accuracy(course, tmp_path, capsys):
    """The 50 course test photos saved as PNG: the CLI's labels reproduce the shipped model's test accuracy."""
    shipped = load_model()
    paths = []
    for i, photo in enumerate(course.test_x_orig):
        paths.append(str(tmp_path / f"{i:02d}.png"))
        Image.fromarray(photo).save(paths[-1])  # lossless 64×64: preprocessing must leave it unchanged
    main(paths)
    lines = _lines(capsys.readouterr().out)
    p_cat = np.array([line["p_cat"] for line in lines])
    np.testing.assert_allclose(p_cat, shipped.predict_proba(course.test_x)[0], rtol=0, atol=SAME)
    labels = np.array([line["label"] == "cat" for line in lines], dtype=int)
    assert 100.0 * np.mean(labels == course.test_y[0]) == pytest.approx(shipped.record.test_accuracy)


def test_devices_and_fifos_are_refused_unread_and_the_other_files_still_run(tmp_path):
    """/dev/zero used to raise MemoryError and a FIFO to hang: each is now one error line, and the run goes on."""
    fifo = tmp_path / "pipe.jpg"
    os.mkfifo(fifo)  # nobody ever writes to it: opening it for reading would block
    good = _photo(tmp_path / "good.jpg")
    done = subprocess.run([sys.executable, "-m", "core.predict", "/dev/zero", str(fifo), str(good)], cwd=ROOT,
                          capture_output=True, text=True, check=False, timeout=CLI_SECONDS)
    assert done.returncode == EXIT_SOME_FAILED and "Traceback" not in done.stdout + done.stderr
    zero, pipe, ok = _lines(done.stdout)
    assert "not a regular file" in zero["error"] and "not a regular file" in pipe["error"]
    assert ok["path"] == str(good) and "p_cat" in ok


def test_files_above_the_byte_cap_are_refused_without_reading_them(tmp_path, capsys, monkeypatch):
    huge = tmp_path / "huge.jpg"
    with huge.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk space used
    good = _photo(tmp_path / "good.jpg")
    opened = []
    real_open = os.open

    def recording_open(path, flags, *args):
        opened.append(Path(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", recording_open)
    assert main([str(huge), str(good)]) == EXIT_SOME_FAILED
    bad, ok = _lines(capsys.readouterr().out)
    assert f"at most {MAX_FILE_BYTES // MIB} MiB" in bad["error"] and "p_cat" in ok
    assert opened == [good]  # the huge file was refused from its size alone, never opened


def test_a_file_that_is_longer_than_its_size_says_is_read_only_up_to_the_cap(monkeypatch):
    """/proc files report size 0: the cap still holds, because at most MAX_FILE_BYTES + 1 bytes are read."""
    monkeypatch.setattr(predict, "MAX_FILE_BYTES", 8)  # /proc/self/status is far longer than 8 bytes
    with pytest.raises(LogitLabError) as info:
        predict.read_photo_file(Path("/proc/self/status"))
    assert info.value.key == "bounds.file_grew"
