"""I008 date-outside-period: due dates of milestones, outputs and objectives overlap the plan's period.

A warning, not an error: plans do list work that began before them or runs on
after them. A due date that lies wholly outside the period is still worth a
second look, since it is often a typing slip in the year.

Once the date has been checked and is right, say why in the date's own
``note`` (``due: {text: June 2022, value: 2022-06, note: "Begun before the
plan was agreed."}``), or in a note of kind ``timetable`` on the item (its
``notes``) or naming it in ``applies_to``. A date explained this way is not
reported again, by ``openplan validate`` or by ``openplan lint``.
"""

from ..dates import DateValueError, Span, resolve_value
from ..rules import Severity
from .base import finding, integrity_rule
from .period import plan_period

RULE = integrity_rule(
    "I008", "date-outside-period", "A due date lies wholly outside the plan's period.",
    "Most such dates are slips in the year (2052 for 2025); the rest deserve a note saying why.",
    "Correct the date. If it is right, say why in the date's `note` (or in a `timetable` note on the item); "
    "a date with a note explaining it is not reported again.",
    severity=Severity.WARNING)


def explained(index) -> set[str]:
    """Ids of the items whose timing a `timetable` note explains: in the item's own `notes`, or naming the item
    in `applies_to`."""
    found: set[str] = set()
    for node in index.nodes_of("Note"):
        if node.data.get("kind") != "timetable":
            continue
        named = node.data.get("applies_to")
        found.update(ident for ident in (named if isinstance(named, list) else ()) if isinstance(ident, str))
        holder = node.owner.parent if node.owner is not None and node.owner.kind == "Note" else node.owner
        if holder is not None and node.parts[:-2] == holder.parts:  # a note in the item's own `notes`
            found.add(holder.id)
    return found


def has_note(date) -> bool:
    """Whether a date carries a note of its own (the reviewed reason it lies where it does)."""
    note = date.get("note") if isinstance(date, dict) else None
    return isinstance(note, str) and bool(note.strip())


def check(index):
    bounds = plan_period(index.data)
    if not bounds or bounds[0] > bounds[1]:
        return
    period = Span(*bounds)
    reviewed = None
    for kind in ("Milestone", "Output", "Objective"):
        for item in index.of_kind(kind):
            due = item.data.get("due")
            if not isinstance(due, dict) or due.get("value") is None or has_note(due):
                continue
            try:
                span = resolve_value(due["value"], index.calendar)
            except DateValueError:
                continue
            if not span.overlaps(period):
                if reviewed is None:
                    reviewed = explained(index)
                if item.id in reviewed:
                    continue
                yield finding(RULE, item.document, item.parts + ("due",),
                              f"{kind.lower()} \"{item.id}\" is due {due.get('text') or due['value']}, outside the "
                              f"plan's period ({period.earliest} to {period.latest})", value=due.get("value"),
                              item=item.id)
