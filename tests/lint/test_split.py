"""One large file linted by two processes (:mod:`openplan.lint.split`) reports exactly what one process does.

The size at which a second process pays is lowered to nothing here, so that the shipped examples go through it.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import time
from pathlib import Path

import pytest

from openplan.lint import engine, fixes, split
from openplan.lint.engine import LintOptions, Linter
from openplan.report import Finding
from openplan.rules import Severity
from openplan.validation import Options

from ..conftest import EXAMPLES

pytestmark = pytest.mark.skipif(
    len(os.sched_getaffinity(0)) < 2 or "fork" not in multiprocessing.get_all_start_methods(),
    reason="one core, or no fork: a file is never shared between processes")

PLANS = [EXAMPLES / "london-councils" / "business-plan-2020-21-final.yaml",
         EXAMPLES / "hart-district-council" / "service-plans-2014-15.yaml",
         EXAMPLES / "hart-district-council" / "report-2014-15-q2.yaml"]


@pytest.fixture
def every_file_shared(monkeypatch):
    """Every file goes to two processes; returns the files that did."""
    monkeypatch.setattr(split, "PARALLEL_MIN_BYTES", 0)
    shared: list[bool] = []
    real = split.in_two

    def counting(work):
        shared.append(True)
        return real(work)

    monkeypatch.setattr(split, "in_two", counting)
    return shared


def _lint(path: Path, jobs: int | None, rules: dict | None = None) -> engine.LintResult:
    linter = Linter(LintOptions(validation=Options(jobs=jobs), use_baseline=False))
    if rules:
        linter.rules.update(rules)
    return linter.lint(path)


def _as_data(result: engine.LintResult) -> list[dict]:
    return [{**finding.to_dict(), "fix": repr(finding.fix)} for finding in result.findings]


@pytest.mark.parametrize("path", PLANS, ids=lambda path: path.stem)
def test_two_processes_report_what_one_does_in_the_same_order(path, every_file_shared):
    shared = _lint(path, None)
    assert every_file_shared == [True]
    alone = _lint(path, 1)
    assert every_file_shared == [True]  # --jobs 1 never forks
    assert _as_data(shared) and _as_data(shared) == _as_data(alone)
    assert shared.summary() == alone.summary()
    planned = {outcome.path: outcome.fixed for outcome in fixes.plan(shared, unsafe=True)}
    assert planned == {outcome.path: outcome.fixed for outcome in fixes.plan(alone, unsafe=True)}


def _failing_in_second_process(entry, here: int):
    def check(ctx):
        if os.getpid() != here:
            raise RuntimeError("only in the second process")
        return entry.check(ctx)

    return dataclasses.replace(entry, check=check)


def test_rules_that_fail_in_the_second_process_are_run_again_here(every_file_shared):
    path = PLANS[0]
    linter = Linter(LintOptions(use_baseline=False))
    here = os.getpid()
    broken = {code: _failing_in_second_process(entry, here) for code, entry in linter.rules.items()
              if entry.check is not None}
    shared = _lint(path, None, broken)
    assert every_file_shared == [True]
    assert _as_data(shared) == _as_data(_lint(path, 1))


def test_a_rule_that_fails_is_reported_as_one_process_reports_it(every_file_shared):
    path = PLANS[0]
    entry = Linter(LintOptions()).rules["W501"]

    def check(ctx):
        raise ValueError("a fault in the rule")

    faulty = {"W501": dataclasses.replace(entry, check=check)}
    with pytest.raises(engine.RuleFailed) as alone:
        _lint(path, 1, faulty)
    with pytest.raises(engine.RuleFailed) as shared:
        _lint(path, None, faulty)
    assert every_file_shared == [True]
    assert str(shared.value) == str(alone.value)
    assert "W501" in str(shared.value) and "a fault in the rule" in str(shared.value)


def test_a_file_that_does_not_match_the_schema_is_reported_the_same(tmp_path, every_file_shared):
    text = PLANS[0].read_text(encoding="utf-8").replace("\nid: ", "\nidentifier: ", 1)
    path = tmp_path / PLANS[0].name
    path.write_text(text, encoding="utf-8")
    for name in ("registry.yaml", "pledges.yaml"):
        (tmp_path / name).write_text((PLANS[0].parent / name).read_text(encoding="utf-8"), encoding="utf-8")
    shared = _lint(path, None)
    assert every_file_shared == [True]
    assert any(finding.code == "X904" for finding in shared.findings)
    assert _as_data(shared) == _as_data(_lint(path, 1))


def test_small_files_and_jobs_one_stay_in_one_process(tmp_path):
    small = PLANS[0]
    assert small.stat().st_size < split.PARALLEL_MIN_BYTES
    assert not split.worth_it(small, None)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * split.PARALLEL_MIN_BYTES)
    assert split.worth_it(big, None) and split.worth_it(big, 2)
    assert not split.worth_it(big, 1)
    assert not split.worth_it(tmp_path / "missing.yaml", None)


def test_both_processes_take_rules_and_each_rule_runs_once():
    codes = [f"T{number:03}" for number in range(40)]
    here = os.getpid()

    def work(rules_here):
        def run(code):
            if os.getpid() == here and code == codes[-1]:  # the first rule this process takes, from the far end
                for _ in range(2000):  # give the other process time to take one too (10 s at most)
                    if rules_here.ends.taken(front=True) >= 1:
                        break
                    time.sleep(0.005)
            return [Finding(code, "here" if os.getpid() == here else "the other", Severity.INFO)]

        return rules_here.run(codes, run, "the plan's text")

    found = split.in_two(work)
    assert os.getpid() == here  # the second process never came back into the test
    assert sorted(found) == codes
    assert all([finding.code for finding in findings] == [code] for code, findings in found.items())
    assert {findings[0].message for findings in found.values()} == {"here", "the other"}


def test_without_shared_memory_or_processes_one_process_does_it_all(monkeypatch):
    def refused(*args, **kwargs):
        raise OSError("not here")

    for where, name in ((multiprocessing, "Array"), (split.os, "fork")):
        with monkeypatch.context() as patch:
            patch.setattr(where, name, refused)
            found = split.in_two(lambda rules_here: rules_here.run(["T1", "T2"], lambda code: [code], "text"))
            assert found == {"T1": ["T1"], "T2": ["T2"]}
