"""M206 indicator-without-target: an indicator says what the plan aims for.

An indicator with no target measures without aiming: the plan cannot be
judged by it. Indicators kept only for context are better stated as a note.
"""

from ..context import label
from . import Severity, lint_rule

RULE = lint_rule(
    "M206", "indicator-without-target", "measurability", Severity.INFO,
    "An indicator has no target.",
    "An indicator with no target measures without aiming; the plan cannot be judged by it.",
    "Add `targets:` with the value to reach and when, or move the figure into a note if it is context only.")


def check(ctx):
    for indicator in ctx.items("Indicator"):
        if not indicator.data.get("targets"):
            yield ctx.finding(indicator.parts + ("id",), f"indicator {label(indicator)} has no target",
                              item=indicator)
