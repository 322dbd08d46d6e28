"""Benchmark harness: time a candidate and its baseline side by side, report medians and ratios.

Timings interleave the two functions (A, B, A, B, …) so machine noise hits both alike.
Each bench module exposes ``rows() -> list[Row]``; ``python -m bench`` prints one table.
"""

import os
import statistics
import time
from dataclasses import dataclass


@dataclass
class Row:
    """One line of the benchmark table."""

    name: str  # what is measured
    value: float  # candidate's median (unit below)
    baseline_name: str  # what it is compared with ("" for none)
    baseline: float | None  # baseline's median, same unit
    unit: str = "ms"
    goal: str = ""  # the goal in words, e.g. "≤ 1/20 of baseline"
    met: bool | None = None  # whether the goal is met (None: no goal)
    times_baseline: bool = False  # ratio is value / baseline (a latency as a multiple of a floor)

    @property
    def ratio(self) -> float | None:
        """baseline / value: how many times faster (or smaller) the candidate is;
        value / baseline for a latency measured as a multiple of its floor (``times_baseline``)."""
        if self.baseline is None or self.value == 0 or self.baseline == 0:
            return None
        return self.value / self.baseline if self.times_baseline else self.baseline / self.value


def median_ms(fn, repeats: int) -> float:
    """Median wall time of ``fn()`` over ``repeats`` calls, in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(times)


def side_by_side(candidate, baseline, repeats: int) -> tuple[float, float]:
    """Median ms of candidate and baseline, timed alternately in the same process."""
    wall, _ = side_by_side_cpu(candidate, baseline, repeats)
    return wall


def side_by_side_cpu(candidate, baseline, repeats: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """((wall ms), (CPU ms)) medians of candidate and baseline, timed alternately in the same process.

    CPU time (``time.process_time``: every thread of this process) is what the work costs when it gets
    a core; on a busy shared machine the wall time also holds the waits for one.
    """
    wall = ([], [])
    cpu = ([], [])
    for _ in range(repeats):
        for side, fn in enumerate((candidate, baseline)):
            start, start_cpu = time.perf_counter(), time.process_time()
            fn()
            wall[side].append((time.perf_counter() - start) * 1000.0)
            cpu[side].append((time.process_time() - start_cpu) * 1000.0)
    return ((statistics.median(wall[0]), statistics.median(wall[1])),
            (statistics.median(cpu[0]), statistics.median(cpu[1])))


def load_average() -> str:
    """The machine's 1-, 5- and 15-minute load averages, e.g. "3.1 / 2.8 / 2.5"."""
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())
