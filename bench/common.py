"""Benchmark harness: time a candidate and its baseline side by side, report medians and ratios.

Timings interleave the two functions (A, B, A, B, …) so machine noise hits both alike.
Each bench module exposes ``rows() -> list[Row]``; ``python -m bench`` prints one table.
"""

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

    @property
    def ratio(self) -> float | None:
        """baseline / value: how many times faster (or smaller) the candidate is."""
        if self.baseline is None or self.value == 0:
            return None
        return self.baseline / self.value


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
    a, b = [], []
    for _ in range(repeats):
        for fn, out in ((candidate, a), (baseline, b)):
            start = time.perf_counter()
            fn()
            out.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(a), statistics.median(b)
