"""iCalendar (RFC 5545): milestones and external events as all-day calendar entries.

* Each milestone, and each external event the plan defines or refers to,
  becomes a VEVENT whose UID is derived from the id of the file that defines
  it and the item's id (``ms.ukspf-plan@london-councils-shared-ambitions-...``),
  so the same item keeps the same UID in every export and a calendar updates
  it instead of adding a copy. A shared event from a registry takes the
  registry's id, so it is the same entry in every plan's calendar.
* A fuzzy date becomes an all-day span: DTSTART is its first day and DTEND the
  day after its last (both date values), so "Autumn 2022" runs from
  1 September to 30 November 2022. A date relative to an event takes the span
  worked out from the event.
* A date with an open start ("by January 2023") or an open end ("from
  September 2022") is shown on its one known day, with the wording in the
  description; the loss report lists it.
* A date to be confirmed, and a milestone with no date, cannot be put in a
  calendar: they are left out and listed in the loss report.

DTSTAMP is the time of the export, or ``SOURCE_DATE_EPOCH`` when that is set,
so that the same plan can give the same file.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from typing import Any

from ..dates import DateValueError, Span, relate, resolve_value
from ..index import PlanIndex
from ..version import __version__
from .losses import LossKind, LossReport, item_of
from .view import code_title, span_text

TBC = LossKind("V301", "date-to-be-confirmed", "dates to be confirmed cannot go in a calendar and are left out")
UNDATED = LossKind("V302", "no-date", "milestones with no date are left out")
OPEN_SPAN = LossKind("V303", "open-ended-date", "a date with an open start or end is shown on its one known day")
NOT_CALENDAR = LossKind("V304", "not-in-calendar", "a calendar holds only milestones and external events: areas, "
                                                   "objectives and outputs, with their own due dates, are left out")


def _span(date: dict[str, Any], index: PlanIndex | None) -> Span | None:
    value = date.get("value")
    if value is not None:
        try:
            return resolve_value(value)
        except DateValueError:
            return None
    event = date.get("relative_to")
    if isinstance(event, str) and index is not None and event in index.items:
        when = index.items[event].data.get("date") or {}
        if when.get("value") is not None:
            try:
                return relate(date.get("relation", "at"), resolve_value(when["value"]))
            except DateValueError:
                return None
    return None


def _stamp(now: datetime | None) -> datetime:
    if now is not None:
        return now.astimezone(timezone.utc)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def _entries(data: dict[str, Any], index: PlanIndex | None, report: LossReport):
    """(uid, summary, description, categories, span, parts) for every milestone and event that has a span."""
    plan_id = str(data.get("id", "plan"))
    names = {}
    if index is not None:
        names = {ident: (item.data.get("title") or item.data.get("name") or item.data.get("text") or ident)
                 for ident, item in index.items.items()}
    for position, milestone in enumerate(data.get("milestones") or ()):
        parts = ("milestones", position)
        ident = milestone.get("id", f"milestone-{position + 1}")
        due = milestone.get("due")
        if not isinstance(due, dict):
            report.add(UNDATED, parts, f'milestone "{milestone.get("title", ident)}" has no date', item=ident)
            continue
        span = None if due.get("tbc") else _span(due, index)  # a provisional date is still to be confirmed
        if span is None:
            kind = TBC if due.get("tbc") else UNDATED
            report.add(kind, parts + ("due",), f'milestone "{milestone.get("title", ident)}" is due '
                       f'"{due.get("text", "to be confirmed")}"', item=ident)
            continue
        lines = [f"Due: {due['text']}" if due.get("text") else f"Due: {span_text(span)}"]
        if span.earliest is None or span.latest is None:
            report.add(OPEN_SPAN, parts + ("due",), f'"{due.get("text") or due.get("value")}" is shown on '
                       f"{(span.latest or span.earliest).isoformat()} only", item=ident)
        if milestone.get("description"):
            lines.append(str(milestone["description"]))
        served = [names.get(ref, ref) for ref in (milestone.get("objectives") or []) + (milestone.get("outputs") or [])]
        if served:
            lines.append("Serves: " + "; ".join(str(name) for name in served))
        if due.get("note"):
            lines.append(f"Date note: {due['note']}")
        yield f"{ident}@{plan_id}", str(milestone.get("title", ident)), "\n".join(lines), ["Milestone"], span, parts
    events: list[tuple[str, dict, str, tuple]] = []
    for position, event in enumerate(data.get("events") or ()):
        events.append((str(event.get("id")), event, plan_id, ("events", position)))
    if index is not None:
        used = {r.target for r in index.references if r.document is index.main}
        for item in index.of_kind("Event", main_only=False):
            if item.document is not index.main and item.id in used:
                events.append((item.id, item.data, str(item.document.data.get("id", "registry")), ()))
    for ident, event, owner, parts in events:
        date = event.get("date") or {}
        span = None if date.get("tbc") else _span(date, index)
        title = str(event.get("title", ident))
        if span is None:
            kind = TBC if date.get("tbc") else UNDATED
            report.add(kind, parts + ("date",), f'event "{title}" is dated "{date.get("text", "to be confirmed")}"',
                       item=ident)
            continue
        if span.earliest is None or span.latest is None:
            report.add(OPEN_SPAN, parts + ("date",), f'"{date.get("text") or date.get("value")}" is shown on '
                       f"{(span.latest or span.earliest).isoformat()} only", item=ident)
        lines = [f"Date: {date['text']}" if date.get("text") else f"Date: {span_text(span)}"]
        if event.get("description"):
            lines.append(str(event["description"]))
        kind = code_title("event-kind", event.get("kind")) if event.get("kind") else ""
        yield f"{ident}@{owner}", title, "\n".join(lines), ["External event"] + ([kind] if kind else []), span, parts


def render(data: dict[str, Any], index: PlanIndex | None = None, *, now: datetime | None = None) -> bytes:
    """The plan's milestones and external events as an iCalendar file."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", f"-//OpenPlan//openplan {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", str(data.get("title", "Plan")))
    stamp = _stamp(now)
    for uid, summary, description, categories, span, _ in _entries(data, index, LossReport("ical")):
        first = span.earliest or span.latest
        last = span.latest or span.earliest
        entry = Event()
        entry.add("uid", uid)
        entry.add("dtstamp", stamp)
        entry.add("dtstart", first)
        entry.add("dtend", last + timedelta(days=1))
        entry.add("summary", summary)
        entry.add("description", description)
        entry.add("categories", categories)
        entry.add("transp", "TRANSPARENT")
        calendar.add_component(entry)
    return calendar.to_ical()


def losses(data: dict[str, Any], index: PlanIndex | None = None, document=None) -> LossReport:
    report = LossReport("ical", document)
    for _ in _entries(data, index, report):
        pass
    count = 0
    for area in data.get("areas") or ():
        for objective in area.get("objectives") or ():
            count += 1 + len(objective.get("outputs") or ())
    if count:
        report.add(NOT_CALENDAR, ("areas",), f"{count} objectives and outputs", item=item_of((), data))
    return report
