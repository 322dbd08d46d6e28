"""Worker targets for tests/core/test_isolate.py: each misbehaves in one way a C library could."""

import ctypes
import time

import numpy as np

from core.errors import LogitLabError

ALLOCATION_BYTES = 4 * 1024**3  # more than any worker limit used in the tests
HANG_SECONDS = 3600  # far beyond any worker time limit


def echo(request: dict) -> dict:
    """Every array back, plus how many arrived, so a test can check the round trip."""
    return {**request, "count": np.array(len(request))}


def segfault(request: dict) -> dict:
    ctypes.string_at(0)  # reads address 0: SIGSEGV, like a crash inside a C library
    return request


def hang(request: dict) -> dict:
    time.sleep(HANG_SECONDS)
    return request


def allocate(request: dict) -> dict:
    return {"big": np.ones(ALLOCATION_BYTES, dtype=np.uint8)}


def refuse(request: dict) -> dict:
    try:
        raise LogitLabError("inner reason", key="errors_image.empty")
    except LogitLabError as inner:
        raise LogitLabError("outer message", key="errors_byod.zip_bad_photo", file="a.jpg",
                            reason=str(inner)) from inner


def bug(request: dict) -> dict:
    raise RuntimeError("/srv/secret/path in a traceback")
