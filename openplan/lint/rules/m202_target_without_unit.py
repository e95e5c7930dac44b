"""M202 target-without-unit: an indicator with targets says what it counts.

"100" of what? Apprentices, per cent, charging points? Without a unit, a
target cannot be read, added up across boroughs or compared between years.
"""

from ..context import label
from . import BASE_PLAN, Severity, lint_rule

_START = BASE_PLAN + "areas:\n  - id: area.skills\n    title: Skills\n    objectives:\n" \
                     "      - id: obj.apprentices\n        title: Apprentices\n        indicators:\n" \
                     "          - id: ind.apprentices\n            title: Digital apprentices in place\n"
_REST = "            direction: increase\n            baseline: {value: 40}\n" \
        "            targets: [{value: 100, due: {text: March 2026, value: \"2026-03\"}}]\n"
RULE = lint_rule(
    "M202", "target-without-unit", "measurability", Severity.WARNING,
    "An indicator has targets but no unit.",
    "A target of '100' means nothing until it says 100 of what; values without units cannot be added up or "
    "compared.",
    "Add `unit:` to the indicator: apprentices, %, charging points, days.",
    failing=_START + _REST,
    passing=_START + "            unit: apprentices\n" + _REST)


def check(ctx):
    for indicator in ctx.items("Indicator"):
        if indicator.data.get("targets") and not str(indicator.data.get("unit") or "").strip():
            yield ctx.finding(indicator.parts + ("id",), f"indicator {label(indicator)} has targets but no unit",
                              item=indicator)
