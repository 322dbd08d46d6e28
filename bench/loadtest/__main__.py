"""`python -m bench.loadtest [--sessions 30] [--seconds 60] [--port auto]`: a classroom against a real server.

Starts `streamlit run app.py` on a free loopback port, warms it up with one session, then
drives N concurrent protocol-level sessions through loadtest.script for a bounded time and
number of interactions. Prints a human-readable summary, then as the LAST line one JSON object:
{"sessions", "interactions", "p50_ms", "p95_ms", "errors", "server_rss_mb", …}.
Exit status 0 only with zero errors, zero leaks and p95 within the goal.
"""

import argparse
import asyncio
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from bench.loadtest.photos import class_photos
from bench.loadtest.script import STEPS, Config, Report, Student
from bench.loadtest.server import RssSampler, rss_mb, streamlit_server

P95_GOAL_MS = 2000.0  # the classroom goal: 95 % of interactions answered within 2 s
MEDIAN, P95 = 50, 95  # percentiles reported
RAMP_S = 5.0  # students arrive spread over this many seconds (a class opening a shared link)
THINK_S = (0.5, 2.0)  # a student's pause between interactions, uniform (seconds)
MAX_INTERACTIONS = 60  # reruns per student, at most
WARMUP_INTERACTIONS = 20  # enough for one full round of the script
WARMUP_SECONDS = 120.0  # the warm-up student's whole budget (first imports can be slow)
MAX_LISTED_ERRORS = 12  # distinct error messages shown in the summary
LOG_PATH = Path("loadtest-server.log")  # the server's own output, for post-mortems


def _args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.loadtest", description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30, help="concurrent students (default 30)")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long they work (default 60)")
    parser.add_argument("--port", default="auto", help="server port, or 'auto' for a free one")
    parser.add_argument("--max-interactions", type=int, default=MAX_INTERACTIONS, help="reruns per student")
    parser.add_argument("--seed", type=int, default=0, help="seed of the students' photos")
    parser.add_argument("--steps", default=",".join(STEPS),
                        help=f"comma-separated parts of the script to follow (default {','.join(STEPS)})")
    parser.add_argument("--app", default="app.py", help="the Streamlit script to serve (default app.py)")
    parser.add_argument("--log", type=Path, default=None, help=f"write the server log here (e.g. {LOG_PATH})")
    args = parser.parse_args(argv)
    args.steps = tuple(step for step in args.steps.split(",") if step)
    unknown = set(args.steps) - set(STEPS)
    if unknown:
        parser.error(f"unknown steps {sorted(unknown)}; choose from {', '.join(STEPS)}")
    return args


async def _warm_up(url: str, photo) -> Report:
    """One student's single round, so imports and shared caches are loaded before the class arrives."""
    cfg = Config(deadline=time.monotonic() + WARMUP_SECONDS, max_interactions=WARMUP_INTERACTIONS, think_s=(0.0, 0.0))
    student = Student(-1, url, photo, [], cfg)
    await student.client.connect()
    for step in STEPS:
        await getattr(student, step)(0)
    await student.client.close()
    return student.report


async def _classroom(url: str, pid: int, args, photos) -> tuple[list[Report], RssSampler, float]:
    warm = await _warm_up(url, photos[0])
    if warm.errors:
        print(f"warm-up errors: {warm.errors[:3]}", file=sys.stderr)
    rss_before = rss_mb(pid) or 0.0
    sampler = RssSampler(pid)
    sampler.start()
    start = time.monotonic()
    cfg = Config(deadline=start + args.seconds, max_interactions=args.max_interactions, think_s=THINK_S,
                 steps=args.steps)

    async def student(i: int) -> Report:
        await asyncio.sleep(RAMP_S * i / max(1, args.sessions))
        others = [p for j, p in enumerate(photos) if j != i and p.expected_percent is not None]
        return await Student(i, url, photos[i], others, cfg).run()

    reports = await asyncio.gather(*(student(i) for i in range(args.sessions)))
    await sampler.stop()
    return list(reports), sampler, rss_before


def _summary(reports: list[Report], sampler: RssSampler, rss_before: float, args) -> dict:
    per_step: dict[str, list[float]] = {}
    for r in reports:
        for step, values in r.latencies.items():
            per_step.setdefault(step, []).extend(values)
    all_ms = [v for values in per_step.values() for v in values]
    pct = (lambda q: float(np.percentile(all_ms, q))) if all_ms else (lambda q: 0.0)
    errors = Counter(e for r in reports for e in r.errors)
    leaks = [leak for r in reports for leak in r.leaks]
    skipped = Counter()
    for r in reports:
        skipped.update(r.skipped)
    print(f"Classroom: {args.sessions} sessions for {args.seconds:.0f} s, steps {'/'.join(args.steps)} "
          f"(≤ {args.max_interactions} interactions each, think {THINK_S[0]}–{THINK_S[1]} s)")
    for step, values in per_step.items():
        print(f"  {step:<11} {len(values):5d} reruns  p50 {np.percentile(values, MEDIAN):7.0f} ms"
              f"  p95 {np.percentile(values, P95):7.0f} ms  max {max(values):7.0f} ms")
    for what, count in sorted(skipped.items()):
        print(f"  skipped (not found): {what} ×{count}")
    print(f"  predictions checked against core: {sum(r.predictions_ok for r in reports)}; leaks: {len(leaks)}")
    print(f"  server RSS: {rss_before:.0f} MB after warm-up, peak {sampler.peak:.0f} MB, "
          f"end {sampler.samples[-1] if sampler.samples else 0:.0f} MB")
    for message, count in errors.most_common(MAX_LISTED_ERRORS):
        print(f"  ERROR ×{count}: {message}")
    for leak in leaks[:MAX_LISTED_ERRORS]:
        print(f"  LEAK: {leak}")
    return {"sessions": args.sessions, "interactions": len(all_ms), "p50_ms": round(pct(MEDIAN), 1),
            "p95_ms": round(pct(P95), 1), "errors": sum(errors.values()) + len(leaks),
            "server_rss_mb": round(sampler.peak, 1), "leaks": len(leaks),
            "rss_after_warmup_mb": round(rss_before, 1), "skipped": dict(skipped),
            "predictions_checked": sum(r.predictions_ok for r in reports)}


def main(argv=None) -> int:
    args = _args(argv)
    photos = class_photos(args.sessions, seed=args.seed)
    port = None if args.port == "auto" else int(args.port)
    with streamlit_server(port, args.log, args.app) as (url, proc):
        reports, sampler, rss_before = asyncio.run(_classroom(url, proc.pid, args, photos))
    result = _summary(reports, sampler, rss_before, args)
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["errors"] == 0 and result["p95_ms"] <= P95_GOAL_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
