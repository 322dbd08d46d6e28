"""`python -m bench.loadtest.hall`: one server process against replicas behind HAProxy, side by side.

Plays, one after another, with the same script, seed and photos:
1. busy classes (think 0.5–2 s between clicks): 1 process, then --replicas behind HAProxy,
   at each size of --sizes (default 30 and 60 students);
2. a fault run: --replicas behind HAProxy, the first size, replica r1 killed halfway;
3. a realistic class (think 5–20 s, as students read) on --replicas at growing sizes, stopping
   at the first one past p95 2 s or with an error: capacity = the largest size that held, per core.
Prints the whole as one Markdown table (as the README shows it) and writes every run's JSON to
bench/results/hall.json. Each run starts and stops its own servers; the load generator runs on
the same machine and takes CPU from them, so read the figures as a lower bound. The one process
runs NumPy on one BLAS thread as the replicas do (deploy.hall.REPLICA_THREADS_ENV), so the two
setups differ only in their number of processes.
"""

import argparse
import json
import os
import time
from pathlib import Path

from bench.loadtest.__main__ import P95_GOAL_MS, parse_args, passed, run
from bench.loadtest.photos import class_photos
from deploy.hall import REPLICA_THREADS_ENV

RESULTS = Path("bench/results/hall.json")
REALISTIC_THINK = "5,20"  # seconds between clicks of a student who reads the page
BUSY_THINK = "0.5,2"  # the load test's default: busier than a real class


def _sizes(text: str) -> list[int]:
    return [int(v) for v in text.split(",") if v]


def _args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.loadtest.hall", description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2, help="replicas behind HAProxy (default 2)")
    parser.add_argument("--sizes", type=_sizes, default=[30, 60], help="busy class sizes (default 30,60)")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of each busy and fault run")
    parser.add_argument("--realistic-sizes", type=_sizes, default=[60, 120, 240],
                        help="realistic class sizes tried in turn (default 60,120,240)")
    parser.add_argument("--realistic-seconds", type=float, default=90.0, help="length of each realistic run")
    parser.add_argument("--parts", default="busy,fault,realistic", help="which parts to play (default all three)")
    return parser.parse_args(argv)


def _play(extra: list[str], photos) -> dict:
    result = run(parse_args(extra), photos)
    result["passed"] = passed(result)
    result["load_after"] = round(os.getloadavg()[0], 2)
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return result


def _row(r: dict) -> str:
    setup = r["setup"] + (f", {r['kill']['replica']} killed at {r['kill']['at_s']:.0f} s" if "kill" in r else "")
    memory = ", ".join(f"{v['rss_peak_mb']:.0f}" for v in r["per_replica"].values()) or f"{r['server_rss_mb']:.0f}"
    think = "–".join(f"{v:g}" for v in r["think_s"])
    return (f"| {setup} | {r['sessions']} | {think} s | {r['interactions']:,} | {r['throughput_per_s']:.1f}/s "
            f"| {r['p50_ms']:,.0f} ms | {r['p95_ms']:,.0f} ms | {r['errors']} | {r['leaks']} | {memory} MB "
            f"| {r.get('loadgen_cores', 0.0):.2f} cores |")


def table(results: list[dict]) -> list[str]:
    """The runs as Markdown: one row each, then throughput ratios, the fault run and the capacity."""
    lines = ["| setup | students | think | interactions | throughput | p50 | p95 | errors | leaks "
             "| peak memory per process | load generator |",
             "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |"]
    lines += [_row(r) for r in results]
    busy = [r for r in results if r["part"] == "busy"]
    for size in sorted({r["sessions"] for r in busy}):
        one = next((r for r in busy if r["sessions"] == size and r["setup"] == "1 process"), None)
        many = next((r for r in busy if r["sessions"] == size and r["setup"] != "1 process"), None)
        if one and many:
            lines.append(f"\nThroughput at {size} students: {many['setup']} / 1 process = "
                         f"{many['throughput_per_s'] / one['throughput_per_s']:.2f}×")
    for r in results:
        if "kill" in r:
            k = r["kill"]
            lines.append(f"\nFault run ({r['sessions']} students, {r['setup']}): {k['replica']} killed at "
                         f"{k['at_s']:.0f} s with {k['students_on_it']} students; HAProxy marked it DOWN after "
                         f"{k['haproxy_down_after_s']} s; {k['recovered']}/{k['disconnects']} back on the same page "
                         f"(recovery p50 {k['recovery_p50_s']} s, max {k['recovery_max_s']} s); errors per replica: "
                         + ", ".join(f"{n} {v['errors']}" for n, v in r["per_replica"].items()))
    realistic = [r for r in results if r["part"] == "realistic"]
    held = [r["sessions"] for r in realistic if r["passed"]]
    if realistic:
        cores = os.cpu_count() or 1
        tried = ", ".join(str(r["sessions"]) for r in realistic)
        verdict = "no size held" if not held else (
            f"p95 ≤ {P95_GOAL_MS:,.0f} ms with no errors up to {max(held)} students on {cores} cores = "
            f"{'at least ' if realistic[-1]['passed'] else ''}{max(held) / cores:.0f} students per core")
        lines.append(f"\nRealistic class (think {REALISTIC_THINK.replace(',', '–')} s), sizes tried {tried}: {verdict}")
    return lines


def main(argv=None) -> int:
    args = _args(argv)
    for name, value in REPLICA_THREADS_ENV.items():  # the one process as a replica (a value already set stays)
        os.environ.setdefault(name, value)
    parts = set(args.parts.split(","))
    photos = class_photos(max(args.sizes), seed=0)  # bigger classes share them (the gap runs out past ~60)
    started, results = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), []
    load_before = round(os.getloadavg()[0], 2)
    reps = ["--replicas", str(args.replicas)]
    for size in args.sizes if "busy" in parts else []:
        for setup in ([], reps):
            common = ["--sessions", str(size), "--seconds", str(args.seconds), "--think", BUSY_THINK]
            results.append({"part": "busy", **_play(common + setup, photos)})
    if "fault" in parts:
        fault = ["--sessions", str(args.sizes[0]), "--seconds", str(args.seconds), "--think", BUSY_THINK,
                 "--kill-replica-after", str(args.seconds / 2), *reps]
        results.append({"part": "fault", **_play(fault, photos)})
    for size in args.realistic_sizes if "realistic" in parts else []:
        realistic = ["--sessions", str(size), "--seconds", str(args.realistic_seconds), "--think", REALISTIC_THINK,
                     *reps]
        results.append({"part": "realistic", **_play(realistic, photos)})
        if not results[-1]["passed"]:
            break
    print(f"\nHall load test, started {started}, {os.cpu_count()} cores, load average before {load_before}")
    print("\n".join(table(results)))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"started": started, "load_before": load_before, "runs": results}, indent=1))
    return 0 if all(r["passed"] for r in results if r["part"] != "realistic") else 1


if __name__ == "__main__":
    raise SystemExit(main())
