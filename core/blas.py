"""NumPy's BLAS on one thread for small, latency-bound work: ``with one_blas_thread(): ...``.

OpenBLAS splits the Gram product XᵀX (12288×209) and any dot product longer than 10 000 entries (one
photo's 12 288 weights) across its threads, and the call then waits for every thread. On a busy shared
server the second thread is often not running: measured here under a load of 14 on 2 cores, XᵀX took
437–878 ms on two threads against 27–81 ms on one, and a photo's p(cat), a 4 µs dot product, waited
milliseconds. The work inside is small enough for one core.

The setting is process-wide (OpenBLAS has one pool of threads) and lasts while any caller is inside: the
first to enter lowers it, the last to leave restores what it was, so overlapping callers in different
threads (two students training at once, each in Streamlit's own script thread) never leave it lowered.
threadpoolctl lets only one Python thread at a time change OpenBLAS's setting and silently ignores the
others; the changes here are serialised by one lock, so each clears that claim first.
"""

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from threadpoolctl import OpenBLASController, ThreadpoolController

THREADS = 1  # BLAS threads inside one_blas_thread()


@functools.cache
def _libraries() -> tuple:
    """The loaded BLAS libraries, found once (finding them costs ~0.5 ms; setting a count ~10 µs)."""
    return tuple(ThreadpoolController().select(user_api="blas").lib_controllers)


def _set(counts) -> None:
    """Set each BLAS library's thread count (called with the limiter's lock held)."""
    OpenBLASController.clear_controlling_thread(force=True)
    for library, count in zip(_libraries(), counts, strict=True):
        library.set_num_threads(count)
    OpenBLASController.clear_controlling_thread(force=True)


class _OneThread:
    """The process's one limiter: how many callers are inside, and the counts to restore after the last."""

    def __init__(self):
        self._lock = threading.Lock()
        self._inside = 0  # callers currently inside
        self._before: tuple = ()  # each BLAS library's thread count before the first caller entered

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._inside == 0:
                self._before = tuple(library.get_num_threads() for library in _libraries())
                _set((THREADS,) * len(self._before))
            self._inside += 1
        try:
            yield
        finally:
            with self._lock:
                self._inside -= 1
                if self._inside == 0:
                    _set(self._before)


one_blas_thread = _OneThread()
"""``with one_blas_thread():`` runs the body with NumPy's BLAS on THREADS thread(s); nests, and is safe to
use from several threads at once."""
