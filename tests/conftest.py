"""Shared fixtures: paths to the examples and the schema, and a way to run the real `openplan` command."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SCHEMA = ROOT / "schema"
SHARED = ROOT.parent / "shared"
# The build tools (tools/) are not installed: tests import them from the repository root, whatever the import mode.
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_openplan(*args: str, cwd: Path | None = None, stdin: str | None = None, timeout: float = 120) -> Run:
    """Run `python -m openplan ARGS` as a user would, in a subprocess, and capture everything."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8", NO_COLOR="1", COLUMNS="200")
    env.pop("GITHUB_ACTIONS", None)
    completed = subprocess.run([sys.executable, "-m", "openplan", *args], cwd=cwd or ROOT, input=stdin,
                               capture_output=True, text=True, timeout=timeout, env=env)
    return Run(completed.returncode, completed.stdout, completed.stderr)


def assert_no_traceback(run: Run) -> None:
    assert "Traceback (most recent call last)" not in run.output, run.output
    assert "internal error" not in run.output, run.output


@pytest.fixture
def openplan_cli():
    return run_openplan


@pytest.fixture(scope="session")
def example_plans() -> list[Path]:
    return sorted(p for p in EXAMPLES.rglob("*.yaml") if "kind: registry" not in p.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def example_files() -> list[Path]:
    return sorted(EXAMPLES.rglob("*.yaml"))


@pytest.fixture(scope="session")
def command_runner():
    """Runs `openplan` commands many times quickly, each in its own process with a time and a memory limit.

    See tests/badinput/runner.py; used by the bad-input, fuzz, write-safety and security tests.
    """
    from .badinput.runner import Runner

    if not hasattr(os, "fork"):
        pytest.skip("the command runner forks a process for each command (POSIX only)")
    runner = Runner()
    yield runner
    runner.close()
