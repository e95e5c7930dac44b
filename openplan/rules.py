"""Rules as data: every code a finding can carry is declared once, beside the code that raises it.

A :class:`Rule` holds what the documentation and the tests need: its code, a
short name, its family and default severity, why it matters (rationale) and
how to fix it. Its failing and passing examples are the cases of
``openplan/rule_cases/<CODE>.yaml`` (read by :func:`openplan.catalogue.cases`),
which the rule tests run. The reference pages under ``docs/rules/`` are
generated from these objects; :mod:`openplan.catalogue` lists every one of them.
"""

from __future__ import annotations

from dataclasses import InitVar, dataclass
from enum import Enum
from functools import lru_cache


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
    # Inline examples, for rule packages, which have no file in openplan/rule_cases/; such a file wins.
    failing: InitVar[str] = ""
    passing: InitVar[str] = ""
    files: InitVar[dict[str, str] | None] = None
    # The exit code a failing example gives under `openplan validate`.
    exit_code: int = 1

    def __post_init__(self, failing: str, passing: str, files: dict[str, str] | None) -> None:
        object.__setattr__(self, "_inline", (failing or "", passing or "", dict(files or {})))

    @property
    def doc_path(self) -> str:
        return f"rules/{self.code}.md"


@lru_cache(maxsize=None)
def _cases(code: str) -> tuple[dict, ...]:
    from importlib.resources import files

    import yaml

    fixture = files("openplan").joinpath("rule_cases", f"{code}.yaml")
    if not fixture.is_file():
        return ()
    data = yaml.safe_load(fixture.read_text(encoding="utf-8")) or {}
    return tuple(data.get("cases") or ())


def cases(code: str) -> list[dict]:
    """The cases of ``openplan/rule_cases/<CODE>.yaml``: plans that fail or pass the rule, with what they give.

    Empty if the rule has no fixture file. Each call returns fresh lists over the cached cases; the cases
    themselves are shared, so do not change them. Read as :func:`openplan.catalogue.cases`.
    """
    return list(_cases(code))


def _example(rule: Rule, kind: str) -> dict | None:
    """The first case of the rule's fixture file that fails (kind "fail") or passes (kind "pass")."""
    for case in cases(rule.code):
        if (kind == "fail" and "fail" in case) or (kind == "pass" and case.get("pass")):
            return case
    return None


def _case_text(case: dict) -> str:
    if "xlsx_text" in case:  # a file named .xlsx that is not a workbook
        return case["xlsx_text"]
    if "workbook" in case:  # the plan exported to a workbook, then changed in a spreadsheet program
        edits = case["workbook"]
        changes = [f"{cell} holds {formula}" for cell, formula in (edits.get("formulas") or {}).items()]
        changes += [f"cells {cells} are merged" for cells in edits.get("merge") or ()]
        return (f"openplan convert plan.yaml --to xlsx, then on the sheet {edits['sheet']}: "
                f"{'; '.join(changes) or 'no change'}\n\n{case['plan']}")
    if "sheet" in case:  # a case of reading a CSV folder back: the sheet is what is under test (none: it is missing)
        return case.get("csv", "")
    if "plan" in case:
        return case["plan"]
    if "plan_base64" in case:
        import base64

        # Lone surrogates stand for bytes that are not UTF-8, as the loader's tests write them back.
        return base64.b64decode(case["plan_base64"]).decode("utf-8", "surrogateescape")
    # Families that check something other than a plan name the text under test for what it is.
    for key in ("schema", "csv", "xml", "example"):
        if key in case:
            return case[key]
    return ""


def _failing(rule: Rule) -> str:
    case = _example(rule, "fail")
    return _case_text(case) if case else rule._inline[0]


def _passing(rule: Rule) -> str:
    case = _example(rule, "pass")
    return _case_text(case) if case else rule._inline[1]


def _files(rule: Rule) -> dict[str, str]:
    case = _example(rule, "fail")
    return dict(case.get("files") or {}) if case else dict(rule._inline[2])


# The examples read as attributes, as they did when they were written inline; the fixture files hold them now.
Rule.failing = property(_failing)  # type: ignore[assignment,method-assign]
Rule.passing = property(_passing)  # type: ignore[assignment,method-assign]
Rule.files = property(_files)  # type: ignore[assignment,method-assign]


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
    "performance": "Performance: progress reports against the plan's items, indicators, targets and tolerances.",
    "lint": "The linter itself: inline suppressions, and rules skipped on a file that does not validate.",
    "extension": "Extensions: fields of the extensions a file declares (openplan/extensions/).",
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
