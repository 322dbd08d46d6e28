"""The classroom load test: a short real run is clean, and the checks catch what they claim to."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.proto.Slider_pb2 import Slider

from bench.loadtest.client import Element
from bench.loadtest.photos import MIN_GAP_PERCENT, Photo, class_photos
from bench.loadtest.script import Config, Student, percents, shows
from bench.loadtest.widgets import changed_state

ROOT = Path(__file__).resolve().parents[2]
SMALL_SESSIONS, SMALL_SECONDS = 3, 15  # the CI-sized classroom
RUN_TIMEOUT_S = 240  # the whole subprocess, server start included (2 slow shared cores)


def _run_loadtest(*extra) -> tuple[dict, str]:
    """Run `python -m bench.loadtest` and return (its last-line JSON, the whole stdout)."""
    proc = subprocess.run([sys.executable, "-m", "bench.loadtest", *extra], cwd=ROOT, capture_output=True,
                          text=True, timeout=RUN_TIMEOUT_S)
    lines = proc.stdout.strip().splitlines()
    assert lines, f"no output; stderr:\n{proc.stderr}"
    return json.loads(lines[-1]), proc.stdout


@pytest.mark.loadtest
def test_small_classroom_on_the_real_app_has_no_errors_and_no_leaks():
    result, stdout = _run_loadtest("--sessions", str(SMALL_SESSIONS), "--seconds", str(SMALL_SECONDS))
    assert {"sessions", "interactions", "p50_ms", "p95_ms", "errors", "server_rss_mb"} <= result.keys()
    assert result["sessions"] == SMALL_SESSIONS
    assert result["interactions"] >= SMALL_SESSIONS, stdout
    assert result["errors"] == 0, stdout
    assert result["leaks"] == 0, stdout
    assert result["server_rss_mb"] > 0


@pytest.mark.loadtest
def test_exceptions_and_a_shared_prediction_are_reported_as_errors_and_leaks():
    result, stdout = _run_loadtest("--sessions", "2", "--seconds", "6", "--app", "tests/bench_loadtest/broken_app.py")
    assert "ValueError: learning rate" in stdout
    assert result["errors"] > 0
    assert result["leaks"] + stdout.count("expected p(cat)") > 0, stdout


def test_percentages_are_read_with_their_shown_precision():
    assert percents(["p(cat) = 87.3 %", "accuracy 70%"]) == [(87.3, 1), (70.0, 0)]
    assert shows(87.3, 1, 87.26) and not shows(87.3, 1, 87.2)
    assert shows(70.0, 0, 69.6) and not shows(70.0, 0, 69.4)


def _student(own: float, others: list[float]) -> Student:
    me = Photo("me.png", b"", own)
    rest = [Photo(f"o{i}.png", b"", v) for i, v in enumerate(others)]
    return Student(0, "http://127.0.0.1:1", me, rest, Config(0.0, 0, (0.0, 0.0)))


def test_own_prediction_passes_and_another_students_is_a_leak():
    ok = _student(31.7, [58.3])
    ok._check_prediction([(31.7, 1)])
    assert ok.report.predictions_ok == 1 and not ok.report.errors and not ok.report.leaks
    leaked = _student(31.7, [58.3])
    leaked._check_prediction([(58.3, 1)])
    assert leaked.report.leaks and leaked.report.errors
    missing = _student(31.7, [])
    missing._check_prediction([])
    assert missing.report.errors


def test_class_photos_are_distinct_and_spread_apart():
    photos = class_photos(30, seed=0)
    assert len({p.data for p in photos}) == len(photos)
    values = sorted(p.expected_percent for p in photos)
    assert min(b - a for a, b in zip(values, values[1:], strict=False)) >= MIN_GAP_PERCENT


@pytest.mark.parametrize("variant", range(4))
def test_changed_slider_state_differs_from_current_value(variant):
    slider = Slider(id="$$ID-abc-gd_learning_rate", min=0.0, max=1.0, step=0.01, data_type=Slider.FLOAT,
                    type=Slider.SLIDER)
    slider.default.append(0.5)
    state = changed_state(Element((0, 1), "slider", slider), variant)
    assert state.id == slider.id
    assert list(state.double_array_value.data) != [0.5]
    assert 0.0 <= state.double_array_value.data[0] <= 1.0


def test_changed_select_slider_state_is_another_option_label():
    slider = Slider(id="$$ID-abc-gd_learning_rate", type=Slider.SELECT_SLIDER, options=["0.001", "0.01", "0.1"])
    slider.default.append(1)
    slider.raw_value.append("0.1")
    state = changed_state(Element((0, 1), "slider", slider), 0)
    assert list(state.string_array_value.data) in (["0.001"], ["0.01"])
