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
* A recurring date repeats with an RRULE: ``annual`` is FREQ=YEARLY,
  ``quarterly`` FREQ=MONTHLY;INTERVAL=3 and ``monthly`` FREQ=MONTHLY. An
  occurrence lasts at most one period from the first day of the span; a span
  longer than that repeats within itself (UNTIL its last day), a shorter one
  repeats until the end of the plan's period. ``ongoing`` has no rule in
  iCalendar: the entry covers the whole span, and the loss report says so.
* With ``include=("outputs", "objectives")`` (``--include outputs,objectives``
  on the command line), dated outputs and objectives become entries too.
* A calendar with no entries is useless to a calendar program:
  :func:`empty_problem` says why it would be empty, and ``openplan convert``
  refuses to write it (exit code 2).

DTSTAMP is the time of the export, or ``SOURCE_DATE_EPOCH`` when that is set,
so that the same plan can give the same file.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone
from typing import Any

from ..dates import Span
from ..index import PlanIndex, date_span
from ..levels import declared, kind_name, objectives_of
from ..version import __version__
from .losses import LossKind, LossReport, item_of
from .registry import get
from .view import code_title, span_text

TBC = LossKind("V301", "date-to-be-confirmed", "dates to be confirmed cannot go in a calendar and are left out")
UNDATED = LossKind("V302", "no-date", "milestones with no date are left out")
OPEN_SPAN = LossKind("V303", "open-ended-date", "a date with an open start or end is shown on its one known day")
NOT_CALENDAR = LossKind("V304", "not-in-calendar", "a calendar holds only milestones and external events: areas, "
                                                   "objectives and outputs, with their own due dates, are left out",
                        hint="Add --include outputs,objectives to put dated outputs and objectives in the calendar.")
NO_RULE = LossKind("V305", "recurrence-without-rule", "a recurrence iCalendar has no rule for (ongoing) is shown as "
                                                      "one entry over the whole span")
# The kinds of loss this converter declares, listed for the catalogue (openplan/catalogue.py).
LOSSES: tuple[LossKind, ...] = (TBC, UNDATED, OPEN_SPAN, NOT_CALENDAR, NO_RULE)

# The recurrence codes iCalendar can repeat: frequency, interval, and the months one occurrence lasts at most.
RRULES = {"annual": ("YEARLY", 1, 12), "quarterly": ("MONTHLY", 3, 3), "monthly": ("MONTHLY", 1, 1)}
INCLUDE = get("ical").setting("include").values  # what --include may add, from the format table


def _span(date: dict[str, Any], index: PlanIndex | None) -> Span | None:
    return date_span(date, index)


def _stamp(now: datetime | None) -> datetime:
    if now is not None:
        return now.astimezone(timezone.utc)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        try:
            return datetime.fromtimestamp(int(epoch), timezone.utc)
        except (OverflowError, OSError, ValueError):  # past the year 9999, or what this system can count
            raise ValueError(f"SOURCE_DATE_EPOCH={epoch[:30]}{'...' if len(epoch) > 30 else ''} is too far in the "
                             "future to be a time stamp; set it to seconds since 1970, or unset it") from None
    return datetime.now(timezone.utc).replace(microsecond=0)


def _recurrence(report: LossReport, parts: tuple, when: dict[str, Any], label: str, ident: str) -> str | None:
    """The date's recurrence code when iCalendar can repeat it; a loss entry when it cannot."""
    code = when.get("recurrence")
    if code and code not in RRULES:
        report.add(NO_RULE, parts + ("recurrence",), f'{label} recurs "{code}", which no calendar rule repeats; it '
                   "is one entry over the whole span", item=ident, value=code)
    return code if code in RRULES else None


def _planned(data: dict[str, Any], include: tuple[str, ...], index: PlanIndex | None, report: LossReport):
    """Entries for the dated objectives and outputs of the kinds ``include`` names."""
    plan_id = str(data.get("id", "plan"))
    levels = declared(data)
    # every objective, under an area or under the plan itself
    for objective, at, _area in objectives_of(data):
        found = [("objectives", at, objective, None)]
        found += [("outputs", at + ("outputs", u), output, objective)
                  for u, output in enumerate(objective.get("outputs") or ()) if isinstance(output, dict)]
        for kind, parts, item, parent in found:
            due = item.get("due")
            if kind not in include or not isinstance(due, dict):
                continue
            ident = str(item.get("id", ""))
            label = f'{kind[:-1]} "{ident}"'
            span = None if due.get("tbc") else _span(due, index)
            if span is None:
                report.add(TBC if due.get("tbc") else UNDATED, parts + ("due",),
                           f'{label} is due "{due.get("text", "to be confirmed")}"', item=ident)
                continue
            if span.earliest is None or span.latest is None:
                report.add(OPEN_SPAN, parts + ("due",), f'"{due.get("text") or due.get("value")}" is shown on '
                           f"{(span.latest or span.earliest).isoformat()} only", item=ident)
            number = f"{item['number']} " if item.get("number") not in (None, "") else ""
            summary = f"{number}{item.get('title') or item.get('text') or ident}".strip()
            lines = [f"Due: {due['text']}" if due.get("text") else f"Due: {span_text(span)}"]
            if parent is not None:
                lines.append(f"{kind_name(levels, 'Objective', parent)}: {parent.get('number', '')} "
                             f"{parent.get('title', '')}".replace(":  ", ": ").rstrip())
            if due.get("note"):
                lines.append(f"Date note: {due['note']}")
            category = kind_name(levels, kind[:-1].capitalize(), item)
            yield (f"{ident}@{plan_id}", summary, "\n".join(lines), [category], span, parts,
                   _recurrence(report, parts + ("due",), due, label, ident))


def _left_out(data: dict[str, Any], include: tuple[str, ...]) -> int:
    """How many objectives and outputs are not calendar entries: not included, or with no date."""
    count = 0
    # every objective, under an area or under the plan itself
    for objective, _at, _area in objectives_of(data):
        outputs = [("outputs", output) for output in objective.get("outputs") or () if isinstance(output, dict)]
        for kind, item in [("objectives", objective), *outputs]:
            count += kind not in include or not isinstance(item.get("due"), dict)
    return count


def _entries(data: dict[str, Any], index: PlanIndex | None, report: LossReport, include: tuple[str, ...] = ()):
    """(uid, summary, description, categories, span, parts, recurrence) for every milestone and event that has
    a span, and the dated objectives and outputs ``include`` names."""
    plan_id = str(data.get("id", "plan"))
    names = {}
    if index is not None:
        names = {ident: (item.data.get("title") or item.data.get("name") or item.data.get("text") or ident)
                 for ident, item in index.items.items()}
    levels = declared(data)
    for position, milestone in enumerate(data.get("milestones") or ()):
        parts = ("milestones", position)
        ident = milestone.get("id", f"milestone-{position + 1}")
        category = kind_name(levels, "Milestone", milestone)
        if "title" not in milestone:  # untitled: the source publishes only a number
            number = milestone.get("number")
            milestone = {**milestone, "title": f"{category} {number}" if number not in (None, "") else ident}
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
        yield (f"{ident}@{plan_id}", str(milestone.get("title", ident)), "\n".join(lines), [category], span, parts,
               _recurrence(report, parts + ("due",), due, f'milestone "{milestone.get("title", ident)}"', ident))
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
        yield (f"{ident}@{owner}", title, "\n".join(lines), ["External event"] + ([kind] if kind else []), span,
               parts, _recurrence(report, parts + ("date",), date, f'event "{title}"', ident))
    yield from _planned(data, include, index, report)


def _months_on(day: date, months: int) -> date:
    """The same day ``months`` later (or the month's last day), for the length of one occurrence."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: every month has 28 days


def _period_end(data: dict[str, Any]) -> date | None:
    period = data.get("period")
    try:
        return date.fromisoformat(str(period.get("end"))) if isinstance(period, dict) else None
    except ValueError:
        return None


def _repeat(first: date, last: date, code: str, period_end: date | None) -> tuple[date, dict[str, Any]]:
    """The last day of the first occurrence, and the RRULE: within a long span, else to the plan's end."""
    freq, interval, months = RRULES[code]
    try:
        one = _months_on(first, months) - timedelta(days=1)
    except (ValueError, OverflowError):  # the year 9999
        one = last
    rule: dict[str, Any] = {"freq": freq, **({"interval": interval} if interval > 1 else {})}
    if one < last:  # several occurrences fit in the span
        return one, {**rule, "until": last}
    return last, {**rule, "until": period_end if period_end is not None and period_end > last else last}


def render(data: dict[str, Any], index: PlanIndex | None = None, *, now: datetime | None = None,
           include: tuple[str, ...] = ()) -> bytes:
    """The plan's milestones and external events (and the dated items ``include`` names) as an iCalendar file."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", f"-//OpenPlan//openplan {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", str(data.get("title", "Plan")))
    stamp = _stamp(now)
    period_end = _period_end(data)
    for uid, summary, description, categories, span, _, recurrence in _entries(data, index, LossReport("ical"),
                                                                                tuple(include)):
        first = span.earliest or span.latest
        last = span.latest or span.earliest
        rule = None
        if recurrence:
            last, rule = _repeat(first, last, recurrence, period_end)
        entry = Event()
        entry.add("uid", uid)
        entry.add("dtstamp", stamp)
        entry.add("dtstart", first)
        if last < date.max:
            entry.add("dtend", last + timedelta(days=1))
        else:  # the day after 31 December 9999 cannot be written; a duration says the same
            entry.add("duration", timedelta(days=(last - first).days + 1))
        entry.add("summary", summary)
        entry.add("description", description)
        entry.add("categories", categories)
        entry.add("transp", "TRANSPARENT")
        if rule:
            entry.add("rrule", rule)
        calendar.add_component(entry)
    return calendar.to_ical()


def losses(data: dict[str, Any], index: PlanIndex | None = None, document=None,
           include: tuple[str, ...] = ()) -> LossReport:
    report = LossReport("ical", document)
    for _ in _entries(data, index, report, tuple(include)):
        pass
    count = _left_out(data, tuple(include))
    if count:
        dated = count - _left_out(data, INCLUDE)
        more = f" ({dated} of them dated: --include {','.join(INCLUDE)} adds those)" if dated else ""
        report.add(NOT_CALENDAR, ("areas",), f"{count} objectives and outputs{more}", item=item_of((), data))
    return report


def entries(data: dict[str, Any], index: PlanIndex | None = None, include: tuple[str, ...] = ()) -> int:
    """How many entries the calendar of this plan holds."""
    return sum(1 for _ in _entries(data, index, LossReport("ical"), tuple(include)))


def problem(data: dict[str, Any], index: PlanIndex | None = None, *, include: tuple[str, ...] = ()) -> str | None:
    """The converter interface's check (see :mod:`openplan.convert.registry`): :func:`empty_problem`."""
    return empty_problem(data, index, tuple(include))


def empty_problem(data: dict[str, Any], index: PlanIndex | None = None, include: tuple[str, ...] = ()) -> str | None:
    """Why the calendar would hold no entries, or None when it holds some."""
    if entries(data, index, include):
        return None
    what = ", ".join(["milestones", "external events"] + [kind for kind in INCLUDE if kind in include])
    what = " or ".join(what.rsplit(", ", 1))
    message = f"the calendar would be empty: the plan has no {what} with a date"
    missing = [kind for kind in INCLUDE if kind not in include]
    if missing and entries(data, index, INCLUDE):
        message += f"; add --include {','.join(INCLUDE)} to put its dated {' and '.join(missing)} in it"
    return message
