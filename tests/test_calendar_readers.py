"""Every reader of dates follows the plan's calendar: validate, lint, the HTML and Markdown pages, the iCalendar
file and the data package all give ``FY2024-Q1`` of a ``financial-july`` plan as July to September 2024, and a
plain summer of a plan in Australia as December to February."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, timezone

import pytest
import vobject

from openplan import validate_text
from openplan.convert import to_datapackage, to_html, to_ical, to_markdown
from openplan.convert import source as sources
from openplan.dates import Span
from openplan.lint.datewords import read

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)

JULY_PLAN = """\
openplan: "1.1"
id: plan.july
title: July Council Plan 2024/25
organisation: org.july
period: {start: "2024-07-01", end: "2025-06-30", text: "2024/25"}
calendar: financial-july
edition: {status: draft}
organisations:
  - {id: org.july, name: July Council}
areas:
  - id: area.one
    number: "1"
    title: One
    objectives:
      - id: obj.one
        number: "1.1"
        title: First
        outputs:
          - id: out.q1
            number: a
            text: Quarter one work
            due: {text: "Q1 2024/25", value: "FY2024-Q1"}
          - id: out.next
            number: b
            text: Next year's first quarter
            due: {text: "Q1 2025/26", value: "FY2025-Q1"}
milestones:
  - id: ms.q1
    title: First quarter done
    due: {text: "Q1 2024/25", value: "FY2024-Q1"}
    objectives: [obj.one]
"""

SUMMER_PLAN = JULY_PLAN.replace('calendar: financial-july\n',
                                'calendar: financial-july\njurisdiction: {country: AU}\n').replace(
    '{text: "Q1 2024/25", value: "FY2024-Q1"}\n    objectives', '{text: "Summer 2024", value: "2024-22"}\n    objectives')


def _source(tmp_path, text: str):
    (tmp_path / ".git").mkdir(exist_ok=True)
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return sources.load(path)


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))


def _errors(text: str) -> list:
    return [f for f in validate_text(text, "plan.yaml").findings if f.code[0] == "S"]


def _codes(text: str) -> list[tuple[str, str | None]]:
    return [(f.code, f.item) for f in validate_text(text, "plan.yaml").findings]


def test_validate_judges_dates_against_a_july_to_june_year():
    # FY2025-Q1 is July to September 2025 in a July year: after the period. In an April year it would be April to
    # June 2025, inside it; FY2024-Q1 (July to September 2024) is inside.
    assert _codes(JULY_PLAN) == [("I008", "out.next")]
    april = JULY_PLAN.replace("calendar: financial-july", "calendar: financial-april")
    assert ("I008", "out.next") not in _codes(april)


def test_an_interval_is_ordered_in_the_plan_calendar():
    # Q4 of a July year is April to June 2025, after February 2025; in an April year it is January to March 2025.
    text = JULY_PLAN.replace('value: "FY2024-Q1"}\n          - id: out.next', 'value: "FY2024-Q4/2025-02"}\n'
                             '          - id: out.next', 1)
    assert ("I005", "out.q1") in _codes(text)
    assert ("I005", "out.q1") not in _codes(text.replace("financial-july", "financial-april"))


def test_the_pages_show_a_july_quarter(tmp_path):
    plan = _source(tmp_path, JULY_PLAN)
    for page in (to_html(plan.data, plan.index), to_markdown(plan.data, plan.index)):
        assert "Q1 2024/25 (1 July 2024 to 30 September 2024)" in _text(page)
        assert "1 April 2024" not in page


def test_the_calendar_file_and_the_data_package_use_a_july_quarter(tmp_path):
    plan = _source(tmp_path, JULY_PLAN)
    event = vobject.readOne(to_ical(plan.data, plan.index, now=NOW).decode()).vevent_list[0]
    assert (event.dtstart.value, event.dtend.value) == (date(2024, 7, 1), date(2024, 10, 1))
    rows = csv.DictReader(io.StringIO(to_datapackage(plan.data, plan.index)["outputs.csv"].decode()))
    spans = {row["id"]: (row["due_start"], row["due_end"]) for row in rows}
    assert spans["out.q1"] == ("2024-07-01", "2024-09-30")
    assert spans["out.next"] == ("2025-07-01", "2025-09-30")


def test_a_plain_summer_in_australia_is_december_to_february(tmp_path):
    plan = _source(tmp_path, SUMMER_PLAN)
    event = vobject.readOne(to_ical(plan.data, plan.index, now=NOW).decode()).vevent_list[0]
    assert (event.dtstart.value, event.dtend.value) == (date(2024, 12, 1), date(2025, 3, 1))
    assert "Summer 2024 (1 December 2024 to 28 February 2025)" in _text(to_html(plan.data, plan.index))
    northern = _source(tmp_path, SUMMER_PLAN.replace("jurisdiction: {country: AU}\n", ""))
    event = vobject.readOne(to_ical(northern.data, northern.index, now=NOW).decode()).vevent_list[0]
    assert event.dtstart.value == date(2024, 6, 1)


@pytest.mark.parametrize("calendar, expected", [("financial-july", "FY2024"), ("financial-april", None)])
def test_this_year_is_the_plan_year(calendar, expected):
    reading = read("this year", calendar, Span(date(2024, 7, 1), date(2025, 6, 30)))
    assert (reading.value if reading else None) == expected


def test_an_unknown_calendar_code_gets_a_did_you_mean_at_its_place():
    text = JULY_PLAN.replace("calendar: financial-july", "calendar: financial-julio")
    [found] = _errors(text)
    assert (found.code, found.line, found.column) == ("S006", 6, 11)
    assert 'did you mean "financial-july"?' in found.message


def test_a_1_0_file_using_jurisdiction_is_told_it_is_new_in_1_1():
    text = SUMMER_PLAN.replace('openplan: "1.1"', 'openplan: "1.0"').replace("financial-july", "financial-april")
    [found] = _errors(text)
    assert (found.code, found.line, found.column) == ("S002", 7, 1)
    assert "new in OpenPlan 1.1" in found.message and 'openplan: "1.1"' in found.hint
    assert _errors(text.replace('openplan: "1.0"', 'openplan: "1.1"')) == []


def test_a_1_0_file_using_a_1_1_calendar_code_is_told_so():
    text = JULY_PLAN.replace('openplan: "1.1"', 'openplan: "1.0"')
    [found] = _errors(text)
    assert found.code == "S006" and '"financial-july" is new in OpenPlan 1.1' in found.hint


def test_a_calendar_year_plan_keeps_april_financial_years():
    text = JULY_PLAN.replace("calendar: financial-july", "calendar: calendar").replace(
        '"2024-07-01", end: "2025-06-30"', '"2024-01-01", end: "2024-12-31"')
    # FY2025-Q1 is April to June 2025, as in 1.0: after a 2024 period, a warning and never an error.
    findings = validate_text(text, "plan.yaml").findings
    assert [(f.code, f.item) for f in findings] == [("I008", "out.next")]
    assert "2025-04-01 to" not in findings[0].message and "(2024-01-01 to 2024-12-31)" in findings[0].message


def _guide_rows(first_cell: str) -> list[list[str]]:
    from pathlib import Path
    guide = (Path(__file__).parent.parent / "docs" / "encoding-guide.md").read_text(encoding="utf-8")
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in guide.splitlines()
            if re.match(rf"^\| `{first_cell}", line)]


def _month_span(words: str) -> tuple[str, str]:
    first, last = (part.strip() for part in words.split("–"))
    if len(first.split()) == 1:  # "Mar – May 2024": the year is written once
        first = f"{first} {last.split()[1]}"
    begin, end = (datetime.strptime(part, "%b %Y").date() for part in (first, last))
    return begin.strftime("%Y-%m"), end.strftime("%Y-%m")


def _months(span: Span) -> tuple[str, str]:
    return span.earliest.strftime("%Y-%m"), span.latest.strftime("%Y-%m")


def test_the_encoding_guide_gives_the_spans_the_readers_use():
    from openplan.dates import Calendar, MONTHS, resolve_value
    rows = _guide_rows("financial-")
    assert [row[0] for row in rows] == [f"`financial-{month}`" for month in MONTHS]
    for row, start in zip(rows, range(1, 13)):
        for part, words in zip(("", "-Q1", "-Q2", "-Q3", "-Q4", "-H1", "-H2"), row[1:]):
            assert _month_span(words) == _months(resolve_value(f"FY2024{part}", Calendar(start))), (row[0], part)
    seasons = _guide_rows("2024-")
    assert len(seasons) == 12
    for row in seasons:
        value = row[0].split("`")[1]
        assert _month_span(row[1]) == _months(resolve_value(value, Calendar(4, "north"))), row
        assert _month_span(row[2]) == _months(resolve_value(value, Calendar(4, "south"))), row


def test_a_1_0_file_using_a_season_that_names_its_hemisphere_is_told_it_is_new_in_1_1():
    text = JULY_PLAN.replace('openplan: "1.1"', 'openplan: "1.0"').replace("financial-july", "financial-april") \
        .replace('value: "FY2025-Q1"', 'value: "2025-30"')
    [found] = _errors(text)
    assert found.code == "S005" and "new in OpenPlan 1.1" in found.message and 'openplan: "1.1"' in found.hint
    assert _errors(text.replace('openplan: "1.0"', 'openplan: "1.1"')) == []
    plain = _errors(text.replace('"2025-30"', '"2025-37"'))[0]  # not a 1.1 value either: the usual message
    assert plain.message.startswith('"2025-37" is not an OpenPlan date value') and "1.1" not in plain.hint
