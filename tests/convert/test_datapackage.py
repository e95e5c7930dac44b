"""The Frictionless Data Package: valid under the frictionless validator, foreign keys included."""

from __future__ import annotations

import csv
import io
import json

import pytest
from frictionless import validate

from openplan.convert import losses, to_datapackage

from .helpers import FINAL, PLANS, loaded


def _write(files: dict[str, bytes], folder) -> str:
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return str(folder / "datapackage.json")


def _problems(report) -> list[str]:
    return [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors] + \
        [error.message for error in report.errors]


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_every_example_is_a_valid_data_package(path, tmp_path):
    plan = loaded(path)
    report = validate(_write(to_datapackage(plan.data, plan.index), tmp_path))
    assert report.valid, _problems(report)[:10]


def test_tables_have_schemas_primary_keys_and_foreign_keys():
    plan = loaded(FINAL)
    descriptor = json.loads(to_datapackage(plan.data, plan.index)["datapackage.json"])
    resources = {resource["name"]: resource for resource in descriptor["resources"]}
    assert {"plan", "areas", "objectives", "outputs", "milestones", "owners", "parties", "pledges",
            "pledge_links", "themes", "events", "glossary"} <= set(resources)
    outputs = resources["outputs"]["schema"]
    assert outputs["primaryKey"] == ["id"]
    assert {"fields": ["objective"], "reference": {"resource": "objectives", "fields": ["id"]}} in \
        outputs["foreignKeys"]
    assert {field["name"]: field["type"] for field in outputs["fields"]}["due_start"] == "date"
    assert all(resource["path"].endswith(".csv") for resource in resources.values())


def test_the_validator_does_check_the_foreign_keys(tmp_path):
    plan = loaded(FINAL)
    files = to_datapackage(plan.data, plan.index)
    rows = list(csv.reader(io.StringIO(files["outputs.csv"].decode())))
    rows[1][1] = "obj.does-not-exist"
    stream = io.StringIO()
    csv.writer(stream, lineterminator="\n").writerows(rows)
    files["outputs.csv"] = stream.getvalue().encode()
    report = validate(_write(files, tmp_path))
    assert not report.valid
    assert any("foreign" in problem.lower() for problem in _problems(report))


def test_fuzzy_dates_carry_their_span():
    plan = loaded(FINAL)
    rows = list(csv.DictReader(io.StringIO(to_datapackage(plan.data, plan.index)["outputs.csv"].decode())))
    dated = [row for row in rows if row["due_value"] == "FY2020"]  # "during this year"
    assert dated and all(row["due_start"] == "2020-04-01" and row["due_end"] == "2021-03-31" for row in dated)
    relative = [row for row in rows if row["due_relative_to"] and not row["due_value"]]
    assert relative and all(row["due_start"] or row["due_end"] for row in relative)  # worked out from the event


def test_the_loss_report_lists_what_the_tables_do_not_carry():
    plan = loaded(FINAL)
    report = losses("datapackage", plan.data, plan.index, plan.document)
    pointers = {finding.pointer for finding in report.findings}
    assert report.codes() == {"V401"}
    assert {"/report", "/provenance", "/notes", "/sources"} <= pointers
    assert all(finding.line is not None for finding in report.findings)
