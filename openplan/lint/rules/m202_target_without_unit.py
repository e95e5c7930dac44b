"""M202 target-without-unit: an indicator with targets says what it counts.

"100" of what? Apprentices, per cent, charging points? Without a unit, a
target cannot be read, added up across boroughs or compared between years.
"""

from ..context import label
from . import Severity, lint_rule

RULE = lint_rule(
    "M202", "target-without-unit", "measurability", Severity.WARNING,
    "An indicator has targets but no unit.",
    "A target of '100' means nothing until it says 100 of what; values without units cannot be added up or "
    "compared.",
    "Add `unit:` to the indicator: apprentices, %, charging points, days.")


def check(ctx):
    for indicator in ctx.items("Indicator"):
        if indicator.data.get("targets") and not str(indicator.data.get("unit") or "").strip():
            yield ctx.finding(indicator.parts + ("id",), f"indicator {label(indicator)} has targets but no unit",
                              item=indicator)
