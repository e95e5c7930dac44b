"""The period a plan covers, from what an officer types, read by the plan's calendar.

==============================  ==================================================================================
typed                           period
==============================  ==================================================================================
``2022/23``, ``2022-23``        one financial year of the calendar: in ``financial-july``, 1 July 2022 to 30 June
                                2023 (``calendar`` and ``financial-january`` have no such years: write ``2022``)
``FY2022`` (``-Q1``, ``-H2``)   the financial year starting in 2022, or its quarter or half (not in ``calendar``)
``2024``                        in ``calendar``: the calendar year; in a financial calendar: the financial year
                                that starts in 2024, as ``FY2024``
``2019 to 2023``, ``2019-2023`` in ``calendar``: 1 January 2019 to 31 December 2023; in a financial calendar: from
                                the start of the financial year starting in 2019 to the end of the one ending in
                                2023 (``2022-2026`` in ``financial-july`` is July 2022 to June 2026)
``2019/20 to 2022/23``          the first financial year to the last (also ``FY2019 to FY2022``)
``2024-07-01/2025-06-30``       those two days (also with ``..`` or ``to``)
any other closed date value     its span, as in a plan: ``2024-07/2025-06``
==============================  ==================================================================================

Spans come from :mod:`openplan.dates`, so a period means what the same value means in the plan.
"""

from __future__ import annotations

import datetime as _dt
import re

from ..dates import MONTHS, Calendar, DateValueError, Span, is_value, resolve_value
from .problem import InitProblem

_YEAR = r"\d{4}"
_FINANCIAL = r"(\d{4})\s*(?:/\s*(\d{2}|\d{4})|-(\d{2}))"  # 2022/23, 2022/2023, 2022-23
_TOKEN = rf"(?:FY{_YEAR}|{_YEAR}(?:\s*/\s*(?:\d{{4}}|\d{{2}})|-\d{{2}}(?!\d))?)"
_RANGE = re.compile(rf"^({_TOKEN})\s*(?:\bto\b|–|—|-)\s*({_TOKEN})$", re.IGNORECASE)
_DAYS = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:/|\.\.|\bto\b|–|—)\s*(\d{4}-\d{2}-\d{2})$", re.IGNORECASE)
FORMS = ('a financial year such as 2025/26, FY2025, a year such as 2025, several years such as "2019 to 2023", or '
         'two days such as "2025-07-01/2026-06-30"')


def first_month(calendar_code: str) -> int | None:
    """The month the calendar's financial year starts in; None for ``calendar`` (calendar years)."""
    word = calendar_code.removeprefix("financial-")
    return MONTHS.index(word) + 1 if word in MONTHS else None


def _day(day: _dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1].capitalize()} {day.year}"


def describe(start: str, end: str) -> str:
    """A period in words, for telling the officer what was understood: "1 July 2022 to 30 June 2023"."""
    return f"{_day(_dt.date.fromisoformat(start))} to {_day(_dt.date.fromisoformat(end))}"


def current(calendar_code: str, today: _dt.date | None = None) -> str:
    """This year, as the calendar names it: "2025/26" in an April year, "2025" in a calendar year."""
    today = today or _dt.date.today()
    month = first_month(calendar_code)
    if month in (None, 1):
        return str(today.year)
    start = today.year if today.month >= month else today.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def _span(value: str, calendar_code: str, text: str) -> Span:
    month = first_month(calendar_code)
    try:
        return resolve_value(value, Calendar(month or 4))
    except DateValueError:
        raise InitProblem(f'"{text}" names a day that does not exist') from None


def _financial_year(text: str, calendar_code: str, whole: str) -> int:
    """The first year of a financial year written 2022/23, refused where the calendar has no such years."""
    match = re.fullmatch(_FINANCIAL, text)
    first = int(match.group(1))
    written = match.group(2) or match.group(3)
    second = int(written) if len(written) == 4 else first // 100 * 100 + int(written)
    if len(written) == 2 and second == first // 100 * 100 and first % 100 == 99:
        second = first + 1  # 1999/00
    if second <= first:
        raise InitProblem(f'"{whole}" ends before it starts: a financial year runs into the next calendar year, '
                          f"as {first}/{(first + 1) % 100:02d}")
    if second != first + 1:
        raise InitProblem(f'"{whole}" is not one financial year: write {first}/{(first + 1) % 100:02d}, or several '
                          f'years as "{first}/{(first + 1) % 100:02d} to {second - 1}/{second % 100:02d}"')
    if first_month(calendar_code) in (None, 1):
        raise InitProblem(f'"{whole}" is a financial year running into {second}, but the calendar "{calendar_code}" '
                          f"counts years from January: write {first}, or choose the financial-<month> calendar the "
                          "council's year starts in")
    return first


def _financial_value(text: str, calendar_code: str) -> None:
    """Refuse an FY value where the calendar has no financial years, or one written in a form OpenPlan lacks."""
    if first_month(calendar_code) is None:
        raise InitProblem(f'"{text}" names a financial year, but the calendar "calendar" counts calendar years: '
                          "write the year, such as 2024, or choose the financial-<month> calendar the council uses")
    if not re.fullmatch(r"FY\d{4}(?:-(?:Q[1-4]|H[12]))?", text):
        raise InitProblem(f'"{text}" is not a financial year OpenPlan can read: write FY and the four-digit year the '
                          "financial year starts in, such as FY2024, or add a quarter or half: FY2024-Q1, FY2024-H2")


def _token(text: str, calendar_code: str, end: bool, whole: str) -> Span:
    """One end of a period: a financial year, an FY value or a year. A bare year closing a range of years in a
    financial calendar is the financial year ending in it ("2022 to 2026": July 2022 to June 2026)."""
    text = re.sub(r"\s+", "", text)
    if text.upper().startswith("FY"):
        text = text.upper()
        _financial_value(text, calendar_code)
        return _span(text, calendar_code, whole)
    if not text.isdigit():
        return _span(f"FY{_financial_year(text, calendar_code, whole)}", calendar_code, whole)
    year = int(text)
    month = first_month(calendar_code)
    if month is None:
        return _span(f"{year:04d}", calendar_code, whole)
    if end and month > 1:
        year -= 1
    if year < 1:
        raise InitProblem(f'"{whole}" names a day that does not exist')
    return _span(f"FY{year:04d}", calendar_code, whole)


def period(text: str, calendar_code: str = "financial-april") -> tuple[str, str]:
    """The first and last day (ISO) of the period ``text`` names, by the calendar; InitProblem if it names none."""
    text = " ".join(str(text).split())
    match = _DAYS.match(text)
    if match:
        try:
            first, last = (_dt.date.fromisoformat(day) for day in match.groups())
        except ValueError:
            raise InitProblem(f'"{text}" holds a day that does not exist') from None
        span = Span(first, last)
    elif match := _RANGE.match(text):
        span = Span(_token(match.group(1), calendar_code, False, text).earliest,
                    _token(match.group(2), calendar_code, True, text).latest)
    elif re.fullmatch(rf"{_FINANCIAL}|FY[^/]*|{_YEAR}", text, re.IGNORECASE):
        span = _token(text, calendar_code, False, text)
    elif is_value(text) and ".." not in text:  # any other closed date value: 2024-07/2025-06
        if "FY" in text and first_month(calendar_code) is None:
            _financial_value(text, calendar_code)
        span = _span(text, calendar_code, text)
    else:
        raise InitProblem(f'"{text}" is not a period openplan understands; write {FORMS}')
    if span.latest < span.earliest:
        years = " (a range of years runs to the end of the financial year ending in its last year)" \
            if _RANGE.match(text) and first_month(calendar_code) not in (None, 1) else ""
        raise InitProblem(f'"{text}" ends before it starts{years}')
    if span.latest == span.earliest:
        raise InitProblem(f'"{text}" is a single day, not a period; give its first and last day')
    return span.earliest.isoformat(), span.latest.isoformat()
