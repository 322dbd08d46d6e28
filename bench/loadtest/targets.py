"""What the classroom plays against: its own server, its own hall (HAProxy + N replicas), or any URL.

Each comes with the processes whose memory is sampled (none for a URL the test did not start)
and a warm-up: one student's single round per server process, so imports and shared caches are
loaded before the class arrives (behind HAProxy the warm-up student picks its replica with the
stickiness cookie).
"""

import asyncio
import time
from contextlib import contextmanager
from dataclasses import dataclass

from bench.loadtest.photos import Photo
from bench.loadtest.script import STEPS, Config, Report, Student
from bench.loadtest.server import RssSampler, rss_mb, streamlit_server
from deploy.hall import COOKIE, Hall, hall

WARMUP_INTERACTIONS = 20  # enough for one full round of the script
WARMUP_SECONDS = 120.0  # the warm-up student's whole budget (first imports can be slow)


@dataclass
class Target:
    """The address students open, and the server processes behind it (name -> pid)."""

    url: str
    setup: str  # "1 process", "2 replicas", or "target"
    servers: dict[str, int]  # memory sampled for these; empty for --target
    hall: Hall | None = None


@contextmanager
def open_target(args):
    """Start what ``args`` asks for (--target, --replicas or one server); yield a Target; stop it."""
    if args.target:
        yield Target(args.target.rstrip("/"), "target", {})
    elif args.replicas:
        with hall(args.replicas, log_dir=args.log) as h:
            yield Target(h.url, f"{args.replicas} replicas", {r.name: r.proc.pid for r in h.replicas}, h)
    else:
        port = None if args.port == "auto" else int(args.port)
        with streamlit_server(port, args.log, args.app) as (url, proc):
            yield Target(url, "1 process", {"server": proc.pid})


async def _warm_one(url: str, photo: Photo, cookies: dict[str, str] | None) -> Report:
    cfg = Config(deadline=time.monotonic() + WARMUP_SECONDS, max_interactions=WARMUP_INTERACTIONS, think_s=(0.0, 0.0))
    student = Student(-1, url, photo, [], cfg, cookies=cookies)
    await student.client.connect()
    for step in STEPS:
        await getattr(student, step)(0)
    await student.client.close()
    return student.report


async def warm_up(target: Target, photo: Photo) -> list[str]:
    """One round on every server process (in turn); the warm-up students' errors."""
    if target.hall is None:
        reports = [await _warm_one(target.url, photo, None)]
    else:
        reports = [await _warm_one(target.url, photo, {COOKIE: r.name}) for r in target.hall.replicas]
    return [error for report in reports for error in report.errors]


class Memory:
    """Resident memory of every server process: right after the warm-up, and sampled during the class."""

    def __init__(self, servers: dict[str, int]):
        self.after_warmup = {name: rss_mb(pid) or 0.0 for name, pid in servers.items()}
        self.samplers = {name: RssSampler(pid) for name, pid in servers.items()}

    def start(self) -> None:
        for sampler in self.samplers.values():
            sampler.start()

    async def stop(self) -> None:
        await asyncio.gather(*(s.stop() for s in self.samplers.values()))

    def peaks(self) -> dict[str, float]:
        return {name: s.peak for name, s in self.samplers.items()}
