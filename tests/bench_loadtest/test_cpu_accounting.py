"""The load test's per-page CPU accounting: the server's lines are written and read back exactly."""

import time

import numpy as np
import pytest

from bench.loadtest import cpu
from ui import cpu_log


def test_a_written_line_is_read_back_with_its_page_and_cpu():
    text = cpu_log.line("descent", 12.3456, 20.0, fragment=False) + cpu_log.line("", 1.5, 2.0, fragment=True)
    assert cpu.parse(text.splitlines()) == {"descent": [12.346], "home": [1.5]}


def test_other_log_lines_and_malformed_accounting_lines_are_ignored():
    lines = ["  You can now view your Streamlit app in your browser.", "LOGITLAB_CPU page=graph cpu_ms=abc",
             "LOGITLAB_CPU page=graph cpu_ms=3.000 wall_ms=4.000 fragment=0 extra",
             cpu_log.line("graph", 3.0, 4.0, False)]
    assert cpu.parse(lines) == {"graph": [3.0]}


def test_table_gives_runs_mean_percentiles_and_total_sorted_by_total():
    by_page = {"home": [10.0] * 3, "descent": list(np.arange(1.0, 101.0))}
    rows = cpu.table(by_page)
    assert list(rows) == ["descent", "home"]  # 5.05 s before 0.03 s
    d = rows["descent"]
    assert d["runs"] == 100 and d["mean_ms"] == 50.5 and d["total_s"] == 5.05
    assert d["p50_ms"] == round(float(np.percentile(by_page["descent"], 50)), 1)
    assert d["p95_ms"] == round(float(np.percentile(by_page["descent"], 95)), 1)
    assert rows["home"] == {"runs": 3, "mean_ms": 10.0, "p50_ms": 10.0, "p95_ms": 10.0, "total_s": 0.03}
    printed = cpu.lines(rows)
    assert "descent" in printed[1] and "home" in printed[2]


def test_read_from_skips_what_the_log_held_before_the_offset(tmp_path):
    log = tmp_path / "server.log"
    log.write_text(cpu_log.line("descent", 100.0, 100.0, False))
    offset = log.stat().st_size  # the warm-up's runs end here
    with log.open("a") as out:
        out.write(cpu_log.line("descent", 7.0, 8.0, False) + cpu_log.line("sigmoid", 2.0, 2.0, True))
    assert cpu.read_from(log, offset) == {"descent": [7.0], "sigmoid": [2.0]}


class _FakeRunner:
    """Stands in for ScriptRunner: burns a known amount of CPU in its thread, keeps its session state."""

    def __init__(self, page: str | None):
        self._session_state = {} if page is None else {cpu_log.PAGE_KEY: page}

    def _run_script(self, rerun_data) -> None:
        end = time.thread_time() + 0.05  # 50 ms of this thread's CPU
        while time.thread_time() < end:
            pass


class _Rerun:
    fragment_id_queue = ["frag"]


def test_install_wraps_the_script_runner_and_reports_its_thread_cpu(monkeypatch, capsys):
    import streamlit.runtime.scriptrunner.script_runner as sr

    monkeypatch.setattr(sr, "ScriptRunner", _FakeRunner)
    cpu_log.install()
    assert _FakeRunner._run_script.__name__ == "timed_run"
    _FakeRunner("surface")._run_script(_Rerun())
    _FakeRunner(None)._run_script(_Rerun())  # before guard() named the page
    runs = cpu.parse(capsys.readouterr().err.splitlines())
    assert set(runs) == {"surface", "?"}
    assert runs["surface"][0] == pytest.approx(50.0, abs=25.0)  # the CPU it burnt, not wall time
    assert "fragment=1" in cpu_log.line("x", 1.0, 1.0, True)
