"""I042 report-period-outside-plan: a progress report's period lies within the period of the plan it reports on.

The period is read in the plan's calendar (FY2014-Q2 of a plan whose year starts in April is July to
September 2014). Not checked when the plan could not be read.
"""

from __future__ import annotations

from ..dates import Span
from .base import finding, integrity_rule
from .period import plan_period

RULE = integrity_rule(
    "I042", "report-period-outside-plan",
    "A progress report's period is not within the period of the plan it reports on.",
    "A report on a quarter the plan does not cover is usually a slip in the year, or a report on the wrong plan.",
    "Correct the report's `period` (the message gives the plan's period), or name the plan that covers it.")


def check(index):
    if index.plan is None or index.data.get("kind") != "report":
        return
    bounds = plan_period(index.plan.data)
    period = index.data.get("period")
    span = index.span(period) if isinstance(period, dict) else None
    if not bounds or bounds[0] > bounds[1] or span is None or (span.earliest is None and span.latest is None):
        return
    if not Span(*bounds).contains(span):
        words = period.get("text") or period.get("value")
        yield finding(RULE, index.main, ("period",),
                      f'the report\'s period {words} ({span.earliest} to {span.latest}) is not within the period of '
                      f'the plan "{index.plan.data.get("id")}" ({bounds[0]} to {bounds[1]})',
                      value=period.get("value"), item=index.data.get("id"))
