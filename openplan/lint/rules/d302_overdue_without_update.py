"""D302 overdue-without-update: a milestone or output past its date says how it went.

Once the last day of a due date has passed, a plan in force should record
what happened: a progress update dated on or after the due date, or a
status of complete, deferred or cancelled. Only plans whose edition status
is in ``editions`` (a draft, out for consultation or approved) are checked;
superseded and withdrawn plans are history.

"Today" is the day the linter runs, or ``today`` in the configuration, so a
run can be repeated exactly. ``grace-days`` allows time for the update to be
written.

A due date with a ``recurrence`` (``annual``, ``quarterly``, ``monthly`` or
``ongoing``) names work that repeats or continues through its span, not a
single delivery date, so it is never overdue in this sense.
"""

from datetime import timedelta

from . import Severity, lint_rule

OPTIONS = {"grace-days": 0, "editions": ["draft", "consultation", "approved"]}
_DONE = ("complete", "deferred", "cancelled")
RULE = lint_rule(
    "D302", "overdue-without-update", "schedule", Severity.WARNING,
    "A milestone or output is past its due date and has no progress update since.",
    "A plan in force that says nothing about work past its date leaves members and residents to assume it "
    "happened.",
    "Add a `progress:` entry dated on or after the due date with its status (complete, deferred, ...), or move "
    "the date.")


def updated(item, latest) -> bool:
    for update in item.data.get("progress") or ():
        if not isinstance(update, dict):
            continue
        if update.get("status") in _DONE:
            return True
        when = str(update.get("date") or "")
        if when >= latest.isoformat():
            return True
    return False


def check(ctx):
    if ctx.edition_status not in ctx.options["editions"]:
        return
    cutoff = ctx.today - timedelta(days=ctx.options["grace-days"])
    for kind in ("Milestone", "Output"):
        for item in ctx.items(kind):
            due = item.data.get("due")
            if isinstance(due, dict) and due.get("recurrence"):
                continue  # recurring or ongoing work has no single date to be overdue against
            span = ctx.span(due)
            if span is None or span.latest is None or span.latest >= cutoff:
                continue
            if updated(item, span.latest):
                continue
            wording = item.data["due"].get("text") or item.data["due"].get("value") or ""
            yield ctx.finding(item.parts + ("due",), f"{ctx.named(item)} was due by {span.latest} "
                              f"({wording}) and has no progress update since", item=item)
