"""core.isolate: a parser that crashes, hangs or runs out of memory fails with one clear error,
and this (the calling) process carries on; a normal answer round-trips exactly."""

import logging

import numpy as np
import pytest

from core import isolate
from core.errors import LogitLabError

TARGETS = "tests.core.isolate_targets"
SHORT = isolate.Limits(seconds=3.0)  # enough for a worker to start on a busy machine, short for a hang
DEFAULT = isolate.Limits()  # the worker limits run_isolated uses when given none
SMALL_MEMORY = isolate.Limits(memory_bytes=512 * isolate.MIB)  # below isolate_targets.ALLOCATION_BYTES


def _run(target: str, limits=DEFAULT, **request):
    return isolate.run_isolated(f"{TARGETS}:{target}", request, file="upload.h5", limits=limits)


def test_answer_round_trips_exactly():
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, (7, 64, 64, 3), dtype=np.uint8)
    floats = rng.standard_normal((3, 5))
    raw = bytes(range(256)) * 3
    answer = _run("echo", pixels=pixels, floats=floats, raw=raw, name="cat ✓.h5")
    np.testing.assert_array_equal(answer["pixels"], pixels)
    assert answer["pixels"].dtype == np.uint8
    np.testing.assert_array_equal(answer["floats"], floats)  # bit for bit
    assert answer["raw"].tobytes() == raw and str(answer["name"]) == "cat ✓.h5"
    assert int(answer["count"]) == 4


def test_crash_in_worker_is_a_clear_error_and_this_process_survives():
    with pytest.raises(LogitLabError) as info:
        _run("segfault")
    assert info.value.key == "errors_upload.worker_crashed" and "upload.h5" in str(info.value)
    assert _run("echo", x=np.arange(3))["x"].tolist() == [0, 1, 2]  # still working afterwards


def test_hang_is_stopped_at_the_time_limit():
    with pytest.raises(LogitLabError) as info:
        _run("hang", limits=SHORT)
    assert info.value.key == "errors_upload.worker_timeout"
    assert info.value.params["seconds"] == "3"


def test_memory_limit_stops_a_huge_allocation():
    with pytest.raises(LogitLabError) as info:
        _run("allocate", limits=SMALL_MEMORY)
    assert info.value.key == "errors_upload.worker_memory"
    assert info.value.params["limit"] == SMALL_MEMORY.memory_bytes // isolate.MIB


def test_a_refusal_in_the_worker_arrives_with_its_cause():
    with pytest.raises(LogitLabError) as info:
        _run("refuse")
    err = info.value
    assert (err.key, str(err), err.params) == ("errors_byod.zip_bad_photo", "outer message",
                                               {"file": "a.jpg", "reason": "inner reason"})
    assert isinstance(err.__cause__, LogitLabError) and err.__cause__.key == "errors_image.empty"


def test_a_bug_in_the_worker_goes_to_the_log_not_the_message(caplog):
    with caplog.at_level(logging.WARNING, logger="core.isolate"), pytest.raises(LogitLabError) as info:
        _run("bug")
    assert info.value.key == "errors_upload.worker_crashed"
    assert "/srv/secret" not in str(info.value) and "/srv/secret/path" in caplog.text


def test_inside_a_worker_targets_run_in_process(monkeypatch):
    monkeypatch.setenv(isolate.WORKER_ENV, "1")
    assert isolate.in_worker()
    assert _run("echo", x=np.arange(4))["count"] == 1
