"""What the classroom plays against: its own server, its own hall (HAProxy + N replicas), or any URL.

Each comes with the processes whose memory is sampled (none for a URL the test did not start)
and a warm-up: one student's single round per server process, so imports and shared caches are
loaded before the class arrives (in our own hall the warm-up student picks its replica with the
stickiness cookie; behind a --target, warm-up students stay connected until one lands on a
replica already warm).
"""

import asyncio
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.loadtest.photos import Photo
from bench.loadtest.script import STEPS, Config, Student
from bench.loadtest.server import RssSampler, rss_mb, streamlit_server
from deploy.hall import COOKIE, Hall, hall
from ui import cpu_log

WARMUP_INTERACTIONS = 20  # enough for one full round of the script
WARMUP_SECONDS = 120.0  # the warm-up student's whole budget (first imports can be slow)
MAX_UNKNOWN_REPLICAS = 16  # behind a --target, at most this many replicas are warmed up


@dataclass
class Target:
    """The address students open, and the server processes behind it (name -> pid)."""

    url: str
    setup: str  # "1 process", "2 replicas", or "target"
    servers: dict[str, int]  # memory sampled for these; empty for --target
    hall: Hall | None = None
    cpu_log: Path | None = None  # the server log with ui/cpu_log.py's lines (one server the load test started)


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
        with tempfile.TemporaryDirectory() as folder:
            log = args.log or Path(folder, "server.log")  # the CPU accounting is read back from the log
            with streamlit_server(port, log, args.app, env={cpu_log.ENV: "1"}) as (url, proc):
                yield Target(url, "1 process", {"server": proc.pid}, cpu_log=log)


def _warm_student(url: str, photo: Photo, cookies: dict[str, str] | None) -> Student:
    cfg = Config(deadline=time.monotonic() + WARMUP_SECONDS, max_interactions=WARMUP_INTERACTIONS, think_s=(0.0, 0.0))
    return Student(-1, url, photo, [], cfg, cookies=cookies)


async def _one_round(student: Student) -> None:
    for step in STEPS:
        await getattr(student, step)(0)


async def _warm_each_replica_of(url: str, photo: Photo) -> list[Student]:
    """Behind a load balancer we did not start: keep warm-up students connected, one after another,
    until one lands on a replica already warm (leastconn sends each new one to the least busy)."""
    students, seen = [], set()
    for _ in range(MAX_UNKNOWN_REPLICAS):
        student = _warm_student(url, photo, None)
        await student.client.connect()
        students.append(student)
        if student.client.replica in seen or not student.client.replica:
            break
        seen.add(student.client.replica)
        await _one_round(student)
    return students


async def warm_up(target: Target, photo: Photo) -> list[str]:
    """One round on every server process (in turn); the warm-up students' errors."""
    if target.hall is not None:  # ours: the stickiness cookie picks each replica
        students = [_warm_student(target.url, photo, {COOKIE: r.name}) for r in target.hall.replicas]
        for student in students:
            await student.client.connect()
            await _one_round(student)
    elif target.setup == "target":
        students = await _warm_each_replica_of(target.url, photo)
    else:
        students = [_warm_student(target.url, photo, None)]
        await students[0].client.connect()
        await _one_round(students[0])
    for student in students:
        await student.client.close()
    return [error for student in students for error in student.report.errors]


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
