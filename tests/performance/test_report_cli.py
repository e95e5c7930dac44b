"""The command line with progress reports: `openplan schema --kind report` and `openplan validate` of a report."""

from __future__ import annotations

import json

from ..conftest import run_openplan
from .files import REPORT, project


def test_the_report_schema_is_printed_for_1_1_and_refused_for_1_0():
    printed = run_openplan("schema", "--kind", "report")
    assert printed.code == 0 and json.loads(printed.stdout)["$id"].endswith("/1.1/report.schema.json")
    refused = run_openplan("schema", "--kind", "report", "--version", "1.0")
    assert refused.code == 2 and "progress reports are new in OpenPlan 1.1" in refused.stderr


def test_validate_names_a_bad_report_entry_at_its_line_and_column(tmp_path):
    project(tmp_path, REPORT.replace("item: out.homes", "item: out.hoems"))
    result = run_openplan("validate", "q2.yaml", cwd=tmp_path)
    assert result.code == 1
    assert 'q2.yaml:13:12: error I041 update 3 names the item "out.hoems"' in result.stdout
    assert 'hint: Did you mean "out.homes"?' in result.stdout
