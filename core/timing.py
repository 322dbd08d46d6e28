"""Honest timings: the best of several repeats taken in turns, within a named time budget, in adaptive units.

One run on a shared server can be many times slower than the next (another request lands in the middle of
it), so a timing is never one sample. Functions compared with each other are timed in turns (A, B, B, A, A,
B …), so a burst of load hits both sides rather than one; each side reports its best run (the one least
disturbed) with the median beside it as the spread. Repeats continue until ``budget_s`` of server time is
spent (at least MIN_ROUNDS, at most MAX_ROUNDS), so one request cannot hold the server for long.

While timing, NumPy's BLAS runs on TIMING_THREADS thread(s): the Python loop it is compared with uses one
core, and on a busy shared server BLAS threads waiting for a free core made np.dot up to a thousand times
slower than on one thread (measured here: 4.6 ms against 7 µs for n = 50 000 under a load of 17 on 2 cores).
The limit is process-wide for the fraction of a second a measurement lasts.
"""

import math
import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

MIN_ROUNDS = 3  # every function is timed at least this many times, however slow it is
MAX_ROUNDS = 25  # and at most this many, however fast
BUDGET_S = 0.3  # server seconds one measurement may spend before it stops adding rounds (after MIN_ROUNDS)
MIN_BATCH_S = 2e-4  # a batch of calls lasts at least this long, so the clock's resolution is negligible
MAX_NUMBER = 1 << 16  # most calls in one batch (65 536: enough for anything slower than 3 ns)
SIGNIFICANT = 3  # significant digits of every duration and ratio shown
UNITS = ((1.0, "s"), (1e-3, "ms"), (1e-6, "µs"), (1e-9, "ns"))  # seconds per unit, largest first
TIMING_THREADS = 1  # BLAS threads while timing: one core against one core


def clock() -> float:
    """Seconds from a monotonic high-resolution clock (a function so that tests can replace it)."""
    return time.perf_counter()


@dataclass(frozen=True)
class Timing:
    """Seconds per call of one function: best and median over ``repeats`` batches of ``number`` calls."""

    best_s: float
    median_s: float
    repeats: int
    number: int


def _batch(fn: Callable, number: int) -> float:
    """Seconds per call of ``number`` back-to-back calls of fn."""
    start = clock()
    for _ in range(number):
        fn()
    return (clock() - start) / number


def calls_per_batch(fn: Callable) -> int:
    """timeit's autorange: double the calls until one batch lasts MIN_BATCH_S (also warms fn up)."""
    number = 1
    while number < MAX_NUMBER and _batch(fn, number) * number < MIN_BATCH_S:
        number *= 2
    return number


def measure(fns: dict[str, Callable], budget_s: float = BUDGET_S) -> dict[str, Timing]:
    """Time every function of ``fns`` in turns until ``budget_s`` is spent; a Timing per name.

    Round r runs the functions in order, round r + 1 in reverse, so none always goes first.
    """
    with threadpool_limits(limits=TIMING_THREADS):
        return _measure(fns, budget_s)


def _measure(fns: dict[str, Callable], budget_s: float) -> dict[str, Timing]:
    start = clock()
    names = list(fns)
    numbers = {name: calls_per_batch(fns[name]) for name in names}
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_index in range(MAX_ROUNDS):
        for name in names if round_index % 2 == 0 else reversed(names):
            samples[name].append(_batch(fns[name], numbers[name]))
        if round_index + 1 >= MIN_ROUNDS and clock() - start >= budget_s:
            break
    return {name: Timing(min(s), statistics.median(s), len(s), numbers[name]) for name, s in samples.items()}


def _significant(value: float) -> str:
    """``value`` (> 0) rounded to SIGNIFICANT digits, trailing zeros kept: 14.2, 1.00, 850, 2,140."""
    rounded = float(f"{value:.{SIGNIFICANT}g}")
    decimals = max(0, SIGNIFICANT - 1 - math.floor(math.log10(rounded)))
    return f"{rounded:,.{decimals}f}"


def format_duration(seconds: float) -> str:
    """A duration in the unit that suits it: 850 ns, 14.2 µs, 3.41 ms, 1.20 s (three significant digits)."""
    if not seconds > 0:
        return "0 ns"
    rounded = float(f"{seconds:.{SIGNIFICANT}g}")  # round first, so 999.96 µs becomes 1.00 ms
    per_unit, unit = next(((size, name) for size, name in UNITS if rounded >= size), UNITS[-1])
    return f"{_significant(seconds / per_unit)} {unit}"


def format_ratio(ratio: float) -> str:
    """A speed-up with three significant digits and a thousands separator: 2,140×, 42.0×, 0.850×."""
    return f"{_significant(ratio)}×" if math.isfinite(ratio) and ratio > 0 else "–"


@dataclass(frozen=True)
class Machine:
    """The conditions a timing was taken under: what the server is and how busy it was."""

    cpus: int  # logical CPU cores
    arch: str  # platform.machine(), e.g. x86_64
    python: str  # Python version
    numpy: str  # NumPy version
    load: float | None  # 1-minute load average (runnable processes) when measured; None where unknown
    threads: int = TIMING_THREADS  # BLAS threads the timed code could use


def this_machine() -> Machine:
    """The machine this process runs on, and its load right now."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return Machine(os.cpu_count() or 1, platform.machine() or platform.processor() or "?",
                   platform.python_version(), np.__version__, load)

