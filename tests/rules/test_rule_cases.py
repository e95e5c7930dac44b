"""Every case of every rule, from openplan/rule_cases/<CODE>.yaml, run through its family's entry point.

A ``fail`` case gives exactly the findings it lists of the rule's code, in report order, at those lines and
columns, with messages that contain the fragments given; a ``pass`` case gives none of that code. Where a case
gives ``exit_code``, `openplan validate` (or the conversion) exits with it.
"""

from __future__ import annotations

import inspect
import re
from importlib.resources import files

import pytest

from openplan import catalogue, rules
from openplan.lint.registry import builtin

from ..conftest import run_openplan
from .cases import LINTED, VALIDATED, run

ALL_RULES = catalogue.rules()
# Cases told in words only: a workbook or archive that text cannot hold, or a conversion of a whole plan.
RUNNABLE = [(rule, case) for rule in ALL_RULES for case in catalogue.cases(rule.code)
            if "example" not in case]
# Codes whose findings carry no line or column: the file as a whole is at fault (or is not there at all).
WITHOUT_POSITION = {"L002", "V001", "V003", "V004", "V013", "V505"}
# Codes whose only failing case is told in words (see RUNNABLE); a fixture file says why.
DESCRIBED = {"V002", "V014", "V015", "V016", "V017", "V018", "V019", "V103"}


@pytest.mark.parametrize(("rule", "case"), RUNNABLE, ids=[f"{rule.code}-{case['name']}" for rule, case in RUNNABLE])
def test_case(tmp_path, rule, case):
    outcome = run(rule, case, tmp_path / "project")
    found = [finding for finding in outcome.findings if finding.code == rule.code]
    everything = [(f.code, f.line, f.column, f.message) for f in outcome.findings]
    if "fail" in case:
        expected = case["fail"]
        assert len(found) == len(expected), everything
        for finding, wanted in zip(found, expected):
            if "line" in wanted:
                assert (finding.line, finding.column) == (wanted["line"], wanted["column"]), everything
            assert wanted.get("message", "") in finding.message, everything
            assert finding.message and finding.severity is rule.severity
            if rule.family != "convert-loss":  # a loss is a note on the conversion, not always a fix to make
                assert finding.file and finding.hint
    else:
        assert case.get("pass") is True, "a case either fails with findings or passes"
        assert not found, everything
    if "exit_code" in case:
        assert outcome.exit_code == case["exit_code"], everything


def test_every_rule_has_cases_that_fail_at_a_position_and_pass():
    for rule in ALL_RULES:
        found = catalogue.cases(rule.code)
        fails = [case for case in found if "fail" in case]
        assert fails and any(case.get("pass") for case in found), rule.code
        names = [case["name"] for case in found]
        assert len(set(names)) == len(names) and all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", n) for n in names)
        if rule.code in DESCRIBED:
            assert fails[0]["fail"] == [] and "example" in fails[0], rule.code
            continue
        assert fails[0]["fail"], rule.code
        if rule.code not in WITHOUT_POSITION:
            assert all("line" in f and "column" in f for f in fails[0]["fail"]), rule.code
        if rule.family in VALIDATED or rule.family in LINTED:
            assert fails[0]["exit_code"] == rule.exit_code, rule.code
            assert all(case["exit_code"] == 0 for case in found if case.get("pass")), rule.code


def test_every_fixture_file_names_a_catalogue_code():
    codes = set(catalogue.catalogue())
    fixtures = [entry.name for entry in files("openplan").joinpath("rule_cases").iterdir()
                if entry.name.endswith(".yaml")]
    assert fixtures and {name.removesuffix(".yaml") for name in fixtures} == codes
    for name in fixtures:
        opening = files("openplan").joinpath("rule_cases", name).read_text(encoding="utf-8").splitlines()[0]
        code = name.removesuffix(".yaml")
        assert opening == f"# {code} {catalogue.get(code).name}", name


def test_rules_show_the_first_cases_as_their_examples():
    rule = catalogue.get("D305")
    first_fail, first_pass = catalogue.cases("D305")[:2]
    assert rule.failing == first_fail["plan"] and rule.passing == first_pass["plan"]
    assert catalogue.get("I009").files == {name: text for name, text in catalogue.cases("I009")[0]["files"].items()}
    assert catalogue.cases("NOPE") == []


def test_openplan_rule_shows_the_first_failing_and_passing_cases():
    run = run_openplan("rule", "D305")
    assert run.code == 0, run.output
    fails, passes = run.stdout.split("Fails:")[1].split("Passes:")
    # Only the first passing case moves three milestones to June 2025.
    assert fails.count('"March 2026"') == 6 and "June 2025" not in fails
    assert passes.count('"March 2026"') == 3 and passes.count('"June 2025"') == 3


# --- the rules' data ------------------------------------------------------------------------------------

VALIDATION_RULES = catalogue.rules(catalogue.VALIDATION_FAMILIES)
LINT_RULES = list(builtin())
ISSUE_FAMILIES = ("completeness", "measurability", "schedule", "coverage", "language", "numbering")


def test_there_are_rules_in_every_validation_family():
    assert {rule.family for rule in VALIDATION_RULES} == {"load", "schema", "integrity"}
    assert len({rule.code for rule in VALIDATION_RULES}) == len(VALIDATION_RULES)


def test_at_least_thirty_rules_beyond_validity():
    checking = [entry for entry in LINT_RULES if entry.rule.family in ISSUE_FAMILIES]
    assert len(checking) >= 30
    assert {entry.rule.family for entry in checking} == set(ISSUE_FAMILIES)
    assert len({entry.code for entry in LINT_RULES}) == len(LINT_RULES)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_rule_data_is_complete(rule):
    for field in ("code", "name", "family", "summary", "rationale", "fix", "passing"):
        assert getattr(rule, field), field
    assert rule.failing or getattr(rule, "sheet", ""), "failing"  # an empty sheet case deletes the sheet
    assert re.fullmatch(r"[a-z][a-z0-9-]*", rule.name)
    assert rule.family in rules.FAMILIES


@pytest.mark.parametrize("entry", LINT_RULES, ids=lambda entry: entry.code)
def test_lint_rule_data_and_documentation(entry):
    rule = entry.rule
    assert re.fullmatch(r"[CMDPWNRX][0-9]{3}", rule.code)
    assert catalogue.get(rule.code) is rule  # registered through openplan.rules.register
    doc = inspect.cleandoc(entry.doc or "")
    assert doc.splitlines()[0].startswith(f"{rule.code} {rule.name}:"), "the docstring opens with code and name"
    assert len(doc.splitlines()) > 2, "the docstring explains the rule"
    for option in entry.options:
        assert f"``{option}``" in doc or option in doc, f"option {option} is documented in the docstring"


def test_lint_module_names_follow_codes():
    for entry in LINT_RULES:
        check = entry.check or entry.check_project
        if check is not None:
            assert inspect.getmodule(check).__name__.rsplit(".", 1)[-1].startswith(entry.code.lower() + "_")
