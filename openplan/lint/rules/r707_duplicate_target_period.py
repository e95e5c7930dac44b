"""R707 duplicate-target-period: an indicator has one target per period.

Targets set per reporting period (`period: {value: FY2025-Q2}`) say what the indicator aims for in that period;
a progress report's figure is judged against it. Two targets for the same period leave it unclear which is in
force: OpenPlan takes the first, and the report's RAG rating may rest on the wrong one.
"""

from . import Severity, lint_rule
from ._reports import indicator_name

RULE = lint_rule(
    "R707", "duplicate-target-period", "performance", Severity.WARNING,
    "An indicator has two targets for the same period.",
    "With two targets for one period it is unclear which is in force, and figures may be rated against the wrong "
    "one.",
    "Keep one target per period: remove the duplicate, or correct its `period` (a forecast or benchmark beside the "
    "target can say `kind: forecast` or `kind: benchmark`, with its own period).")


def check(ctx):
    for indicator in ctx.items("Indicator"):
        seen: dict[tuple, int] = {}
        for position, target in enumerate(indicator.data.get("targets") or ()):
            period = target.get("period") if isinstance(target, dict) else None
            if not isinstance(period, dict) or period.get("value") is None:
                continue
            key = (str(period["value"]), target.get("kind") or "target")
            if key in seen:
                yield ctx.finding(indicator.parts + ("targets", position, "period", "value"),
                                  f"{indicator_name(indicator)} has two targets for the period {period['value']} "
                                  f"(targets {seen[key] + 1} and {position + 1})", item=indicator.id)
            else:
                seen[key] = position
