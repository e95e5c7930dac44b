"""Which files under a folder are plans: `validate`, `lint` and `stats` find the same ones, pass over extension
folders, and refuse a path that holds no plan (exit 2) instead of passing with nothing checked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .plans import BASE_PLAN
from openplan.lint import engine
from openplan.validation import discover, validate

from .conftest import SCHEMA, assert_no_traceback, run_openplan

COMMANDS = ("validate", "lint", "stats")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with one plan and, in a folder of its own, an extension (extension.json, schema.json)."""
    root = tmp_path / "council"
    (root / "plans").mkdir(parents=True)
    (root / "openplan.toml").write_text("[lint]\n", encoding="utf-8")
    (root / "plans" / "plan.yaml").write_text(BASE_PLAN, encoding="utf-8")
    shutil.copytree(SCHEMA / "1.0" / "extensions" / "budget", root / "extensions" / "budget")
    # An extension schema that mentions an `openplan` key must not make it a plan either.
    (root / "extensions" / "budget" / "notes.json").write_text('{"openplan": "1.0"}\n', encoding="utf-8")
    return root


def test_the_three_commands_share_one_discovery_that_passes_over_extension_folders(project):
    files, findings = discover([project])
    assert [path.relative_to(project).as_posix() for path, _ in files] == ["plans/plan.yaml"]
    assert findings == []
    assert validate(project).files == [str(project / "plans" / "plan.yaml")]
    assert engine.lint(project, options=engine.LintOptions(isolated=True)).files == validate(project).files


@pytest.mark.parametrize("command", COMMANDS)
def test_an_extension_folder_in_a_project_is_not_read_as_a_plan(project, command):
    run = run_openplan(command, ".", cwd=project)
    assert_no_traceback(run)
    assert run.code == 0, run.output
    assert "schema.json" not in run.output and "notes.json" not in run.output


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("contents", [{}, {"a.yaml": "", "b.yml": "# a comment only\n", "c.json": "{}"}],
                         ids=["empty-folder", "empty-yaml-files"])
def test_a_folder_with_no_plans_is_an_error_not_a_pass(tmp_path, command, contents):
    folder = tmp_path / "plans"
    folder.mkdir()
    for name, text in contents.items():
        (folder / name).write_text(text, encoding="utf-8")
    run = run_openplan(command, "plans", cwd=tmp_path)
    assert_no_traceback(run)
    assert run.code == 2, run.output
    assert "plans: " in run.output and "holds no OpenPlan files" in run.output
    assert "all valid" not in run.output and "no findings" not in run.output


@pytest.mark.parametrize("command", COMMANDS)
def test_a_folder_holding_only_an_extension_says_so(project, command):
    run = run_openplan(command, "extensions", cwd=project)
    assert run.code == 2, run.output
    assert "holds no OpenPlan files (1 extension folder passed over: extensions are not plans)" in run.output


@pytest.mark.parametrize("command", COMMANDS)
def test_a_path_that_does_not_exist_exits_2(tmp_path, command):
    run = run_openplan(command, "plnas", cwd=tmp_path)
    assert_no_traceback(run)
    assert run.code == 2 and "plnas" in run.output


def test_lint_in_github_actions_annotates_an_empty_folder(tmp_path):
    (tmp_path / "plans").mkdir()
    run = run_openplan("lint", "plans", "--format", "github", cwd=tmp_path)
    assert run.code == 2
    assert "::error file=plans,title=L001::the folder holds no OpenPlan files" in run.stdout


def test_files_named_are_checked_as_given_unless_non_plans_are_skipped(project):
    schema = project / "extensions" / "budget" / "schema.json"
    assert [path for path, _ in discover([schema])[0]] == [schema]  # named: read, so its problems are reported
    assert discover([schema, project / "extensions" / "budget" / "notes.json"], skip_non_plans=True) == ([], [])
