"""Helpers for the lint tests: write a small project to a temporary folder and lint it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..plans import BASE_PLAN
from openplan.lint.config import CommandLine
from openplan.lint.engine import LintOptions, LintResult, Linter


def write_project(folder: Path, files: dict[str, str]) -> dict[str, Path]:
    """Write files into ``folder``, which is made a project (it holds .git), and return their paths."""
    (folder / ".git").mkdir(parents=True, exist_ok=True)
    written = {}
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written[name] = path
    return written


def lint_files(*paths: Path, isolated: bool = True, **settings) -> LintResult:
    """Lint with the command-line settings given (preset, select, ignore, fail_on), in process."""
    options = LintOptions(isolated=isolated, command_line=CommandLine(**settings))
    return Linter(options).lint(*paths)


def codes(result: LintResult) -> list[str]:
    return [finding.code for finding in result.findings]


@pytest.fixture
def plan_text() -> str:
    return BASE_PLAN


def run_in_ci(*args: str, env: dict[str, str], cwd: Path | None = None):
    """Run `python -m openplan ARGS` with extra environment variables, as a CI job would."""
    import os
    import subprocess
    import sys

    from ..conftest import ROOT, Run

    full = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8", NO_COLOR="1")
    full.update(env)
    done = subprocess.run([sys.executable, "-m", "openplan", *args], cwd=cwd or ROOT, capture_output=True,
                          text=True, timeout=120, env=full)
    return Run(done.returncode, done.stdout, done.stderr)
