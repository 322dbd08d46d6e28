"""Server CPU per interaction, by page: read back the lines ui/cpu_log.py writes into the server log.

Each line is one script run (or a fragment's run) with the script thread's CPU time; the load test
starts its server with LOGITLAB_CPU_LOG=1, notes where the log stood after the warm-up, and at the
end reads only what came after. A page whose CPU per run grows shows up here as a regression, on a
busy machine as on a quiet one (CPU time, unlike latency, does not count the time spent waiting).
"""

import re

import numpy as np

from ui.cpu_log import PREFIX

LINE = re.compile(rf"^{PREFIX} page=(\S+) cpu_ms=([0-9.]+) wall_ms=([0-9.]+) fragment=([01])$")
MEDIAN, P95 = 50, 95


def parse(lines) -> dict[str, list[float]]:
    """Page -> CPU ms of each run, from the log's lines (other lines are ignored)."""
    by_page: dict[str, list[float]] = {}
    for text in lines:
        match = LINE.match(text.strip())
        if match:
            by_page.setdefault(match.group(1), []).append(float(match.group(2)))
    return by_page


def read_from(path, offset: int) -> dict[str, list[float]]:
    """parse() of the log at ``path`` from byte ``offset`` on (the runs after the warm-up)."""
    with open(path, "rb") as log:
        log.seek(offset)
        return parse(log.read().decode("utf-8", "replace").splitlines())


def table(by_page: dict[str, list[float]]) -> dict[str, dict]:
    """Page -> runs, mean, p50 and p95 CPU ms per run, total CPU s; pages sorted by their total."""
    rows = {page: {"runs": len(ms), "mean_ms": round(float(np.mean(ms)), 1),
                   "p50_ms": round(float(np.percentile(ms, MEDIAN)), 1),
                   "p95_ms": round(float(np.percentile(ms, P95)), 1), "total_s": round(sum(ms) / 1000.0, 2)}
            for page, ms in by_page.items() if ms}
    return dict(sorted(rows.items(), key=lambda item: -item[1]["total_s"]))


def lines(rows: dict[str, dict]) -> list[str]:
    """The summary's lines, one per page."""
    out = ["  server CPU per script run, by page (script thread, after warm-up):"]
    for page, row in rows.items():
        out.append(f"    {page:<15} {row['runs']:5d} runs  mean {row['mean_ms']:7.1f} ms  p50 {row['p50_ms']:7.1f} ms"
                   f"  p95 {row['p95_ms']:7.1f} ms  total {row['total_s']:6.1f} s")
    return out
