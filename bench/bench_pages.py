"""Every page under AppTest: first-run time, rerun time and chart payload, each against Home.

First run = a fresh session's first script run of that page (the app's router included), after one
untimed warm-up session has paid for imports; the median of FRESH_SESSIONS such sessions, so
process-wide caches are warm as they are for every student but the first. Rerun = ``at.run()``
again in the same session, median of RERUNS. Chart payload = what the server sends for charts:
the plotly JSON specs plus graphviz DOT sources in the page's element tree (KB).
A page that raises (or shows an exception) gets a note row instead of numbers.
"""

import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench.common import Row
from ui.lessons import HOME, LESSONS

ROOT = Path(__file__).resolve().parents[1]
FRESH_SESSIONS = 3  # fresh AppTest sessions timed per page (first runs)
RERUNS = 5  # reruns timed per page
FIRST_RUN_GOAL_MS = 500.0  # goal: a student opening a page waits at most this long for the script
RERUN_GOAL_MS = 150.0  # goal: a widget change reruns the page within this
TIMEOUT_S = 120  # one AppTest run may take this long (2 shared cores)
BYTES_PER_KB = 1024
CHART_TYPES = ("plotly_chart", "graphviz_chart")  # element types whose ``spec`` is the chart's payload


def lesson_scripts() -> list[str]:
    """Home, then every lesson script in the app's order (ui.lessons)."""
    return [HOME] + [lesson.script for lesson in LESSONS]

def _fresh(script: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
    at.session_state["lang"] = "en"
    at.switch_page(script)
    return at


def _timed_run(at: AppTest) -> float:
    start = time.perf_counter()
    at.run()
    elapsed = (time.perf_counter() - start) * 1000.0
    if len(at.exception):
        raise RuntimeError(at.exception[0].message.splitlines()[0] if at.exception[0].message else "exception")
    return elapsed


def measure(script: str) -> dict:
    """{"first", "rerun" (ms medians), "payload_kb"} for one page; raises if the page raises."""
    _timed_run(_fresh(script))  # warm-up: imports and shared caches
    firsts, at = [], None
    for _ in range(FRESH_SESSIONS):
        at = _fresh(script)
        firsts.append(_timed_run(at))
    reruns = [_timed_run(at) for _ in range(RERUNS)]
    payload = sum(len(el.proto.spec) for kind in CHART_TYPES for el in at.get(kind))
    return {"first": statistics.median(firsts), "rerun": statistics.median(reruns),
            "payload_kb": payload / BYTES_PER_KB}


def _name(script: str) -> str:
    return Path(script).stem


def rows() -> list[Row]:
    home = measure(HOME)
    out = []
    for script in lesson_scripts():
        try:
            m = home if script == HOME else measure(script)
        except Exception as exc:  # noqa: BLE001 - a broken page is a note row, not a crashed benchmark
            out.append(Row(f"{_name(script)}: not measured ({type(exc).__name__}: {exc})"[:52], 0.0, "", None,
                           goal="page raised"))
            continue
        out += [
            Row(f"{_name(script)}: AppTest first run", m["first"], "Home first run", home["first"],
                goal=f"≤ {FIRST_RUN_GOAL_MS:.0f} ms", met=m["first"] <= FIRST_RUN_GOAL_MS),
            Row(f"{_name(script)}: AppTest rerun", m["rerun"], "Home rerun", home["rerun"],
                goal=f"≤ {RERUN_GOAL_MS:.0f} ms", met=m["rerun"] <= RERUN_GOAL_MS),
            Row(f"{_name(script)}: chart payload (plotly + DOT)", m["payload_kb"], "Home chart payload",
                home["payload_kb"] or None, unit="KB"),  # Home has no charts: no ratio then
        ]
    return out
