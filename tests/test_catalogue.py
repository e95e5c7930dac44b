"""The rule catalogue lists every code OpenPlan can emit, each with a page, and the commands read it."""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import re
from pathlib import Path

import pytest

import openplan
from openplan import catalogue, rules
from openplan.convert.losses import LossKind
from openplan.lint.registry import builtin
from openplan.rules import Rule

from .conftest import ROOT, assert_no_traceback, run_openplan

CODE = re.compile(r"^[A-Z][0-9]{3}$")
PACKAGE = Path(openplan.__file__).parent


def _code_literals() -> dict[str, list[str]]:
    """Every string literal shaped like a rule code in the package's source, with where it is."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value):
                found.setdefault(node.value, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _declared_anywhere() -> tuple[dict[str, list[Rule]], dict[str, list[LossKind]]]:
    """Every Rule and LossKind reachable from the globals of any module of the package, by code."""
    found_rules: dict[str, list[Rule]] = {}
    found_losses: dict[str, list[LossKind]] = {}
    for info in pkgutil.walk_packages(openplan.__path__, prefix="openplan."):
        if info.name.endswith("__main__"):
            continue  # running the command line declares nothing
        try:
            module = importlib.import_module(info.name)
        except ImportError:
            continue  # an optional dependency that is not installed
        for value in vars(module).values():
            values = value if isinstance(value, tuple) else (value,)
            for item in values:
                if isinstance(item, Rule) and item.family != "local":
                    found_rules.setdefault(item.code, []).append(item)
                elif isinstance(item, LossKind):
                    found_losses.setdefault(item.code, []).append(item)
    return found_rules, found_losses


def test_every_code_in_the_source_is_in_the_catalogue():
    known = set(catalogue.catalogue())
    missing = {code: places for code, places in _code_literals().items() if code not in known}
    assert not missing, f"codes used in the source but not in openplan/catalogue.py: {missing}"


def test_every_rule_and_loss_kind_any_module_declares_is_in_the_catalogue():
    table = catalogue.catalogue()
    found_rules, found_losses = _declared_anywhere()
    assert set(found_rules) - set(table) == set()
    assert set(found_losses) - set(table) == set()
    for code, declared in found_rules.items():
        assert all(rule is table[code] for rule in declared), f"{code} is declared twice"
    for code, kinds in found_losses.items():
        assert table[code].family == "convert-loss" and table[code].name == kinds[0].name
    # Nothing in the catalogue is left over from a rule that no longer exists.
    assert set(table) == set(found_rules) | set(found_losses)


def test_the_catalogue_has_every_family_and_the_codes_once_lost():
    table = catalogue.catalogue()
    assert {"I009", "I010", "I011", "I012", "U001", "X001", "X101", "V001", "V017", "V101", "V505"} <= set(table)
    assert set(catalogue.MODULES) == set(rules.FAMILIES)
    for family in catalogue.MODULES:
        assert catalogue.by_family(family), family
    assert {rule.family for rule in table.values()} == set(rules.FAMILIES)
    # The catalogue is the same whatever was imported first.
    assert catalogue.get("I010") is table["I010"]


@pytest.mark.parametrize("rule", catalogue.rules(), ids=lambda rule: rule.code)
def test_every_entry_has_its_data_and_a_docs_page(rule):
    assert CODE.match(rule.code)
    for name in ("name", "summary", "rationale", "fix", "passing"):
        assert getattr(rule, name), name
    assert rule.failing or getattr(rule, "sheet", ""), "failing"  # an empty sheet example deletes the sheet
    assert rule.name == rule.name.lower() and " " not in rule.name
    page = ROOT / "docs" / "rules" / f"{rule.code}.md"
    assert page.is_file(), f"no docs page for {rule.code}: run `python -m tools.docgen_rules`"
    text = page.read_text(encoding="utf-8")
    assert f"# {rule.code} {rule.name}" in text and rule.rationale in text
    assert f"[{rule.code}]({rule.code}.md)" in (ROOT / "docs" / "rules" / "README.md").read_text(encoding="utf-8")


def test_the_linter_runs_exactly_the_lint_rules_of_the_catalogue():
    lint = {entry.code for entry in builtin()}
    assert lint == {rule.code for rule in catalogue.rules(catalogue.LINT_FAMILIES)}
    # Every lint rule module on disk is named in the catalogue.
    from openplan.lint import rules as package

    on_disk = {f"{package.__name__}.{info.name}" for info in pkgutil.iter_modules(package.__path__)
               if not info.name.startswith("_")}
    assert on_disk == set(catalogue.lint_modules())


def test_openplan_rules_lists_every_catalogue_code():
    run = run_openplan("rules", "--format", "json")
    assert_no_traceback(run)
    assert run.code == 0, run.output
    listed = {entry["code"]: entry for entry in json.loads(run.stdout)}
    assert set(catalogue.catalogue()) <= set(listed)
    assert listed["I010"]["presets"] == ["always"]
    assert listed["V005"]["presets"] == ["convert"] and listed["V303"]["family"] == "convert-loss"
    text = run_openplan("rules")
    assert f"{len(listed)} rules." in text.stdout


@pytest.mark.parametrize("code", ["I010", "I012", "V001", "V303", "U001"])
def test_openplan_rule_explains_codes_that_were_missing(code):
    run = run_openplan("rule", code)
    assert_no_traceback(run)
    assert run.code == 0, run.output
    rule = catalogue.get(code)
    assert run.stdout.startswith(f"{code} {rule.name}\n") and rule.fix in run.stdout
    assert f"Reference: docs/rules/{code}.md" in run.stdout
