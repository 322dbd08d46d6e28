"""The hall: N Logit Lab servers on loopback ports behind HAProxy on one port, as a context manager.

`hall(n)` starts the replicas (`python -m ui.serve`, as `make run` does), renders
deploy/haproxy.cfg with one `server` line per replica, starts `haproxy -db` on it, waits until
HAProxy reports every replica UP, yields a Hall, and on exit stops HAProxy first (no new
students), then every replica. deploy/serve_class.py is the command a teacher runs; the load
test and the tests use this module directly.
"""

import csv
import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("haproxy.cfg")
BEGIN, END = "# replicas: begin", "# replicas: end"  # the marker lines around the server block
LOOPBACK = "127.0.0.1"  # replicas listen here only; HAProxy is the one public door
INSTALL_HINT = "HAProxy is not installed: apt-get install haproxy"
HAPROXY_FALLBACK = "/usr/sbin/haproxy"  # Debian's path, often not on a non-root PATH
COOKIE = "LOGITLAB_REPLICA"  # the stickiness cookie haproxy.cfg inserts (value: replica name)
REPLICA_HEADER = "X-Logitlab-Replica"  # haproxy.cfg names the answering replica in this header
STARTUP_S = 120.0  # how long N replicas may take to answer their health checks (2 busy cores)
POLL_S = 0.3  # health and supervision poll interval
STOP_S = 10.0  # grace period after SIGTERM before SIGKILL
HEALTH_TIMEOUT_S = 2.0  # one health request
STATS_TIMEOUT_S = 2.0  # one question to HAProxy's stats socket
SOCKET_CHUNK = 65536  # bytes read from the stats socket at a time
LOG_TAIL_LINES = 8  # lines of a log quoted when a start fails
# Each replica's NumPy uses one BLAS thread: N replicas on N cores would otherwise each start a thread per core
# and spin them after every BLAS call, taking cores from the other replicas. Measured with
# `python -m bench.loadtest.hall --sizes 60 --seconds 45 --parts busy`, two pairs each, alternating:
# 2 replicas at 60 students served 29.7 and 30.5 interactions/s (p95 1,680 and 1,712 ms) on OpenBLAS's
# default two threads, 31.9 and 30.9/s (p95 1,507 and 1,612 ms) on one. A value already set is kept.
REPLICA_THREADS_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@dataclass
class Replica:
    """One Logit Lab server behind HAProxy: its name (= cookie value), loopback port and process."""

    name: str
    port: int
    proc: subprocess.Popen
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"


@dataclass
class Hall:
    """The running class: the public URL, the replicas and HAProxy."""

    url: str
    replicas: list[Replica]
    haproxy: subprocess.Popen
    stats_socket: Path
    log_dir: Path

    def replica(self, name: str) -> Replica:
        return next(r for r in self.replicas if r.name == name)

    def status(self) -> dict[str, str]:
        """Replica name -> HAProxy's view of it ("UP", "DOWN", "UP 1/2", …)."""
        return server_status(self.stats_socket)


def find_haproxy() -> str | None:
    """The haproxy binary, or None when it is not installed."""
    found = shutil.which("haproxy")
    if found:
        return found
    return HAPROXY_FALLBACK if os.access(HAPROXY_FALLBACK, os.X_OK) else None


def free_port(host: str = LOOPBACK) -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def render_config(template: str, ports: list[int]) -> str:
    """haproxy.cfg with its marked server block replaced by one line per replica (r1, r2, …)."""
    lines = template.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(BEGIN))
    stop = next(i for i, line in enumerate(lines) if line.strip().startswith(END))
    indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
    servers = [f"{indent}server r{i} {LOOPBACK}:{port} cookie r{i}" for i, port in enumerate(ports, start=1)]
    return "\n".join(lines[: start + 1] + servers + lines[stop:]) + "\n"


def replica_command(port: int) -> list[str]:
    """The command for one replica: Logit Lab as `make run` starts it, on a loopback port."""
    return [sys.executable, "-m", "ui.serve", "--server.port", str(port), "--server.address", LOOPBACK,
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none", "--server.runOnSave", "false"]


def replica_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """A replica's environment: ``base`` (default os.environ), the project on PYTHONPATH, one BLAS thread
    unless the caller set a count."""
    base = dict(os.environ if base is None else base)
    return {**REPLICA_THREADS_ENV, **base, "PYTHONPATH": str(ROOT)}


def _start_replica(name: str, port: int, log_dir: Path) -> Replica:
    log_path = log_dir / f"{name}.log"
    with log_path.open("a") as log:  # the child keeps its own descriptor
        proc = subprocess.Popen(replica_command(port), cwd=ROOT, env=replica_env(),
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    return Replica(name, port, proc, log_path)


def healthy(url: str) -> bool:
    """True when ``url``/_stcore/health answers 200."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=HEALTH_TIMEOUT_S) as resp:
            return resp.status == 200
    except OSError:
        return False


def server_status(stats_socket: Path) -> dict[str, str]:
    """Ask HAProxy (`show stat`) for the state of every server of the logitlab backend."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(STATS_TIMEOUT_S)
        sock.connect(str(stats_socket))
        sock.sendall(b"show stat\n")
        chunks = []
        while chunk := sock.recv(SOCKET_CHUNK):
            chunks.append(chunk)
    text = b"".join(chunks).decode().lstrip("# ")
    rows = csv.DictReader(io.StringIO(text))
    return {row["svname"]: row["status"] for row in rows
            if row["pxname"] == "logitlab" and row["svname"] not in ("FRONTEND", "BACKEND")}


def tail(paths: list[Path]) -> str:
    """The last lines of each log, for an error message (the default log folder is deleted on exit)."""
    parts = []
    for path in paths:
        lines = path.read_text(errors="replace").splitlines()[-LOG_TAIL_LINES:] if path.exists() else []
        parts.append(f"--- {path.name}\n" + "\n".join(lines))
    return "\n".join(parts)


def _wait_until(condition, what: str, procs: list[subprocess.Popen], logs: list[Path]) -> None:
    deadline = time.monotonic() + STARTUP_S
    while not condition():
        dead = [p for p in procs if p.poll() is not None]
        if dead or time.monotonic() > deadline:
            raise RuntimeError(f"{what} (exit codes {[p.poll() for p in dead]})\n{tail(logs)}")
        time.sleep(POLL_S)


def _all_up(stats_socket: Path, names: list[str]) -> bool:
    try:
        status = server_status(stats_socket)
    except OSError:
        return False
    return all(status.get(name) == "UP" for name in names)


def stop(procs: list[subprocess.Popen]) -> None:
    """SIGTERM each process in order, then wait for each (SIGKILL after STOP_S)."""
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=STOP_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def hall(replicas: int, host: str = LOOPBACK, port: int | None = None, log_dir: Path | None = None):
    """Start ``replicas`` servers and HAProxy on host:port; yield a Hall; stop everything afterwards."""
    binary = find_haproxy()
    if binary is None:
        raise RuntimeError(INSTALL_HINT)
    with ExitStack() as stack:
        if log_dir is None:
            log_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="logitlab-hall-")))
        log_dir.mkdir(parents=True, exist_ok=True)
        port = port or free_port(host)
        front: list[subprocess.Popen] = []  # HAProxy, once started
        members: list[Replica] = []  # the live replicas (restart() swaps entries in place)
        stack.callback(lambda: stop(front + [r.proc for r in members]))  # HAProxy first: no new students
        members.extend(_start_replica(f"r{i}", free_port(), log_dir) for i in range(1, replicas + 1))
        cfg_path, sock = log_dir / "haproxy.cfg", log_dir / "haproxy.sock"
        cfg_path.write_text(render_config(TEMPLATE.read_text(), [r.port for r in members]))
        procs = [r.proc for r in members]
        _wait_until(lambda: all(healthy(r.url) for r in members), "a replica did not start", procs,
                    [r.log_path for r in members])
        env = dict(os.environ, LOGITLAB_BIND=f"{host}:{port}", LOGITLAB_STATS_SOCKET=str(sock))
        with (log_dir / "haproxy.log").open("a") as log:
            front.append(subprocess.Popen([binary, "-db", "-f", str(cfg_path)], env=env, stdout=log,
                                          stderr=subprocess.STDOUT, start_new_session=True))
        _wait_until(lambda: _all_up(sock, [r.name for r in members]), "HAProxy did not see every replica up",
                    front + procs, [log_dir / "haproxy.log"])
        yield Hall(f"http://{LOOPBACK if host in ('0.0.0.0', '') else host}:{port}", members, front[0], sock, log_dir)


def restart(h: Hall, replica: Replica) -> Replica:
    """Start a replica that exited again, on the same port and with the same name."""
    fresh = _start_replica(replica.name, replica.port, h.log_dir)
    h.replicas[h.replicas.index(replica)] = fresh
    return fresh
