"""What every integrity check shares: the rule declaration and the positioned finding.

The check modules import from here, never from the package, so that the package
(which lists the checks) and its modules do not import each other.
"""

from __future__ import annotations

from typing import Callable, Iterable

from ..findings import finding_at
from ..index import PlanIndex
from ..report import Finding
from ..rules import Rule, Severity, register

# A finding of a rule at a path of keys in a document (see openplan.findings).
finding = finding_at

Check = Callable[[PlanIndex], Iterable[Finding]]


def integrity_rule(code: str, name: str, summary: str, rationale: str, fix: str,
                   severity: Severity = Severity.ERROR) -> Rule:
    """Declare an integrity rule; its cases are in openplan/rule_cases/<CODE>.yaml."""
    return register(Rule(code=code, name=name, family="integrity", severity=severity, summary=summary,
                         rationale=rationale, fix=fix, exit_code=1 if severity is Severity.ERROR else 0))
