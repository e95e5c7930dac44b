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

from ..plans import BASE_PLAN

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


@pytest.mark.skipif(git is None, reason="git is not installed")
@pytest.mark.parametrize("ident", ["openplan-validate", "openplan-lint"])
def test_a_commit_changing_only_a_registry_checks_the_plans_that_use_it(tmp_path, ident):
    registry = ('openplan: "1.0"\nkind: registry\nid: reg.shared\ntitle: Shared\norganisations:\n'
                "  - {id: org.example, name: Example Council}\n")
    plan = (BASE_PLAN.split("organisations:")[0] + "registries: [../shared/registry.yaml]\n"
            "areas:\n  - {id: area.housing, title: Housing, owners: [{ref: org.example}]}\n")
    repo = _repository(tmp_path, {"plans/plan.yaml": plan, "shared/registry.yaml": registry,
                                  "plans/unrelated.yaml": GOOD.replace("plan.example", "plan.other")})
    _git(repo, "-c", "user.email=ci@example.org", "-c", "user.name=ci", "commit", "-qm", "plans")
    assert _run_hook(repo, _hook(ident))[1] == []  # nothing staged: nothing to check
    (repo / "shared" / "registry.yaml").write_text(registry.replace("org.example", "org.renamed"))
    _git(repo, "add", "shared/registry.yaml")
    done, chosen = _run_hook(repo, _hook(ident))
    assert chosen == ["shared/registry.yaml"]  # pre-commit passes the registry alone
    assert done.returncode == 1, done.stdout + done.stderr
    assert 'plans/plan.yaml:4:15: error I002 "organisation" refers to "org.example"' in done.stdout, done.stdout
    assert "unrelated.yaml" not in done.stdout and "2 files linted" in done.stdout


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
#
# The action's steps run in order as a runner runs a composite action: each step's `if:` is evaluated (with
# success() added when it names no status function), `${{ }}` expressions are substituted in `env` and
# `with`, each `run:` script runs with bash as `shell: bash` does, step outputs are read from
# $GITHUB_OUTPUT, and `continue-on-error` keeps a failed step from failing the job. The two `uses:` steps
# stand in for actions that need GitHub itself: setup-python (Python is already here) and upload-sarif,
# which checks that it was given a SARIF file and succeeds or fails as the test says.

_STATUS = re.compile(r"\b(always|success|failure|cancelled)\(\)")
_CONTEXT = re.compile(r"\b(?:inputs|steps|github)(?:\.[A-Za-z_][A-Za-z0-9_-]*)+")


def _evaluate(expression: str, context: dict, failed: bool):
    text = expression.strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    if not _STATUS.search(text):
        text = f"success() && ({text})"

    def get(name: str):
        value = context
        for part in name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value

    python = _CONTEXT.sub(lambda m: f"get({m.group(0)!r})", text).replace("&&", " and ").replace("||", " or ")
    assert "!" not in python.replace("!=", ""), f"unsupported expression: {expression}"
    return eval(python, {"__builtins__": {}}, {"get": get, "always": lambda: True, "success": lambda: not failed,
                                               "failure": lambda: failed, "cancelled": lambda: False})


def _substitute(text: str, context: dict) -> str:
    def value(match):
        found = _evaluate("always() && (" + match.group(1) + ")", context, False)
        return "" if found is None else ("true" if found is True else "false" if found is False else str(found))
    return re.sub(r"\$\{\{(.*?)\}\}", value, str(text), flags=re.S)


def _run_action(tmp_path: Path, work: Path, inputs: dict[str, str] | None = None, *, event: dict | None = None,
                upload_fails: bool = False) -> dict:
    """Run action.yml's steps in order; return every step's outcome and output, and whether the job failed."""
    shim = tmp_path / "bin"
    shim.mkdir(exist_ok=True)
    (shim / "openplan").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m openplan "$@"\n')
    # The install step runs as written; pip itself is not run (no network, and the source tree is on PYTHONPATH).
    (shim / "python").write_text(f'#!/bin/sh\nif [ "$1 $2 $3" = "-m pip install" ]; then echo "installed $*"; '
                                 f'exit 0; fi\nexec "{sys.executable}" "$@"\n')
    for name in ("openplan", "python"):
        (shim / name).chmod(0o755)
    summary = tmp_path / "step-summary.md"
    context = {"inputs": {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()},
               "steps": {}, "github": {"action_path": str(ROOT), "workspace": str(work), "repository": "council/plans",
                                       "event_name": "pull_request" if event else "push", "event": event or {}}}
    context["inputs"].update(inputs or {})
    base = dict(os.environ, PATH=f"{shim}{os.pathsep}{os.environ['PATH']}", PYTHONPATH=str(ROOT), NO_COLOR="1",
                GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary), GITHUB_WORKSPACE=str(work))
    failed, steps, uploads = False, [], []
    for position, step in enumerate(ACTION["runs"]["steps"]):
        done = {"name": step.get("name", step.get("uses")), "outputs": {}, "stdout": "", "stderr": "", "code": None}
        if not _evaluate(str(step.get("if", "success()")), context, failed):
            done["outcome"] = "skipped"
        elif "uses" in step:
            given = {key: _substitute(value, context) for key, value in step.get("with", {}).items()}
            if step["uses"].startswith("github/codeql-action/upload-sarif@"):
                sarif = json.loads((work / given["sarif_file"]).read_text(encoding="utf-8"))  # a real report
                uploads.append(sarif)
                done["outcome"] = "failure" if upload_fails else "success"
            else:
                assert step["uses"].startswith("actions/setup-python@"), step["uses"]
                done["outcome"] = "success"
        else:
            assert step["shell"] == "bash"
            output = tmp_path / f"output-{position}.txt"
            output.write_text("")
            script = tmp_path / f"step-{position}.sh"
            script.write_text(step["run"])
            env = dict(base, GITHUB_OUTPUT=str(output),
                       **{key: _substitute(value, context) for key, value in step.get("env", {}).items()})
            ran = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=work,
                                 capture_output=True, text=True, env=env, timeout=120)
            done.update(stdout=ran.stdout, stderr=ran.stderr, code=ran.returncode,
                        outcome="success" if ran.returncode == 0 else "failure",
                        outputs=dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line))
        conclusion = "success" if done["outcome"] == "failure" and step.get("continue-on-error") else done["outcome"]
        failed = failed or conclusion == "failure"
        if "id" in step:
            context["steps"][step["id"]] = {"outputs": done["outputs"], "outcome": done["outcome"],
                                            "conclusion": conclusion}
        steps.append(done)
    log = "".join(step["stdout"] + step["stderr"] for step in steps)
    return {"failed": failed, "steps": {step["name"]: step for step in steps}, "log": log, "uploads": uploads,
            "summary": summary.read_text(encoding="utf-8") if summary.exists() else "",
            "exit_code": context["steps"]["lint"]["outputs"].get("exit-code")}


def _checkout(tmp_path: Path, plan: str) -> Path:
    work = tmp_path / "checkout"
    (work / "plans").mkdir(parents=True)
    (work / ".git").mkdir()
    (work / "plans" / "plan.yaml").write_text(plan, encoding="utf-8")
    (work / "action.yml").write_text((ROOT / "action.yml").read_text())  # other YAML in the repository
    return work


def test_action_definition():
    assert ACTION["runs"]["using"] == "composite"
    upload = _step("Upload SARIF")
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    assert upload.get("continue-on-error") is True  # code scanning being off never fails the job
    assert "--format sarif --output \"$SARIF_FILE\"" in _step("Lint to SARIF")["run"]
    for step in ACTION["runs"]["steps"]:  # inputs reach scripts through the environment, never spliced in
        assert "${{" not in step.get("run", "")


def _step(name_part: str) -> dict:
    (step,) = [step for step in ACTION["runs"]["steps"] if name_part in step.get("name", "")]
    return step


bash = pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")


@bash
def test_action_on_a_plan_with_a_yaml_syntax_error_annotates_logs_summarises_and_fails(tmp_path):
    work = _checkout(tmp_path, BASE_PLAN + "areas:\n  - {id: area.housing, title: [Housing}\n")
    run = _run_action(tmp_path, work)
    assert "Traceback" not in run["log"]
    assert re.search(r"^::error file=plans/plan\.yaml,line=10,col=\d+,title=L004::YAML syntax error",
                     run["log"], re.M), run["log"]
    assert re.search(r"^plans/plan\.yaml:10:\d+: error L004 YAML syntax error", run["log"], re.M), run["log"]
    assert "| L004 | 1 |" in run["summary"]
    # The later steps still ran: the SARIF report, with the error in it, went to code scanning.
    assert run["steps"]["Lint to SARIF"]["outcome"] == "success"
    assert [r["ruleId"] for r in run["uploads"][0]["runs"][0]["results"]] == ["L004"]
    assert run["exit_code"] == "2" and run["failed"]
    assert run["steps"]["Result"]["code"] == 2
    assert "::error title=OpenPlan lint::openplan lint could not check every file (exit code 2)" in run["log"]


@bash
def test_action_lints_annotates_summarises_and_uploads_sarif(tmp_path):
    work = _checkout(tmp_path, GOOD.replace(", owners: [{ref: org.example}]", ""))
    run = _run_action(tmp_path, work, {"fail-on": "warning"})
    assert "::warning file=plans/plan.yaml,line=10,col=10,title=C103::" in run["log"]
    assert "| C103 | 1 |" in run["summary"]
    (sarif,) = run["uploads"]
    schema = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft7Validator(schema).validate(sarif)
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"C103", "C107"}
    assert run["exit_code"] == "1" and run["failed"]  # fail-on warning
    assert run["steps"]["Note on code scanning"]["outcome"] == "skipped"


@bash
@pytest.mark.parametrize("case", ["fork", "code-scanning-off"])
def test_action_upload_degrades_gracefully_with_a_note(tmp_path, case):
    work = _checkout(tmp_path, GOOD)
    fork = {"pull_request": {"head": {"repo": {"full_name": "someone/plans"}}}}
    run = _run_action(tmp_path, work, event=fork if case == "fork" else None, upload_fails=case != "fork")
    assert run["steps"]["Upload SARIF to code scanning"]["outcome"] == ("skipped" if case == "fork" else "failure")
    assert not run["failed"], run["log"]  # a clean plan passes either way
    note = run["steps"]["Note on code scanning"]["stdout"]
    assert note.startswith("::notice title=OpenPlan lint::The findings were not sent to code scanning")
    assert ("comes from a fork" in note) == (case == "fork")


@bash
def test_action_on_a_folder_with_no_plans_fails_and_says_so(tmp_path):
    work = _checkout(tmp_path, GOOD)
    (work / "empty").mkdir()
    run = _run_action(tmp_path, work, {"paths": "empty"})
    assert "::error file=empty,title=L001::the folder holds no OpenPlan files" in run["log"]
    assert run["exit_code"] == "2" and run["failed"]


def test_the_documented_workflow_uses_the_action_and_its_inputs():
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.S)]
    (workflow,) = [block for block in blocks if "jobs" in block]
    assert workflow["permissions"] == {"contents": "read", "security-events": "write"}
    (job,) = workflow["jobs"].values()
    uses = [step["uses"] for step in job["steps"]]
    assert uses[0].startswith("actions/checkout@")
    (action,) = [step for step in job["steps"] if step["uses"].split("@")[0].endswith("/openplan")]
    assert set(action["with"]) <= set(ACTION["inputs"])
    for step in ACTION["runs"]["steps"]:  # the versions the page names are the ones the action uses
        if "uses" in step:
            assert step["uses"] in text
    (config,) = [block for block in blocks if "repos" in block]
    hooks = {hook["id"] for hook in config["repos"][0]["hooks"]}
    assert hooks == {hook["id"] for hook in HOOKS}
    assert "v1.0.0" not in text and "v1.0.0" not in (ROOT / ".pre-commit-hooks.yaml").read_text()  # no such tag
    assert "docs/ci.md" in (ROOT / "README.md").read_text(encoding="utf-8")
