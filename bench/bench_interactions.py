"""Real browser: every key interaction of every page, timed against the app's cheapest rerun (the floor).

The app runs under `streamlit run` (bench.loadtest.server) on a free loopback port; the system Chromium
(headless, via Playwright) drives it as a student would. One interaction is timed in the page's own
clock, from the input event (the key press, the pointer press, the file input's change) until
- Streamlit's script ran (its script state left "notRunning") and is idle again, connected,
- every chart on the page is drawn, and the element the interaction changes shows its new content
  (a plotly chart's data, or the text), a chart also having drawn again (plotly_afterplot),
- and two animation frames have passed.
The floor is Home's examples-as-rows toggle (one line of text), timed in a second tab between the
repetitions of every other interaction, so machine noise hits both alike. Each interaction gets one
untimed warm-up, then REPEATS timed runs; the table gives median and p90, and both as multiples of
the floor's median (bench/latency.py). Results go to bench/results/interactions.json and .md.
"""

import io
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bench import latency
from bench.browser import CHART_BOXES, CHROMIUM, CHROMIUM_ARGS, wait_drawn
from bench.common import Row
from bench.latency import Measured
from bench.loadtest.server import streamlit_server
from ui.sidebar import LANG_WIDGET

REPEATS = int(os.environ.get("LOGITLAB_BENCH_REPEATS", "7"))  # timed runs per interaction (after one warm-up)
ONLY = os.environ.get("LOGITLAB_BENCH_PAGES", "")  # e.g. "descent,surface": only these pages (default: all)
TIMEOUT_MS = 60_000  # one interaction may take this long on a very busy machine before the run counts as failed
PAGE_TIMEOUT_MS = 180_000  # opening a page (its first run, lazy chunks) on a very busy machine
VIEWPORT = {"width": 1366, "height": 900}
MP3 = (2048, 1536)  # a 3-megapixel photo, as a phone sends a resized one
MP12 = (4000, 3000)  # a 12-megapixel photo, straight from a phone camera
JPEG_QUALITY = 90
RESULTS = Path("bench/results")
STEP_UP = "[data-testid='stNumberInputStepUp']"  # a number input's + button
MAIN = '[data-testid="stMain"]'  # the page's main area: its text is the probe of text-only changes

# In the page: one observer per timed run notes that the script ran, the first input event's time, when a
# progress bar was first seen; __llSig is what the changed element shows, __llAfter how often each chart drew.
HELPERS = """
window.__llHook = () => document.querySelectorAll('.js-plotly-plot').forEach(gd => {
  if (!gd.__llHooked && gd.on) {
    gd.__llHooked = true; gd.__llAfter = 0; gd.__llBorn = window.__ll ? window.__ll.id : 0;
    gd.on('plotly_afterplot', () => { gd.__llAfter += 1; });
  }
});
window.__llInstall = () => {
  const root = document.querySelector('[data-test-script-state]');
  window.__llHook();  // the charts on screen now belong to the run before this input
  const id = window.__ll ? window.__ll.id + 1 : 1;
  window.__ll = {id, ran: false, t0: null, prog: null, met: null, end: null, idle: null};
  if (window.__llObs) window.__llObs.disconnect();
  window.__llObs = new MutationObserver(() => {
    if (root.getAttribute('data-test-script-state') !== 'notRunning') window.__ll.ran = true;
    else if (window.__ll.ran) window.__ll.idle = performance.now();  // the last run's end, as the browser heard it
  });
  window.__llObs.observe(root, {attributes: true, attributeFilter: ['data-test-script-state']});
  // A progress bar may come and go between two animation frames (a fast run): note it on the DOM change itself.
  if (window.__llBar) window.__llBar.disconnect();
  window.__llBar = new MutationObserver(() => {
    if (window.__ll.prog === null && document.querySelector('[data-testid="stProgress"]')) {
      window.__ll.prog = performance.now();
    }
  });
  window.__llBar.observe(document.body, {childList: true, subtree: true});
  if (!window.__llListening) {
    window.__llListening = true;
    for (const kind of ['pointerdown', 'keydown', 'input', 'change']) {
      document.addEventListener(kind, () => { if (window.__ll.t0 === null) window.__ll.t0 = performance.now(); },
                                true);
    }
  }
};
const __llPick = v => {
  if (v === null || v === undefined || typeof v === 'string' || v.length === undefined) return String(v);
  const n = v.length;
  return n ? n + ':' + __llPick(v[0]) + ',' + __llPick(v[n >> 1]) + ',' + __llPick(v[n - 1]) : '0';
};
window.__llSig = sels => sels.map(sel => {
  const el = document.querySelector(sel);
  if (!el) return 'absent';
  const gd = el.querySelector('.js-plotly-plot');
  if (!gd) return 'text:' + el.innerText;
  if (!gd._fullData || !gd.querySelector('.main-svg')) return 'undrawn';
  const title = gd._fullLayout.title ? gd._fullLayout.title.text : '';
  return gd._fullData.map(tr => ['x', 'y', 'z', 'text'].map(a => __llPick(tr[a])).join('|')).join(';') + '#' + title;
});
window.__llAfter = sels => sels.map(sel => {
  const gd = document.querySelector(sel) && document.querySelector(sel).querySelector('.js-plotly-plot');
  if (!gd) return -2;
  return gd.__llHooked && gd.__llBorn !== window.__ll.id ? gd.__llAfter : -1;  // -1: a chart drawn anew
});
"""
DONE = """([sels, before, afters, progress]) => {
  const ll = window.__ll;
  if (ll.prog === null && document.querySelector('[data-testid="stProgress"]')) ll.prog = performance.now();
  if (ll.end !== null) return true;
  if (ll.met !== null) return false;
  window.__llHook();
  const idle = document.querySelector('[data-test-script-state="notRunning"]')
    && document.querySelector('[data-test-connection-state="CONNECTED"]');
  const drawn = [...document.querySelectorAll(CHART_BOXES)]
      .every(c => c.querySelector('.main-svg'))
    && [...document.querySelectorAll('[data-testid="stGraphVizChart"]')].every(c => c.querySelector('svg'));
  if (!(idle && drawn)) return false;
  // A run may end before the browser ever shows "running" (a fast rerun): its new content is the proof then.
  if (!ll.ran && !sels.length) return false;
  if (progress && document.querySelector('[data-testid="stProgress"]')) return false;
  const now = window.__llSig(sels), count = window.__llAfter(sels);
  for (let i = 0; i < sels.length; i++) {
    if (now[i] === 'absent' || now[i] === 'undrawn') return false;
    // New content is the proof; for a training run, so is its progress bar having come and gone (the same
    // settings may end with the same text; a fast run's bar may come and go before a frame draws it).
    if (now[i] === before[i] && !(progress && ll.prog !== null)) return false;
    if (afters[i] >= 0 && count[i] >= 0 && count[i] <= afters[i]) return false;  // same chart, not drawn again
  }
  ll.met = performance.now();
  requestAnimationFrame(() => requestAnimationFrame(() => { ll.end = performance.now(); }));
  return false;
}""".replace("CHART_BOXES", json.dumps(CHART_BOXES))


def bowl(loss: str) -> str:
    """The surface page's 3D bowl of ``loss``, the only one shown: its first column's live chart (keyed by
    column), or, in a commit before the live charts (for an A/B run), the plotly chart keyed by loss."""
    return f"{key('surf_chart_3d_0')}, {key('surf_chart_3d_' + loss)}"


def contour(loss: str) -> str:
    """The surface page's contour map of ``loss``, found as ``bowl`` finds the bowl."""
    return f"{key('surf_chart_contour_0')}, {key('surf_chart_contour_' + loss)}"


def view(name: str) -> str:
    """The descent page's view ``name`` (contour or surface) while it shows: one of the two charts of the live
    chart under its tab bar, or, in a commit before that (for an A/B run), the chart in that view's tab."""
    return f"{key('gd_chart_view')} [data-view={name}]:not([hidden]), {key('gd_chart_' + name)}"


def key(name: str) -> str:
    """The CSS selector of the element Streamlit made for a widget or chart with this key."""
    return f".st-key-{name}"


@dataclass
class Interaction:
    """One thing a student does: ``act(page, rep)`` sends the input; ``targets(rep)`` must show new content."""

    page: str  # url path ("" = Home)
    name: str
    act: object  # (page, rep) -> None; may prepare untimed, then calls timed(...) itself through ``fire``
    targets: object = None  # rep -> [selector]; None: the page's main text
    progress: bool = False  # a training run: wait until its progress bar (if one was drawn) is gone
    server_time: str = ""  # a selector whose text gives the run's server time in seconds (read after each run)
    exempt: bool = False
    needs_data: bool = False
    prepare: object = None  # (page) -> None, untimed, once before the warm-up (e.g. open a tab)
    measured: Measured = field(default=None)

    def selectors(self, rep: int) -> list[str]:
        return self.targets(rep) if self.targets else [MAIN]


def _slider(widget: str, direction: str):
    """Press an arrow key on a slider's thumb (focused first, untimed): one step per repetition."""
    def act(page, rep, fire):
        page.locator(f"{key(widget)} input[type='range']").first.focus()
        fire(lambda: page.keyboard.press(direction))
    return act


def _click(selector: str):
    def act(page, rep, fire):
        target = page.locator(selector).first
        target.scroll_into_view_if_needed()
        fire(target.click)
    return act


def _alternate(selectors: list[str]):
    """Click selectors[rep % len] (radio labels, tabs): each repetition changes the choice."""
    def act(page, rep, fire):
        target = page.locator(selectors[(rep + 1) % len(selectors)]).first
        target.scroll_into_view_if_needed()
        fire(target.click)
    return act


def _choose(widget: str, options: list[str]):
    """Open a selectbox (untimed), then pick the next option (timed)."""
    def act(page, rep, fire):
        page.locator(f"{key(widget)} [role='combobox']").first.click()
        option = page.get_by_role("option", name=options[(rep + 1) % len(options)], exact=True)
        option.wait_for(timeout=TIMEOUT_MS)
        fire(option.click)
    return act


def _type_shape(widget: str, shapes: list[str]):
    """Type a shape into a text input (untimed), then press Enter (timed): Streamlit reruns on Enter."""
    def act(page, rep, fire):
        box = page.locator(f"{key(widget)} input").first
        box.fill(shapes[rep % len(shapes)])
        fire(lambda: box.press("Enter"))
    return act


def photo(size: tuple[int, int], seed: int) -> bytes:
    """A photo-like JPEG (smooth colour fields with fine grain) of ``size`` pixels, different for each seed."""
    width, height = size
    rng = np.random.default_rng(seed)
    small = rng.integers(0, 256, (6, 8, 3), dtype=np.uint8)  # a few colour fields, blown up smoothly
    from PIL import Image

    base = np.asarray(Image.fromarray(small).resize((width, height), Image.Resampling.BICUBIC), dtype=np.int16)
    grain = rng.integers(-12, 13, (height, width, 1), dtype=np.int16)
    buf = io.BytesIO()
    Image.fromarray(np.clip(base + grain, 0, 255).astype(np.uint8)).save(buf, "JPEG", quality=JPEG_QUALITY)
    return buf.getvalue()


def _upload(size: tuple[int, int], prefix: str):
    """Put a new JPEG into the photo uploader (made before the clock starts)."""
    def act(page, rep, fire):
        name = f"{prefix}{rep + 1}.jpg"
        data = photo(size, seed=rep + (1000 if size == MP12 else 0))
        box = page.locator(f"{key('cat_upload')} input[type='file']").first
        fire(lambda: box.set_input_files({"name": name, "mimeType": "image/jpeg", "buffer": data}))
    return act


def _open_tab(label: str):
    def prepare(page):
        page.get_by_role("tab", name=label).first.click()
        wait_drawn(page, PAGE_TIMEOUT_MS)
    return prepare


def interactions() -> list[Interaction]:
    """The issue's list, page by page, in the order a student meets them."""
    chart = key
    return [
        Interaction("descent", "learning rate (slider, one step)", _slider("gd_learning_rate", "ArrowLeft"),
                    lambda rep: [chart("gd_chart_cost")]),
        Interaction("descent", "iterations (slider, one step)", _slider("gd_iterations", "ArrowRight"),
                    lambda rep: [chart("gd_chart_cost")]),
        Interaction("descent", "start point w₀ (+ button)", _click(f"{key('gd_w0')} {STEP_UP}"),
                    lambda rep: [chart("gd_chart_cost")]),
        Interaction("descent", "tab switch (contour ↔ 3D bowl)",
                    _alternate(["[role='tab']:has-text('Contour')", "[role='tab']:has-text('3D bowl')"]),
                    lambda rep: [view("surface" if rep % 2 == 0 else "contour")]),
        Interaction("descent", "Step", _click(f"{key('gd_step')} button"), lambda rep: [chart("gd_chart_steps")]),
        Interaction("surface", "feature (dataset)", _choose("surf_dataset", DATASET_LABELS),
                    lambda rep: [contour("cross_entropy"), bowl("cross_entropy")], needs_data=True),
        Interaction("surface", "loss (radio)", _alternate([f"{key('surf_loss')} label:has-text('log')",
                                                           f"{key('surf_loss')} label:has-text('½')"]),
                    lambda rep: [contour(LOSSES[(rep + 1) % 2]), bowl(LOSSES[(rep + 1) % 2])]),
        Interaction("surface", "view range (slider, one step)", _slider("surf_span", "ArrowRight"),
                    lambda rep: [contour("cross_entropy"), bowl("cross_entropy")]),
        Interaction("sigmoid", "z (slider, one step)", _slider("sig_z", "ArrowRight"),
                    lambda rep: [chart("sig_curve_chart")]),
        Interaction("sigmoid", "w (slider, one step)", _slider("sig_w", "ArrowRight"),
                    lambda rep: [chart("sig_model_chart")]),
        Interaction("sigmoid", "language switch (English ↔ 中文)",
                    _alternate([f"{key(LANG_WIDGET)} label:has-text('English')",
                                f"{key(LANG_WIDGET)} label:has-text('中文')"])),
        Interaction("graph", "next step", _click(f"{key('cg_next')} button"),
                    lambda rep: ['[data-testid="stGraphVizChart"]']),
        Interaction("broadcasting", "typing a shape (B, Enter)",
                    _type_shape("bc_b", [f"(1, {n})" for n in range(5, 5 + REPEATS + 1)])),
        Interaction("cat_classifier", "test-photo slider (one step)", _slider("cat_example", "ArrowRight"),
                    needs_data=True),
        Interaction("cat_classifier", "upload a 3 MP JPEG → p(cat)", _upload(MP3, "photo3mp_")),
        Interaction("cat_classifier", "upload a 12 MP JPEG → p(cat)", _upload(MP12, "photo12mp_")),
        Interaction("cat_classifier", "training run (2000 iterations, Train → result)",
                    _click(f"{key('cat_train')} button"), lambda rep: [key("cat_train_time")], progress=True,
                    exempt=True, needs_data=True, prepare=_open_tab("Train it yourself"),
                    server_time=key("cat_train_time")),
    ]


LOSSES = ("cross_entropy", "squared_error")  # the surface page's radio, in its order
DATASET_LABELS: list[str] = []  # filled from the English catalogue when the bench starts


def _dataset_labels() -> list[str]:
    from core.data.features import DATASETS
    from ui.i18n import catalogue

    return [catalogue("en")[f"surface.dataset_{name}"] for name in DATASETS]


class Clock:
    """Times one interaction in a page: install the observer, fire the input, wait until DONE, read the clock."""

    def __init__(self, page):
        self.page = page
        page.add_init_script(HELPERS)
        page.evaluate(f"() => {{ {HELPERS} }}")  # the page already open; add_init_script covers reloads

    def run(self, item: Interaction, rep: int) -> tuple[float, float | None, float | None]:
        """ms from the input event to done, to the first progress bar (or None), to the script's end."""
        sels = item.selectors(rep)
        state = {}

        def fire(send):
            self.page.evaluate("() => window.__llInstall()")
            state["before"] = self.page.evaluate("s => window.__llSig(s)", sels)
            state["afters"] = self.page.evaluate("s => window.__llAfter(s)", sels)
            send()

        item.act(self.page, rep, fire)
        self.page.wait_for_function(DONE, arg=[sels, state["before"], state["afters"], item.progress],
                                    polling="raf", timeout=TIMEOUT_MS)
        ll = self.page.evaluate("() => window.__ll")
        progress = None if ll["prog"] is None else ll["prog"] - ll["t0"]
        idle = None if ll["idle"] is None else ll["idle"] - ll["t0"]
        return ll["end"] - ll["t0"], progress, idle


def _attempt(clock: Clock, item: Interaction, rep: int, page, url: str):
    """clock.run(item, rep); after a timeout (the run is counted as failed), the page is opened again."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        return clock.run(item, rep)
    except PlaywrightTimeout:
        print(f"  timed out: {item.page or 'Home'} · {item.name} (run {rep}); reopening the page", file=sys.stderr)
        page.goto(url)
        wait_drawn(page, PAGE_TIMEOUT_MS)
        if item.prepare:
            item.prepare(page)
        return None


def _seconds(text: str) -> float:
    """The training time the page shows ("… took 532 ms …"), in seconds."""
    return float(re.search(r"(\d+) ms", text).group(1)) / 1000


def _floor_item() -> Interaction:
    return Interaction("", "examples-as-rows toggle (one line of text)", _alternate_toggle())


def _alternate_toggle():
    def act(page, rep, fire):
        fire(page.locator(f"{key('home_rows')} label").first.click)
    return act


def measure(base_url: str, repeats: int = REPEATS) -> tuple[Measured, list[Measured]]:
    """Run every interaction ``repeats`` times (after one warm-up), a floor run before each; return both."""
    from playwright.sync_api import sync_playwright

    from core.data.loaders import course_data_available

    DATASET_LABELS[:] = _dataset_labels()
    with_data = course_data_available()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        home_ctx, work_ctx = browser.new_context(viewport=VIEWPORT), browser.new_context(viewport=VIEWPORT)
        home = home_ctx.new_page()
        home.goto(f"{base_url}/")
        wait_drawn(home, PAGE_TIMEOUT_MS)
        floor_clock, floor_item = Clock(home), _floor_item()
        floor = Measured("Home", floor_item.name)
        _attempt(floor_clock, floor_item, 0, home, f"{base_url}/")  # warm-up
        page = work_ctx.new_page()
        results, open_path, clock, floor_rep = [], None, None, 1
        for item in interactions():
            if ONLY and item.page not in ONLY.split(","):
                continue
            if item.needs_data and not with_data:
                print(f"  skipped (no course data): {item.page} · {item.name}", file=sys.stderr)
                continue
            if item.page != open_path:
                page.goto(f"{base_url}/{item.page}")
                wait_drawn(page, PAGE_TIMEOUT_MS)
                clock, open_path = Clock(page), item.page
            if item.prepare:
                item.prepare(page)
            measured = Measured(item.page, item.name, exempt=item.exempt)
            progress, server = [], []
            _trace(f"warm-up {item.page} · {item.name}")
            _attempt(clock, item, 0, page, f"{base_url}/{item.page}")  # warm-up: lazy chunks, first-time caches
            for rep in range(1, repeats + 1):
                timing = _attempt(floor_clock, floor_item, floor_rep, home, base_url)
                floor_rep += 1
                if timing is not None:
                    floor.ms.append(timing[0])
                    floor.idle_ms.append(timing[0] if timing[2] is None else timing[2])
                _trace(f"run {rep} (floor {timing[0] if timing else float('nan'):.0f} ms)")
                timing = _attempt(clock, item, rep, page, f"{base_url}/{item.page}")
                if timing is None:
                    measured.failed += 1
                    continue
                ms, first_bar, idle = timing
                measured.ms.append(ms)
                measured.idle_ms.append(ms if idle is None else idle)
                if first_bar is not None:
                    progress.append(first_bar)
                if item.server_time:
                    server.append(_seconds(page.locator(item.server_time).first.inner_text()))
            if progress and item.progress:
                measured.note = f"progress bar after {latency.median(progress):,.0f} ms"
            if server:
                measured.note += f"; the run took {latency.median(server):.2f} s on the server"
            if not measured.ms:
                print(f"  {item.page} · {item.name}: every run timed out", file=sys.stderr)
                continue
            print(f"  {item.page:<15} {item.name:<48} median {measured.median:8,.0f} ms", file=sys.stderr)
            results.append(measured)
        browser.close()
    return floor, results


def _trace(text: str) -> None:
    if os.environ.get("LOGITLAB_BENCH_TRACE"):
        print(f"    {time.strftime('%H:%M:%S')} {text}", file=sys.stderr, flush=True)


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


def rows() -> list[Row]:
    with streamlit_server() as (url, _proc):
        floor, results = measure(url)
    text = latency.table(results, floor)
    load = load_average()
    print(f"\nInteractions in headless Chromium, {REPEATS} runs each (load average 1/5/15 min: {load})\n{text}\n")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "interactions.md").write_text(f"load average (1/5/15 min) at the end: {load}\n\n{text}\n")
    (RESULTS / "interactions.json").write_text(json.dumps({
        "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "load_average": os.getloadavg(), "repeats": REPEATS,
        "floor": floor.__dict__, "interactions": [
            {**m.__dict__, "median": m.median, "p90": m.p90, "ratio": m.median / floor.median,
             "p90_ratio": m.p90 / floor.median, "verdict": latency.verdict(m, floor.median)} for m in results]},
        ensure_ascii=False, indent=1))
    out = [Row(f"browser floor: {floor.name}", floor.median, "", None)]
    for m in results:
        goal = "—" if m.exempt else f"≤ {latency.GOAL_MEDIAN:g}× floor"
        out.append(Row(f"browser {m.page}: {m.name}", m.median, "floor (Home toggle)", floor.median, goal=goal,
                       met=None if m.exempt else latency.verdict(m, floor.median) == "meets", times_baseline=True))
    return out
