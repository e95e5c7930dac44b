"""The integrations shipped in the repository: the pre-commit hooks and the GitHub Action.

The pre-commit test runs each hook the way pre-commit does: it reads .pre-commit-hooks.yaml, stages files in
a temporary git repository, selects the staged files the hook's `files`, `exclude` and `types_or` match
(with `identify`, the library pre-commit itself uses for file types) and runs the hook's entry with them.
Running the real `pre-commit try-repo` builds a virtual environment from PyPI (about 20 seconds, and it needs
the network), so that test runs only when OPENPLAN_TEST_PRE_COMMIT=1.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from openplan.checks import BASE_PLAN

from ..conftest import ROOT

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
GOOD = BASE_PLAN + "areas:\n  - {id: area.housing, title: Housing, owners: [{ref: org.example}]}\n"
BROKEN = BASE_PLAN + "areas:\n  - {id: area.housing, titel: Housing}\n"
git = shutil.which("git")


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def _repository(tmp_path: Path, files: dict[str, str]) -> Path:
    repo = tmp_path / "council-plans"
    repo.mkdir()
    _git(repo, "init", "-q")
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    _git(repo, "add", "-A")
    return repo


def _run_hook(repo: Path, hook: dict):
    """Run a hook as pre-commit would on the staged files: select them, then run entry + args + files."""
    identify = pytest.importorskip("identify.identify", reason="identify (installed with pre-commit) is needed")
    staged = _git(repo, "diff", "--cached", "--name-only", "--diff-filter=ACMRTUXB").split()
    files_re = re.compile(hook.get("files", ""))
    exclude_re = re.compile(hook.get("exclude", "^$"))
    chosen = []
    for name in staged:
        tags = identify.tags_from_path(str(repo / name))
        if not files_re.search(name) or exclude_re.search(name):
            continue
        if hook.get("types_or") and not tags & set(hook["types_or"]):
            continue
        if not set(hook.get("types", ["file"])) <= tags or tags & set(hook.get("exclude_types", [])):
            continue
        chosen.append(name)
    command = shlex.split(hook["entry"]) + list(hook.get("args", []))
    assert command[0] == "openplan"  # the console script pre-commit would install; here, the source tree
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    env.pop("GITHUB_ACTIONS", None)
    done = subprocess.run([sys.executable, "-m", "openplan", *command[1:], *chosen], cwd=repo, capture_output=True,
                          text=True, timeout=120, env=env)
    return done, chosen


def _hook(ident: str) -> dict:
    (hook,) = [hook for hook in HOOKS if hook["id"] == ident]
    return hook


def test_hook_definitions():
    assert [hook["id"] for hook in HOOKS] == ["openplan-validate", "openplan-lint"]
    for hook in HOOKS:
        assert hook["language"] == "python" and hook["entry"].startswith("openplan ")
        assert set(hook["types_or"]) == {"yaml", "json"}


@pytest.mark.skipif(git is None, reason="git is not installed")
@pytest.mark.parametrize("ident", ["openplan-validate", "openplan-lint"])
def test_hooks_pass_a_good_plan_and_leave_other_yaml_alone(tmp_path, ident):
    repo = _repository(tmp_path, {"plans/plan.yaml": GOOD, ".pre-commit-config.yaml": "repos: []\n",
                                  "mkdocs.yml": "site_name: Our plans\n", "notes.txt": "not yaml"})
    done, chosen = _run_hook(repo, _hook(ident))
    assert sorted(chosen) == [".pre-commit-config.yaml", "mkdocs.yml", "plans/plan.yaml"]
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 file linted" in done.stdout  # only the plan
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(git is None, reason="git is not installed")
@pytest.mark.parametrize("ident", ["openplan-validate", "openplan-lint"])
def test_hooks_fail_a_broken_plan_naming_file_and_line(tmp_path, ident):
    repo = _repository(tmp_path, {"plans/plan.yaml": BROKEN})
    done, _ = _run_hook(repo, _hook(ident))
    assert done.returncode == 1
    assert 'plans/plan.yaml:10:24: error S002 unknown field "titel"' in done.stdout, done.stdout


@pytest.mark.skipif(git is None, reason="git is not installed")
def test_the_lint_hook_reports_lint_findings_by_the_project_configuration(tmp_path):
    repo = _repository(tmp_path, {"plans/plan.yaml": GOOD.replace(", owners: [{ref: org.example}]", ""),
                                  "openplan.toml": "[lint]\nfail-on = 'warning'\n"})
    assert _run_hook(repo, _hook("openplan-validate"))[0].returncode == 0  # valid
    done, _ = _run_hook(repo, _hook("openplan-lint"))
    assert done.returncode == 1 and "warning C103" in done.stdout


@pytest.mark.skipif(os.environ.get("OPENPLAN_TEST_PRE_COMMIT") != "1",
                    reason="set OPENPLAN_TEST_PRE_COMMIT=1 to run the real pre-commit (it installs from PyPI)")
def test_real_pre_commit_try_repo(tmp_path):
    source = tmp_path / "openplan-src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", "__pycache__", ".pytest_cache",
                                                                   ".hypothesis", "*.egg-info", "bench", "tests"))
    _git(source, "init", "-q")
    _git(source, "add", "-A")
    _git(source, "-c", "user.email=ci@example.org", "-c", "user.name=ci", "commit", "-qm", "snapshot")
    repo = _repository(tmp_path, {"plans/plan.yaml": BROKEN})
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(source), "openplan-lint",
                           "--all-files"], cwd=repo, capture_output=True, text=True, timeout=900, env=env)
    assert done.returncode == 1 and "S002" in done.stdout, done.stdout + done.stderr


# --- the GitHub Action ---------------------------------------------------------------------------------


def _step(name_part: str) -> dict:
    (step,) = [step for step in ACTION["runs"]["steps"] if name_part in step.get("name", "")]
    return step


def _expand(text: str, inputs: dict[str, str]) -> str:
    return re.sub(r"\$\{\{\s*inputs\.([a-z-]+)\s*\}\}", lambda m: inputs[m.group(1)], text)


def test_action_definition():
    assert ACTION["runs"]["using"] == "composite"
    upload = _step("Upload SARIF")
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    assert "--format sarif --output \"$SARIF_FILE\"" in _step("Lint to SARIF")["run"]
    for step in ACTION["runs"]["steps"]:  # inputs reach scripts through the environment, never spliced in
        assert "${{" not in step.get("run", "")


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_action_scripts_lint_write_sarif_annotate_and_summarise(tmp_path):
    work = tmp_path / "checkout"
    (work / "plans").mkdir(parents=True)
    (work / ".git").mkdir()
    (work / "plans" / "plan.yaml").write_text(GOOD.replace(", owners: [{ref: org.example}]", ""))
    (work / "action.yml").write_text((ROOT / "action.yml").read_text())  # other YAML in the repository
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "openplan").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m openplan "$@"\n')
    (shim / "openplan").chmod(0o755)
    inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    inputs["fail-on"] = "warning"
    output, summary = tmp_path / "output.txt", tmp_path / "summary.md"
    base = dict(os.environ, PATH=f"{shim}{os.pathsep}{os.environ['PATH']}", PYTHONPATH=str(ROOT),
                GITHUB_ACTIONS="true", GITHUB_OUTPUT=str(output), GITHUB_STEP_SUMMARY=str(summary))
    results = {}
    for name in ("Lint to SARIF", "Lint with annotations"):
        step = _step(name)
        env = dict(base, **{key: _expand(value, inputs) for key, value in step.get("env", {}).items()})
        results[name] = subprocess.run(["bash", "-c", step["run"]], cwd=work, capture_output=True, text=True,
                                       env=env, timeout=120)
    assert results["Lint to SARIF"].returncode == 0, results["Lint to SARIF"].stderr
    sarif = json.loads((work / inputs["sarif-file"]).read_text())
    schema = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft7Validator(schema).validate(sarif)
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"C103", "C107"}
    annotate = results["Lint with annotations"]
    assert annotate.returncode == 1  # fail-on warning
    assert "::warning file=plans/plan.yaml,line=10,col=10,title=C103::" in annotate.stdout
    assert output.read_text() == "exit-code=1\n"
    assert "| C103 | 1 |" in summary.read_text()
    assert "Traceback" not in annotate.stderr + results["Lint to SARIF"].stderr
