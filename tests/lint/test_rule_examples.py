"""Rules as data: every lint rule's failing example raises it, and its passing example does not.

The examples are linted with every rule turned on and each rule's default options, exactly as they are
printed in the rule's reference page.
"""

from __future__ import annotations

import inspect
import re

import pytest

from openplan import rules
from openplan.lint.registry import builtin
from openplan.validation import Validator

from .conftest import lint_files, write_project

LINT_RULES = [entry for entry in builtin()]
ISSUE_FAMILIES = ("completeness", "measurability", "schedule", "coverage", "language", "numbering")


def _lint_example(tmp_path, entry, text):
    paths = write_project(tmp_path, {"example.yaml": text, **entry.rule.files})
    return lint_files(*paths.values(), select=("ALL",))


def test_at_least_thirty_rules_beyond_validity():
    checking = [entry for entry in LINT_RULES if entry.rule.family in ISSUE_FAMILIES]
    assert len(checking) >= 30
    assert {entry.rule.family for entry in checking} == set(ISSUE_FAMILIES)
    assert len({entry.code for entry in LINT_RULES}) == len(LINT_RULES)


@pytest.mark.parametrize("entry", LINT_RULES, ids=lambda entry: entry.code)
def test_failing_example_raises_the_rule(tmp_path, entry):
    result = _lint_example(tmp_path, entry, entry.rule.failing)
    found = [finding for finding in result.findings if finding.code == entry.code]
    assert found, f"{entry.code} not among {[(f.code, f.message) for f in result.findings]}"
    for finding in found:
        assert finding.file and finding.line and finding.column and finding.message and finding.hint
        assert finding.severity is entry.rule.severity


@pytest.mark.parametrize("entry", LINT_RULES, ids=lambda entry: entry.code)
def test_passing_example_does_not(tmp_path, entry):
    result = _lint_example(tmp_path, entry, entry.rule.passing)
    assert entry.code not in [f.code for f in result.findings], [f.message for f in result.findings
                                                                  if f.code == entry.code]


@pytest.mark.parametrize("entry", LINT_RULES, ids=lambda entry: entry.code)
def test_examples_validate_as_the_rule_says(tmp_path, entry):
    """Lint rules look at valid plans: `openplan validate` gives the rule's exit code on its failing example
    (0, except for the note that rules were skipped) and passes its passing example."""
    for text, expected in ((entry.rule.failing, entry.rule.exit_code), (entry.rule.passing, 0)):
        paths = write_project(tmp_path, {"example.yaml": text, **entry.rule.files})
        findings = Validator().check_file(paths["example.yaml"])
        errors = [f"{f.code} {f.message}" for f in findings if f.severity.value == "error"]
        assert (1 if errors else 0) == expected, errors


@pytest.mark.parametrize("entry", LINT_RULES, ids=lambda entry: entry.code)
def test_rule_data_and_documentation(entry):
    rule = entry.rule
    for name in ("code", "name", "family", "summary", "rationale", "fix", "failing", "passing"):
        assert getattr(rule, name), name
    assert re.fullmatch(r"[CMDPWNX][0-9]{3}", rule.code)
    assert re.fullmatch(r"[a-z][a-z0-9-]*", rule.name)
    assert rule.family in rules.FAMILIES
    assert rules.get(rule.code) is rule  # registered through openplan.rules.register
    doc = inspect.cleandoc(entry.doc or "")
    assert doc.splitlines()[0].startswith(f"{rule.code} {rule.name}:"), "the docstring opens with code and name"
    assert len(doc.splitlines()) > 2, "the docstring explains the rule"
    for option in entry.options:
        assert f"``{option}``" in doc or option in doc, f"option {option} is documented in the docstring"


def test_module_names_follow_codes():
    for entry in LINT_RULES:
        module = inspect.getmodule(entry.check or entry.check_project) if (entry.check or entry.check_project) \
            else None
        if module is not None:
            assert module.__name__.rsplit(".", 1)[-1].startswith(entry.code.lower() + "_")
