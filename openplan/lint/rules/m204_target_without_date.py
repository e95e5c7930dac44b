"""M204 target-without-date: every target says by when.

A target with no date cannot be missed, so it cannot be met either. A target
takes its date from its own ``due`` or the ``period`` it is set for, or else
from the ``due`` of the output, objective or milestone that holds the
indicator; an indicator listed at the top of the plan takes it from any item
that names it under ``measured_by``.
"""

from . import Severity, lint_rule

RULE = lint_rule(
    "M204", "target-without-date", "measurability", Severity.WARNING,
    "A target has no due date, and neither does the item that holds it.",
    "A target with no date can never be missed, so it can never be met either.",
    "Add `due:` (or the `period` it is for) to the target, or `due:` to the output, objective or milestone it "
    "belongs to.")


def check(ctx):
    for indicator in ctx.items("Indicator"):
        targets = indicator.data.get("targets")
        if not isinstance(targets, list):
            continue
        holders = [indicator.parent] if indicator.parent is not None else ctx.referred_by(indicator.id, "measured_by")
        dated = any(bool(holder.data.get("due")) for holder in holders)
        for number, target in enumerate(targets):
            if isinstance(target, dict) and not target.get("due") and not target.get("period") and not dated:
                shown = target.get("text") or target.get("value")
                which = f'the target "{shown}"' if shown is not None else "a target"  # a relative one has neither
                yield ctx.finding(indicator.parts + ("targets", number, "value"),
                                  f'{which} of indicator "{indicator.id}" has no due date',
                                  value=target.get("value"), item=indicator)
