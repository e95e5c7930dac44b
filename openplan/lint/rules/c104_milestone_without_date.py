"""C104 milestone-without-date: a milestone says when.

A milestone is a dated point of delivery; without a date it cannot go on a
timeline, be counted as overdue or be reported on. A date may be a value, a
date relative to an event ("ahead of the Spending Review") or an explicit
``tbc: true``. A milestone split into dated parts (``part_of``) is dated
through its parts.
"""

from . import Severity, lint_rule

RULE = lint_rule(
    "C104", "milestone-without-date", "completeness", Severity.WARNING,
    "A milestone has no due date, and no dated parts.",
    "A milestone without a date cannot go on a timeline or be reported as on time or overdue.",
    "Add `due:` with the published wording and a value, or `tbc: true` if the date is not yet known.")


def check(ctx):
    for milestone in ctx.items("Milestone"):
        if milestone.data.get("due"):
            continue
        parts = [m for m in ctx.referred_by(milestone.id, "part_of", "Milestone")]
        if parts and all(part.data.get("due") for part in parts):
            continue
        yield ctx.finding(milestone.parts + ("id",), f"{ctx.named(milestone)} has no due date", item=milestone)
