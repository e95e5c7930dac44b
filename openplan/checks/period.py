"""I007 period-order: a plan's period starts on or before the day it ends."""

from datetime import date

from .base import finding, integrity_rule

RULE = integrity_rule(
    "I007", "period-order", "The plan's period ends before it starts.",
    "Every date check, timeline and overdue report is measured against the period.",
    "Swap or correct the start and end days.")


def plan_period(data):
    period = data.get("period")
    if not isinstance(period, dict):
        return None
    try:
        return date.fromisoformat(period.get("start")), date.fromisoformat(period.get("end"))
    except (TypeError, ValueError):
        return None


def check(index):
    bounds = plan_period(index.data)
    if bounds and bounds[0] > bounds[1]:
        yield finding(RULE, index.main, ("period",),
                      f"the period starts on {bounds[0]} but ends on {bounds[1]}", item=index.data.get("id"))
