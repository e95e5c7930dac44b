"""Rules as data: every code a finding can carry is declared once, beside the code that raises it.

A :class:`Rule` holds what the documentation and the tests need: its code, a
short name, its family and default severity, why it matters (rationale), how
to fix it, and a passing and a failing example. The reference pages under
``docs/rules/`` and the example tests are generated from these objects;
:mod:`openplan.catalogue` lists every one of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    family: str
    severity: Severity
    summary: str
    rationale: str
    fix: str
    failing: str
    passing: str
    # Files the examples need beside them (name -> content), e.g. a registry.
    files: dict[str, str] = field(default_factory=dict)
    # The exit code a failing example gives under `openplan validate`.
    exit_code: int = 1

    @property
    def doc_path(self) -> str:
        return f"rules/{self.code}.md"


# The smallest valid plan: rule examples start from it and add what they need.
EXAMPLE_PLAN = """openplan: "1.0"
id: plan.example
title: Example Council Plan 2025/26
organisation: org.example
period: {start: "2025-04-01", end: "2026-03-31"}
edition: {status: draft}
organisations:
  - {id: org.example, name: Example Council}
"""

FAMILIES = {
    "load": "Reading the file: encoding, YAML syntax, safety and limits.",
    "schema": "Structure: what the OpenPlan JSON Schema requires.",
    "integrity": "Integrity: identifiers, references, cycles and dates across the plan and its registries.",
    # Lint families (openplan/lint/rules/): what makes a valid plan a good one.
    "completeness": "Completeness: owners, outputs, outcomes and dates a plan should give.",
    "measurability": "Measurability: outputs and targets that can be checked.",
    "schedule": "Schedule: dates against the plan's period, today and each other.",
    "coverage": "Coverage and references: pledges delivered, themes and registry entries used.",
    "language": "Language for a public document: acronyms, titles, capitals and jargon.",
    "numbering": "Numbering and consistency: display numbers and date wording.",
    "lint": "The linter itself: inline suppressions, and rules skipped on a file that does not validate.",
    "extension": "Extensions: fields of the extensions a file declares (openplan/extensions.py).",
    "extension-schema": "Extension schemas: what `openplan lint-schema` checks in an extension itself.",
    "versioning": "Versioning: deprecated fields, removed at the next major version.",
    "convert": "Reading a spreadsheet, CSV folder or StratML file back into a plan with `openplan convert`.",
    "convert-loss": "What a target format of `openplan convert` cannot carry: reported item by item, never a failure.",
}

# Declaring a rule checks its code is not taken; what exists is listed in openplan/catalogue.py, not here.
_REGISTRY: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.code in _REGISTRY and _REGISTRY[rule.code] != rule:
        raise ValueError(f"rule code {rule.code} declared twice")
    _REGISTRY[rule.code] = rule
    return rule


def get(code: str) -> Rule:
    from .catalogue import get as catalogue_get

    return catalogue_get(code)


def all_rules() -> list[Rule]:
    """Every rule of the catalogue (openplan/catalogue.py), sorted by code."""
    from .catalogue import rules

    return rules()
