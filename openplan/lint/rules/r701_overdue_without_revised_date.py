"""R701 overdue-without-revised-date: an item the report says is late gives its revised date.

An item of the plan due before the end of the reporting period (by the last day of its due date) that the
report does not show as complete, cancelled or deferred is overdue. Its update then gives `revised_due`: the
date it is now expected, with the wording the council published. A due date with a ``recurrence`` names
continuing work and is never overdue in this sense.
"""

from . import Severity, lint_rule
from ._reports import DONE, is_report, named, updates

RULE = lint_rule(
    "R701", "overdue-without-revised-date", "performance", Severity.WARNING,
    "A progress report's item is past its due date, not complete, and has no revised date.",
    "Members reading a report need to know when late work will now be done; an overdue item without a revised "
    "date leaves them to guess, and slippage cannot be tracked from one quarter to the next.",
    "Add `revised_due:` to the update with the new date and its wording, or a status of complete, deferred or "
    "cancelled if that is what the report says.")


def check(ctx):
    if not is_report(ctx):
        return
    period = ctx.data.get("period")
    end = ctx.span(period) if isinstance(period, dict) else None
    if end is None or end.latest is None:
        return
    for position, update, item, status, _rag in updates(ctx):
        due = item.data.get("due")
        if not isinstance(due, dict) or due.get("recurrence") or status in DONE or update.get("revised_due"):
            continue
        span = ctx.span(due)
        if span is None or span.latest is None or span.latest >= end.latest:
            continue
        wording = due.get("text") or due.get("value")
        yield ctx.finding(("updates", position, "item"),
                          f"{named(ctx, item)} was due by {span.latest} ({wording}), before the end of the "
                          f"reporting period ({end.latest}), is not complete and has no revised date",
                          item=item.id)
