"""The interaction benchmark's arithmetic: median, p90, ratios to the floor, the verdict and the table."""

import numpy as np
import pytest

from bench import latency
from bench.common import Row
from bench.latency import Measured


@pytest.mark.parametrize("values", [[5.0], [3.0, 1.0], [9.0, 1.0, 4.0, 7.0, 2.0, 8.0, 3.0],
                                    list(np.random.default_rng(0).uniform(0, 100, 12))])
def test_median_and_p90_agree_with_numpy(values):
    assert latency.median(values) == pytest.approx(float(np.median(values)))
    assert latency.p90(values) == pytest.approx(float(np.percentile(values, 90)))


def test_median_and_p90_of_nothing_are_errors():
    with pytest.raises(ValueError):
        latency.median([])
    with pytest.raises(ValueError):
        latency.p90([])


def test_verdict_holds_the_median_to_2_floors_and_the_p90_to_5():
    floor = 100.0
    assert latency.verdict(Measured("p", "a", [150.0] * 7), floor) == "meets"
    assert latency.verdict(Measured("p", "b", [210.0] * 7), floor) == "over 2×"
    assert latency.verdict(Measured("p", "c", [150.0] * 6 + [900.0]), floor) == "meets"  # p90 = 450 ms
    assert latency.verdict(Measured("p", "d", [150.0] * 5 + [900.0] * 2), floor) == "over 5×"  # p90 = 900 ms
    assert latency.verdict(Measured("p", "e", [5000.0] * 7, exempt=True), floor) == "exempt"


def test_table_prints_medians_p90s_and_ratios_to_the_floor():
    floor = Measured("Home", "toggle", [100.0, 120.0, 80.0, 100.0, 90.0, 110.0, 100.0])
    fast = Measured("sigmoid", "z slider", [150.0, 160.0, 140.0, 150.0, 150.0, 170.0, 155.0])
    slow = Measured("descent", "learning rate", [900.0, 950.0, 1000.0, 980.0, 920.0, 1100.0, 990.0])
    train = Measured("cat", "training", [3000.0] * 7, exempt=True, note="progress bar after 90 ms")
    slow.idle_ms = [400.0] * 7
    lines = latency.table([fast, slow, train], floor).splitlines()
    assert lines[0].startswith("| page | interaction |") and len(lines) == 6
    assert "(**floor**)" in lines[2] and "| 100 ms |" in lines[2] and "| 1.0× |" in lines[2]
    assert "| 150 ms |" in lines[3] and "| 1.5× |" in lines[3] and "| ✅ |" in lines[3]
    p90_slow = float(np.percentile(slow.ms, 90))
    assert f"| 980 ms | {p90_slow:,.0f} ms | 9.8× | {p90_slow / 100:.1f}× |" in lines[4]
    assert "❌ over 5×" in lines[4] and lines[4].endswith("| 400 ms |")  # the script was done after 400 ms
    assert lines[3].endswith("| — |")  # not measured
    assert "progress bar after 90 ms" in lines[5] and "| — | — |" in lines[5]


def test_a_latency_row_reports_its_multiple_of_the_floor():
    assert Row("x", 300.0, "floor", 100.0, times_baseline=True).ratio == 3.0
    assert Row("y", 10.0, "textbook", 300.0).ratio == 30.0  # the old meaning: how many times faster
    assert Row("z", 10.0, "", None).ratio is None
