"""Integrity checks: what the JSON Schema alone cannot say.

One module per check; the module's docstring is the check's documentation and
its ``RULE`` holds the rule's data (code, rationale, fix, examples). A check is
a function ``check(index) -> Iterable[Finding]`` over a :class:`PlanIndex`.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Sequence

from ..index import PlanIndex
from ..loader import Document, to_pointer
from ..report import _NO_VALUE, Finding
from ..rules import EXAMPLE_PLAN, Rule, Severity, register

BASE_PLAN = EXAMPLE_PLAN


def integrity_rule(code: str, name: str, summary: str, rationale: str, fix: str, failing: str, passing: str,
                   severity: Severity = Severity.ERROR, files: dict[str, str] | None = None) -> Rule:
    return register(Rule(code=code, name=name, family="integrity", severity=severity, summary=summary,
                         rationale=rationale, fix=fix, failing=failing, passing=passing, files=files or {},
                         exit_code=1 if severity is Severity.ERROR else 0))


def finding(rule: Rule, document: Document, parts: Sequence[str | int], message: str, *, value: Any = _NO_VALUE,
            item: str | None = None, hint: str | None = None, key: bool = False) -> Finding:
    line, column = document.position(parts, key=key)
    return Finding(code=rule.code, message=message, severity=rule.severity, file=document.path, line=line,
                   column=column, pointer=to_pointer(parts), value=value, hint=hint or rule.fix, item=item)


Check = Callable[[PlanIndex], Iterable[Finding]]


def all_checks() -> list[tuple[Rule, Check]]:
    from . import (cycles, date_consistency, date_values, dates_in_period, period, reference_kinds, references,
                   unique_ids)

    return [(module.RULE, module.check) for module in (unique_ids, references, reference_kinds, cycles,
                                                        date_values, date_consistency, period, dates_in_period)]


# Importing registers every rule.
all_checks()
