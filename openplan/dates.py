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
``2022-25``..``28`` northern seasons      spring, summer, autumn, winter as above
``2022-29``..``32`` southern seasons      spring = September to November, summer =
                                          December 2022 to February 2023, autumn =
                                          March to May, winter = June to August
``A/B``             interval              earliest of A to latest of B
``2022-09/..``      open end              from 1 September 2022
``../2023-01``      open start            by 31 January 2023
==================  ====================  =====================================

Financial years and plain seasons follow a :class:`Calendar`. The default is
the UK's: a financial year from April, and northern seasons, which is what
every value above means in a plan that declares nothing else. A plan whose
year starts in July has ``FY2024`` from 1 July 2024 to 30 June 2025 and
``FY2024-Q1`` from July to September 2024: an ``FY`` value is named by the
calendar year its financial year starts in. In the southern hemisphere a
plain season (21 to 24) means the southern one: summer 2024 is December 2024
to February 2025. Seasons 25 to 32 name their hemisphere and never change.

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
# Schema 1.1 adds the seasons that name their hemisphere (EDTF 25 to 32); a superset of 1.0's values.
POINT_PATTERN_1_1 = POINT_PATTERN.replace("2[1-4]|", "2[1-9]|3[0-2]|")
VALUE_PATTERN_1_1 = rf"^(?:{POINT_PATTERN_1_1}|(?:{POINT_PATTERN_1_1}|\.\.)/(?:{POINT_PATTERN_1_1}|\.\.))$"
_VALUE_RE = re.compile(VALUE_PATTERN_1_1)  # resolving accepts both; the schema of the file's version decides validity

SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 14)}  # 14 = February next year
SOUTHERN_SEASON_MONTHS = {21: (9, 11), 22: (12, 14), 23: (3, 5), 24: (6, 8)}
HEMISPHERE_SEASONS = {25: (3, 5), 26: (6, 8), 27: (9, 11), 28: (12, 14),   # northern spring .. winter
                      29: (9, 11), 30: (12, 14), 31: (3, 5), 32: (6, 8)}  # southern spring .. winter
QUARTER_MONTHS = {33: (1, 3), 34: (4, 6), 35: (7, 9), 36: (10, 12)}
HALF_MONTHS = {40: (1, 6), 41: (7, 12)}


MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
# Countries whose seasons are the southern ones (ISO 3166-1 alpha-2); a plan may also declare its hemisphere.
SOUTHERN_COUNTRIES = frozenset({"AR", "AU", "BO", "BR", "BW", "CL", "FJ", "LS", "MG", "MU", "MW", "MZ", "NA", "NZ",
                                "PE", "PG", "PY", "SB", "SZ", "TO", "UY", "VU", "WS", "ZA", "ZM", "ZW"})


@dataclass(frozen=True)
class Calendar:
    """How a plan's year runs: the month its financial year starts in (1 to 12), and whose seasons it means."""

    financial_year_start: int = 4
    hemisphere: str = "north"

    def financial_months(self, part: str) -> tuple[int, int]:
        """The first and last month (past 12 = next year) of a financial year, quarter or half."""
        first = self.financial_year_start
        if not part:
            return first, first + 11
        if part[0] == "Q":
            start = first + 3 * (int(part[1]) - 1)
            return start, start + 2
        start = first + 6 * (int(part[1]) - 1)
        return start, start + 5


UK = Calendar()  # what every 1.0 value means


def calendar_of(plan: object) -> Calendar:
    """The calendar a plan declares: ``calendar: financial-<month>`` sets the financial year's first month;
    ``jurisdiction`` (a hemisphere, or a country) sets the seasons. Anything else keeps the UK meaning, so a
    plan that declares ``calendar: calendar`` still has April financial years, as in 1.0."""
    if not isinstance(plan, dict):
        return UK
    start = 4
    code = plan.get("calendar")
    if isinstance(code, str) and code.startswith("financial-") and code[10:] in MONTHS:
        start = MONTHS.index(code[10:]) + 1
    hemisphere = "north"
    place = plan.get("jurisdiction")
    if isinstance(place, dict):
        declared = place.get("hemisphere")
        country = place.get("country")
        if declared in ("north", "south"):
            hemisphere = declared
        elif isinstance(country, str) and country.upper().partition("-")[0] in SOUTHERN_COUNTRIES:  # AU-NSW too
            hemisphere = "south"
    return Calendar(start, hemisphere)


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


def resolve_point(text: str, calendar: Calendar = UK) -> Span:
    body = text.rstrip("?~%")
    try:
        if body.startswith("FY"):
            return _month_span(int(body[2:6]), *calendar.financial_months(body[7:]))
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
        seasons = SOUTHERN_SEASON_MONTHS if calendar.hemisphere == "south" else SEASON_MONTHS
        months = (seasons.get(code) or HEMISPHERE_SEASONS.get(code) or QUARTER_MONTHS.get(code)
                  or HALF_MONTHS[code])
        return _month_span(year, *months)
    except (KeyError, ValueError) as exc:
        raise DateValueError(f"{text!r} is not a day that exists") from exc


def resolve_value(value: str | int, calendar: Calendar = UK) -> Span:
    """The span of a date value such as ``"2022-23"`` (autumn 2022) or ``"FY2020-Q1"``."""
    text = str(value)
    if not _VALUE_RE.fullmatch(text):
        raise DateValueError(f"{text!r} is not an OpenPlan date value")
    if "/" not in text:
        return resolve_point(text, calendar)
    start, end = text.split("/", 1)
    if start == ".." and end == "..":
        raise DateValueError("an interval needs at least one end")
    earliest = None if start == ".." else resolve_point(start, calendar).earliest
    latest = None if end == ".." else resolve_point(end, calendar).latest
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


def resolve_date(data: object, event_date: Callable[[str], object], calendar: Calendar = UK,
                 _seen: tuple[str, ...] = ()) -> Span | None:
    """The span of a date (a FuzzyDate mapping): its value, or the span of the events it is relative to.

    ``event_date(id)`` gives the date mapping of the event with that id, or None. Events timed against
    events are followed; a circle of them (which validate reports as I004) resolves to None, not forever.
    A date relative to several events (1.1) is taken against all of them together: ``before`` is before the
    earliest, ``after`` after the latest, and any other relation covers them all.
    """
    seen = list(_seen)
    relations: list[str] = []
    while isinstance(data, dict):
        value = data.get("value")
        if value is not None and not isinstance(value, bool):
            try:
                span = resolve_value(value, calendar)
            except DateValueError:
                return None
            return _related(span, relations)
        event = data.get("relative_to")
        relation = str(data.get("relation") or "at")
        if isinstance(event, list):
            if not event or not all(isinstance(ident, str) for ident in event) or set(event) & set(seen):
                return None
            spans = [resolve_date(event_date(ident), event_date, calendar, (*seen, ident)) for ident in event]
            if any(span is None for span in spans):
                return None
            return _related(relate(relation, _union(spans)), relations)  # type: ignore[arg-type]
        if not isinstance(event, str) or event in seen:
            return None
        seen.append(event)
        relations.append(relation)
        data = event_date(event)
    return None


def _related(span: Span, relations: list[str]) -> Span:
    for relation in reversed(relations):
        span = relate(relation, span)
    return span


def _union(spans: list[Span]) -> Span:
    """The days from the earliest start to the latest end; open if any of them is open at that end."""
    starts = [span.earliest for span in spans]
    ends = [span.latest for span in spans]
    return Span(None if None in starts else min(starts),  # type: ignore[type-var]
                None if None in ends else max(ends))  # type: ignore[type-var]
