"""Rules as data: every load, schema and integrity rule's failing example triggers it,
with the rule's exit code, and its passing example does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from openplan import catalogue
from openplan.report import Result
from openplan.validation import PASSING_FILES, Validator

VALIDATION_RULES = catalogue.rules(catalogue.VALIDATION_FAMILIES)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8", "surrogateescape"))  # lone surrogates stand for raw invalid bytes
    return path


def _run(folder: Path, main: str, files: dict[str, str]) -> Result:
    (folder / ".git").mkdir(exist_ok=True)  # the folder is the project
    for name, text in files.items():
        _write(folder, name, text)
    path = _write(folder, "plan.yaml", main)
    return Result(files=[str(path)], findings=Validator().check_file(path, "plan.yaml"))


def test_there_are_rules_in_every_validation_family():
    families = {rule.family for rule in VALIDATION_RULES}
    assert families == {"load", "schema", "integrity"}
    assert len({rule.code for rule in VALIDATION_RULES}) == len(VALIDATION_RULES)


@pytest.mark.parametrize("rule", VALIDATION_RULES, ids=lambda rule: rule.code)
def test_failing_example_triggers_the_rule(tmp_path, rule):
    result = _run(tmp_path, rule.failing, rule.files)
    codes = [finding.code for finding in result.findings]
    assert rule.code in codes, f"{rule.code} not among {codes}: {[f.message for f in result.findings]}"
    assert result.exit_code == rule.exit_code
    for finding in result.findings:
        if finding.code == rule.code:
            assert finding.file and finding.message and finding.hint


@pytest.mark.parametrize("rule", VALIDATION_RULES, ids=lambda rule: rule.code)
def test_passing_example_does_not_trigger_the_rule(tmp_path, rule):
    files = PASSING_FILES.get(rule.code, rule.files)
    result = _run(tmp_path, rule.passing, files)
    assert rule.code not in [finding.code for finding in result.findings], [f.message for f in result.findings]
    assert result.exit_code == 0, [f"{f.code} {f.message}" for f in result.findings]


@pytest.mark.parametrize("rule", VALIDATION_RULES, ids=lambda rule: rule.code)
def test_rule_data_is_complete(rule):
    for field in ("code", "name", "summary", "rationale", "fix", "failing", "passing"):
        assert getattr(rule, field), field
    assert rule.name == rule.name.lower() and " " not in rule.name
