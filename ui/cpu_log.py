"""Server-side CPU accounting for the load test: the CPU time of every script run, keyed by page.

Off unless the server starts with LOGITLAB_CPU_LOG=1 (bench/loadtest sets it). Then `python -m ui.serve`
wraps Streamlit's ScriptRunner._run_script: each call (a full rerun, or a fragment's, together with any
rerun it asked for before going idle) writes one line to the server's stderr with the script thread's
CPU time (time.thread_time) and the page it ran (session state's ``url_page``, set by ui/url_state.guard).
The load test reads those lines back from the server log (bench/loadtest/cpu.py).
"""

import os
import sys
import time

ENV = "LOGITLAB_CPU_LOG"  # "1" turns the accounting on
PREFIX = "LOGITLAB_CPU"  # every accounting line starts with this word
PAGE_KEY = "url_page"  # ui/url_state.PAGE_KEY (not imported: that module imports streamlit's session internals)
HOME = "home"  # how Home (url path "") is named in the lines
MS = 1000.0


def line(page: str, cpu_ms: float, wall_ms: float, fragment: bool) -> str:
    """One accounting line: ``LOGITLAB_CPU page=descent cpu_ms=12.345 wall_ms=20.1 fragment=0``."""
    return f"{PREFIX} page={page or HOME} cpu_ms={cpu_ms:.3f} wall_ms={wall_ms:.3f} fragment={int(fragment)}\n"


def enabled() -> bool:
    return os.environ.get(ENV) == "1"


def install() -> None:
    """Wrap ScriptRunner._run_script so every call reports its thread CPU time (see the module docstring)."""
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    run = ScriptRunner._run_script

    def timed_run(self, rerun_data) -> None:
        cpu, wall = time.thread_time(), time.perf_counter()
        try:
            run(self, rerun_data)
        finally:
            cpu_ms, wall_ms = (time.thread_time() - cpu) * MS, (time.perf_counter() - wall) * MS
            try:
                page = self._session_state[PAGE_KEY]
            except Exception:  # noqa: BLE001 -- not set yet, or a session torn down mid-run: still count its CPU
                page = "?"
            sys.stderr.write(line(str(page), cpu_ms, wall_ms, bool(rerun_data.fragment_id_queue)))
            sys.stderr.flush()

    ScriptRunner._run_script = timed_run
