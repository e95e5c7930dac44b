"""Unquoted full dates (D308): openplan reads them as text (YAML 1.2), so the plan stays valid, but lint warns,
because YAML 1.1 readers turn them into date objects that fail the schema; --fix quotes them and then every
reader agrees."""

from __future__ import annotations

import datetime
import json

import jsonschema
import yaml

from openplan.loader import load_document

from ..conftest import SCHEMA, assert_no_traceback, run_openplan
from .conftest import write_project

PLAN = """openplan: "1.0"
id: plan.example
title: Example Council Plan 2025/26
organisation: org.example
period: {start: 2025-04-01, end: "2026-03-31"}
edition:
  status: approved
  date: {text: 1 April 2025, value: 2025-04-01}
organisations:
  - {id: org.example, name: Example Council}
milestones:
  - {id: ms.a, title: Open the hub, due: {text: July 2025, value: 2025-07}}
"""


def _schema_errors(data) -> list:
    schema = json.loads((SCHEMA / "1.0" / "plan.schema.json").read_text(encoding="utf-8"))
    return list(jsonschema.Draft202012Validator(schema).iter_errors(data))


def test_unquoted_dates_are_valid_text_for_openplan_but_linted(tmp_path):
    plan = write_project(tmp_path, {"plan.yaml": PLAN})["plan.yaml"]
    assert load_document(plan).data["period"]["start"] == "2025-04-01"
    assert run_openplan("validate", str(plan)).code == 0
    run = run_openplan("lint", str(plan), "--select", "D308", "--format", "json")
    assert_no_traceback(run)
    findings = json.loads(run.stdout)["findings"]
    assert sorted((f["code"], f["line"], f["column"]) for f in findings) == [("D308", 5, 17), ("D308", 8, 37)]
    # A YAML 1.1 reader sees date objects there, and the schema refuses them: what the warning is about.
    as_yaml_1_1 = yaml.safe_load(PLAN)
    assert isinstance(as_yaml_1_1["period"]["start"], datetime.date)
    assert _schema_errors(as_yaml_1_1)


def test_fix_quotes_full_dates_and_then_every_reader_agrees(tmp_path):
    plan = write_project(tmp_path, {"plan.yaml": PLAN})["plan.yaml"]
    run = run_openplan("lint", str(plan), "--select", "D308", "--fix")
    assert_no_traceback(run)
    text = plan.read_text(encoding="utf-8")
    assert 'start: "2025-04-01"' in text and 'value: "2025-04-01"' in text
    assert "value: 2025-07}" in text  # not a full date: text for every reader, left alone
    assert run_openplan("lint", str(plan), "--select", "D308").code == 0
    assert "D308" not in run_openplan("lint", str(plan), "--select", "D308").stdout
    as_yaml_1_1 = yaml.safe_load(text)
    assert as_yaml_1_1 == load_document(plan).data
    assert _schema_errors(as_yaml_1_1) == []
