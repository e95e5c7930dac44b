"""Date wording as plans write it, read into OpenPlan date values.

``read("Autumn 2022")`` gives ``2022-23``; ``read("by Jan 2023")`` gives
``../2023-01``; ``read("Q2 2022", "calendar")`` gives ``2022-34``. The fixes
of ``openplan lint`` use this to fill in ``value`` beside the published
``text``, and the schedule rules use it to see when a value and its wording
disagree.

A reading is *safe* when the wording can mean only one thing. It is unsafe
when a reader could take it two ways: "Q1 2023" in a plan that counts in
financial years (the quarter of 2023/24, or January to March 2023?), "06/25"
(June 2025, or a day?), "Winter 2023" (December 2023, or the winter that ends
in 2023?). Unsafe readings are only applied with ``--unsafe-fixes``.

Pure computation: no files, no printing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..dates import UK, Calendar, DateValueError, Span, calendar_of, resolve_value

MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
    ("november", "nov"), ("december", "dec")), start=1) for name in names}
SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_SEASON = "(" + "|".join(SEASONS) + ")"
_YEAR = r"((?:19|20|21)[0-9]{2})"
_DAY = r"([0-9]{1,2})(?:st|nd|rd|th)?"
_WEEKDAY = re.compile(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+")
TBC = re.compile(r"^(?:tbc|tba|tbd|to be (?:confirmed|agreed|announced|determined|decided))$")

_PATTERNS = {
    "iso": re.compile(r"^([0-9]{4}-[0-9]{2}(?:-[0-9]{2})?)$"),
    "day-month-year": re.compile(rf"^{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}$"),
    "month-day-year": re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}$"),
    "numeric-day": re.compile(r"^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$"),
    "numeric-month": re.compile(r"^([0-9]{1,2})/([0-9]{2})$"),
    "month-year": re.compile(rf"^{_MONTH},?\s+{_YEAR}$"),
    "season-financial": re.compile(rf"^{_SEASON}\s+{_YEAR}\s*[/-]\s*([0-9]{{2}}|[0-9]{{4}})$"),
    "season-year": re.compile(rf"^{_SEASON}\s+{_YEAR}$"),
    "quarter-financial": re.compile(rf"^(?:q([1-4])|quarter ([1-4]))\s+(?:of\s+)?{_YEAR}\s*[/-]\s*([0-9]{{2}}|[0-9]{{4}})$"),
    "financial-quarter": re.compile(rf"^{_YEAR}\s*[/-]\s*([0-9]{{2}}|[0-9]{{4}})\s+q([1-4])$"),
    "quarter-year": re.compile(rf"^(?:q([1-4])|quarter ([1-4]))\s+(?:of\s+)?{_YEAR}$"),
    "half-financial": re.compile(rf"^h([12])\s+(?:of\s+)?{_YEAR}\s*[/-]\s*([0-9]{{2}}|[0-9]{{4}})$"),
    "half-year": re.compile(rf"^h([12])\s+(?:of\s+)?{_YEAR}$"),
    "financial-year": re.compile(rf"^(?:fy\s*|financial year\s+)?{_YEAR}\s*[/-]\s*([0-9]{{2}}|[0-9]{{4}})$"),
    "fy": re.compile(rf"^fy\s*{_YEAR}$"),
    "year": re.compile(rf"^{_YEAR}$"),
}
_YEARLESS = {
    "month": re.compile(rf"^{_MONTH}$"),
    "season": re.compile(rf"^{_SEASON}$"),
    "day-month": re.compile(rf"^{_DAY}\s+(?:of\s+)?{_MONTH}$"),
}
_OPEN_START = re.compile(r"^(?:by|no later than|not later than|until|till|up to|by the end of|by end of)\s+(.+)$")
_OPEN_END = re.compile(r"^(?:from|starting|starting in|starting from|beginning)\s+(.+?)(?:\s+onwards?)?$")
_WITHIN = re.compile(r"^(?:in|during|throughout|over|within)\s+(.+)$")
_BETWEEN = re.compile(r"^between\s+(.+?)\s+and\s+(.+)$")
_RANGE = re.compile(r"^(.+?)\s*(?:\s+to\s+|\s+until\s+|\s*[–—-]\s+|\s+[–—-]\s*|/)\s*(.+)$")


@dataclass(frozen=True)
class Reading:
    """What a date's wording says: a value, or that it is to be confirmed; and whether that is certain."""

    value: str | None
    safe: bool
    tbc: bool = False


def _normal(text: str) -> str:
    text = " ".join(text.replace("\u00a0", " ").split()).strip().lower()
    while text[:1] == "(" and text[-1:] == ")":
        text = text[1:-1].strip()
    return text.rstrip(".,;:").strip()


def _financial_start(first: str, second: str) -> int | None:
    """'2020' and '21' (or '2021'): a financial year starting in 2020; None if the years are not consecutive."""
    start = int(first)
    end = int(second) if len(second) == 4 else (start // 100) * 100 + int(second)
    return start if end == start + 1 else None


def _calendar(code: str) -> Calendar:
    """The :class:`Calendar` a ``calendar`` code means (``financial-july``: years from July)."""
    return calendar_of({"calendar": code})


def _valid(value: str, calendar: str = "financial-april") -> bool:
    try:
        resolve_value(value, _calendar(calendar))
    except DateValueError:
        return False
    return True


def _point(text: str, calendar: str, year: int | None = None) -> Reading | None:
    """One point in time. ``year`` fills in wording that leaves it out ("Summer" in "Summer/Autumn 2022")."""
    text = _WEEKDAY.sub("", text)
    if year is not None:
        for kind, pattern in _YEARLESS.items():
            match = pattern.match(text)
            if match and kind == "month":
                return Reading(f"{year}-{MONTHS[match.group(1)]:02d}", True)
            if match and kind == "season":
                return Reading(f"{year}-{SEASONS[match.group(1)]}", match.group(1) != "winter")
            if match and kind == "day-month":
                return Reading(f"{year}-{MONTHS[match.group(2)]:02d}-{int(match.group(1)):02d}", True)
    for kind, pattern in _PATTERNS.items():
        match = pattern.match(text)
        if not match:
            continue
        groups = match.groups()
        if kind == "iso":
            return Reading(groups[0], True)
        if kind == "day-month-year":
            return Reading(f"{groups[2]}-{MONTHS[groups[1]]:02d}-{int(groups[0]):02d}", True)
        if kind == "month-day-year":
            return Reading(f"{groups[2]}-{MONTHS[groups[0]]:02d}-{int(groups[1]):02d}", True)
        if kind == "numeric-day":  # day first, as the UK writes it; certain only when the day is over 12
            day, month, year_ = int(groups[0]), int(groups[1]), groups[2]
            return Reading(f"{year_}-{month:02d}-{day:02d}", day > 12 or day == month)
        if kind == "numeric-month":  # "06/25": June 2025, or a day? Never certain.
            month, short = int(groups[0]), int(groups[1])
            return Reading(f"{2000 + short}-{month:02d}", False) if 1 <= month <= 12 else None
        if kind == "month-year":
            return Reading(f"{groups[1]}-{MONTHS[groups[0]]:02d}", True)
        if kind == "season-financial":  # "Winter 2022/23": the winter that starts in 2022
            start = _financial_start(groups[1], groups[2])
            if start is None:
                return None
            season = SEASONS[groups[0]]
            return Reading(f"{start + (1 if season == 21 else 0) if season != 24 else start}-{season}", True)
        if kind == "season-year":  # "Winter 2023" could be either winter that touches 2023
            return Reading(f"{groups[1]}-{SEASONS[groups[0]]}", groups[0] != "winter")
        if kind == "quarter-financial":
            start = _financial_start(groups[2], groups[3])
            return Reading(f"FY{start}-Q{groups[0] or groups[1]}", True) if start is not None else None
        if kind == "financial-quarter":
            start = _financial_start(groups[0], groups[1])
            return Reading(f"FY{start}-Q{groups[2]}", True) if start is not None else None
        if kind == "quarter-year":
            quarter = int(groups[0] or groups[1])
            if calendar == "calendar":
                return Reading(f"{groups[2]}-{32 + quarter}", True)
            return Reading(f"FY{groups[2]}-Q{quarter}", False)
        if kind == "half-financial":
            start = _financial_start(groups[1], groups[2])
            return Reading(f"FY{start}-H{groups[0]}", True) if start is not None else None
        if kind == "half-year":
            if calendar == "calendar":
                return Reading(f"{groups[1]}-{39 + int(groups[0])}", True)
            return Reading(f"FY{groups[1]}-H{groups[0]}", False)
        if kind == "financial-year":
            start = _financial_start(groups[0], groups[1])
            if start is None:
                return None
            if len(groups[1]) == 4 and not text.startswith(("fy", "financial")):
                return Reading(f"{groups[0]}/{groups[1]}", True)  # "2022-2023": both calendar years
            return Reading(f"FY{start}", True)
        if kind == "fy":
            return Reading(f"FY{groups[0]}", True)
        if kind == "year":
            return Reading(groups[0], True)
    return None


def _year_of(reading: Reading) -> int | None:
    match = re.search(r"([0-9]{4})", reading.value or "")
    return int(match.group(1)) if match else None


def _interval(first: str, second: str, calendar: str) -> Reading | None:
    end = _point(second, calendar)
    if end is None or end.value is None or "/" in end.value:
        return None
    start = _point(first, calendar) or _point(first, calendar, _year_of(end) if not end.value.startswith("FY")
                                                 else None)
    if start is None or start.value is None or "/" in start.value:
        return None
    value = f"{start.value}/{end.value}"
    if not _valid(value, calendar):
        return None
    return Reading(value, start.safe and end.safe)


def read(text: str, calendar: str = "financial-april", period: Span | None = None) -> Reading | None:
    """Read date wording; None when it is not wording this parser knows ("ahead of the Budget")."""
    if not isinstance(text, str):
        return None
    words = _normal(text)
    if not words:
        return None
    if TBC.match(words):
        return Reading(None, True, tbc=True)
    if words in ("this year", "during this year", "in this year", "this financial year") and period is not None:
        start, end = period.earliest, period.latest
        first = _calendar(calendar).financial_year_start
        if start and end and start.month == first and start.day == 1 and \
                end == resolve_value(f"FY{start.year}", _calendar(calendar)).latest:
            return Reading(f"FY{start.year}", True)
        if start and end and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and \
                start.year == end.year:
            return Reading(str(start.year), True)
        return None
    reading: Reading | None
    for pattern, shape in ((_OPEN_START, "../{}"), (_OPEN_END, "{}/..")):
        match = pattern.match(words)
        if match:
            inner = _point(match.group(1), calendar)
            if inner is None or inner.value is None:
                return None
            value = shape.format(inner.value)
            return Reading(value, inner.safe) if _valid(value, calendar) else None
    match = _WITHIN.match(words)
    if match:
        words = match.group(1)
    reading = _point(words, calendar)
    if reading is not None:
        return reading if reading.value is None or _valid(reading.value, calendar) else None
    match = _BETWEEN.match(words) or _RANGE.match(words)
    if match:
        return _interval(match.group(1), match.group(2), calendar)
    return None


def same_span(first: str | int, second: str | int, calendar: Calendar = UK) -> bool:
    """Whether two date values cover exactly the same days, in a plan's calendar."""
    try:
        return resolve_value(first, calendar) == resolve_value(second, calendar)
    except DateValueError:
        return False
