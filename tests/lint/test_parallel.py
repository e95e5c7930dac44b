"""Lint shares many files among worker processes (``--jobs``) and reports exactly what one process does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from openplan.lint import fixes, workers
from openplan.lint.engine import LintOptions, Linter
from openplan.validation import Options

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "london-councils"
BASELINE = ROOT / "examples" / ".openplan-baseline.jsonl"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The shipped plans twice over (10 plans) with their registries, a baseline and inline suppressions."""
    folder = tmp_path / "plans"
    shutil.copytree(EXAMPLES, folder)
    (folder / ".git").mkdir()
    for plan in sorted(folder.glob("*.yaml")):
        if plan.name not in ("registry.yaml", "pledges.yaml"):
            text = plan.read_text(encoding="utf-8")
            # A suppression without a reason (X901) and one that silences nothing (X902), in the copies only.
            (folder / f"copy-{plan.name}").write_text(
                text + "# openplan: disable-file=W507\n# openplan: disable-file=D305 reason=\"checked\"\n",
                encoding="utf-8")
    # A registry no plan uses: P403, a rule across files, reports its entry.
    (folder / "extra-registry.yaml").write_text(
        'openplan: "1.0"\nkind: registry\nid: reg.extra\ntitle: Extra registry\norganisations:\n'
        "  - {id: org.nobody, name: A partner no plan mentions}\n", encoding="utf-8")
    # A plan that does not match the schema: its lint rules are skipped (X904), its references still count.
    (folder / "unfinished.yaml").write_text('openplan: "1.0"\nid: plan.unfinished\nregistries: [registry.yaml]\n',
                                            encoding="utf-8")
    shutil.copy(BASELINE, folder / "baseline.jsonl")
    (folder / "openplan.toml").write_text('[lint]\nbaseline = "baseline.jsonl"\ntoday = "2026-11-22"\n',
                                         encoding="utf-8")
    return folder


def _lint(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "openplan", "lint", *args, str(folder)], capture_output=True,
                          cwd=folder.parent, env=env, timeout=300)


def test_jobs_two_reports_byte_for_byte_what_jobs_one_does(project: Path) -> None:
    alone = _lint(project, "--format", "json", "--jobs", "1")
    shared = _lint(project, "--format", "json", "--jobs", "2")
    assert alone.returncode == shared.returncode == 1
    for code in (b'"X901"', b'"X902"', b'"X904"', b'"P403"', b'"S'):
        assert code in alone.stdout
    assert shared.stdout == alone.stdout


def test_jobs_two_text_report_and_summary_are_the_same(project: Path) -> None:
    alone = _lint(project, "--jobs", "1", "--max-per-rule", "2")
    shared = _lint(project, "--jobs", "2", "--max-per-rule", "2")
    assert "not shown" in alone.stdout.decode() and "accepted in the baseline" in alone.stdout.decode()
    assert (shared.returncode, shared.stdout) == (alone.returncode, alone.stdout)


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one core: lint never starts workers")
def test_many_files_go_to_workers_and_fixes_still_apply(project: Path, monkeypatch) -> None:
    used = []
    real = workers.lint_in_parallel

    def counting(linter, states):
        outcome = real(linter, states)
        used.append(outcome is not None)
        return outcome

    monkeypatch.setattr(workers, "lint_in_parallel", counting)
    options = dict(use_baseline=False)
    shared = Linter(LintOptions(validation=Options(jobs=2), **options)).lint(project)
    alone = Linter(LintOptions(validation=Options(jobs=1), **options)).lint(project)
    assert used == [True, False]
    assert [f.to_dict() for f in shared.sorted()] == [f.to_dict() for f in alone.sorted()]
    # A plan linted in a worker comes back without its node graph; --fix reads it again, to the same end.
    planned = {outcome.path: outcome.fixed for outcome in fixes.plan(shared, unsafe=True)}
    assert planned and planned == {outcome.path: outcome.fixed for outcome in fixes.plan(alone, unsafe=True)}
    assert any(text is not None for text in planned.values())


def test_rules_across_files_read_only_the_objects_workers_send_back() -> None:
    """A plan linted in a worker comes back with only the kinds of object in `project.NODES_READ`: every built-in
    rule across files must look up no other kind (in its module, since it may share helpers with its check)."""
    import inspect
    import re

    from openplan.lint import project
    from openplan.lint.registry import catalogue

    across = [entry for entry in catalogue(False).values() if entry.check_project is not None]
    assert {entry.code for entry in across} >= {"P401", "P403"}
    for entry in across:
        source = inspect.getsource(inspect.getmodule(entry.check_project))
        kinds = set(re.findall(r"(?:nodes_of|\.nodes)\(\s*[\"'](\w+)[\"']", source))
        assert kinds <= project.NODES_READ, (entry.code, kinds)
        assert "own_nodes" not in source and ".texts" not in source, entry.code
