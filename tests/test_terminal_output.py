"""Text from a plan never drives the terminal: control characters (ESC, BEL, NUL ...) and the bidi controls
that reorder what is shown (U+202A-U+202E, U+2066-U+2069) are shown escaped by validate, lint, diff and by
convert writing to a terminal; written to a file or a pipe, converted text keeps them unchanged."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from .conftest import ROOT, assert_no_traceback, run_openplan
from .terminal import run_in_terminal

pytest.importorskip("pty")  # POSIX only

PLAN = r'''openplan: "1.0"
id: plan.controls
title: "Homes \e[31mred\e[0m \a bell \0 nul \u202Eevil\u202C \u2066isolate\u2069"
organisation: org.example
period: {start: "2025-04-01", end: "2026-03-31"}
edition: {status: "draft\u202E"}
organisations:
  - {id: org.example, name: Example Council}
milestones:
  - {id: ms.a, title: "Start \e]0;title\a now \u202Dx\u202A\u202B", due: {value: "2025-06"}}
'''
# What must never reach a terminal raw.
RAW = re.compile("[\x00\x07\x1b\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def plans(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    valid = PLAN.replace(r'"draft\u202E"', "draft")
    (tmp_path / "valid.yaml").write_text(valid, encoding="utf-8")
    (tmp_path / "renamed.yaml").write_text(valid.replace("title: \"Homes", "title: \"Houses")
                                           .replace("\\u202Eevil", "\\u2067evil"), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("argv", [["validate", "plan.yaml"], ["validate", "--format", "json", "plan.yaml"],
                                  ["lint", "--no-baseline", "plan.yaml"], ["diff", "valid.yaml", "renamed.yaml"]])
def test_reports_escape_control_and_bidi_characters(plans, argv):
    run = run_openplan(*argv, cwd=plans)
    assert_no_traceback(run)
    assert run.code in (0, 1), run.output
    assert not RAW.findall(run.output), RAW.findall(run.output)
    assert re.search(r"\\u202e", run.output, re.IGNORECASE), run.output  # shown, escaped


@pytest.mark.parametrize("fmt", ["html", "markdown", "yaml", "json"])
def test_convert_to_a_terminal_escapes_them(plans, fmt):
    code, seen = run_in_terminal(["convert", "valid.yaml", "--to", fmt], cwd=plans)
    assert code == 0, seen
    assert not RAW.findall(seen), RAW.findall(seen)
    assert re.search(r"\\u202e", seen, re.IGNORECASE), seen


def test_ical_to_a_terminal_passes_nothing_raw(plans):
    code, seen = run_in_terminal(["convert", "valid.yaml", "--to", "ical"], cwd=plans)
    assert not RAW.findall(seen), RAW.findall(seen)
    assert code in (0, 2), seen


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_convert_to_a_pipe_keeps_the_text_as_it_is(plans, fmt):
    env = {"PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-m", "openplan", "convert", "valid.yaml", "--to", fmt], cwd=plans,
                         capture_output=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "\u202e".encode() in run.stdout  # the data, unchanged, for the program reading it
