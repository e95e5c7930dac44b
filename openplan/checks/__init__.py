"""Integrity checks: what the JSON Schema alone cannot say.

One module per check; the module's docstring is the check's documentation and
its ``RULE`` holds the rule's data (code, rationale, fix). A check is a function
``check(index) -> Iterable[Finding]`` over a :class:`PlanIndex`. Three modules
check the files a plan names rather than its index: :mod:`.registries` (I009,
I010), :mod:`.previous_edition` (I011, I012) and :mod:`.cascade` (I020 to I022),
which validation calls as it loads those files.
"""

from __future__ import annotations

from . import (cycles, date_consistency, date_values, dates_in_period, levels, period, reference_kinds,
               references, report_figures, report_items, report_period, status_words, unique_ids)
from .base import Check, finding, integrity_rule
from ..rules import Rule

__all__ = ["Check", "all_checks", "finding", "integrity_rule"]

_CHECKS = (unique_ids, references, reference_kinds, cycles, date_values, date_consistency, period, dates_in_period,
           levels, report_items, report_period, status_words, report_figures)


def all_checks() -> list[tuple[Rule, Check]]:
    """Every check over the index, in the order validation runs them."""
    return [(module.RULE, module.check) for module in _CHECKS]
