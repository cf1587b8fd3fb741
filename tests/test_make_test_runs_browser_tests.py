"""Issue 10, point 10: `make test` on a fresh machine runs the browser tests. It installs axe-core itself (npm ci from
the repository's package-lock) and a browser test that cannot run fails instead of being skipped."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _plan(directory: Path) -> str:
    """What `make test` would run there. Run as a top-level make: under `make test` the inherited MAKEFLAGS and
    MAKELEVEL would make it print "Entering directory …" lines, whose temporary path contains "pytest"."""
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES"}}
    command = ["make", "--no-print-directory", "-n", "test"]
    return subprocess.run(command, cwd=directory, env=env, capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_test_installs_axe_core_when_node_modules_lacks_it(tmp_path: Path) -> None:
    for name in ("Makefile", "package.json", "package-lock.json", "pyproject.toml"):
        shutil.copy(REPO / name, tmp_path / name)
    plan = _plan(tmp_path)
    assert "npm ci" in plan
    assert plan.index("npm ci") < plan.index("/pytest ")
    # With axe-core present, nothing is installed again.
    axe = tmp_path / "node_modules" / "axe-core" / "axe.min.js"
    axe.parent.mkdir(parents=True)
    axe.write_text("/* axe */")
    plan = _plan(tmp_path)
    assert "npm ci" not in plan and "/pytest " in plan


def test_a_browser_test_without_axe_core_fails_rather_than_skips(tmp_path: Path) -> None:
    env = {**os.environ, "KETENSIGNAAL_AXE_PATH": str(tmp_path / "absent" / "axe.min.js")}
    env.pop("PYTEST_XDIST_WORKER", None)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:xdist",
            "-p",
            "no:cacheprovider",
            "-q",
            "-rfs",
            "tests/browser/test_infrastructure.py::test_axe_check_runs_and_reports_violations",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    out = run.stdout + run.stderr
    assert run.returncode == 1, out
    # A failure in setup is reported as an error: either way red, never skipped.
    assert ("1 error" in out or "1 failed" in out) and "skipped" not in out, out
    assert "axe-core ontbreekt" in out, out


def test_the_browser_conftest_has_no_skip() -> None:
    conftest = (REPO / "tests" / "browser" / "conftest.py").read_text(encoding="utf-8")
    assert "pytest.mark.skip" not in conftest and "pytest.skip(" not in conftest
