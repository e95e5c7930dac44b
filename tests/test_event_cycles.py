"""Events dated relative to events in a circle: validate reports I004, and nothing that resolves dates loops."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from openplan import dates
from openplan.diff import compare_texts
from openplan.lint.config import CommandLine
from openplan.lint.engine import LintOptions, Linter
from openplan.validation import Validator

from .conftest import assert_no_traceback, run_openplan

HEAD = """openplan: "1.0"
id: plan.cycles
title: Events in a circle
organisation: org.example
period: {start: "2025-04-01", end: "2026-03-31"}
edition: {status: draft}
organisations:
  - {id: org.example, name: Example Council}
"""
CIRCLE = """events:
  - {id: event.a, title: A, date: {relative_to: event.b, relation: after}}
  - {id: event.b, title: B, date: {relative_to: event.c, relation: before}}
  - {id: event.c, title: C, date: {relative_to: event.a}}
  - {id: event.self, title: Itself, date: {relative_to: event.self, relation: by}}
milestones:
  - {id: ms.a, title: Start, due: {relative_to: event.a, relation: before}}
"""
REGISTRY = """openplan: "1.0"
kind: registry
id: reg.events
title: Shared events
""" + CIRCLE.split("milestones:")[0]


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    (tmp_path / ".git").mkdir()
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / next(iter(files))


def test_validate_reports_a_circle_of_events(tmp_path):
    plan = _project(tmp_path, {"plan.yaml": HEAD + CIRCLE})
    found = [f for f in Validator().check_file(plan, "plan.yaml") if f.code == "I004"]
    assert [(f.line, f.column) for f in found] == [(10, 49), (13, 57)]
    assert "event.a → event.b → event.c → event.a" in found[0].message
    assert "event.self → event.self" in found[1].message


def test_validate_on_the_command_line_names_the_place(tmp_path):
    plan = _project(tmp_path, {"plan.yaml": HEAD + CIRCLE})
    run = run_openplan("validate", "plan.yaml", cwd=plan.parent)
    assert_no_traceback(run)
    assert run.code == 1
    assert 'plan.yaml:10:49: error I004 "relative_to" links go round in a circle' in run.output


def test_a_chain_of_events_is_not_a_circle(tmp_path):
    chain = CIRCLE.replace("{relative_to: event.a}", '{value: "2025-11"}').replace(
        "{relative_to: event.self, relation: by}", '{value: "2025-12"}')
    plan = _project(tmp_path, {"plan.yaml": HEAD + chain})
    assert [f.code for f in Validator().check_file(plan, "plan.yaml")] == []


def test_date_resolution_stops_at_a_circle():
    events = {"event.a": {"relative_to": "event.b"}, "event.b": {"relative_to": "event.a", "relation": "after"}}
    assert dates.resolve_date({"relative_to": "event.a", "relation": "before"}, events.get) is None
    events["event.b"] = {"value": "2025-11", "relation": "ignored"}
    assert dates.resolve_date({"relative_to": "event.a", "relation": "before"}, events.get) == \
        dates.Span(None, date(2025, 10, 31))


@pytest.mark.parametrize("where", ["plan", "registry"])
def test_lint_settles_on_a_circle_of_events(tmp_path, where):
    if where == "plan":
        plan = _project(tmp_path, {"plan.yaml": HEAD + CIRCLE})
    else:  # the circle is in a registry the plan uses, so validating the plan does not report it
        plan = _project(tmp_path, {"plan.yaml": HEAD + "registries: [events.yaml]\nmilestones:\n"
                                   "  - {id: ms.a, title: Start, due: {relative_to: event.a, relation: before}}\n",
                                   "events.yaml": REGISTRY})
    options = LintOptions(isolated=True, use_baseline=False, today=date(2025, 6, 1),
                          command_line=CommandLine(select=("ALL",)))
    result = Linter(options).lint(plan)  # RuleFailed (RecursionError) before events' circles were handled
    assert not [f for f in result.findings if f.code.startswith("X9")]


def test_diff_settles_on_a_circle_of_events():
    result = compare_texts(HEAD + CIRCLE, HEAD + CIRCLE.replace("title: Start", "title: Begin"))
    assert any(change.new and change.new.id == "ms.a" for change in result.changes)
