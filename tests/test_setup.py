"""`make`'s setup logic, without the network: a too-old Python is refused in one clear line, and a half-built
venv is started again, and one that cannot be built (no python3-venv) is removed with a message saying what
to install."""

import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT

OLD_PYTHON = """#!/bin/sh
# stands in for Python 3.9: fails the version check and reports its version
case "$*" in *platform*) echo 3.9.2; exit 0;; esac
exit 1
"""
NO_VENV_MODULE = f"""#!/bin/sh
# stands in for a Python without python3-venv: `-m venv` leaves a venv without pip and fails, as on Debian
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then {sys.executable} -m venv --without-pip "$3"; exit 1; fi
exec {sys.executable} "$@"
"""
MAKE_TIMEOUT = 120  # seconds for a make run that stops before installing anything

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _make(tmp_path, python_script: str, target: str = "lint", half_built: bool = False):
    """Run ``make target`` with a stand-in Python and a venv under tmp_path; return (the process, the venv)."""
    python = tmp_path / "python"
    python.write_text(python_script)
    python.chmod(0o755)
    venv = tmp_path / "venv"
    if half_built:  # what an interrupted install leaves: a folder, a python, no pip, no .installed stamp
        (venv / "bin").mkdir(parents=True)
        (venv / "bin" / "python").symlink_to(sys.executable)
    proc = subprocess.run(["make", "--no-print-directory", target, f"VENV={venv}", f"PYTHON={python}"], cwd=ROOT,
                          capture_output=True, text=True, timeout=MAKE_TIMEOUT)
    return proc, venv


@pytest.mark.parametrize("target", ["run", "lint", "test", "upgrade"])
def test_old_python_is_refused_in_one_line_naming_what_to_install(tmp_path, target):
    proc, venv = _make(tmp_path, OLD_PYTHON, target)
    assert proc.returncode != 0 and not venv.exists()
    (line,) = proc.stdout.strip().splitlines()
    assert "needs Python >= 3.11" in line and "is 3.9.2" in line and "python3.11-venv" in line


@pytest.mark.parametrize("half_built", [False, True])
def test_a_venv_that_cannot_be_built_is_removed_and_the_message_names_python3_venv(tmp_path, half_built):
    proc, venv = _make(tmp_path, NO_VENV_MODULE, half_built=half_built)
    assert proc.returncode != 0
    assert not venv.exists()  # nothing half-built left behind for the next run to trip over
    assert "install python3-venv" in proc.stdout
