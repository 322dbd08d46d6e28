"""`python -m bench`: run every bench/bench_*.py and print one side-by-side table."""

import importlib
import json
import pkgutil
import platform
import sys
from pathlib import Path

import numpy as np

import bench
from bench.common import load_average


def _fmt(value, unit):
    return "—" if value is None else f"{value:,.2f} {unit}"


def main(argv=None) -> int:
    only = set(argv if argv is not None else sys.argv[1:])
    load_before = load_average()
    rows = []
    for info in sorted(pkgutil.iter_modules(bench.__path__), key=lambda i: i.name):
        if not info.name.startswith("bench_") or (only and info.name not in only):
            continue
        module = importlib.import_module(f"bench.{info.name}")
        print(f"running {info.name} …", file=sys.stderr, flush=True)
        rows.extend(module.rows())
    print(f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, "
          f"{len(__import__('os').sched_getaffinity(0))} cores, Python {platform.python_version()}, "
          f"NumPy {np.__version__}; load average (1 / 5 / 15 min) {load_before} at the start, "
          f"{load_average()} at the end")
    header = f"| {'measure':<52} | {'median':>14} | {'baseline':<34} | {'baseline median':>16} | {'ratio':>8} | goal |"
    print(header)
    print("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
    for r in rows:
        ratio = "—" if r.ratio is None else f"{r.ratio:,.1f}×"
        mark = "" if r.met is None else (" ✅" if r.met else " ❌")
        print(f"| {r.name:<52} | {_fmt(r.value, r.unit):>14} | {r.baseline_name or '—':<34} | "
              f"{_fmt(r.baseline, r.unit):>16} | {ratio:>8} | {r.goal}{mark} |")
    out = Path("bench/results")
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.json").write_text(json.dumps([r.__dict__ for r in rows], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
