"""`python -m deploy.serve_class --replicas N --port 8500`: a whole class on one port (`make serve-class`).

Starts N Logit Lab servers on free loopback ports and HAProxy on the public port (deploy/hall.py,
deploy/haproxy.cfg), waits until HAProxy reports every replica healthy, prints the address, and
keeps them running: a replica that exits on its own is started again on its port (a crash loop
is left down after a few tries; HAProxy routes around it). Ctrl-C (SIGINT) or SIGTERM stops
HAProxy first (no new students), then every replica, and waits for each.
"""

import argparse
import os
import signal
import socket
import sys
import time
from pathlib import Path

from deploy.hall import INSTALL_HINT, POLL_S, Hall, find_haproxy, hall, restart, tail

DEFAULT_PORT = 8500  # the public port a class connects to
RESTART_WINDOW_S = 60.0  # a replica restarted more than MAX_RESTARTS times within this is left down
MAX_RESTARTS = 3  # (a crash loop: HAProxy keeps routing around it, the terminal says so once)


def _supervise(h: Hall) -> int:
    """Keep the class running (until Ctrl-C); restart a replica that exits. Exit status if HAProxy dies."""
    restarts: dict[str, list[float]] = {}  # replica name -> when it was restarted
    while True:
        time.sleep(POLL_S)
        if h.haproxy.poll() is not None:
            print(f"HAProxy exited ({h.haproxy.returncode}):\n{tail([h.log_dir / 'haproxy.log'])}", file=sys.stderr)
            return 1
        now = time.monotonic()
        for replica in [r for r in h.replicas if r.proc.poll() is not None]:
            recent = [t for t in restarts.get(replica.name, []) if now - t < RESTART_WINDOW_S]
            if len(recent) >= MAX_RESTARTS:
                continue  # already reported below; the others keep serving
            restarts[replica.name] = [*recent, now]
            print(f"replica {replica.name} exited ({replica.proc.returncode}); starting it again", file=sys.stderr)
            if len(recent) + 1 == MAX_RESTARTS:
                print(f"replica {replica.name} keeps exiting; after this try it stays down:\n"
                      f"{tail([replica.log_path])}", file=sys.stderr)
            restart(h, replica)


def _interrupt(signum, frame) -> None:
    """Ctrl-C or SIGTERM: leave the supervision loop; hall() then stops everything."""
    raise KeyboardInterrupt


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.serve_class", description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=os.cpu_count() or 1, help="servers (default: cores)")
    parser.add_argument("--host", default="0.0.0.0", help="public address (default: every interface)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"public port (default {DEFAULT_PORT})")
    parser.add_argument("--log-dir", type=Path, default=None, help="replica and HAProxy logs (default: a temp dir)")
    args = parser.parse_args(argv)
    if find_haproxy() is None:
        print(INSTALL_HINT, file=sys.stderr)
        return 1
    for sig in (signal.SIGINT, signal.SIGTERM):  # SIGINT too: a background job starts with it ignored
        signal.signal(sig, _interrupt)
    status = 0
    where = socket.gethostname() if args.host in ("0.0.0.0", "") else args.host
    try:
        with hall(args.replicas, args.host, args.port, args.log_dir) as h:
            print(f"Logit Lab for a class: {args.replicas} replicas behind HAProxy; students open "
                  f"http://{where}:{args.port} (logs in {h.log_dir}); Ctrl-C stops everything.", flush=True)
            try:
                status = _supervise(h)
            finally:  # a second Ctrl-C must not cut the stop short and leave servers behind
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                print("stopping HAProxy and the replicas …", flush=True)
    except KeyboardInterrupt:
        pass
    except RuntimeError as err:  # a server or HAProxy did not start: say why, no traceback
        print(f"could not start the class: {err}", file=sys.stderr)
        return 1
    print("stopped.", flush=True)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
