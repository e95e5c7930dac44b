"""M204 target-without-date: every target says by when.

A target with no date cannot be missed, so it cannot be met either. A target
takes its date from its own ``due``, or else from the ``due`` of the output,
objective or milestone that holds the indicator.
"""

from . import Severity, lint_rule

RULE = lint_rule(
    "M204", "target-without-date", "measurability", Severity.WARNING,
    "A target has no due date, and neither does the item that holds it.",
    "A target with no date can never be missed, so it can never be met either.",
    "Add `due:` to the target, or to the output, objective or milestone it belongs to.")


def check(ctx):
    for indicator in ctx.items("Indicator"):
        targets = indicator.data.get("targets")
        if not isinstance(targets, list):
            continue
        holder = indicator.parent
        dated = holder is not None and bool(holder.data.get("due"))
        for number, target in enumerate(targets):
            if isinstance(target, dict) and not target.get("due") and not dated:
                shown = target.get("text") or target.get("value")
                yield ctx.finding(indicator.parts + ("targets", number, "value"),
                                  f'the target "{shown}" of indicator "{indicator.id}" has no due date',
                                  value=target.get("value"), item=indicator)
