"""R705 report-skips-items: a report covers what the previous report covered.

When a report names the report before it with `previous.path`, every item and indicator the previous report
gave an update or figure for should appear again, even if only to say it is complete. An item that silently
drops out of the cycle is how slippage goes unnoticed.
"""

from ...performance.previous import previous_report
from . import Severity, lint_rule
from ._reports import indicator_name, is_report, named

RULE = lint_rule(
    "R705", "report-skips-items", "performance", Severity.WARNING,
    "A progress report leaves out items or indicators the previous report covered.",
    "An item that drops out of the quarterly report without a word is how slippage goes unnoticed.",
    "Add an update (or figure) for the item, if only to say it is complete, deferred or cancelled.")

_KEYS = (("updates", "item"), ("observations", "indicator"))


def check(ctx):
    if not is_report(ctx):
        return
    earlier = previous_report(ctx.document)
    if earlier is None:
        return
    where = ctx.data["previous"]["path"]
    for key, field in _KEYS:
        here = {entry.get(field) for entry in ctx.data.get(key) or () if isinstance(entry, dict)}
        for entry in earlier.get(key) or ():
            ident = entry.get(field) if isinstance(entry, dict) else None
            if not isinstance(ident, str) or ident in here:
                continue
            here.add(ident)  # once per item
            item = ctx.index.items.get(ident)
            if item is None:
                what = f'"{ident}"'
            else:
                what = f"{indicator_name(item) if item.kind == 'Indicator' else named(ctx, item)} ({ident})"
            yield ctx.finding(("previous", "path"), f"{what} is in the previous report {where} and not in this one",
                              item=ident)
