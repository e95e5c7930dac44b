"""Calendars: financial years that start in any month, and seasons in either hemisphere.

Every value means what it meant in 1.0 unless the plan declares otherwise; the spans below are the ones
the encoding guide lists."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openplan.dates import (UK, VALUE_PATTERN, VALUE_PATTERN_1_1, Calendar, DateValueError, Span, calendar_of,
                            resolve_date, resolve_value)

JULY = Calendar(financial_year_start=7)
SOUTH = Calendar(financial_year_start=7, hemisphere="south")


def span(a: str, b: str) -> Span:
    return Span(date.fromisoformat(a), date.fromisoformat(b))


@pytest.mark.parametrize("value, expected", [
    ("FY2024", span("2024-07-01", "2025-06-30")),
    ("FY2024-Q1", span("2024-07-01", "2024-09-30")),
    ("FY2024-Q2", span("2024-10-01", "2024-12-31")),
    ("FY2024-Q3", span("2025-01-01", "2025-03-31")),
    ("FY2024-Q4", span("2025-04-01", "2025-06-30")),
    ("FY2024-H1", span("2024-07-01", "2024-12-31")),
    ("FY2024-H2", span("2025-01-01", "2025-06-30")),
    ("FY2024-Q2/FY2024-Q3", span("2024-10-01", "2025-03-31")),
])
def test_a_july_year(value, expected):
    assert resolve_value(value, JULY) == expected


@pytest.mark.parametrize("value, expected", [
    ("FY2020", span("2020-04-01", "2021-03-31")),
    ("FY2020-Q1", span("2020-04-01", "2020-06-30")),
    ("FY2020-Q4", span("2021-01-01", "2021-03-31")),
    ("FY2020-H2", span("2020-10-01", "2021-03-31")),
    ("2022-24", span("2022-12-01", "2023-02-28")),
    ("2022-22", span("2022-06-01", "2022-08-31")),
])
def test_the_default_is_what_1_0_means(value, expected):
    assert resolve_value(value) == expected == resolve_value(value, UK)


@pytest.mark.parametrize("start, fy, q1, q4", [
    (1, span("2024-01-01", "2024-12-31"), span("2024-01-01", "2024-03-31"), span("2024-10-01", "2024-12-31")),
    (10, span("2024-10-01", "2025-09-30"), span("2024-10-01", "2024-12-31"), span("2025-07-01", "2025-09-30")),
    (12, span("2024-12-01", "2025-11-30"), span("2024-12-01", "2025-02-28"), span("2025-09-01", "2025-11-30")),
])
def test_any_first_month(start, fy, q1, q4):
    calendar = Calendar(financial_year_start=start)
    assert resolve_value("FY2024", calendar) == fy
    assert resolve_value("FY2024-Q1", calendar) == q1
    assert resolve_value("FY2024-Q4", calendar) == q4


@pytest.mark.parametrize("value, expected", [
    ("2024-21", span("2024-09-01", "2024-11-30")),  # spring
    ("2024-22", span("2024-12-01", "2025-02-28")),  # summer 2024 runs into 2025
    ("2024-23", span("2024-03-01", "2024-05-31")),  # autumn
    ("2024-24", span("2024-06-01", "2024-08-31")),  # winter
])
def test_plain_seasons_in_the_southern_hemisphere(value, expected):
    assert resolve_value(value, SOUTH) == expected


@pytest.mark.parametrize("calendar", [UK, SOUTH])
@pytest.mark.parametrize("value, expected", [
    ("2024-25", span("2024-03-01", "2024-05-31")), ("2024-26", span("2024-06-01", "2024-08-31")),
    ("2024-27", span("2024-09-01", "2024-11-30")), ("2024-28", span("2024-12-01", "2025-02-28")),
    ("2024-29", span("2024-09-01", "2024-11-30")), ("2024-30", span("2024-12-01", "2025-02-28")),
    ("2024-31", span("2024-03-01", "2024-05-31")), ("2024-32", span("2024-06-01", "2024-08-31")),
])
def test_seasons_that_name_their_hemisphere_never_change(calendar, value, expected):
    assert resolve_value(value, calendar) == expected


@pytest.mark.parametrize("plan, expected", [
    ({}, UK),
    ({"calendar": "calendar"}, UK),  # 1.0: FY values are April years whatever `calendar` says
    ({"calendar": "financial-april"}, UK),
    ({"calendar": "financial-july"}, JULY),
    ({"calendar": "financial-october"}, Calendar(10)),
    ({"calendar": "financial-july", "jurisdiction": {"country": "AU"}}, SOUTH),
    ({"calendar": "financial-july", "jurisdiction": {"country": "au"}}, SOUTH),
    ({"jurisdiction": {"country": "US-MN"}}, UK),
    ({"jurisdiction": {"country": "NZ", "hemisphere": "north"}}, UK),
    ({"jurisdiction": {"hemisphere": "south"}}, Calendar(4, "south")),
    ({"calendar": "financial-julio"}, UK),  # an unknown code is the schema's to report, not a new meaning
    ("not a plan", UK),
])
def test_the_calendar_a_plan_declares(plan, expected):
    assert calendar_of(plan) == expected


def test_relative_dates_follow_the_calendar():
    events = {"event.budget": {"value": "FY2024-Q2"}}
    assert resolve_date({"relative_to": "event.budget", "relation": "by"}, events.get, JULY) == Span(
        None, date(2024, 12, 31))


def test_1_1_values_are_a_superset_of_1_0_values():
    import re

    assert not re.fullmatch(VALUE_PATTERN, "2024-30")
    assert re.fullmatch(VALUE_PATTERN_1_1, "2024-30")
    with pytest.raises(DateValueError):
        resolve_value("2024-33/2024-20")


@given(st.from_regex(VALUE_PATTERN, fullmatch=True))
def test_every_1_0_value_resolves_the_same_in_an_april_year_however_the_seasons_fall(value):
    """Only plain seasons depend on the hemisphere; a northern April plan is exactly 1.0."""
    try:
        default = resolve_value(value)
    except DateValueError:
        with pytest.raises(DateValueError):
            resolve_value(value, Calendar(4, "north"))
        return
    assert resolve_value(value, Calendar(4, "north")) == default
    if not any(f"-2{n}" in value for n in "1234"):
        assert resolve_value(value, Calendar(4, "south")) == default
