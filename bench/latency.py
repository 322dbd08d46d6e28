"""The interaction benchmark's arithmetic: medians, p90s, ratios to the floor and the printed table.

Pure Python (no browser), so tests/bench_interactions checks it directly. A "floor" is the cheapest
rerun the app has (Home's examples-as-rows toggle, one line of text), measured in the same run; every
interaction is reported as a multiple of the floor's median.
"""

import math
from dataclasses import dataclass, field

GOAL_MEDIAN = 2.0  # goal: an interaction's median is at most this many floors
GOAL_CEILING = 5.0  # and its p90 at most this many (a training run is exempt: it has its own goal)
P90 = 0.9


def median(values: list[float]) -> float:
    """The middle value (mean of the two middle ones for an even count)."""
    if not values:
        raise ValueError("median of no values")
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2.0


def p90(values: list[float]) -> float:
    """The 90th percentile, linear between closest ranks (NumPy's default method)."""
    if not values:
        raise ValueError("p90 of no values")
    ordered = sorted(values)
    rank = P90 * (len(ordered) - 1)
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Measured:
    """One interaction's timings (ms, one per repetition)."""

    page: str
    name: str
    ms: list[float] = field(default_factory=list)
    idle_ms: list[float] = field(default_factory=list)  # the same runs until the script was idle (before drawing)
    exempt: bool = False  # a training run: not held to the ratio goals
    note: str = ""  # what else was measured (e.g. the progress bar's first appearance)
    failed: int = 0  # runs that timed out (not in ``ms``)

    @property
    def median(self) -> float:
        return median(self.ms)

    @property
    def p90(self) -> float:
        return p90(self.ms)


def verdict(item: Measured, floor_ms: float) -> str:
    """"meets", "over 2×" (median above GOAL_MEDIAN floors), "over 5×" (p90 above GOAL_CEILING), or "exempt"."""
    if item.exempt:
        return "exempt"
    if item.p90 / floor_ms > GOAL_CEILING:
        return f"over {GOAL_CEILING:g}×"
    if item.median / floor_ms > GOAL_MEDIAN:
        return f"over {GOAL_MEDIAN:g}×"
    return "meets"


def table(items: list[Measured], floor: Measured) -> str:
    """A Markdown table: page, interaction, median, p90, both as multiples of the floor's median, verdict,
    and the median time until the script was idle (the rest is sending and drawing)."""
    base = floor.median
    lines = ["| page | interaction | n | median | p90 | median / floor | p90 / floor | goal | script idle |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
             f"| {floor.page} | {floor.name} (**floor**) | {len(floor.ms)} | {base:,.0f} ms | {floor.p90:,.0f} ms "
             f"| 1.0× | {floor.p90 / base:.1f}× | | {_idle(floor)} |"]
    for item in items:
        mark = {"meets": "✅", "exempt": "—"}.get(verdict(item, base), "❌ " + verdict(item, base))
        notes = [item.note] if item.note else []
        notes += [f"{item.failed} timed out"] if item.failed else []
        note = f" ({'; '.join(notes)})" if notes else ""
        lines.append(f"| {item.page} | {item.name}{note} | {len(item.ms)} | {item.median:,.0f} ms | {item.p90:,.0f} ms "
                     f"| {item.median / base:.1f}× | {item.p90 / base:.1f}× | {mark} | {_idle(item)} |")
    return "\n".join(lines)


def _idle(item: Measured) -> str:
    return f"{median(item.idle_ms):,.0f} ms" if item.idle_ms else "—"
