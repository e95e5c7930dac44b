"""The shipped examples lint clean against the committed baseline, and a defect seeded into a copy of one is
caught with the right code and line.

The baseline (examples/.openplan-baseline.jsonl, named in pyproject.toml) lists the findings that reflect
the source documents as published, each with its reason. Regenerate it with
`openplan lint examples/ --write-baseline examples/.openplan-baseline.jsonl`; reasons already given are kept.
"""

from __future__ import annotations

import json
import shutil

import pytest

from openplan.lint.engine import LintOptions, Linter

from ..conftest import EXAMPLES, ROOT, assert_no_traceback, run_openplan

BASELINE = EXAMPLES / ".openplan-baseline.jsonl"
FILES = sorted(p.relative_to(ROOT).as_posix() for p in EXAMPLES.rglob("*.yaml"))


def test_the_baseline_gives_a_reason_for_every_entry():
    lines = BASELINE.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == {"format": "openplan-lint-baseline", "version": 1}
    entries = [json.loads(line) for line in lines[1:]]
    assert entries and all(entry["reason"] and entry["code"] and entry["document"] for entry in entries)
    acronyms = [entry for entry in entries if entry["code"] == "W501"]
    assert acronyms and all("acronyms undefined" in entry["reason"] for entry in acronyms
                            if entry["document"].startswith("london-councils"))


def test_every_example_lints_clean_against_the_baseline():
    run = run_openplan("lint", "examples/", "--format", "json")
    assert_no_traceback(run)
    data = json.loads(run.stdout)
    assert run.code == 0, [f"{f['file']}:{f['line']} {f['code']} {f['message']}" for f in data["findings"]]
    assert not [f for f in data["findings"] if f["severity"] == "error"]


@pytest.mark.parametrize("name", FILES)
def test_each_example_on_its_own(name, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = Linter(LintOptions(baseline=BASELINE)).lint(name)
    assert result.exit_code == 0, [f"{f.location()} {f.code} {f.message}" for f in result.findings]


@pytest.fixture
def copy(tmp_path):
    """The London Councils examples copied to a folder of their own, outside the repository."""
    target = tmp_path / "plans"
    shutil.copytree(EXAMPLES / "london-councils", target)
    (target / ".git").mkdir()
    return target


def _insert_after(path, anchor: str, lines: str) -> int:
    """Insert lines after the first line equal to ``anchor``; return the line number of the first inserted."""
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    where = next(number for number, line in enumerate(text) if line.rstrip("\n") == anchor)
    text.insert(where + 1, lines)
    path.write_text("".join(text), encoding="utf-8")
    return where + 2


def test_a_seeded_defect_in_a_copy_is_caught_with_the_right_code_and_line(copy):
    plan = copy / "business-plan-2020-21-final.yaml"
    line = _insert_after(plan, "areas:", "  - {id: area.seeded, title: Seeded area, objectives: [{id: obj.seeded, "
                                        "title: Seeded priority, outcome: Something good happens.}]}\n")
    run = run_openplan("lint", str(plan), "--baseline", str(BASELINE), "--format", "json")
    found = [(f["code"], f["line"], f["item"]) for f in json.loads(run.stdout)["findings"]]
    assert ("C103", line, "area.seeded") in found  # the new area names no owner
    assert ("C101", line, "obj.seeded") in found  # and its priority no outputs
    assert ("N607", line, "area.seeded") in found  # and has no display number, unlike its siblings
    assert {code for code, _, _ in found} == {"C101", "C103", "N607"}, found  # the rest is in the baseline
    assert run.code == 0  # warnings: below --fail-on error


def test_a_seeded_error_fails_the_run(copy):
    plan = copy / "shared-ambitions-milestones-2022-23.yaml"
    line = _insert_after(plan, "milestones:", "  - {id: ms.seeded, title: Seeded, objectives: [obj.levelling-up], "
                                              "due: {text: Autumn 2022, value: \"2023-23\"}}\n")
    run = run_openplan("lint", str(plan), "--baseline", str(BASELINE), "--fail-on", "warning", "-q")
    assert run.code == 1
    assert f"{plan}:{line}:" in run.stdout and "warning D307" in run.stdout
    assert run.stdout.count("warning D307") == 1
