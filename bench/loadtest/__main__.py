"""`python -m bench.loadtest [--sessions 30] [--seconds 60] [--replicas N | --target URL]`: a classroom.

Against its own `python -m ui.serve` on a free loopback port (default), its own hall
(`--replicas N`: N servers behind HAProxy, deploy/serve_class.py), or any running address
(`--target URL`, e.g. `make serve-class`). Warms every server up with one session, then drives
N concurrent protocol-level sessions through loadtest.script for a bounded time and number of
interactions. `--kill-replica-after S` (with --replicas) kills replica r1 S seconds into the
class and reports how the class got over it. Prints a human-readable summary, then as the LAST
line one JSON object: {"sessions", "interactions", "p50_ms", "p95_ms", "errors", "server_rss_mb",
"per_replica", "kill", …}. Exit status 0 only with zero errors, zero leaks, p95 within the goal
and, in a fault run, every student of the killed replica back.
"""

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path

from bench.loadtest import cpu
from bench.loadtest.fault import fault_ok, kill_lines, kill_replica, kill_summary
from bench.loadtest.photos import class_photos
from bench.loadtest.script import STEPS, Config, Student
from bench.loadtest.server import cpu_seconds
from bench.loadtest.summary import summary
from bench.loadtest.targets import Memory, Target, open_target, warm_up

P95_GOAL_MS = 2000.0  # the classroom goal: 95 % of interactions answered within 2 s
RAMP_S = 5.0  # students arrive spread over this many seconds (a class opening a shared link)
THINK_S = (0.5, 2.0)  # a student's pause between interactions, uniform (seconds): busier than a real class
MAX_INTERACTIONS = 60  # reruns per student, at most
RECONNECT_S = 60.0  # in a fault run, how long a student keeps trying to get the app back
KILLED = "r1"  # the replica a fault run kills
LOG_PATH = Path("loadtest-server.log")  # the server's own output, for post-mortems


def _think(text: str) -> tuple[float, float]:
    low, high = (float(v) for v in text.split(","))
    if not 0 <= low <= high:
        raise argparse.ArgumentTypeError(f"--think wants MIN,MAX with 0 ≤ MIN ≤ MAX, got {text!r}")
    return low, high


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.loadtest", description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30, help="concurrent students (default 30)")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long they work (default 60)")
    parser.add_argument("--think", type=_think, default=THINK_S,
                        help=f"pause between clicks, MIN,MAX seconds (default {THINK_S[0]:g},{THINK_S[1]:g})")
    parser.add_argument("--port", default="auto", help="server port, or 'auto' for a free one")
    parser.add_argument("--replicas", type=int, default=0, help="start N servers behind HAProxy and play against it")
    parser.add_argument("--target", default="", help="play against this running address instead (http://…)")
    parser.add_argument("--kill-replica-after", type=float, default=None, metavar="S",
                        help=f"with --replicas ≥ 2: SIGKILL replica {KILLED} S seconds into the class")
    parser.add_argument("--max-interactions", type=int, default=MAX_INTERACTIONS, help="reruns per student")
    parser.add_argument("--seed", type=int, default=0, help="seed of the students' photos")
    parser.add_argument("--steps", default=",".join(STEPS),
                        help=f"comma-separated parts of the script to follow (default {','.join(STEPS)})")
    parser.add_argument("--app", default="app.py", help="the Streamlit script to serve (default app.py)")
    parser.add_argument("--log", type=Path, default=None,
                        help=f"write the server log here (e.g. {LOG_PATH}); with --replicas, a folder for all logs")
    args = parser.parse_args(argv)
    args.steps = tuple(step for step in args.steps.split(",") if step)
    unknown = set(args.steps) - set(STEPS)
    if unknown:
        parser.error(f"unknown steps {sorted(unknown)}; choose from {', '.join(STEPS)}")
    if args.target and args.replicas:
        parser.error("--target plays against a running address; --replicas starts one: choose one")
    if args.kill_replica_after is not None and args.replicas < 2:
        parser.error("--kill-replica-after needs --replicas 2 or more (the load test must own the replicas)")
    return args


class ServerCpu:
    """The servers' CPU from the end of the warm-up on: process totals (/proc) and, for a server the load
    test started, every script run's own CPU by page (ui/cpu_log.py's lines in its log)."""

    def __init__(self, target: Target):
        self.target = target
        self.start = {name: cpu_seconds(pid) or 0.0 for name, pid in target.servers.items()}
        self.offset = target.cpu_log.stat().st_size if target.cpu_log else 0

    def result(self, interactions: int) -> dict:
        used = sum((cpu_seconds(pid) or 0.0) - self.start[name] for name, pid in self.target.servers.items())
        out = {"server_cpu_s": round(used, 2),
               "server_cpu_ms_per_interaction": round(1000.0 * used / max(1, interactions), 1)}
        if self.target.cpu_log:
            out["server_cpu_by_page"] = cpu.table(cpu.read_from(self.target.cpu_log, self.offset))
        return out


async def _classroom(target: Target, args, photos) -> tuple[list, Memory, float, float, dict | None, ServerCpu]:
    warm_errors = await warm_up(target, photos[0])
    if warm_errors:
        print(f"warm-up errors: {warm_errors[:3]}", file=sys.stderr)
    server_cpu = ServerCpu(target)
    memory = Memory(target.servers)
    memory.start()
    start, cpu_start = time.monotonic(), time.process_time()
    reconnect_s = RECONNECT_S if args.kill_replica_after is not None else 0.0
    cfg = Config(deadline=start + args.seconds, max_interactions=args.max_interactions, think_s=args.think,
                 steps=args.steps, reconnect_s=reconnect_s)
    students = [Student(i, target.url, photos[i], [p for j, p in enumerate(photos)
                                                     if j != i and p.expected_percent is not None], cfg)
                for i in range(args.sessions)]

    async def arrive(i: int):
        await asyncio.sleep(RAMP_S * i / max(1, args.sessions))
        return await students[i].run()

    runs = [arrive(i) for i in range(args.sessions)]
    killer = None
    if args.kill_replica_after is not None:
        killer = asyncio.create_task(kill_replica(target.hall, KILLED, start, args.kill_replica_after,
                                                  [s.report for s in students]))
    reports = await asyncio.gather(*runs)
    elapsed, cpu = time.monotonic() - start, time.process_time() - cpu_start  # cpu: this load generator's own
    kill = await killer if killer is not None else None
    await memory.stop()
    return list(reports), memory, elapsed, cpu, kill_summary(kill, reports) if kill else None, server_cpu


def run(args: argparse.Namespace, photos=None) -> dict:
    """One classroom as ``args`` says (photos made for it unless given); print the summary, return its numbers."""
    photos = photos or class_photos(args.sessions, seed=args.seed)
    photos = [photos[i % len(photos)] for i in range(args.sessions)]  # a bigger class shares some photos
    with open_target(args) as target:
        reports, memory, elapsed, loadgen_cpu, kill, server_cpu = asyncio.run(_classroom(target, args, photos))
        setup = target.setup
        result = summary(reports, setup, args, elapsed, memory.after_warmup, memory.peaks())
        result.update(server_cpu.result(result["interactions"]))
    result["loadgen_cores"] = round(loadgen_cpu / elapsed, 2)  # CPU the simulated students took from the machine
    print(f"  load generator: {result['loadgen_cores']:.2f} cores on average (same machine as the servers)")
    print(f"  server CPU: {result['server_cpu_s']:.1f} s in all, {result['server_cpu_ms_per_interaction']:.0f} ms "
          f"per interaction (whole process); load average {_load()}")
    result["load_average"] = [round(v, 2) for v in os.getloadavg()]
    if "server_cpu_by_page" in result:
        print("\n".join(cpu.lines(result["server_cpu_by_page"])))
    if kill is not None:
        print("\n".join(kill_lines(kill)))
        result["kill"] = kill
    return result


def _load() -> str:
    return " / ".join(f"{v:.1f}" for v in os.getloadavg()) + " (1/5/15 min)"


def passed(result: dict) -> bool:
    """Zero errors and leaks, p95 within the goal, and a fault run that the class got over."""
    clean = result["errors"] == 0 and result["p95_ms"] <= P95_GOAL_MS
    return clean and ("kill" not in result or fault_ok(result["kill"]))


def main(argv=None) -> int:
    result = run(parse_args(argv))
    print(json.dumps(result, ensure_ascii=False))
    return 0 if passed(result) else 1


if __name__ == "__main__":
    raise SystemExit(main())
