"""Run a parser of untrusted bytes in a worker process with a memory and a time limit.

A crash, a hang or a memory blow-up inside a C library (HDF5, zlib, libjpeg …) then fails only
that one upload with a clear ``LogitLabError``; the server process that called ``run_isolated``
keeps serving everyone.

The worker is a fresh ``python -m core.isolate TARGET`` (never a fork of a threaded server). Its
request arrives on stdin and its answer leaves on stdout, both as ``.npz`` archives read with
``allow_pickle=False``: the uploaded bytes never touch the file system, and nothing the worker
sends back can run code in the server. The worker limits its own address space (``RLIMIT_AS``)
and CPU time (``RLIMIT_CPU``) before it reads the request; the caller kills it when the wall-clock
limit passes. Whatever the worker prints on stderr goes to the server log, never to a page.

``TARGET`` is ``"module:function"``; the function takes and returns a dict of NumPy arrays
(``str`` and ``bytes`` values are turned into arrays by ``run_isolated``). A ``LogitLabError`` it
raises (with the ``LogitLabError`` it was raised from, if any) is re-raised in the caller.
"""

import importlib
import io
import json
import logging
import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.errors import LogitLabError

ROOT = Path(__file__).resolve().parents[1]  # the project folder: the worker runs `-m core.isolate` from here
WORKER_ENV = "LOGITLAB_IN_WORKER"  # set to "1" in the worker, so it never starts a worker of its own
THREAD_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")  # one thread: less memory reserved
MIB = 1024 * 1024  # bytes per MiB
DEFAULT_MEMORY_BYTES = 1024 * MIB  # the worker's address-space limit (Python + NumPy alone take ~150 MiB)
DEFAULT_SECONDS = 20.0  # the worker's wall-clock limit
CPU_GRACE_SECONDS = 5  # RLIMIT_CPU = wall-clock limit + this, a backstop should the kill fail
EXIT_MEMORY = 3  # the worker's exit code after a MemoryError
EXIT_BUG = 4  # the worker's exit code after any other unexpected exception
ERROR_ENTRY = "__error__"  # answer entry holding a LogitLabError as JSON
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    """What one worker may use."""

    memory_bytes: int = DEFAULT_MEMORY_BYTES
    seconds: float = DEFAULT_SECONDS


def in_worker() -> bool:
    """True inside a worker process (parsers then run in-process instead of starting another worker)."""
    return os.environ.get(WORKER_ENV) == "1"


def run_isolated(target: str, request: dict, *, file: str, limits: Limits = Limits(),
                 in_process: bool = False) -> dict:
    """``target(request)`` in a worker process -> its dict of arrays; ``file`` names the upload in errors.

    ``in_process=True`` (tests of a parser's rules) and calls from inside a worker run ``target`` here.
    """
    if in_process or in_worker():
        return _call(target, _as_arrays(request))
    cmd = [sys.executable, "-E", "-s", "-m", "core.isolate", target, str(limits.memory_bytes),
           str(int(limits.seconds) + CPU_GRACE_SECONDS)]
    env = {**os.environ, WORKER_ENV: "1", **{name: "1" for name in THREAD_ENV}}
    try:
        done = subprocess.run(cmd, input=_pack(_as_arrays(request)), capture_output=True, cwd=ROOT, env=env,
                              timeout=limits.seconds, check=False)
    except subprocess.TimeoutExpired as exc:  # subprocess.run has killed and reaped the worker
        _log_stderr(target, exc.stderr)
        raise _err("worker_timeout", f"Reading {file} took longer than {limits.seconds:g} s, so it was stopped.",
                   file=file, seconds=f"{limits.seconds:g}") from None
    _log_stderr(target, done.stderr)
    return _answer(done, file, limits)


def _answer(done: subprocess.CompletedProcess, file: str, limits: Limits) -> dict:
    """The worker's arrays, or the LogitLabError that says why there are none."""
    if done.returncode == EXIT_MEMORY:
        limit = limits.memory_bytes // MIB
        raise _err("worker_memory", f"Reading {file} needed more than {limit} MB of memory, so it was stopped.",
                   file=file, limit=limit)
    if done.returncode != 0:
        log.warning("worker for %s ended with code %s", file, done.returncode)
        raise _err("worker_crashed", f"Reading {file} made the reader fail, so the file was refused.", file=file)
    try:
        with np.load(io.BytesIO(done.stdout), allow_pickle=False) as npz:
            answer = {name: npz[name] for name in npz.files}
    except (ValueError, OSError, EOFError) as exc:
        log.warning("worker for %s sent an unreadable answer: %s", file, exc)
        raise _err("worker_crashed", f"Reading {file} made the reader fail, so the file was refused.",
                   file=file) from None
    if ERROR_ENTRY in answer:
        raise _error_from_json(str(answer[ERROR_ENTRY]))
    return answer


def _err(name: str, message: str, **params) -> LogitLabError:
    return LogitLabError(message, key=f"errors_upload.{name}", **params)


def _log_stderr(target: str, stderr: bytes | None) -> None:
    if stderr:
        log.warning("worker %s said: %s", target, stderr.decode("utf-8", "replace")[-4000:])


def _as_arrays(request: dict) -> dict:
    """str -> 0-d unicode array, bytes -> 1-d uint8 array (no copy), arrays as they are."""
    return {name: np.frombuffer(value, dtype=np.uint8) if isinstance(value, bytes) else np.asarray(value)
            for name, value in request.items()}


def _pack(arrays: dict) -> bytes:
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def _call(target: str, request: dict) -> dict:
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)(request)


def _error_to_json(err: LogitLabError) -> str:
    cause = err.__cause__
    nested = _error_to_json(cause) if isinstance(cause, LogitLabError) else None
    return json.dumps({"message": str(err), "key": err.key, "params": err.params, "cause": nested})


def _error_from_json(text: str) -> LogitLabError:
    data = json.loads(text)
    err = LogitLabError(data["message"], key=data["key"], **data["params"])
    if data["cause"] is not None:
        err.__cause__ = _error_from_json(data["cause"])
    return err


# --- the worker side --------------------------------------------------------------------------------


def _limit_self(memory_bytes: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))


def _worker_main(argv: list[str]) -> int:
    """``python -m core.isolate TARGET MEMORY_BYTES CPU_SECONDS``: request on stdin, answer on stdout."""
    target, memory_bytes, cpu_seconds = argv[0], int(argv[1]), int(argv[2])
    _limit_self(memory_bytes, cpu_seconds)
    try:
        with np.load(io.BytesIO(sys.stdin.buffer.read()), allow_pickle=False) as npz:
            request = {name: npz[name] for name in npz.files}
        answer = _call(target, request)
    except LogitLabError as err:
        answer = {ERROR_ENTRY: np.array(_error_to_json(err))}
    except MemoryError:
        return EXIT_MEMORY
    except Exception:  # a bug or a library failure: the caller logs this traceback and shows one sentence
        log.exception("worker %s failed", target)
        return EXIT_BUG
    sys.stdout.buffer.write(_pack(answer))
    return 0


if __name__ == "__main__":
    logging.basicConfig(stream=sys.stderr)
    sys.exit(_worker_main(sys.argv[1:]))
