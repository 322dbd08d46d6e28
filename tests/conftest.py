"""Shared fixtures: the course dataset and the system Chromium, skipped locally, required in CI.

LOGITLAB_REQUIRE_DATA=1 / LOGITLAB_REQUIRE_BROWSER=1 turn the skips into failures, so CI
can never pass by quietly skipping what it was asked to check.
"""

import os
import shutil
from pathlib import Path

# One BLAS thread for the tests and every process they start (set before NumPy loads OpenBLAS): on a shared
# 2-core machine OpenBLAS's spinning worker threads made the 2000-iteration textbook loop 7× slower (137 s vs
# 20 s at load 22). No result depends on it, and no test asserts a timing.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import pytest  # noqa: E402

from core.data.loaders import COURSE_FILES, data_dir  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _slow(item) -> bool:
    """A real browser, a classroom load test or a hall of replicas: tens of seconds per test."""
    return bool(item.get_closest_marker("browser") or item.get_closest_marker("loadtest")) or (
        "deploy" in item.path.parts
    )


def pytest_collection_modifyitems(config, items):
    """Slow tests first. With `make test`'s workers (pytest-xdist, a whole file per worker) the long files
    start at once and the quick AppTests fill the gaps, instead of one long file running alone at the end.
    The sort is stable, so every file keeps its own order."""
    items.sort(key=lambda item: not _slow(item))


def _missing(reason: str, flag: str):
    if os.environ.get(flag) == "1":
        pytest.fail(f"{reason} ({flag}=1, so this is required)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def course_dir() -> Path:
    """The folder holding the course's train/test HDF5 files (LOGITLAB_DATA)."""
    path = data_dir()
    if not all((path / name).is_file() for name in COURSE_FILES):
        _missing(f"course dataset not found in {path}; set LOGITLAB_DATA", "LOGITLAB_REQUIRE_DATA")
    return path


@pytest.fixture(scope="session")
def course(course_dir):
    """The course dataset, loaded once per test session."""
    from core.data.loaders import load_course_dataset

    return load_course_dataset(course_dir)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The system Chromium (Debian's `chromium`); Playwright never downloads a browser here."""
    path = os.environ.get("LOGITLAB_CHROMIUM") or shutil.which("chromium")
    if not path:
        _missing("system chromium not found on PATH (apt-get install chromium)",
                 "LOGITLAB_REQUIRE_BROWSER")
    return path
