"""OpenPlan date values: fuzzy dates as plans write them, resolved to day spans.

A date value is a string in ISO 8601-2 (EDTF) where EDTF can say it, plus the
UK financial year, which EDTF cannot:

==================  ====================  =====================================
value               meaning               span
==================  ====================  =====================================
``2022-07-14``      a day                 that day
``2022-07``         a month               1 to 31 July 2022
``2022``            a year                1 January to 31 December 2022
``2022-21``         spring (EDTF)         1 March to 31 May 2022
``2022-22``         summer (EDTF)         1 June to 31 August 2022
``2022-23``         autumn (EDTF)         1 September to 30 November 2022
``2022-24``         winter (EDTF)         1 December 2022 to 28 February 2023
``2022-33``..``36`` calendar Q1..Q4       Q1 = January to March, and so on
``2022-40``/``41``  calendar half 1 / 2   January to June / July to December
``FY2020``          financial year        1 April 2020 to 31 March 2021
``FY2020-Q1``..Q4   financial quarter     Q1 = April to June 2020 ... Q4 =
                                          January to March 2021
``FY2020-H1``/H2    financial half        April to September / October to March
``A/B``             interval              earliest of A to latest of B
``2022-09/..``      open end              from 1 September 2022
``../2023-01``      open start            by 31 January 2023
==================  ====================  =====================================

A value may end in an EDTF qualifier: ``?`` (uncertain), ``~`` (approximate)
or ``%`` (both). Qualifiers are kept but do not change the span.

This module is pure computation: it never reads files and never prints.
"""

from __future__ import annotations

import calendar as _calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Callable

POINT_PATTERN = (
    r"(?:FY[0-9]{4}(?:-(?:Q[1-4]|H[12]))?"
    r"|[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?|-(?:2[1-4]|3[3-6]|4[01]))?)"
    r"[?~%]?"
)
VALUE_PATTERN = rf"^(?:{POINT_PATTERN}|(?:{POINT_PATTERN}|\.\.)/(?:{POINT_PATTERN}|\.\.))$"
_VALUE_RE = re.compile(VALUE_PATTERN)

SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 14)}  # 14 = February next year
QUARTER_MONTHS = {33: (1, 3), 34: (4, 6), 35: (7, 9), 36: (10, 12)}
HALF_MONTHS = {40: (1, 6), 41: (7, 12)}
FINANCIAL_QUARTER_MONTHS = {"Q1": (4, 6), "Q2": (7, 9), "Q3": (10, 12), "Q4": (13, 15)}
FINANCIAL_HALF_MONTHS = {"H1": (4, 9), "H2": (10, 15)}


class DateValueError(ValueError):
    """A date value that matches no form above, or names a day that does not exist."""


@dataclass(frozen=True)
class Span:
    """The days a date value covers. ``None`` at either end means open."""

    earliest: date | None
    latest: date | None

    def contains(self, other: "Span") -> bool:
        if other.earliest is not None and self.earliest is not None and other.earliest < self.earliest:
            return False
        if other.latest is not None and self.latest is not None and other.latest > self.latest:
            return False
        return True

    def overlaps(self, other: "Span") -> bool:
        if self.latest is not None and other.earliest is not None and other.earliest > self.latest:
            return False
        if other.latest is not None and self.earliest is not None and self.earliest > other.latest:
            return False
        return True


def _month_span(year: int, first: int, last: int) -> Span:
    """Months numbered past 12 run into the next year (13 = January next year)."""
    start_year, start_month = year + (first - 1) // 12, (first - 1) % 12 + 1
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    last_day = _calendar.monthrange(end_year, end_month)[1]
    return Span(date(start_year, start_month, 1), date(end_year, end_month, last_day))


def is_value(text: str) -> bool:
    return bool(_VALUE_RE.fullmatch(text))


def resolve_point(text: str) -> Span:
    body = text.rstrip("?~%")
    try:
        if body.startswith("FY"):
            year = int(body[2:6])
            part = body[7:]
            if not part:
                return _month_span(year, 4, 15)
            months = FINANCIAL_QUARTER_MONTHS.get(part) or FINANCIAL_HALF_MONTHS[part]
            return _month_span(year, *months)
        pieces = body.split("-")
        year = int(pieces[0])
        if len(pieces) == 1:
            return _month_span(year, 1, 12)
        code = int(pieces[1])
        if len(pieces) == 3:
            day = date(year, code, int(pieces[2]))
            return Span(day, day)
        if code <= 12:
            return _month_span(year, code, code)
        months = SEASON_MONTHS.get(code) or QUARTER_MONTHS.get(code) or HALF_MONTHS[code]
        return _month_span(year, *months)
    except (KeyError, ValueError) as exc:
        raise DateValueError(f"{text!r} is not a day that exists") from exc


def resolve_value(value: str | int) -> Span:
    """The span of a date value such as ``"2022-23"`` (autumn 2022) or ``"FY2020-Q1"``."""
    text = str(value)
    if not _VALUE_RE.fullmatch(text):
        raise DateValueError(f"{text!r} is not an OpenPlan date value")
    if "/" not in text:
        return resolve_point(text)
    start, end = text.split("/", 1)
    if start == ".." and end == "..":
        raise DateValueError("an interval needs at least one end")
    earliest = None if start == ".." else resolve_point(start).earliest
    latest = None if end == ".." else resolve_point(end).latest
    if earliest is not None and latest is not None and earliest > latest:
        raise DateValueError(f"{text!r} ends before it starts")
    return Span(earliest, latest)


def shift(day: date, days: int) -> date:
    """``day`` moved by ``days``, held at 1 January 1 and 31 December 9999 (Python's calendar ends there)."""
    ordinal = min(max(day.toordinal() + days, date.min.toordinal()), date.max.toordinal())
    return date.fromordinal(ordinal)


def relate(relation: str, event: Span) -> Span:
    """The span of a date given relative to an event, e.g. ``before`` Spending Review 2020."""
    if relation == "before":
        return Span(None, shift(event.earliest, -1) if event.earliest else None)
    if relation == "by":
        return Span(None, event.latest)
    if relation == "after":
        return Span(shift(event.latest, 1) if event.latest else None, None)
    if relation == "from":
        return Span(event.earliest, None)
    return event


def resolve_date(data: object, event_date: Callable[[str], object]) -> Span | None:
    """The span of a date (a FuzzyDate mapping): its value, or the span of the event it is relative to.

    ``event_date(id)`` gives the date mapping of the event with that id, or None. Events timed against
    events are followed; a circle of them (which validate reports as I004) resolves to None, not forever.
    """
    seen: list[str] = []
    relations: list[str] = []
    while isinstance(data, dict):
        value = data.get("value")
        if value is not None and not isinstance(value, bool):
            try:
                span = resolve_value(value)
            except DateValueError:
                return None
            for relation in reversed(relations):
                span = relate(relation, span)
            return span
        event = data.get("relative_to")
        if not isinstance(event, str) or event in seen:
            return None
        seen.append(event)
        relations.append(str(data.get("relation") or "at"))
        data = event_date(event)
    return None
