"""Fuzzy dates: every form resolves to the documented span."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openplan.dates import DateValueError, Span, is_value, relate, resolve_value

D = date

TABLE = {
    "2022-07-14": (D(2022, 7, 14), D(2022, 7, 14)),
    "2022-07": (D(2022, 7, 1), D(2022, 7, 31)),
    "2024-02": (D(2024, 2, 1), D(2024, 2, 29)),
    "2022": (D(2022, 1, 1), D(2022, 12, 31)),
    2022: (D(2022, 1, 1), D(2022, 12, 31)),
    "2022-21": (D(2022, 3, 1), D(2022, 5, 31)),
    "2022-22": (D(2022, 6, 1), D(2022, 8, 31)),
    "2022-23": (D(2022, 9, 1), D(2022, 11, 30)),
    "2022-24": (D(2022, 12, 1), D(2023, 2, 28)),
    "2022-33": (D(2022, 1, 1), D(2022, 3, 31)),
    "2022-34": (D(2022, 4, 1), D(2022, 6, 30)),
    "2022-36": (D(2022, 10, 1), D(2022, 12, 31)),
    "2022-40": (D(2022, 1, 1), D(2022, 6, 30)),
    "2022-41": (D(2022, 7, 1), D(2022, 12, 31)),
    "FY2020": (D(2020, 4, 1), D(2021, 3, 31)),
    "FY2020-Q1": (D(2020, 4, 1), D(2020, 6, 30)),
    "FY2020-Q2": (D(2020, 7, 1), D(2020, 9, 30)),
    "FY2020-Q4": (D(2021, 1, 1), D(2021, 3, 31)),
    "FY2020-H1": (D(2020, 4, 1), D(2020, 9, 30)),
    "FY2020-H2": (D(2020, 10, 1), D(2021, 3, 31)),
    "2022-22/2022-23": (D(2022, 6, 1), D(2022, 11, 30)),
    "2022-09/..": (D(2022, 9, 1), None),
    "../2023-01": (None, D(2023, 1, 31)),
    "2022-07/2023-04": (D(2022, 7, 1), D(2023, 4, 30)),
    "2022-23~": (D(2022, 9, 1), D(2022, 11, 30)),
    "2027-40?": (D(2027, 1, 1), D(2027, 6, 30)),
}


@pytest.mark.parametrize("value", list(TABLE), ids=str)
def test_value_resolves_to_its_span(value):
    assert resolve_value(value) == Span(*TABLE[value])


@pytest.mark.parametrize("value", ["2022-02-30", "2023-02-29", "2023-01/2022-12", "../..", "2022-13", "Q2 2022",
                                   "2022-37", "2022-42", "FY20", "autumn"])
def test_impossible_or_malformed_values_are_refused(value):
    with pytest.raises(DateValueError):
        resolve_value(value)


def test_relations_to_an_event():
    budget = Span(D(2020, 11, 25), D(2020, 11, 25))
    assert relate("before", budget) == Span(None, D(2020, 11, 24))
    assert relate("by", budget) == Span(None, D(2020, 11, 25))
    assert relate("after", budget) == Span(D(2020, 11, 26), None)
    assert relate("from", budget) == Span(D(2020, 11, 25), None)
    assert relate("at", budget) == budget


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)),
       st.sampled_from(["day", "month", "year", "season", "quarter", "half", "fy", "fyq"]))
def test_every_form_contains_its_day_and_is_ordered(day, form):
    fy = day.year if day.month >= 4 else day.year - 1
    value = {
        "day": day.isoformat(), "month": day.strftime("%Y-%m"), "year": str(day.year),
        "season": None, "quarter": f"{day.year}-{33 + (day.month - 1) // 3}",
        "half": f"{day.year}-{40 if day.month <= 6 else 41}", "fy": f"FY{fy}",
        "fyq": f"FY{fy}-Q{((day.month - 4) % 12) // 3 + 1}",
    }[form]
    if value is None:  # winter runs into the next year: December belongs to this year's winter
        season_year = day.year - 1 if day.month <= 2 else day.year
        value = f"{season_year}-{ {12: 24, 1: 24, 2: 24}.get(day.month, 21 + (day.month - 3) // 3)}"
    assert is_value(value)
    span = resolve_value(value)
    assert span.earliest <= day <= span.latest
