"""The rule catalogue: every code a finding can carry, listed explicitly, family by family.

Each module that declares rules lists them as data: a ``RULES`` tuple (the
loader, the structure, the registry and edition checks, extensions and convert
errors), one ``RULE`` (an integrity check, a lint rule module, the deprecation
check), or,
for a converter, a ``LOSSES`` tuple of the kinds of loss it reports. The
tables below name those modules, so what exists never depends on which
modules happen to have been imported. ``openplan rules``, ``openplan rule
CODE``, the pages under ``docs/rules/`` and the rule tests all read
:func:`rules`; :func:`cases` reads the cases of a rule. A test imports every module of the package and fails if any
rule or code it finds is missing here, or has no page.

To add a rule, declare it in its module, write its cases in
``openplan/rule_cases/<CODE>.yaml`` (tests/rules/test_rule_cases.py runs
them) and, if the module is new, name the module in the table of its family.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module

from .rules import Rule, Severity, cases

__all__ = ["MODULES", "by_family", "cases", "catalogue", "declared", "get", "lint_modules", "rules"]

_LINT = "openplan.lint.rules."

# Family -> the modules that declare its rules, in the order the reference lists them.
MODULES: dict[str, tuple[str, ...]] = {
    "load": ("openplan.loader", "openplan.extensions.model", "openplan.extensions.apply"),
    "schema": ("openplan.structure",),
    "integrity": tuple("openplan.checks." + name for name in (
        "unique_ids", "references", "reference_kinds", "cycles", "date_values", "date_consistency", "period",
        "dates_in_period", "registries", "previous_edition", "cascade", "levels",
        "report_plan", "report_items", "report_period", "status_words", "report_figures")),
    "completeness": tuple(_LINT + name for name in (
        "c101_objective_without_outputs", "c102_output_without_owner", "c103_area_without_owner",
        "c104_milestone_without_date", "c105_objective_without_outcome", "c106_empty_theme",
        "c107_area_without_objectives", "c108_milestone_without_link", "c109_import_guess_unchecked")),
    "measurability": tuple(_LINT + name for name in (
        "m201_output_not_measurable", "m202_target_without_unit", "m203_target_without_baseline",
        "m204_target_without_date", "m205_indicator_without_direction", "m206_indicator_without_target")),
    "schedule": tuple(_LINT + name for name in (
        "d301_date_outside_period", "d302_overdue_without_update", "d303_stale_tbc",
        "d304_draft_caveat_in_approved", "d305_milestones_bunched", "d306_part_after_whole",
        "d307_date_wording_mismatch", "d308_unquoted_date")),
    "coverage": tuple(_LINT + name for name in (
        "p401_pledge_not_delivered", "p402_theme_unused", "p403_registry_entry_unused",
        "p404_objective_without_theme", "p405_owner_is_person")),
    "language": tuple(_LINT + name for name in (
        "w501_undefined_acronym", "w502_title_too_long", "w503_duplicate_title", "w504_near_duplicate_title",
        "w505_inconsistent_capitalisation", "w506_inconsistent_term_case", "w507_jargon", "w508_long_sentence")),
    "numbering": tuple(_LINT + name for name in (
        "n601_number_gap", "n602_number_order", "n603_duplicate_number", "n604_number_prefix_mismatch",
        "n605_mixed_date_styles", "n606_mixed_numbering_scheme", "n607_unnumbered_sibling")),
    "performance": tuple(_LINT + name for name in (
        "r701_overdue_without_revised_date", "r702_red_amber_without_commentary", "r703_no_target_for_period",
        "r704_rag_contradicts_tolerance", "r705_report_skips_items", "r706_published_counts_disagree",
        "r707_duplicate_target_period")),
    "lint": tuple(_LINT + name for name in (
        "x901_suppression_without_reason", "x902_unused_suppression", "x903_bad_suppression",
        "x904_rules_skipped", "x905_findings_not_shown")),
    "extension": ("openplan.extensions.apply",),
    "extension-schema": ("openplan.extensions.lint_schema",),
    "versioning": ("openplan.migrations.deprecation",),
    "convert": ("openplan.convert.errors",),
    "convert-loss": ("openplan.convert.tables", "openplan.convert.view", "openplan.convert.ical",
                     "openplan.convert.datapackage", "openplan.convert.stratml"),
}

VALIDATION_FAMILIES = ("load", "schema", "integrity")
LINT_FAMILIES = ("completeness", "measurability", "schedule", "coverage", "language", "numbering", "performance",
                 "lint")
CONVERT_FAMILIES = ("convert", "convert-loss")
# What `openplan validate` and `openplan lint` can report, without importing the converters.
CHECK_FAMILIES = tuple(family for family in MODULES if family not in CONVERT_FAMILIES)

# Each converter's output, as the loss pages name it.
_LOSS_FORMATS = {
    "openplan.convert.tables": "CSV and Excel",
    "openplan.convert.view": "the HTML page and Markdown",
    "openplan.convert.ical": "iCalendar",
    "openplan.convert.datapackage": "a Frictionless Data Package",
    "openplan.convert.stratml": "StratML",
}


@dataclass(frozen=True)
class LossRule(Rule):
    """A kind of loss of a conversion, as a rule: reported, never a failure."""

    target: str = ""  # the format that cannot carry it


def lint_modules() -> tuple[str, ...]:
    """The built-in lint rule modules, family by family."""
    return tuple(name for family in LINT_FAMILIES for name in MODULES[family])


def declared(module_name: str) -> tuple[Rule, ...]:
    """The rules one module declares: its ``RULES``, its ``RULE``, or its kinds of loss as rules."""
    module = import_module(module_name)
    if hasattr(module, "LOSSES"):
        target = _LOSS_FORMATS[module_name]
        return tuple(_loss_rule(kind, target) for kind in module.LOSSES)
    if hasattr(module, "RULES"):
        return tuple(module.RULES)
    return (module.RULE,)


def _loss_rule(kind, target: str) -> LossRule:
    summary = kind.summary[:1].upper() + kind.summary[1:] + "."
    return LossRule(
        code=kind.code, name=kind.name, family="convert-loss", severity=Severity.INFO, summary=summary,
        rationale=f"A conversion to {target} cannot carry everything a plan can say. `openplan convert` writes "
                  "the output all the same and reports each place where something was left out or changed, with "
                  "its file, line and column, so nothing is lost without a word.",
        fix=kind.hint or "Nothing is wrong with the plan. Keep the YAML or JSON file as the plan's source and use "
                         f"the output in {target} for what it can carry; `--report json` lists every place.",
        exit_code=0, target=target)


@lru_cache(maxsize=None)
def by_family(family: str) -> tuple[Rule, ...]:
    """The rules of one family, in the order the family's modules declare them."""
    return tuple(rule for name in MODULES[family] for rule in declared(name) if rule.family == family)


@lru_cache(maxsize=None)
def catalogue() -> dict[str, Rule]:
    """Every rule by code. Raises ValueError if two rules share a code."""
    table: dict[str, Rule] = {}
    for family in MODULES:
        for rule in by_family(family):
            if rule.code in table and table[rule.code] is not rule:
                raise ValueError(f"rule code {rule.code} declared twice")
            table[rule.code] = rule
    return table


def rules(families: tuple[str, ...] | None = None) -> list[Rule]:
    """Every rule (or those of some families, importing only their modules), sorted by code."""
    chosen = catalogue().values() if families is None else [rule for family in families for rule in by_family(family)]
    return sorted(chosen, key=lambda rule: rule.code)


def get(code: str) -> Rule:
    """The rule with this code; KeyError if there is none."""
    return catalogue()[code]
