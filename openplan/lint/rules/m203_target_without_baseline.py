"""M203 target-without-baseline: an indicator with targets says where it starts.

A target of 100 apprentices is ambitious from 10 and trivial from 95. The
baseline is what makes a target a measure of change.
"""

from ..context import label
from . import Severity, lint_rule
from .m202_target_without_unit import _START

_REST = "            unit: apprentices\n            direction: increase\n" \
        "            targets: [{value: 100, due: {text: March 2026, value: \"2026-03\"}}]\n"
RULE = lint_rule(
    "M203", "target-without-baseline", "measurability", Severity.WARNING,
    "An indicator has targets but no baseline (starting value).",
    "A target is a measure of change only against where things start: 100 is ambitious from 10 and trivial "
    "from 95.",
    "Add `baseline:` with the starting value and its date.",
    failing=_START + _REST,
    passing=_START + _REST + "            baseline: {value: 40, date: {text: April 2025, value: \"2025-04\"}}\n")


def check(ctx):
    for indicator in ctx.items("Indicator"):
        if indicator.data.get("targets") and not indicator.data.get("baseline"):
            yield ctx.finding(indicator.parts + ("id",), f"indicator {label(indicator)} has targets but no baseline",
                              item=indicator)
