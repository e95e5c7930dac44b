"""R702 red-or-amber-without-commentary: a red or amber update says why.

An update the report rates red or amber (given as `rag`, or meant by its council word in `stage`) carries the
commentary the council published, or the reason for the change. A rating without a word of explanation is the
first thing scrutiny asks about.
"""

from . import Severity, lint_rule
from ._reports import is_report, named, updates

RULE = lint_rule(
    "R702", "red-or-amber-without-commentary", "performance", Severity.WARNING,
    "A red or amber update in a progress report has no commentary.",
    "A red or amber rating is where members look first; without commentary they cannot tell what went wrong or "
    "what is being done about it.",
    "Add `commentary:` with the explanation the report publishes (or `reason:` for why the status changed).")


def check(ctx):
    if not is_report(ctx):
        return
    for position, update, item, _status, rag in updates(ctx):
        if rag not in ("red", "amber") or update.get("commentary") or update.get("reason"):
            continue
        field = "rag" if update.get("rag") else "stage" if update.get("stage") else "item"
        yield ctx.finding(("updates", position, field), f"{named(ctx, item)} is {rag} and has no commentary",
                          item=item.id)
