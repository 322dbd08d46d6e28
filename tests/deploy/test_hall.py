"""Two real replicas behind HAProxy: every page works within one replica (they share no state),
an upload reaches the replica holding its session, a student whose replica dies gets the page
back with their URL settings, the load test's fault run reports the class got over it, and the
launcher restarts a crashed replica and stops everything on Ctrl-C.

Every wait is on a condition with a deadline (a process's output, a health answer, HAProxy's view).
"""

import asyncio
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.loadtest.__main__ import P95_GOAL_MS
from bench.loadtest.client import ConnectionLost
from bench.loadtest.photos import class_photos
from bench.loadtest.script import Config, Student
from bench.loadtest.widgets import changed_state, url_values
from deploy.hall import COOKIE, REPLICA_HEADER, Hall, free_port, hall, healthy, restart
from ui.lessons import LESSONS

pytestmark = pytest.mark.loadtest  # real servers behind HAProxy (slow; make test-fast leaves them out)
ROOT = Path(__file__).resolve().parents[2]
UP_WAIT_S = 90.0  # a restarted replica starts and passes HAProxy's checks within this (2 busy cores)
CLOSE_WAIT_S = 10.0  # a killed replica's websocket is seen closed within this
STUDENT_S = 120.0  # one student's budget for a round of pages
RECONNECT_S = 60.0  # how long a student keeps trying to get the app back
LOADTEST_TIMEOUT_S = 280  # the whole fault-run subprocess, hall start included
LAUNCH_WAIT_S = 120.0  # the launcher prints its address within this
STOP_WAIT_S = 30.0  # the launcher and its children are gone within this after Ctrl-C
POLL_S = 0.2  # condition polling interval
HTTP_TIMEOUT_S = 10  # one health request through the proxy
LR_KEY = "gd_learning_rate"  # the descent page's learning rate, bound to the URL


def _run(coroutine):
    """asyncio.run in a thread of its own: Playwright's sync API may own this thread's event loop when the
    browser tests ran first in the same session."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def two_replicas(haproxy) -> Hall:
    with hall(2) as h:
        yield h


def _wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(POLL_S)


def _student(url: str, index: int, photo, reconnect_s: float = 0.0) -> Student:
    cfg = Config(deadline=time.monotonic() + STUDENT_S, max_interactions=len(LESSONS) + 4, think_s=(0.0, 0.0),
                 reconnect_s=reconnect_s)
    return Student(index, url, photo, [], cfg)


async def _every_page_and_an_upload(student: Student) -> None:
    """Open Home and every lesson in one session, then upload a photo on the classifier."""
    for path in ["", *(lesson.slug for lesson in LESSONS)]:
        page = await student.client.open_page(path)
        assert not page.exceptions, (path, page.exceptions)
        assert page.texts(), f"/{path} showed no text"
    await student.classifier(0)


def test_every_page_works_within_one_replica_and_uploads_reach_it(two_replicas):
    photos = class_photos(2, seed=0)

    async def two_students():
        students = [_student(two_replicas.url, i, photos[i]) for i in range(2)]
        for s in students:  # both connected before either works: leastconn puts them on different replicas
            await s.client.connect()
        for s in students:
            await _every_page_and_an_upload(s)
            await s.client.close()
        return students

    students = _run(two_students())
    assert {s.client.replica for s in students} == {"r1", "r2"}
    for student in students:  # the upload PUT is a separate HTTP request: the cookie sent it to the session
        assert student.client.upload_replicas == [student.client.replica]
        assert student.report.errors == [] and student.report.leaks == []
        assert student.report.predictions_ok == 1


def test_health_through_the_proxy_names_the_replica_and_sets_the_sticky_cookie(two_replicas):
    for name in ("r1", "r2"):
        request = urllib.request.Request(f"{two_replicas.url}/_stcore/health", headers={"Cookie": f"{COOKIE}={name}"})
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_S) as resp:
            assert resp.headers[REPLICA_HEADER] == name
    with urllib.request.urlopen(f"{two_replicas.url}/_stcore/health", timeout=HTTP_TIMEOUT_S) as resp:
        assert any(c.startswith(f"{COOKIE}=r") for c in resp.headers.get_all("Set-Cookie"))


async def _settings_then_crash(h: Hall, student: Student) -> str:
    """Set the learning rate (written to the URL), SIGKILL this session's replica, see the socket close."""
    await student.client.connect()
    page = await student.client.open_page("descent")
    state = changed_state(page.find_widget(LR_KEY), variant=3)
    student.client.set_query(LR_KEY, url_values(state))
    await student.client.set_widget(state)
    dead = student.client.replica
    os.kill(h.replica(dead).proc.pid, signal.SIGKILL)
    with pytest.raises(ConnectionLost):
        await student.client.wait_idle(CLOSE_WAIT_S)
    await student._recover()
    await student.client.close()
    return dead


def test_a_student_whose_replica_dies_gets_the_page_back_with_its_url_settings(two_replicas):
    student = _student(two_replicas.url, 0, class_photos(1, seed=0)[0], reconnect_s=RECONNECT_S)
    try:
        dead = _run(_settings_then_crash(two_replicas, student))
        (lost,) = student.report.disconnects
        assert student.report.errors == []
        assert lost.replica == dead and lost.restored_at is not None
        assert lost.new_replica not in ("", dead)
        assert lost.settings == 1  # the learning rate came back from the URL
    finally:  # the other tests of this module get both replicas back
        for replica in list(two_replicas.replicas):
            if replica.proc.poll() is not None:
                restart(two_replicas, replica)
                _wait_for(lambda name=replica.name: two_replicas.status().get(name) == "UP", UP_WAIT_S,
                          f"{replica.name} back UP")


def test_load_test_plays_against_a_target_address_and_counts_per_replica(two_replicas):
    # Both replicas in the rotation first (one may just have been restarted by the test before): with one
    # marked DOWN, leastconn sends both students to the other and the split below cannot hold.
    _wait_for(lambda: set(two_replicas.status().values()) == {"UP"} and len(two_replicas.status()) == 2,
              UP_WAIT_S, "both replicas UP")
    cmd = [sys.executable, "-m", "bench.loadtest", "--target", two_replicas.url, "--sessions", "2",
           "--seconds", "8", "--steps", "home,graph"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=LOADTEST_TIMEOUT_S)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["setup"] == "target" and result["errors"] == 0, proc.stdout[-3000:]
    assert {name: row["students"] for name, row in result["per_replica"].items()} == {"r1": 1, "r2": 1}
    assert sum(row["interactions"] for row in result["per_replica"].values()) == result["interactions"] > 0


def test_load_test_fault_run_kills_one_replica_and_the_class_gets_over_it(haproxy):
    cmd = [sys.executable, "-m", "bench.loadtest", "--replicas", "2", "--sessions", "4", "--seconds", "20",
           "--kill-replica-after", "6", "--steps", "home,descent,graph"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=LOADTEST_TIMEOUT_S)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    kill = result["kill"]
    # Exit status 1 may only come from p95 over the goal: latency on 2 shared cores is not what this test is about.
    assert proc.returncode == 0 or result["p95_ms"] > P95_GOAL_MS, proc.stdout[-3000:]
    assert kill["haproxy_down_after_s"] is not None
    assert kill["disconnects"] >= 1 and kill["recovered"] == kill["disconnects"]
    assert kill["new_sessions_on_dead_replica"] == 0 and kill["other_students_disconnected"] == 0
    assert result["errors"] == 0 and result["per_replica"]["r2"]["errors"] == 0


def _lines(stream) -> queue.Queue:
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in stream], daemon=True).start()
    return lines


def _wait_line(lines: queue.Queue, text: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            pytest.fail(f"no line with {text!r} within {seconds:.0f} s")
        if text in line:
            return line


def _children(pid: int) -> set[int]:
    return {int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}


def _gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"  # a zombie has exited
    except OSError:
        return True


def test_launcher_restarts_a_crashed_replica_and_stops_everything_on_ctrl_c(haproxy):
    port = free_port()
    launcher = subprocess.Popen([sys.executable, "-m", "deploy.serve_class", "--replicas", "1", "--host", "127.0.0.1",
                                 "--port", str(port)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True)
    try:
        lines = _lines(launcher.stdout)
        _wait_line(lines, "Ctrl-C stops everything", LAUNCH_WAIT_S)
        url = f"http://127.0.0.1:{port}"
        assert healthy(url)
        first = _children(launcher.pid)
        replica = next(pid for pid in first if "ui.serve" in Path(f"/proc/{pid}/cmdline").read_text())
        os.kill(replica, signal.SIGKILL)
        _wait_line(lines, "starting it again", UP_WAIT_S)
        _wait_for(lambda: healthy(url), UP_WAIT_S, "the restarted replica answering through HAProxy")
        everyone = first | _children(launcher.pid)
        launcher.send_signal(signal.SIGINT)
        assert launcher.wait(timeout=STOP_WAIT_S) == 0
        _wait_for(lambda: all(_gone(pid) for pid in everyone), STOP_WAIT_S, "every child gone")
    finally:
        if launcher.poll() is None:
            launcher.kill()
            launcher.wait()
