"""HAProxy for the deploy tests: skipped where it is not installed, required in CI (.ci/run installs it)."""

import os

import pytest

from deploy.hall import INSTALL_HINT, find_haproxy


@pytest.fixture(scope="session")
def haproxy() -> str:
    """The haproxy binary (Debian's package)."""
    path = find_haproxy()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{INSTALL_HINT} (CI installs it in .ci/run, so this is required)", pytrace=False)
        pytest.skip(INSTALL_HINT)
    return path
