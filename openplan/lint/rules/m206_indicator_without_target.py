"""M206 indicator-without-target: an indicator says what the plan aims for.

An indicator with no target measures without aiming: the plan cannot be
judged by it. Indicators kept only for context are better stated as a note.
"""

from ..context import label
from . import Severity, lint_rule
from .m202_target_without_unit import _START

_REST = "            unit: apprentices\n            direction: increase\n            baseline: {value: 40}\n"
RULE = lint_rule(
    "M206", "indicator-without-target", "measurability", Severity.INFO,
    "An indicator has no target.",
    "An indicator with no target measures without aiming; the plan cannot be judged by it.",
    "Add `targets:` with the value to reach and when, or move the figure into a note if it is context only.",
    failing=_START + _REST,
    passing=_START + _REST + "            targets: [{value: 100, due: {text: March 2026, value: \"2026-03\"}}]\n")


def check(ctx):
    for indicator in ctx.items("Indicator"):
        if not indicator.data.get("targets"):
            yield ctx.finding(indicator.parts + ("id",), f"indicator {label(indicator)} has no target",
                              item=indicator)
