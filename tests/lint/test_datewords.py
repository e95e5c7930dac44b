"""Date wording read into OpenPlan date values, and which readings are certain."""

from __future__ import annotations

from datetime import date

import pytest

from openplan.dates import Span, resolve_value
from openplan.lint.datewords import read, same_span

CERTAIN = [
    ("Autumn 2022", "financial-april", "2022-23"),
    ("by Jan 2023", "financial-april", "../2023-01"),
    ("from September 2022", "calendar", "2022-09/.."),
    ("from September 2022 onwards", "calendar", "2022-09/.."),
    ("27th July 2022", "calendar", "2022-07-27"),
    ("Monday 27 July 2022", "calendar", "2022-07-27"),
    ("July 27, 2022", "calendar", "2022-07-27"),
    ("Sept 2022", "calendar", "2022-09"),
    ("Summer/Autumn 2022", "calendar", "2022-22/2022-23"),
    ("July - September 2022", "calendar", "2022-07/2022-09"),
    ("between 17 March and 15 June 2020", "calendar", "2020-03-17/2020-06-15"),
    ("Q2 2022", "calendar", "2022-34"),
    ("Q2 2020/21", "financial-april", "FY2020-Q2"),
    ("2020/21 Q3", "financial-april", "FY2020-Q3"),
    ("H2 2023", "calendar", "2023-41"),
    ("2020/21", "financial-april", "FY2020"),
    ("financial year 2020/21", "calendar", "FY2020"),
    ("2022-2023", "calendar", "2022/2023"),
    ("Winter 2022/23", "financial-april", "2022-24"),
    ("(July 2022)", "calendar", "2022-07"),
    ("in 2023", "calendar", "2023"),
    ("31/03/2024", "financial-april", "2024-03-31"),
]


@pytest.mark.parametrize("text,calendar,value", CERTAIN)
def test_certain_readings(text, calendar, value):
    reading = read(text, calendar)
    assert reading is not None and reading.value == value and reading.safe, reading
    resolve_value(value)  # every reading is a valid OpenPlan date value


@pytest.mark.parametrize("text,calendar,value", [
    ("Q2 2022", "financial-april", "FY2022-Q2"),  # the quarter of 2022/23, or April to June 2022?
    ("Q1 2023", "financial-april", "FY2023-Q1"),
    ("06/25", "calendar", "2025-06"),  # June 2025, or a day?
    ("Winter 2023", "calendar", "2023-24"),  # which winter?
    ("03/04/2024", "calendar", "2024-04-03"),  # 3 April or 4 March?
])
def test_ambiguous_readings_are_unsafe(text, calendar, value):
    reading = read(text, calendar)
    assert reading is not None and reading.value == value and not reading.safe


@pytest.mark.parametrize("text", ["TBC", "tbc", "To be confirmed", "TBA"])
def test_to_be_confirmed(text):
    reading = read(text)
    assert reading is not None and reading.tbc and reading.value is None


@pytest.mark.parametrize("text", ["ahead of Spending Review 2020", "UKREIFF May 2023", "annually", "early 2027",
                                  "2021-19", "31 February 2024", "", "   ", "soon", "Q5 2022", "2022/24"])
def test_wording_it_does_not_know_is_left_alone(text):
    assert read(text) is None


def test_this_year_is_the_plan_period():
    financial = Span(date(2020, 4, 1), date(2021, 3, 31))
    assert read("during this year", period=financial).value == "FY2020"
    assert read("during this year", period=Span(date(2022, 1, 1), date(2022, 12, 31))).value == "2022"
    assert read("during this year", period=Span(date(2022, 7, 1), date(2023, 12, 31))) is None
    assert read("during this year") is None


def test_same_span():
    assert same_span("2022-07", "2022-07-01/2022-07-31")
    assert not same_span("2022-07", "2022-08")
    assert not same_span("nonsense", "2022")
