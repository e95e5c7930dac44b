"""The `openplan lint`, `openplan rules` and `openplan rule` commands: exit codes, bad input, listings."""

from __future__ import annotations

import json

import pytest

from ..plans import BASE_PLAN

from ..conftest import assert_no_traceback, run_openplan
from .conftest import lint_files, write_project

WARNINGS = BASE_PLAN + "areas:\n  - {id: area.housing, title: Housing}\n"


def test_text_output_with_source_snippets(tmp_path):
    paths = write_project(tmp_path, {"plan.yaml": WARNINGS})
    run = run_openplan("lint", str(paths["plan.yaml"]), "--isolated")
    assert run.code == 0, run.output  # warnings only: below the default --fail-on error
    first = run.stdout.splitlines()[0]
    assert first == f"{paths['plan.yaml']}:10:10: warning C103 area \"Housing\" has no owner"
    assert "    - {id: area.housing, title: Housing}" in run.stdout
    assert run.stdout.rstrip().endswith("1 file linted: 2 warnings")


@pytest.mark.parametrize("fail_on,code", [("error", 0), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on(tmp_path, fail_on, code):
    paths = write_project(tmp_path, {"plan.yaml": WARNINGS})
    assert lint_files(paths["plan.yaml"], fail_on=fail_on).exit_code == code


def test_fail_on_from_the_command_line(tmp_path):
    paths = write_project(tmp_path, {"plan.yaml": WARNINGS})
    run = run_openplan("lint", str(paths["plan.yaml"]), "--isolated", "--fail-on", "warning", "-q")
    assert run.code == 1, run.output


def test_a_plan_that_does_not_validate_gets_validation_findings_first_and_skipped_rules(tmp_path):
    text = BASE_PLAN + "areas:\n  - {id: area.housing}\n  - {id: area.parks, title: Parks, kind: parkland}\n"
    paths = write_project(tmp_path, {"plan.yaml": text})
    run = run_openplan("lint", str(paths["plan.yaml"]), "--isolated", "-q", "--format", "json")
    data = json.loads(run.stdout)
    assert run.code == 1
    found = [f["code"] for f in data["findings"]]
    assert found[:2] == ["S001", "S006"]  # validation findings come first
    assert found[2:] == ["X904"]  # lint rules were skipped, and say so
    assert "2 errors above" in data["findings"][2]["message"]


@pytest.mark.parametrize("content,code", [
    (b"\x00\x01binary", "L003"), (b'openplan: "1.0"\ntitle: "unclosed\n', "L004"), (b"- a\n- list\n", "L007")])
def test_unreadable_input_exits_2_without_a_traceback(tmp_path, content, code):
    (tmp_path / ".git").mkdir()
    path = tmp_path / "plan.yaml"
    path.write_bytes(content)
    run = run_openplan("lint", str(path), "--isolated")
    assert run.code == 2 and code in run.stdout, run.output
    assert_no_traceback(run)


def test_missing_file_and_usage_errors(tmp_path):
    run = run_openplan("lint", str(tmp_path / "missing.yaml"), "--isolated")
    assert run.code == 2 and "L001" in run.stdout
    run = run_openplan("lint", "--format", "html", str(tmp_path))
    assert run.code == 2 and "html" in run.stderr
    run = run_openplan("lint", str(tmp_path), "--fix", "--write-baseline", str(tmp_path / "b.jsonl"))
    assert run.code == 2 and "cannot be combined" in run.stderr
    assert_no_traceback(run)


def test_stdin(tmp_path):
    run = run_openplan("lint", "-", "--isolated", "--fail-on", "warning", stdin=WARNINGS, cwd=tmp_path)
    assert run.code == 1 and run.stdout.startswith("<stdin>:10:10: warning C103")


def test_skip_non_plans(tmp_path):
    paths = write_project(tmp_path, {"plan.yaml": WARNINGS, "mkdocs.yml": "site_name: Our plans\n"})
    run = run_openplan("lint", str(paths["plan.yaml"]), str(paths["mkdocs.yml"]), "--isolated")
    assert run.code == 1  # mkdocs.yml is not a plan
    run = run_openplan("lint", str(paths["plan.yaml"]), str(paths["mkdocs.yml"]), "--isolated", "--skip-non-plans")
    assert run.code == 0 and "1 file linted" in run.stdout, run.output


def test_rules_lists_every_rule():
    run = run_openplan("rules", "--format", "json")
    rules = {rule["code"]: rule for rule in json.loads(run.stdout)}
    assert run.code == 0
    assert {"S001", "I002", "L004", "W501", "C101", "X901"} <= set(rules)
    assert rules["W501"]["presets"] == ["recommended", "strict"] and rules["W501"]["fixes"] == "safe"
    assert rules["P404"]["presets"] == ["strict"]
    assert rules["S001"]["presets"] == ["always"]
    text = run_openplan("rules", "--family", "language").stdout
    assert "W501  undefined-acronym" in text and "C101" not in text


def test_rule_explains_one():
    run = run_openplan("rule", "w502")
    assert run.code == 0
    assert run.stdout.startswith("W502 title-too-long\n")
    assert "max-length = 120 (strict: 100)" in run.stdout
    assert "Fails:" in run.stdout and "Passes:" in run.stdout and "docs/rules/W502.md" in run.stdout
    run = run_openplan("rule", "W5O2")
    assert run.code == 2 and 'Did you mean "W502"?' in run.stderr
    assert_no_traceback(run)
