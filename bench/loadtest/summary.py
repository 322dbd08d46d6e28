"""The classroom's numbers: latency percentiles by step and by replica, errors, leaks, memory, throughput."""

from collections import Counter

import numpy as np

from bench.loadtest.script import Report

MEDIAN, P95 = 50, 95  # percentiles reported
MAX_LISTED_ERRORS = 12  # distinct error messages shown in the summary


def _pct(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)), 1) if values else 0.0


def per_replica(reports: list[Report], peaks: dict[str, float]) -> dict[str, dict]:
    """Replica name -> students who started there, reruns it answered, their p95, errors seen there, peak RSS."""
    names = sorted({r.replica for r in reports if r.replica} | {n for r in reports for n in r.by_replica if n})
    table = {}
    for name in names:
        ms = [v for r in reports for v in r.by_replica.get(name, [])]
        table[name] = {"students": sum(r.replica == name for r in reports), "interactions": len(ms),
                       "p95_ms": _pct(ms, P95), "errors": sum(r.errors_by_replica[name] for r in reports),
                       "rss_peak_mb": round(peaks.get(name, 0.0), 1)}
    return table


def _print_steps(reports: list[Report]) -> list[float]:
    per_step: dict[str, list[float]] = {}
    for r in reports:
        for step, values in r.latencies.items():
            per_step.setdefault(step, []).extend(values)
    for step, values in per_step.items():
        print(f"  {step:<11} {len(values):5d} reruns  p50 {np.percentile(values, MEDIAN):7.0f} ms"
              f"  p95 {np.percentile(values, P95):7.0f} ms  max {max(values):7.0f} ms")
    return [v for values in per_step.values() for v in values]


def summary(reports: list[Report], setup: str, args, elapsed_s: float, after_warmup: dict[str, float],
            peaks: dict[str, float]) -> dict:
    """Print the human-readable summary; return the numbers as one dict (the JSON line)."""
    print(f"Classroom: {args.sessions} sessions for {args.seconds:.0f} s on {setup}, steps {'/'.join(args.steps)} "
          f"(≤ {args.max_interactions} interactions each, think {args.think[0]:g}–{args.think[1]:g} s)")
    all_ms = _print_steps(reports)
    errors = Counter(e for r in reports for e in r.errors)
    leaks = [leak for r in reports for leak in r.leaks]
    skipped = Counter()
    for r in reports:
        skipped.update(r.skipped)
    for what, count in sorted(skipped.items()):
        print(f"  skipped (not found): {what} ×{count}")
    print(f"  predictions checked against core: {sum(r.predictions_ok for r in reports)}; leaks: {len(leaks)}")
    print(f"  throughput: {len(all_ms) / elapsed_s:.1f} reruns/s over {elapsed_s:.0f} s")
    replicas = per_replica(reports, peaks)
    for name, row in replicas.items():
        memory = f", peak RSS {row['rss_peak_mb']:.0f} MB" if name in peaks else ""
        print(f"  replica {name}: {row['students']} students, {row['interactions']} reruns, p95 {row['p95_ms']:.0f} ms,"
              f" errors {row['errors']}{memory}")
    if peaks:
        print("  server RSS (after warm-up → peak): " + ", ".join(
            f"{name} {after_warmup.get(name, 0.0):.0f} → {peak:.0f} MB" for name, peak in peaks.items()))
    else:
        print("  server RSS: not measured (a --target the load test did not start)")
    for message, count in errors.most_common(MAX_LISTED_ERRORS):
        print(f"  ERROR ×{count}: {message}")
    for leak in leaks[:MAX_LISTED_ERRORS]:
        print(f"  LEAK: {leak}")
    return {"setup": setup, "sessions": args.sessions, "seconds": args.seconds, "think_s": list(args.think),
            "interactions": len(all_ms), "throughput_per_s": round(len(all_ms) / elapsed_s, 2),
            "p50_ms": _pct(all_ms, MEDIAN), "p95_ms": _pct(all_ms, P95),
            "errors": sum(errors.values()) + len(leaks), "leaks": len(leaks),
            "server_rss_mb": round(max(peaks.values(), default=0.0), 1),
            "total_rss_mb": round(sum(peaks.values()), 1),
            "rss_after_warmup_mb": round(max(after_warmup.values(), default=0.0), 1),
            "per_replica": replicas, "skipped": dict(skipped),
            "predictions_checked": sum(r.predictions_ok for r in reports)}
