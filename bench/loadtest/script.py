"""The classroom script one simulated student follows, with the checks made on what comes back.

Round after round until time or the interaction budget runs out: open Home; open the
descent page and move the learning rate; step the computation graph; open the classifier,
upload one's own photo and read the prediction. A page or widget that is not there yet is
"skipped (not found)", never an error; an Exception delta, a broken connection, a prediction
that is not one's own or that matches another student's photo are errors.

Behind HAProxy every rerun and error is also counted for the replica that answered it. In a
fault run (``Config.reconnect_s`` > 0) a lost connection is not an error if the student gets
the app back: a new websocket (HAProxy picks a live replica), the same page rerun with the same
URL, and the settings bound to the URL shown again; how long that took is kept per student.
"""

import asyncio
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from bench.loadtest.client import LOST_CONNECTION, RunResult, StreamlitClient
from bench.loadtest.photos import Photo
from bench.loadtest.widgets import changed_state, shown_values, url_values

LR_KEY = "gd_learning_rate"  # descent page: the learning-rate control
GRAPH_PREFIX = "cg_"  # computation-graph page: its buttons' key prefix
GRAPH_WORDS = ("step", "next", "forward", "backward")  # a graph button whose key has one of these is the stepper
GRAPH_RESET_WORDS = ("reset", "first", "start")  # …and this one goes back to the first step
GRAPH_CLICKS = 3  # steps per visit to the graph page
UPLOAD_KEY = "cat_upload"  # classifier page: the photo uploader
PERCENT = re.compile(r"(\d+(?:\.(\d+))?)\s*%")  # "87.3 %" -> ("87.3", "3")
HALF = 0.5  # a number shown with d decimals is within HALF·10^-d of the true value
SLACK = 1e-6  # float slack on that rounding bound
RECONNECT_PAUSE_S = 0.2  # between two reconnection attempts (the frontend also retries, with backoff)


STEPS = ("home", "descent", "graph", "classifier")  # the classroom script, in order


@dataclass
class Config:
    """How long and how hard one student works."""

    deadline: float  # time.monotonic() at which the student stops
    max_interactions: int  # reruns per student, at most
    think_s: tuple[float, float]  # pause between interactions (uniform, seconds)
    steps: tuple[str, ...] = STEPS  # which parts of the script to follow, in this order
    reconnect_s: float = 0.0  # > 0: after a lost connection, try to get the app back for this long


@dataclass
class Disconnect:
    """One lost connection and how the student got the app back."""

    replica: str  # the replica that held the session
    lost_at: float  # time.monotonic() when the student noticed
    restored_at: float | None = None  # when the page was back with its settings (None: never)
    new_replica: str = ""  # where the new session landed
    settings: int = 0  # URL settings checked on the restored page


@dataclass
class Report:
    """What one student saw."""

    index: int
    latencies: dict[str, list[float]] = field(default_factory=dict)  # step -> ms per rerun
    errors: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # "step: what was missing" -> times
    predictions_ok: int = 0
    replica: str = ""  # the replica of the student's first session ("" without HAProxy)
    by_replica: dict[str, list[float]] = field(default_factory=dict)  # replica -> ms per rerun it answered
    errors_by_replica: Counter = field(default_factory=Counter)  # replica -> errors and leaks seen there
    disconnects: list[Disconnect] = field(default_factory=list)

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

    def __init__(self, index: int, url: str, photo: Photo, others: list[Photo], cfg: Config,
                 cookies: dict[str, str] | None = None):
        self.client = StreamlitClient(url, cookies)
        self.photo, self.others, self.cfg = photo, others, cfg
        self.report = Report(index)
        self.rng = random.Random(index)  # think times: seeded per student

    def _budget_left(self) -> bool:
        return time.monotonic() < self.cfg.deadline and self.report.interactions < self.cfg.max_interactions

    def _error(self, message: str) -> None:
        self.report.errors.append(message)
        self.report.errors_by_replica[self.client.replica] += 1

    def _leak(self, message: str) -> None:
        self.report.leaks.append(message)
        self.report.errors_by_replica[self.client.replica] += 1

    async def _record(self, step: str, run) -> RunResult:
        """Await one rerun, keep its latency and any exception; then think a little."""
        result = await run
        self.report.latencies.setdefault(step, []).append(result.latency_ms)
        self.report.by_replica.setdefault(self.client.replica, []).append(result.latency_ms)
        for exc in result.exceptions:
            self._error(f"{step}: {exc}")
        pause = min(self.rng.uniform(*self.cfg.think_s), max(0.0, self.cfg.deadline - time.monotonic()))
        await self.client.wait_idle(pause)  # a closed websocket ends the pause at once
        return result

    async def run(self) -> Report:
        try:
            await self.client.connect()
            self.report.replica = self.client.replica
            round_no = 0
            while self._budget_left():
                for step in self.cfg.steps:
                    if not self._budget_left():
                        break
                    await self._step(step, round_no)
                round_no += 1
        except (*LOST_CONNECTION, TimeoutError, RuntimeError) as exc:  # websockets' errors are OSError kin
            self._error(f"connection: {type(exc).__name__}: {exc}")
        except Exception as exc:  # noqa: BLE001 - any other client failure is reported, not raised
            self._error(f"client: {type(exc).__name__}: {exc}")
        finally:
            await self.client.close()
        return self.report

    async def _step(self, step: str, round_no: int) -> None:
        """One part of the script; in a fault run, a lost connection is followed by getting the app back."""
        try:
            await getattr(self, step)(round_no)
        except TimeoutError:  # a run that hangs is a slow server, not a lost one
            raise
        except LOST_CONNECTION:
            if self.cfg.reconnect_s <= 0:
                raise
            await self._recover()

    async def _recover(self) -> None:
        """Reconnect and rerun the same page with the same URL, as the frontend does; check the settings."""
        lost = Disconnect(self.client.replica, time.monotonic())
        self.report.disconnects.append(lost)
        expected = parse_qs(self.client.query_string)
        page = await self._reconnect_until_back(lost.lost_at + self.cfg.reconnect_s)
        for exc in page.exceptions:
            self._error(f"recovery: {exc}")
        if not page.texts():
            self._error("recovery: the page came back empty")
        for key, values in expected.items():
            widget = page.find_widget(key)
            shown = shown_values(widget) if widget is not None else None
            if shown is None:  # a link parameter that is not a slider (e.g. the graph's step): not read back here
                continue
            if shown != values:
                self._error(f"recovery: setting {key} from the URL is {shown}, expected {values}")
            lost.settings += 1
        lost.restored_at, lost.new_replica = time.monotonic(), self.client.replica

    async def _reconnect_until_back(self, deadline: float) -> RunResult:
        """A new session and the same page again, retried until ``deadline`` (then the last error is raised)."""
        while True:
            try:
                await self.client.reconnect()
                return await self.client.restore()
            except TimeoutError:
                raise
            except LOST_CONNECTION:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(RECONNECT_PAUSE_S)

    async def _open(self, step: str, path: str) -> RunResult | None:
        if path and self.client.pages and path not in self.client.pages:
            self.report.skipped[f"{step}: page /{path}"] += 1
            return None
        return await self._record(step, self.client.open_page(path))

    async def home(self, round_no: int) -> None:
        result = await self._open("home", "")
        if result is not None and not result.texts():
            self._error("home: the page showed no text")

    async def descent(self, round_no: int) -> None:
        page = await self._open("descent", "descent")
        if page is None:
            return
        widget = page.find_widget(LR_KEY)
        if widget is None:
            self.report.skipped["descent: widget " + LR_KEY] += 1
            return
        state = changed_state(widget, variant=self.report.index + round_no)
        if widget.proto.query_param_key:  # the frontend writes a bound widget's value into the URL
            self.client.set_query(widget.proto.query_param_key, url_values(state))
        after = await self._record("descent", self.client.set_widget(state))
        if _fingerprint(page, state.id) == _fingerprint(after, state.id):
            self._error(f"descent: changing {LR_KEY} changed nothing on the page")

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
                self._error(f"graph: clicking {stepper.widget_id.rsplit('-', 1)[-1]} changed nothing")
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
        answered_by = self.client.upload_replicas[-1] if self.client.upload_replicas else ""
        if answered_by != self.client.replica:  # behind HAProxy the cookie must send the upload to the session
            self._error(f"classifier: upload answered by replica {answered_by!r}, session on {self.client.replica!r}")
        self._check_prediction([p for p in percents(after.texts()) if p not in before])

    def _check_prediction(self, shown: list[tuple[float, int]]) -> None:
        """The new percentages must include this photo's p(cat) and no other photo's."""
        if not shown:
            self._error("classifier: no prediction (no new text with %) after the upload")
            return
        own = self.photo.expected_percent
        if own is None:  # core cannot say what to expect: the text itself is the evidence
            self.report.predictions_ok += 1
            return
        mine = [(v, d) for v, d in shown if shows(v, d, own) or shows(v, d, 100.0 - own)]
        for value, decimals in shown:
            thief = next((o for o in self.others if shows(value, decimals, o.expected_percent)), None)
            if thief is not None and (value, decimals) not in mine:
                self._leak(f"classifier: showed {value}% = {thief.name}'s p(cat), not ours ({own:.2f}%)")
        if mine:
            self.report.predictions_ok += 1
        else:
            self._error(f"classifier: expected p(cat) ≈ {own:.2f}% but the page showed "
                                      f"{[v for v, _ in shown]}")


def _fingerprint(result: RunResult, skip_id: str) -> tuple:
    """The main area's content, except the widget that was changed."""
    return tuple(el.proto.SerializeToString() for el in result.elements
                 if el.path[:1] == (0,) and el.widget_id != skip_id)
