"""`python -m bench.profile_browser PAGE [INTERACTION]`: where one interaction of bench_interactions spends its time.

The same server, browser, inputs and end condition as `python -m bench bench_interactions`, without the
floor: each timed run also records, through the Chrome DevTools protocol, the websocket messages (so the
time until the server's "script finished" message reached the browser is known: the **server** part) and
a sampling CPU profile of the page's main thread, summed by kind of work:

- **WebGL**: calls into the software GL (this machine has no GPU; `readPixels` is where the browser waits
  for a 3D chart to be rasterised, `getProgramParameter`/`getShaderParameter` where shaders are compiled);
- **DOM**: the other browser APIs called from JavaScript (`getBoundingClientRect`, `setAttribute`, …; a
  layout the page needed is done, and counted, inside the call that asked for it);
- **plotly.js**, **Streamlit and React** (the rest of the app's JavaScript), **garbage collection**;
- **native**: the browser's own work outside JavaScript (style, layout, paint), which the profile calls
  "(program)"; **idle**: nothing to do.

INTERACTION is a case-insensitive part of an interaction's name (default: every interaction of PAGE,
"" = Home's floor is not profiled). Medians over ``--repeats`` runs after one warm-up. Used to find out
why an interaction is slow; the numbers in the README's "Why the others do not meet it" come from it.
"""

import argparse
import base64
import statistics
import sys
from collections import Counter

from bench.bench_interactions import DATASET_LABELS, PAGE_TIMEOUT_MS, VIEWPORT, Clock, _dataset_labels, interactions
from bench.browser import CHROMIUM, CHROMIUM_ARGS, wait_drawn
from bench.loadtest.server import streamlit_server

SAMPLING_US = 500  # the CPU profile's sampling interval
US_PER_MS = 1000
KINDS = ("WebGL", "DOM", "plotly.js", "Streamlit and React", "garbage collection", "native", "idle")
WEBGL_CALLS = frozenset({
    "readPixels", "getProgramParameter", "getShaderParameter", "compileShader", "linkProgram", "shaderSource",
    "isShader", "isProgram", "bufferData", "bufferSubData", "texImage2D", "texSubImage2D", "drawArrays",
    "drawElements", "checkFramebufferStatus", "getContext", "clear", "getExtension", "useProgram",
    "framebufferTexture2D", "getUniformLocation", "getAttribLocation", "createProgram", "createShader"})
# plotly.js's files: Streamlit's chunk for st.plotly_chart, and the plotly package's copy the live charts load
PLOTLY_FILES = ("PlotlyChart", "plotly.min.js")


def kind_of(call_frame: dict) -> str:
    """The kind of work one profile node does (its own time only)."""
    name, url = call_frame.get("functionName", ""), call_frame.get("url", "")
    if name == "(program)":
        return "native"
    if name == "(idle)":
        return "idle"
    if name == "(garbage collector)":
        return "garbage collection"
    if not url:  # a browser API called from JavaScript
        return "WebGL" if name in WEBGL_CALLS else "DOM"
    file = url.rsplit("/", 1)[-1]
    return "plotly.js" if any(part in file for part in PLOTLY_FILES) else "Streamlit and React"


def by_function(profile: dict) -> Counter:
    """ms of self time per function ("name (file)"; the browser's own APIs have no file) in one profile."""
    names = {}
    for node in profile["nodes"]:
        frame = node["callFrame"]
        where = frame.get("url", "").rsplit("/", 1)[-1]
        names[node["id"]] = f"{frame.get('functionName') or '(anonymous)'}" + (f" ({where})" if where else "")
    spent = Counter()
    for node, delta in zip(profile["samples"], profile["timeDeltas"], strict=True):
        spent[names[node]] += delta / US_PER_MS
    return spent


def breakdown(profile: dict) -> dict[str, float]:
    """ms of each kind of work in a DevTools CPU profile (its nodes, samples and timeDeltas)."""
    kinds = {node["id"]: kind_of(node["callFrame"]) for node in profile["nodes"]}
    spent = Counter({kind: 0.0 for kind in KINDS})
    for node, delta in zip(profile["samples"], profile["timeDeltas"], strict=True):
        spent[kinds[node]] += delta / US_PER_MS
    return dict(spent)


def message_kind(payload_b64: str) -> str:
    """The type of one Streamlit ForwardMsg, as the browser received it."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    message = ForwardMsg()
    message.ParseFromString(base64.b64decode(payload_b64))
    return message.WhichOneof("type") or ""


def server_ms(frames: list[tuple[float, str, str]]) -> float | None:
    """ms from the first message the browser sent to the last "script finished" it received, or None."""
    sent = [ts for ts, way, _ in frames if way == "sent"]
    done = [ts for ts, way, kind in frames if way == "received" and kind == "script_finished"]
    return (max(done) - min(sent)) * US_PER_MS if sent and done else None


def profile(url: str, page_name: str, wanted: str, repeats: int, top: int = 0) -> list[str]:
    from playwright.sync_api import sync_playwright

    DATASET_LABELS[:] = _dataset_labels()  # what the surface page's dataset box offers, as bench_interactions does
    items = [i for i in interactions() if i.page == page_name and wanted.lower() in i.name.lower()]
    if not items:
        raise SystemExit(f"no interaction of page {page_name!r} matches {wanted!r}")
    lines = [f"| interaction | runs | total | server (to script finished) | {' | '.join(KINDS)} |",
             "| --- | ---: | ---: | ---: |" + " ---: |" * len(KINDS)]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport=VIEWPORT).new_page()
        page.goto(f"{url}/{page_name}")
        wait_drawn(page, PAGE_TIMEOUT_MS)
        clock, cdp, frames = Clock(page), page.context.new_cdp_session(page), []
        cdp.send("Network.enable")
        cdp.on("Network.webSocketFrameSent", lambda e: frames.append((e["timestamp"], "sent", "")))
        cdp.on("Network.webSocketFrameReceived", lambda e: frames.append(
            (e["timestamp"], "received", message_kind(e["response"]["payloadData"]))))
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": SAMPLING_US})
        for item in items:
            if item.prepare:
                item.prepare(page)
            clock.run(item, 0)  # warm-up
            totals, servers, kinds, functions = [], [], {kind: [] for kind in KINDS}, Counter()
            for rep in range(1, repeats + 1):
                frames.clear()
                cdp.send("Profiler.start")
                total, _, _ = clock.run(item, rep)
                recorded = cdp.send("Profiler.stop")["profile"]
                spent = breakdown(recorded)
                functions.update(by_function(recorded))
                totals.append(total)
                if (server := server_ms(frames)) is not None:
                    servers.append(server)
                for kind in KINDS:
                    kinds[kind].append(spent[kind])
            server = f"{statistics.median(servers):,.0f} ms" if servers else "—"
            cells = " | ".join(f"{statistics.median(kinds[kind]):,.0f} ms" for kind in KINDS)
            lines.append(f"| {item.page} · {item.name} | {repeats} | {statistics.median(totals):,.0f} ms | {server} "
                         f"| {cells} |")
            print(lines[-1], file=sys.stderr, flush=True)
            for name, ms in functions.most_common(top):
                if name not in ("(idle)", "(program)"):
                    print(f"    {ms / repeats:8.1f} ms per run  {name}", file=sys.stderr, flush=True)
        browser.close()
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_browser", description=__doc__.splitlines()[0])
    parser.add_argument("page", help="the page's url path, e.g. surface")
    parser.add_argument("interaction", nargs="?", default="", help="part of the interaction's name (default: all)")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per interaction (default 5)")
    parser.add_argument("--top", type=int, default=0,
                        help="also print the N functions with the most self time (mean per run)")
    args = parser.parse_args(argv)
    with streamlit_server() as (url, _proc):
        lines = profile(url, args.page, args.interaction, args.repeats, args.top)
    print("\n".join(lines))
    print("\nThe profile covers the whole run, so its kinds add up to more than the total: sampling starts before "
          "the input and stops after the run's end condition was seen.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
