"""Plans dated at the ends of the calendar (1 January 1 and 31 December 9999) are valid, and every command
that reads dates handles them: converters, diff and lint (D301 and the other date rules) never overflow."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from openplan import convert, dates
from openplan.convert import FORMATS
from openplan.diff import compare_texts
from openplan.lint.config import CommandLine
from openplan.lint.engine import LintOptions, Linter
from openplan.validation import Validator

from .conftest import assert_no_traceback, run_openplan

EDGE_PLAN = """openplan: "1.0"
id: plan.edge
title: Edge of the calendar
organisation: org.example
period: {start: "0001-01-01", end: "9999-12-31"}
edition: {status: draft}
organisations:
  - {id: org.example, name: Example Council}
events:
  - {id: event.first, title: The first day, date: {value: "0001-01-01"}}
  - {id: event.last, title: The last day, date: {value: "9999-12-31"}}
  - {id: event.later, title: After the last day, date: {relative_to: event.last, relation: after}}
areas:
  - id: area.housing
    title: Housing
    objectives:
      - id: obj.homes
        number: "1.1"
        title: More homes
        outputs:
          - {id: out.homes.a, number: a, text: Build homes, due: {relative_to: event.first, relation: before}}
          - {id: out.homes.b, number: b, text: Build more homes, due: {relative_to: event.last, relation: after}}
milestones:
  - {id: ms.a, title: Start, due: {relative_to: event.first, relation: before}}
  - {id: ms.b, title: End, due: {relative_to: event.last, relation: after}}
  - {id: ms.c, title: Last day, due: {value: "9999-12-31"}}
  - {id: ms.d, title: First day, due: {value: "0001-01-01"}}
  - {id: ms.e, title: Whole calendar, due: {value: "0001-01-01/9999-12-31"}}
  - {id: ms.f, title: By the end, due: {value: "../9999-12-31"}}
  - {id: ms.g, title: Later still, due: {relative_to: event.later, relation: after}}
"""


@pytest.fixture(scope="module")
def edge(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("edge")
    (folder / ".git").mkdir()
    path = folder / "plan.yaml"
    path.write_text(EDGE_PLAN, encoding="utf-8")
    return path


def test_relative_dates_saturate_at_the_ends_of_the_calendar():
    first, last = date.min, date.max
    assert dates.relate("before", dates.Span(first, first)) == dates.Span(None, first)
    assert dates.relate("after", dates.Span(last, last)) == dates.Span(last, None)
    assert dates.shift(date(2025, 1, 1), -1) == date(2024, 12, 31)


def test_the_edge_plan_is_valid(edge):
    assert [f.code for f in Validator().check_file(edge)] == []


@pytest.mark.parametrize("fmt", [f.name for f in FORMATS], ids=str)
def test_every_converter_writes_the_edge_plan(edge, fmt):
    converted = convert.convert(convert.load(edge), fmt)
    assert converted.content


def test_ical_gives_a_duration_where_the_day_after_cannot_be_written(edge):
    text = convert.to_ical(convert.load(edge).data, convert.load(edge).index).decode()
    event = next(block for block in text.split("BEGIN:VEVENT") if "UID:ms.c@" in block)
    assert "DTSTART;VALUE=DATE:99991231" in event and "DURATION:P1D" in event and "DTEND" not in event


def test_html_timeline_reaches_the_last_day(edge):
    page = convert.to_html(convert.load(edge).data, convert.load(edge).index)
    assert ">Whole calendar</a> <span class=\"tl-when\">Milestone: 1 January 1 to 31 December 9999</span>" in page
    assert 'style="left: 0.0%; width: 100.0%"' in page  # the bar spans the whole timeline


def test_diff_compares_dates_at_the_ends_of_the_calendar():
    new = EDGE_PLAN.replace('ms.c, title: Last day, due: {value: "9999-12-31"}',
                            'ms.c, title: Last day, due: {value: "0001-01-01"}')
    result = compare_texts(EDGE_PLAN, new)
    assert any(change.new and change.new.id == "ms.c" for change in result.changes)


def test_lint_date_rules_run_on_the_edge_plan(edge):
    options = LintOptions(isolated=True, use_baseline=False, today=date(2025, 6, 1),
                          command_line=CommandLine(select=("ALL",)))
    result = Linter(options).lint(edge)  # RuleFailed before the fix: OverflowError in D301
    assert not [f for f in result.findings if f.code.startswith("X9")]


@pytest.mark.parametrize("argv", [["lint", "--no-baseline"], ["convert", "--to", "ical", "-o", "out.ics"],
                                  ["convert", "--to", "html", "-o", "out.html"]])
def test_commands_settle_on_the_edge_plan(edge, argv):
    run = run_openplan(*argv[:1], str(edge), *argv[1:], cwd=edge.parent)
    assert_no_traceback(run)
    assert "internal error" not in run.output and "failed" not in run.output
    assert run.code in (0, 1)
