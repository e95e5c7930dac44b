"""M205 indicator-without-direction: an indicator says which way is better.

Is a rise in the number of households in temporary accommodation good news?
Only the ``direction`` (increase, decrease or maintain) lets a report colour
a change red or green without guessing.
"""

from ..context import label
from . import Severity, lint_rule

RULE = lint_rule(
    "M205", "indicator-without-direction", "measurability", Severity.WARNING,
    "An indicator does not say whether higher or lower values are better.",
    "Without a direction a report cannot tell a rise from an improvement, and has to guess the colour.",
    "Add `direction:` with increase, decrease or maintain.")


def check(ctx):
    for indicator in ctx.items("Indicator"):
        if not indicator.data.get("direction"):
            yield ctx.finding(indicator.parts + ("id",), f"indicator {label(indicator)} has no direction",
                              item=indicator)
