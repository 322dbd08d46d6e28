"""The app under `python -m ui.serve` (`streamlit run`) on a free loopback port, and its memory as /proc reports it."""

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"  # loopback only: the load test never listens on another address
STARTUP_S = 90.0  # how long the server may take to answer its health check
POLL_S = 0.3  # health-check retry interval
STOP_S = 10.0  # grace period after SIGTERM before SIGKILL
RSS_SAMPLE_S = 0.25  # how often the server's resident memory is sampled
KB_PER_MB = 1024


def free_port() -> int:
    """A TCP port nobody is listening on right now (loopback)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> float | None:
    """VmRSS of process ``pid`` in MB (None once it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / KB_PER_MB
    return None


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


@contextmanager
def streamlit_server(port: int | None = None, log_path: Path | None = None, app: str = "app.py",
                     env: dict[str, str] | None = None):
    """Start `streamlit run <app>` on HOST:port (``env``: extra environment); yield (base URL, process); stop it."""
    port = port or free_port()
    # Logit Lab itself starts as `make run` does (ui.serve: deep links safe on a fresh server).
    launch = ["-m", "ui.serve"] if app == "app.py" else ["-m", "streamlit", "run", app]
    cmd = [sys.executable, *launch, "--server.port", str(port),
           "--server.address", HOST, "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none", "--server.runOnSave", "false"]
    if app != "app.py":  # a test app's errors are reported by name; Logit Lab's config hides them from pages
        cmd += ["--client.showErrorDetails", "full"]
    env = dict(os.environ, **(env or {}), PYTHONPATH=str(ROOT))
    log = open(log_path, "w") if log_path else subprocess.DEVNULL  # noqa: SIM115 (closed below)
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + STARTUP_S
        while not _healthy(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start on {url} (exit code {proc.poll()})")
            time.sleep(POLL_S)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=STOP_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if log_path:
            log.close()


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time process ``pid`` has used so far, in seconds (None once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5), counted after the name
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


class RssSampler:
    """Samples a process's VmRSS in the background of an asyncio run; keeps first, peak and last."""

    def __init__(self, pid: int):
        self.pid = pid
        self.samples: list[float] = []
        self._task = None

    async def _loop(self) -> None:
        while True:
            value = rss_mb(self.pid)
            if value is not None:
                self.samples.append(value)
            await asyncio.sleep(RSS_SAMPLE_S)

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop())

    async def stop(self) -> None:
        value = rss_mb(self.pid)
        if value is not None:
            self.samples.append(value)
        if self._task is not None:
            self._task.cancel()

    @property
    def peak(self) -> float:
        return max(self.samples, default=0.0)
