"""D301 date-outside-period: targets and event-relative dates fall within the plan's period.

Validation already warns (I008) when a due date written as a value lies
wholly outside the period. This rule covers the dates I008 cannot see: the
due dates of targets, and due dates given relative to an event ("ahead of
Spending Review 2020"), resolved through the event's own date.

As with I008, a date that is right where it is says why in its own
``note``, or in a ``timetable`` note on the item (or naming it in
``applies_to``); such a date is not reported again.
"""

from ...checks.dates_in_period import explained, has_note
from . import Severity, lint_rule

RULE = lint_rule(
    "D301", "date-outside-period", "schedule", Severity.WARNING,
    "A target's due date, or a date relative to an event, lies wholly outside the plan's period.",
    "A date outside the period is usually a slip in the year, or an event dated wrongly; either way the "
    "timeline is wrong.",
    "Correct the date or the event's date. If it is right, say why in the date's `note` (or in a `timetable` "
    "note on the item); a date with a note explaining it is not reported again.")
_HOLDERS = ("Milestone", "Output", "Objective")


def check(ctx):
    period = ctx.period
    if period is None:
        return
    for ref in ctx.dates:
        if ref.span is None or ref.field != "due":
            continue
        target = len(ref.parts) >= 3 and ref.parts[-3] == "targets"
        relative = ref.data.get("value") is None and ref.data.get("relative_to")
        owner = ref.owner
        if not target and not (relative and owner is not None and owner.kind in _HOLDERS):
            continue
        if ref.span.overlaps(period) or has_note(ref.data):
            continue
        if owner is not None and owner.id in _explained(ctx):
            continue
        what = "a target" if target else f"{ctx.kind_word(owner)} \"{owner.id}\""
        events = ref.data.get("relative_to")
        when = ref.data.get("text") or ref.data.get("value") or (
            " and ".join(events) if isinstance(events, list) else events)
        yield ctx.finding(ref.parts, f"{what} is due {when} ({_show(ref.span)}), outside the plan's period "
                          f"({period.earliest} to {period.latest})", item=owner)


def _show(span) -> str:
    if span.earliest and span.latest:
        return f"{span.earliest} to {span.latest}" if span.earliest != span.latest else str(span.earliest)
    return f"by {span.latest}" if span.latest else f"from {span.earliest}"


def _explained(ctx) -> set[str]:
    cache = ctx.shared.__dict__.get("_timetable_notes")
    if cache is None:
        cache = ctx.shared.__dict__["_timetable_notes"] = explained(ctx.index)
    return cache
