"""I008 date-outside-period: due dates of milestones, outputs and objectives overlap the plan's period.

A warning, not an error: plans do list work that began before them or runs on
after them. A due date that lies wholly outside the period is still worth a
second look, since it is often a typing slip in the year.
"""

from ..dates import DateValueError, Span, resolve_value
from ..rules import Severity
from . import BASE_PLAN, finding, integrity_rule
from .period import plan_period

RULE = integrity_rule(
    "I008", "date-outside-period", "A due date lies wholly outside the plan's period.",
    "Most such dates are slips in the year (2052 for 2025); the rest deserve a note saying why.",
    "Correct the date, or add a note explaining why the item is due outside the plan's period.",
    failing=BASE_PLAN + "milestones:\n  - {id: ms.a, title: Launch, due: {text: May 2052, value: 2052-05}}\n",
    passing=BASE_PLAN + "milestones:\n  - {id: ms.a, title: Launch, due: {text: May 2025, value: 2025-05}}\n",
    severity=Severity.WARNING)


def check(index):
    bounds = plan_period(index.data)
    if not bounds or bounds[0] > bounds[1]:
        return
    period = Span(*bounds)
    for kind in ("Milestone", "Output", "Objective"):
        for item in index.of_kind(kind):
            due = item.data.get("due")
            if not isinstance(due, dict) or due.get("value") is None:
                continue
            try:
                span = resolve_value(due["value"])
            except DateValueError:
                continue
            if not span.overlaps(period):
                yield finding(RULE, item.document, item.parts + ("due",),
                              f"{kind.lower()} \"{item.id}\" is due {due.get('text') or due['value']}, outside the "
                              f"plan's period ({period.earliest} to {period.latest})", value=due.get("value"),
                              item=item.id)
