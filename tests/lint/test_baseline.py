"""The baseline: adopt the linter on an existing plan so that only new findings fail. Entries are keyed on
stable ids and rule codes, not line numbers, so they survive edits."""

from __future__ import annotations

import json
import shutil

import pytest

from ..plans import BASE_PLAN
from openplan.lint.baseline import BaselineError, read, write
from openplan.lint.engine import LintOptions, Linter

from ..conftest import assert_no_traceback, run_openplan
from .conftest import codes, write_project

PLAN = BASE_PLAN + "areas:\n  - {id: area.housing, title: Housing}\n  - {id: area.parks, title: Parks}\n"


def lint(path, baseline=None, **options):
    return Linter(LintOptions(isolated=True, baseline=baseline, **options)).lint(path)


def accept(path, baseline, reason=None):
    result = lint(path, use_baseline=False)
    previous = read(baseline) if baseline.exists() else None
    write(baseline, [key for _, key in result.accepted], previous, reason)
    return result


def test_a_baseline_accepts_existing_findings_and_reports_new_ones(tmp_path):
    paths = write_project(tmp_path, {"plan.yaml": PLAN})
    baseline = tmp_path / ".openplan-baseline.jsonl"
    before = accept(paths["plan.yaml"], baseline, "as published")
    assert {"C103", "C107"} <= set(codes(before))
    again = lint(paths["plan.yaml"], baseline)
    assert again.findings == [] and len(again.baselined) == len(before.findings)
    assert {reason for _, reason in again.baselined} == {"as published"}
    # Edits that move every line: the entries still match.
    moved = "# a comment\n# and another\n" + PLAN.replace("areas:\n", "areas:\n  - {id: area.roads, title: Roads, "
                                                                       "owners: [{ref: org.example}]}\n")
    paths["plan.yaml"].write_text(moved)
    after = lint(paths["plan.yaml"], baseline)
    assert sorted((f.code, f.item) for f in after.findings) == [("C107", "area.roads")]  # only the new one
    assert after.exit_code == 0 and after.stale == 0


def test_a_fixed_finding_leaves_a_stale_entry(tmp_path):
    paths = write_project(tmp_path, {"plan.yaml": PLAN})
    baseline = tmp_path / "baseline.jsonl"
    accept(paths["plan.yaml"], baseline)
    paths["plan.yaml"].write_text(PLAN.replace("{id: area.parks, title: Parks}",
                                               "{id: area.parks, title: Parks, owners: [{ref: org.example}]}"))
    result = lint(paths["plan.yaml"], baseline)
    assert result.findings == [] and result.stale == 1
    assert "1 baseline entry no longer match" in result.summary()


def test_a_copy_elsewhere_still_matches(tmp_path):
    paths = write_project(tmp_path / "a", {"plan.yaml": PLAN})
    baseline = tmp_path / "baseline.jsonl"
    accept(paths["plan.yaml"], baseline)
    copy = tmp_path / "b" / "renamed.yaml"
    copy.parent.mkdir()
    (copy.parent / ".git").mkdir()
    shutil.copy(paths["plan.yaml"], copy)
    assert lint(copy, baseline).findings == []


def test_entries_are_keyed_on_ids_codes_and_pointers_not_lines(tmp_path):
    paths = write_project(tmp_path, {"plan.yaml": PLAN})
    baseline = tmp_path / "baseline.jsonl"
    accept(paths["plan.yaml"], baseline, "accepted for the 2025 edition")
    lines = baseline.read_text().splitlines()
    assert json.loads(lines[0]) == {"format": "openplan-lint-baseline", "version": 1}
    entries = [json.loads(line) for line in lines[1:]]
    assert {"document": "plan.example", "code": "C103", "item": "area.housing", "pointer": "/id", "value": "",
            "reason": "accepted for the 2025 edition"} in entries
    assert all("line" not in entry for entry in entries)


def test_rewriting_keeps_the_reasons_of_entries_that_still_match(tmp_path):
    paths = write_project(tmp_path, {"plan.yaml": PLAN})
    baseline = tmp_path / "baseline.jsonl"
    accept(paths["plan.yaml"], baseline, "the first reason")
    paths["plan.yaml"].write_text(PLAN + "  - {id: area.roads, title: Roads}\n")
    accept(paths["plan.yaml"], baseline, "a second reason")
    reasons = {(key.item, key.code): reason for key, reason in read(baseline).entries}
    assert reasons[("area.housing", "C103")] == "the first reason"
    assert reasons[("area.roads", "C103")] == "a second reason"


@pytest.mark.parametrize("content,message", [
    ("not json\n", "not a JSON line"),
    ('{"format": "something-else", "version": 1}\n', "not an OpenPlan lint baseline"),
    ('{"format": "openplan-lint-baseline", "version": 9}\n', "version 9 is not supported"),
    ('{"format": "openplan-lint-baseline", "version": 1}\n{"code": "C103", "item": "x"}\n', "has no reason"),
])
def test_a_broken_baseline_is_a_clear_error(tmp_path, content, message):
    baseline = tmp_path / "baseline.jsonl"
    baseline.write_text(content)
    with pytest.raises(BaselineError) as caught:
        read(baseline)
    assert message in str(caught.value) and str(baseline) in str(caught.value)


def test_the_command_line(tmp_path):
    paths = write_project(tmp_path, {"plan.yaml": PLAN})
    baseline = tmp_path / "base.jsonl"
    run = run_openplan("lint", str(paths["plan.yaml"]), "--write-baseline", str(baseline), "--reason",
                       "as published", "--isolated")
    assert run.code == 0 and "wrote 4 entries" in run.stderr, run.output
    run = run_openplan("lint", str(paths["plan.yaml"]), "--baseline", str(baseline), "--fail-on", "warning",
                       "--isolated")
    assert run.code == 0 and "4 accepted in the baseline" in run.stdout, run.output
    run = run_openplan("lint", str(paths["plan.yaml"]), "--baseline", str(tmp_path / "missing.jsonl"))
    assert run.code == 2 and "no such baseline file" in run.stderr
    assert_no_traceback(run)


def test_the_baseline_named_in_the_configuration(tmp_path):
    paths = write_project(tmp_path, {"plan.yaml": PLAN, "openplan.toml": "[lint]\nbaseline = 'lint/base.jsonl'\n"})
    (tmp_path / "lint").mkdir()
    accept(paths["plan.yaml"], tmp_path / "lint" / "base.jsonl")
    result = Linter(LintOptions()).lint(paths["plan.yaml"])
    assert result.findings == [] and result.baseline_path == tmp_path / "lint" / "base.jsonl"
    assert codes(Linter(LintOptions(use_baseline=False)).lint(paths["plan.yaml"]))
