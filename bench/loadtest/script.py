"""The classroom script one simulated student follows, with the checks made on what comes back.

Round after round until time or the interaction budget runs out: open Home; open the
descent page and move the learning rate; step the computation graph; open the classifier,
upload one's own photo and read the prediction. A page or widget that is not there yet is
"skipped (not found)", never an error; an Exception delta, a broken connection, a prediction
that is not one's own or that matches another student's photo are errors.
"""

import asyncio
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field

from bench.loadtest.client import RunResult, StreamlitClient
from bench.loadtest.photos import Photo
from bench.loadtest.widgets import changed_state

LR_KEY = "gd_learning_rate"  # descent page: the learning-rate control
GRAPH_PREFIX = "cg_"  # computation-graph page: its buttons' key prefix
GRAPH_WORDS = ("step", "next", "forward", "backward")  # a graph button whose key has one of these is the stepper
GRAPH_RESET_WORDS = ("reset", "first", "start")  # …and this one goes back to the first step
GRAPH_CLICKS = 3  # steps per visit to the graph page
UPLOAD_KEY = "cat_upload"  # classifier page: the photo uploader
PERCENT = re.compile(r"(\d+(?:\.(\d+))?)\s*%")  # "87.3 %" -> ("87.3", "3")
HALF = 0.5  # a number shown with d decimals is within HALF·10^-d of the true value
SLACK = 1e-6  # float slack on that rounding bound


STEPS = ("home", "descent", "graph", "classifier")  # the classroom script, in order


@dataclass
class Config:
    """How long and how hard one student works."""

    deadline: float  # time.monotonic() at which the student stops
    max_interactions: int  # reruns per student, at most
    think_s: tuple[float, float]  # pause between interactions (uniform, seconds)
    steps: tuple[str, ...] = STEPS  # which parts of the script to follow, in this order


@dataclass
class Report:
    """What one student saw."""

    index: int
    latencies: dict[str, list[float]] = field(default_factory=dict)  # step -> ms per rerun
    errors: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # "step: what was missing" -> times
    predictions_ok: int = 0

    @property
    def interactions(self) -> int:
        return sum(len(v) for v in self.latencies.values())


def percents(texts: list[str]) -> list[tuple[float, int]]:
    """Every "N %" in ``texts`` as (value, decimals shown)."""
    return [(float(m.group(1)), len(m.group(2) or "")) for text in texts for m in PERCENT.finditer(text)]


def shows(value: float, decimals: int, expected: float) -> bool:
    """True when ``value`` is ``expected`` rounded to ``decimals`` places."""
    return abs(value - expected) <= HALF * 10.0 ** -decimals + SLACK


class Student:
    """One session following the classroom script."""

    def __init__(self, index: int, url: str, photo: Photo, others: list[Photo], cfg: Config):
        self.client = StreamlitClient(url)
        self.photo, self.others, self.cfg = photo, others, cfg
        self.report = Report(index)
        self.rng = random.Random(index)  # think times: seeded per student

    def _budget_left(self) -> bool:
        return time.monotonic() < self.cfg.deadline and self.report.interactions < self.cfg.max_interactions

    async def _record(self, step: str, run) -> RunResult:
        """Await one rerun, keep its latency and any exception; then think a little."""
        result = await run
        self.report.latencies.setdefault(step, []).append(result.latency_ms)
        self.report.errors.extend(f"{step}: {exc}" for exc in result.exceptions)
        await asyncio.sleep(self.rng.uniform(*self.cfg.think_s))
        return result

    async def run(self) -> Report:
        try:
            await self.client.connect()
            round_no = 0
            while self._budget_left():
                for step in self.cfg.steps:
                    if not self._budget_left():
                        break
                    await getattr(self, step)(round_no)
                round_no += 1
        except (OSError, TimeoutError, RuntimeError) as exc:  # websockets' errors are OSError/RuntimeError kin
            self.report.errors.append(f"connection: {type(exc).__name__}: {exc}")
        except Exception as exc:  # noqa: BLE001 - any other client failure is reported, not raised
            self.report.errors.append(f"client: {type(exc).__name__}: {exc}")
        finally:
            await self.client.close()
        return self.report

    async def _open(self, step: str, path: str) -> RunResult | None:
        if path and self.client.pages and path not in self.client.pages:
            self.report.skipped[f"{step}: page /{path}"] += 1
            return None
        return await self._record(step, self.client.open_page(path))

    async def home(self, round_no: int) -> None:
        result = await self._open("home", "")
        if result is not None and not result.texts():
            self.report.errors.append("home: the page showed no text")

    async def descent(self, round_no: int) -> None:
        page = await self._open("descent", "descent")
        if page is None:
            return
        widget = page.find_widget(LR_KEY)
        if widget is None:
            self.report.skipped["descent: widget " + LR_KEY] += 1
            return
        state = changed_state(widget, variant=self.report.index + round_no)
        after = await self._record("descent", self.client.set_widget(state))
        if _fingerprint(page, state.id) == _fingerprint(after, state.id):
            self.report.errors.append(f"descent: changing {LR_KEY} changed nothing on the page")

    async def graph(self, round_no: int) -> None:
        page = await self._open("graph", "graph")
        if page is None:
            return
        buttons = {b.widget_id.rsplit("-", 1)[-1]: b for b in page.widgets_with_prefix(GRAPH_PREFIX, "button")}
        stepper = next((b for key, b in buttons.items() if any(w in key for w in GRAPH_WORDS)), None)
        if stepper is None:
            self.report.skipped[f"graph: step button {GRAPH_PREFIX}…"] += 1
            return
        reset = next((b for key, b in buttons.items() if any(w in key for w in GRAPH_RESET_WORDS)), None)
        if reset is not None:  # back to the first step, so each click below reveals something new
            page = await self._record("graph", self.client.set_widget(changed_state(reset)))
        for _ in range(GRAPH_CLICKS):
            if not self._budget_left():
                return
            after = await self._record("graph", self.client.set_widget(changed_state(stepper)))
            if reset is not None and _fingerprint(page, stepper.widget_id) == _fingerprint(after, stepper.widget_id):
                self.report.errors.append(f"graph: clicking {stepper.widget_id.rsplit('-', 1)[-1]} changed nothing")
            page = after

    async def classifier(self, round_no: int) -> None:
        page = await self._open("classifier", "cat_classifier")
        if page is None:
            return
        uploader = page.find_widget(UPLOAD_KEY, "file_uploader")
        if uploader is None:
            self.report.skipped["classifier: uploader " + UPLOAD_KEY] += 1
            return
        before = set(percents(page.texts()))
        after = await self._record("classifier", self.client.upload(
            uploader.widget_id, self.photo.name, self.photo.data, "image/png"))
        self._check_prediction([p for p in percents(after.texts()) if p not in before])

    def _check_prediction(self, shown: list[tuple[float, int]]) -> None:
        """The new percentages must include this photo's p(cat) and no other photo's."""
        if not shown:
            self.report.errors.append("classifier: no prediction (no new text with %) after the upload")
            return
        own = self.photo.expected_percent
        if own is None:  # core cannot say what to expect: the text itself is the evidence
            self.report.predictions_ok += 1
            return
        mine = [(v, d) for v, d in shown if shows(v, d, own) or shows(v, d, 100.0 - own)]
        for value, decimals in shown:
            thief = next((o for o in self.others if shows(value, decimals, o.expected_percent)), None)
            if thief is not None and (value, decimals) not in mine:
                self.report.leaks.append(f"classifier: showed {value}% = {thief.name}'s p(cat), not ours ({own:.2f}%)")
        if mine:
            self.report.predictions_ok += 1
        else:
            self.report.errors.append(f"classifier: expected p(cat) ≈ {own:.2f}% but the page showed "
                                      f"{[v for v, _ in shown]}")


def _fingerprint(result: RunResult, skip_id: str) -> tuple:
    """The main area's content, except the widget that was changed."""
    return tuple(el.proto.SerializeToString() for el in result.elements
                 if el.path[:1] == (0,) and el.widget_id != skip_id)
