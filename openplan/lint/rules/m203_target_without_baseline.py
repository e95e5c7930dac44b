"""M203 target-without-baseline: an indicator with targets says where it starts.

A target of 100 apprentices is ambitious from 10 and trivial from 95. The
baseline is what makes a target a measure of change.
"""

from ..context import label
from . import Severity, lint_rule

RULE = lint_rule(
    "M203", "target-without-baseline", "measurability", Severity.WARNING,
    "An indicator has targets but no baseline (starting value).",
    "A target is a measure of change only against where things start: 100 is ambitious from 10 and trivial "
    "from 95.",
    "Add `baseline:` with the starting value and its date.")


def check(ctx):
    for indicator in ctx.items("Indicator"):
        if indicator.data.get("targets") and not indicator.data.get("baseline"):
            yield ctx.finding(indicator.parts + ("id",), f"indicator {label(indicator)} has targets but no baseline",
                              item=indicator)
