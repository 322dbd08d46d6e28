"""The fault run's numbers and verdict, the per-replica tally and the hall table, on made-up reports."""

from streamlit.proto.Slider_pb2 import Slider

from bench.loadtest.client import Element
from bench.loadtest.fault import Kill, fault_ok, kill_summary
from bench.loadtest.hall import table
from bench.loadtest.script import Disconnect, Report
from bench.loadtest.summary import per_replica
from bench.loadtest.widgets import changed_state, shown_values, url_values

KILLED_AT = 100.0  # time.monotonic() of the made-up kill


def _report(index: int, replica: str, *disconnects: Disconnect) -> Report:
    report = Report(index, replica=replica)
    report.disconnects.extend(disconnects)
    return report


def _class(*extra: Report) -> list[Report]:
    back = Disconnect("r1", KILLED_AT + 0.2, KILLED_AT + 0.7, "r2", settings=1)
    return [_report(0, "r1", back), _report(1, "r2"), *extra]


def _kill() -> Kill:
    return Kill("r1", KILLED_AT, 30.0, 1.5)


def test_a_class_that_got_over_the_fault_passes():
    summary = kill_summary(_kill(), _class())
    assert summary["students_on_it"] == 1 and summary["recovered"] == summary["disconnects"] == 1
    assert summary["recovery_max_s"] == 0.5 and summary["class_whole_after_s"] == 0.7
    assert fault_ok(summary)


def test_a_student_who_never_came_back_fails_the_fault_run():
    stuck = _report(2, "r1", Disconnect("r1", KILLED_AT + 0.1))
    summary = kill_summary(_kill(), _class(stuck))
    assert summary["recovered"] == 1 and summary["disconnects"] == 2
    assert not fault_ok(summary)


def test_a_session_placed_on_the_dead_replica_or_a_hit_on_the_survivor_fails_the_fault_run():
    misplaced = _report(2, "r1", Disconnect("r1", KILLED_AT + 0.1, KILLED_AT + 0.3, "r1"))
    assert not fault_ok(kill_summary(_kill(), _class(misplaced)))
    survivor_hit = _report(2, "r2", Disconnect("r2", KILLED_AT + 0.1, KILLED_AT + 0.3, "r2"))
    assert not fault_ok(kill_summary(_kill(), _class(survivor_hit)))
    unnoticed = Kill("r1", KILLED_AT, 30.0, None)
    assert not fault_ok(kill_summary(unnoticed, _class()))


def test_reruns_and_errors_are_counted_for_the_replica_that_served_them():
    moved = Report(0, replica="r1", by_replica={"r1": [100.0, 300.0], "r2": [50.0]})
    moved.errors_by_replica.update({"r2": 1})
    table_ = per_replica([moved, Report(1, replica="r2", by_replica={"r2": [70.0]})], {"r1": 250.0, "r2": 260.0})
    assert table_["r1"] == {"students": 1, "interactions": 2, "p95_ms": 290.0, "errors": 0, "rss_peak_mb": 250.0}
    assert table_["r2"]["students"] == 1 and table_["r2"]["interactions"] == 2 and table_["r2"]["errors"] == 1


def test_a_select_slider_value_written_to_the_url_reads_back_the_same():
    slider = Slider(id="$$ID-abc-gd_learning_rate", type=Slider.SELECT_SLIDER, options=["0.01", "0.1", "1"])
    slider.default.append(1)
    state = changed_state(Element((0, 1), "slider", slider), 0)
    restored = Slider(id=slider.id, type=Slider.SELECT_SLIDER, options=list(slider.options), set_value=True)
    restored.default.append(1)
    restored.raw_value.extend(url_values(state))
    assert shown_values(Element((0, 1), "slider", restored)) == url_values(state) != ["0.1"]
    assert shown_values(Element((0, 1), "slider", slider)) == ["0.1"]


def _run(part: str, setup: str, students: int, throughput: float, passed: bool = True) -> dict:
    return {"part": part, "setup": setup, "sessions": students, "think_s": [0.5, 2.0], "interactions": 10,
            "throughput_per_s": throughput, "p50_ms": 1.0, "p95_ms": 2.0, "errors": 0, "leaks": 0,
            "per_replica": {}, "server_rss_mb": 1.0, "passed": passed}


def test_hall_table_compares_setups_at_the_same_size_and_states_capacity_per_core(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    runs = [_run("busy", "1 process", 30, 10.0), _run("busy", "2 replicas", 30, 17.0),
            _run("realistic", "2 replicas", 60, 5.0), _run("realistic", "2 replicas", 120, 9.0, passed=False)]
    lines = "\n".join(table(runs))
    assert "Throughput at 30 students: 2 replicas / 1 process = 1.70×" in lines
    assert "up to 60 students on 2 cores = 30 students per core" in lines
    everything_held = "\n".join(table([_run("realistic", "2 replicas", 60, 5.0)]))
    assert "= at least 30 students per core" in everything_held
