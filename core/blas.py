"""NumPy's BLAS on one thread for small, latency-bound work: ``with one_blas_thread(): ...``.

OpenBLAS splits the Gram product XᵀX (12288×209) and any dot product longer than 10 000 entries (one
photo's 12 288 weights) across its threads, and the call then waits for every thread. On a busy shared
server the second thread is often not running: measured here under a load of 14 on 2 cores, XᵀX took
437–878 ms on two threads against 27–81 ms on one, and a photo's p(cat), a 4 µs dot product, waited
milliseconds. The work inside is small enough for one core.

The limit is process-wide (BLAS has no per-thread setting) and lasts while any caller is inside: the first
to enter sets it, the last to leave restores the previous setting, so overlapping callers in different
threads (two students training at once) never leave it set.
"""

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from threadpoolctl import ThreadpoolController

THREADS = 1  # BLAS threads inside one_blas_thread()

_lock = threading.Lock()
_inside = 0  # callers currently inside one_blas_thread()
_limiter = None  # threadpoolctl's handle that restores the previous setting


@functools.cache
def _controller() -> ThreadpoolController:
    """The loaded BLAS libraries, found once (finding them costs ~0.5 ms; setting a limit ~10 µs)."""
    return ThreadpoolController()


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the body with NumPy's BLAS on THREADS thread(s); safe to nest and to use from several threads."""
    global _inside, _limiter
    with _lock:
        if _inside == 0:
            _limiter = _controller().limit(limits=THREADS, user_api="blas")
        _inside += 1
    try:
        yield
    finally:
        with _lock:
            _inside -= 1
            if _inside == 0:
                _limiter.restore_original_limits()
                _limiter = None
