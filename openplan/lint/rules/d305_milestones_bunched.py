"""D305 milestones-bunched: milestones are spread over the year, not piled into one month.

When more than ``threshold`` milestones fall due in the same month, the
month is either unrealistic or a placeholder ("everything by March"). Only
dates within a single month are counted; a season or quarter is not.
"""

from collections import defaultdict

from . import Severity, lint_rule

OPTIONS = {"threshold": 5}


RULE = lint_rule(
    "D305", "milestones-bunched", "schedule", Severity.WARNING,
    "More milestones fall due in one month than the threshold allows.",
    "A month with many milestones is either unrealistic or a placeholder date; both hide the real schedule.",
    "Spread the milestones over the dates they will really be met, or raise `threshold` if the month is real.")


def check(ctx):
    months = defaultdict(list)
    for milestone in ctx.items("Milestone"):
        span = ctx.span(milestone.data.get("due"))
        if span is None or span.earliest is None or span.latest is None:
            continue
        if (span.earliest.year, span.earliest.month) != (span.latest.year, span.latest.month):
            continue
        months[span.earliest.strftime("%Y-%m")].append(milestone)
    threshold = ctx.options["threshold"]
    for month, milestones in sorted(months.items()):
        if len(milestones) > threshold:
            first = min(milestones, key=lambda m: ctx.order(m.parts))
            yield ctx.finding(first.parts + ("due",), f"{len(milestones)} milestones fall due in "
                              f"{_name(month)} (more than {threshold})", value=month, item=first)


def _name(month: str) -> str:
    from datetime import date

    return date.fromisoformat(month + "-01").strftime("%B %Y")
