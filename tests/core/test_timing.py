"""Honest timings: runs taken in turns, best and median, a bounded budget, and durations in fitting units.

A fake clock stands in for time.perf_counter: each timed function advances it by a known cost, so
every count and every time below follows from the code, not from how busy the test machine is.
"""

import numpy as np
import pytest
from threadpoolctl import threadpool_info

from core import timing
from core.timing import (
    MAX_ROUNDS,
    MIN_BATCH_S,
    MIN_ROUNDS,
    TIMING_THREADS,
    Timing,
    calls_per_batch,
    format_duration,
    format_ratio,
    measure,
    this_machine,
)

BUDGET = 0.3  # fake seconds one measurement may spend in these tests
SLOW = 0.05  # fake seconds per call of the "for-loop"
FAST = 1e-6  # fake seconds per call of the "np.dot"


class FakeClock:
    """A clock that only moves when a fake function says it took some time."""

    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def costing(self, seconds: float, calls: list | None = None, name: str = ""):
        """A function that 'takes' ``seconds`` per call (and logs its name to ``calls``)."""
        def fn():
            self.now += seconds
            if calls is not None:
                calls.append(name)
        return fn


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(timing, "clock", fake)
    return fake


def test_fast_functions_are_timed_in_batches_long_enough_for_the_clock(clock):
    assert calls_per_batch(clock.costing(SLOW)) == 1
    number = calls_per_batch(clock.costing(FAST))
    assert number * FAST >= MIN_BATCH_S > number / 2 * FAST


def test_functions_take_turns_so_load_hits_both_sides(clock):
    calls = []
    measure({"loop": clock.costing(SLOW, calls, "loop"), "dot": clock.costing(SLOW, calls, "dot")}, BUDGET)
    timed = calls[2:]  # after one calibration call each
    assert timed[:6] == ["loop", "dot", "dot", "loop", "loop", "dot"]


def test_best_run_and_median_ignore_one_burst_of_load(clock):
    calls = []

    def bursty():  # the third timed run is ten times slower, as if another request landed in it
        calls.append(1)
        clock.now += SLOW * (10 if len(calls) == 4 else 1)

    result = measure({"loop": bursty}, BUDGET)["loop"]
    assert result.best_s == pytest.approx(SLOW) and result.median_s == pytest.approx(SLOW)
    assert result.repeats >= MIN_ROUNDS


def test_repeats_stop_once_the_budget_is_spent(clock):
    start = clock.now
    result = measure({"loop": clock.costing(SLOW), "dot": clock.costing(FAST)}, BUDGET)
    round_cost = SLOW + result["dot"].number * FAST
    assert MIN_ROUNDS < result["loop"].repeats == result["dot"].repeats < MAX_ROUNDS
    assert BUDGET <= clock.now - start < BUDGET + round_cost
    assert result["loop"].best_s == pytest.approx(SLOW) and result["dot"].best_s == pytest.approx(FAST)


def test_a_slow_function_still_gets_the_minimum_number_of_runs(clock):
    assert measure({"loop": clock.costing(1.0)}, BUDGET)["loop"].repeats == MIN_ROUNDS


def test_a_fast_function_stops_at_the_maximum_number_of_runs(clock):
    assert measure({"dot": clock.costing(FAST)}, BUDGET)["dot"].repeats == MAX_ROUNDS


def test_numpy_runs_on_one_thread_while_timed_like_the_loop_it_is_compared_with():
    def threads() -> set:
        return {pool["num_threads"] for pool in threadpool_info()}

    before, seen = threads(), []
    measure({"dot": lambda: seen.append(threads())}, budget_s=0.0)
    assert seen and all(inside == {TIMING_THREADS} for inside in seen)
    assert threads() == before and np.dot(np.ones(3), np.ones(3)) == 3.0  # the limit is lifted afterwards


def test_real_clock_times_a_real_function():
    result = measure({"sum": lambda: sum(range(1000))}, budget_s=0.01)["sum"]
    assert isinstance(result, Timing) and 0 < result.best_s <= result.median_s


@pytest.mark.parametrize("seconds, text", [
    (0.0, "0 ns"), (3.2e-10, "0.320 ns"), (8.5e-7, "850 ns"), (1e-6, "1.00 µs"), (1.42e-5, "14.2 µs"),
    (9.9996e-4, "1.00 ms"), (3.4149e-3, "3.41 ms"), (0.0165, "16.5 ms"), (0.25, "250 ms"), (1.2, "1.20 s"),
    (42.0, "42.0 s"),
])
def test_durations_are_shown_in_the_unit_that_suits_them(seconds, text):
    assert format_duration(seconds) == text


@pytest.mark.parametrize("ratio, text", [
    (2137.4, "2,140×"), (305.0, "305×"), (42.04, "42.0×"), (4.0, "4.00×"), (0.85, "0.850×"), (float("inf"), "–"),
])
def test_ratios_keep_three_significant_digits(ratio, text):
    assert format_ratio(ratio) == text


def test_machine_names_the_conditions():
    machine = this_machine()
    assert machine.cpus >= 1 and machine.arch and machine.python.count(".") == 2 and machine.numpy
