"""A fault during class: kill one replica mid-run and measure how the class gets over it.

Once every student has a session and ``after_s`` seconds of the class have passed, the replica
gets SIGKILL (a crash: no goodbye to its websockets). Then HAProxy's own view is polled until
it marks the replica DOWN. From the students' reports: how many were on it, whether each got
the app back (new session, same page, settings from the URL), how long after noticing, and
whether any new session was ever placed on the dead replica.
"""

import asyncio
import os
import signal
import time
from dataclasses import dataclass

import numpy as np

from bench.loadtest.script import Report
from deploy.hall import Hall

POLL_S = 0.1  # how often the students' progress and HAProxy's view are checked
DOWN_WAIT_S = 30.0  # HAProxy must mark the killed replica DOWN within this
MEDIAN = 50  # percentile reported for recovery times


@dataclass
class Kill:
    """When which replica was killed, and when HAProxy noticed."""

    replica: str
    at: float  # time.monotonic() of the SIGKILL
    at_s: float  # seconds into the class
    down_after_s: float | None  # kill -> HAProxy status DOWN (None: not within DOWN_WAIT_S)


async def kill_replica(h: Hall, name: str, start: float, after_s: float, reports: list[Report]) -> Kill:
    """Wait until every student has connected and ``after_s`` has passed, SIGKILL ``name``, watch HAProxy."""
    while time.monotonic() - start < after_s or not all(r.replica or r.errors for r in reports):
        await asyncio.sleep(POLL_S)
    os.kill(h.replica(name).proc.pid, signal.SIGKILL)
    killed = time.monotonic()
    while time.monotonic() - killed < DOWN_WAIT_S:
        status = await asyncio.to_thread(h.status)
        if status.get(name, "").startswith("DOWN"):
            return Kill(name, killed, killed - start, time.monotonic() - killed)
        await asyncio.sleep(POLL_S)
    return Kill(name, killed, killed - start, None)


def kill_summary(kill: Kill, reports: list[Report]) -> dict:
    """The fault run in numbers: students hit, recovered, recovery times, sessions placed on the dead replica."""
    hit = [d for r in reports for d in r.disconnects if d.replica == kill.replica]
    back = [d for d in hit if d.restored_at is not None]
    recovery = [d.restored_at - d.lost_at for d in back]
    survivors = [r for r in reports if r.replica and r.replica != kill.replica]
    return {
        "replica": kill.replica, "at_s": round(kill.at_s, 1),
        "haproxy_down_after_s": None if kill.down_after_s is None else round(kill.down_after_s, 2),
        "students_on_it": sum(r.replica == kill.replica for r in reports),
        "disconnects": len(hit), "recovered": len(back), "url_settings_checked": sum(d.settings for d in back),
        "recovery_p50_s": round(float(np.percentile(recovery, MEDIAN)), 2) if recovery else None,
        "recovery_max_s": round(max(recovery), 2) if recovery else None,
        "class_whole_after_s": round(max(d.restored_at for d in back) - kill.at, 2) if back else None,
        "new_sessions_on_dead_replica": sum(d.new_replica == kill.replica for d in back),
        "other_students": len(survivors),
        "other_students_disconnected": sum(bool(r.disconnects) for r in survivors),
    }


def kill_lines(k: dict) -> list[str]:
    """The fault run as sentences for the summary."""
    down = "never (within the wait)" if k["haproxy_down_after_s"] is None else f"{k['haproxy_down_after_s']:.1f} s"
    lines = [f"  FAULT: killed {k['replica']} at {k['at_s']:.0f} s with {k['students_on_it']} students on it; "
             f"HAProxy marked it DOWN after {down}",
             f"  {k['recovered']}/{k['disconnects']} lost connections got the app back on the same page "
             f"({k['url_settings_checked']} settings from the URL checked on it)"]
    if k["recovered"]:
        lines.append(f"  recovery after noticing: p50 {k['recovery_p50_s']:.2f} s, max {k['recovery_max_s']:.2f} s; "
                     f"every student back {k['class_whole_after_s']:.2f} s after the kill; "
                     f"new sessions placed on the dead replica: {k['new_sessions_on_dead_replica']}")
    lines.append(f"  the other {k['other_students']} students: {k['other_students_disconnected']} disconnected")
    return lines


def fault_ok(k: dict) -> bool:
    """The fault run passes: HAProxy noticed, every hit student came back, nobody else was touched."""
    return (k["haproxy_down_after_s"] is not None and k["disconnects"] > 0
            and k["recovered"] == k["disconnects"]
            and k["new_sessions_on_dead_replica"] == 0 and k["other_students_disconnected"] == 0)
