"""The JSON output of `openplan validate` and `openplan lint` follows its published schema,
schema/output/<report version>/report.schema.json, on good, bad and unreadable input."""

from __future__ import annotations

import json

import jsonschema
import jsonschema_rs
import pytest

from openplan.report import Finding
from openplan.reporters.json import REPORT_FORMAT_VERSION
from openplan.rules import Severity
from openplan.version import SCHEMA_BASE_URI

from .conftest import EXAMPLES, ROOT, SCHEMA, assert_no_traceback, run_openplan

PATH = SCHEMA / "output" / REPORT_FORMAT_VERSION / "report.schema.json"
BAD_INPUT = ROOT / "tests" / "badinput" / "files"


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(PATH.read_text(encoding="utf-8"))


def _check(schema: dict, report: dict) -> None:
    """Both validators accept the report; either one's complaint is shown."""
    validator = jsonschema_rs.validator_for(schema)
    problems = [f"{error.instance_path}: {error.message}" for error in validator.iter_errors(report)]
    assert problems == []
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(report)


def _report(*args: str) -> tuple[int, dict]:
    run = run_openplan(*args, "--format", "json")
    assert_no_traceback(run)
    return run.code, json.loads(run.stdout)


def test_the_schema_is_published_where_its_id_says(schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"{SCHEMA_BASE_URI}/output/{REPORT_FORMAT_VERSION}/report.schema.json"
    assert schema["properties"]["report_version"] == {**schema["properties"]["report_version"],
                                                      "const": REPORT_FORMAT_VERSION}
    for folder in (SCHEMA / "output").iterdir():  # one folder per report version, each file's $id matching
        for path in folder.glob("*.json"):
            data = json.loads(path.read_text(encoding="utf-8"))
            assert data["$id"] == f"{SCHEMA_BASE_URI}/output/{folder.name}/{path.name}"


def test_the_schema_ships_with_the_package_schemas():
    from openplan.resources import schema_root

    # schema_root() is schema/ in a checkout and openplan/_schema/ in an installed package (pyproject force-include).
    assert (schema_root() / "output" / REPORT_FORMAT_VERSION / "report.schema.json").is_file()


def test_the_schema_names_every_field_a_finding_can_have(schema):
    finding = Finding(code="S006", message="m", severity=Severity.ERROR, file="plan.yaml", line=1, column=2,
                      pointer="/edition/status", value="aproved", hint="h", item="plan.example",
                      fingerprint="abc")
    data = finding.to_dict()
    data["fix"] = {"description": "d", "safe": True}  # as `openplan lint` writes a fix
    definition = schema["$defs"]["Finding"]
    assert set(data) == set(definition["properties"])
    assert set(definition["required"]) == set(Finding(code="S006", message="m", severity=Severity.ERROR).to_dict())


@pytest.mark.parametrize("command", [("validate",), ("lint", "--no-baseline"), ("lint",)])
def test_every_shipped_example(schema, command):
    code, report = _report(*command, str(EXAMPLES))
    _check(schema, report)
    assert code == report["exit_code"] == 0
    checked = {(ROOT / entry["path"]).resolve() for entry in report["files"]}  # paths are relative to ROOT
    assert checked == {path.resolve() for path in EXAMPLES.rglob("*.yaml")}
    if command == ("lint", "--no-baseline"):  # lint findings carry their fingerprints, and some a fix
        assert report["findings"] and all("fingerprint" in finding for finding in report["findings"])


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_invalid_and_unreadable_input(schema, command):
    code, report = _report(command, str(BAD_INPUT))
    _check(schema, report)
    assert code == report["exit_code"] == 2 and not report["valid"]
    codes = {finding["code"][0] for finding in report["findings"]}
    assert {"L", "S", "I"} <= codes  # unreadable, structurally invalid and inconsistent files
    assert report["summary"]["errors"] == sum(f["severity"] == "error" for f in report["findings"])


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_a_missing_file(schema, tmp_path, command):
    code, report = _report(command, str(tmp_path / "missing.yaml"))
    _check(schema, report)
    assert code == 2 and report["findings"][0]["code"] == "L001"
    assert report["findings"][0]["line"] is None


def test_the_schema_refuses_a_report_that_breaks_the_format(schema):
    _, report = _report("validate", str(BAD_INPUT / "structure" / "wrong-type.yaml"))
    _check(schema, report)
    broken = [
        {**report, "exit_code": 3},
        {**report, "findings": [{**report["findings"][0], "severity": "fatal"}]},
        {**report, "findings": [{key: value for key, value in report["findings"][0].items() if key != "code"}]},
        {**report, "findings": [{**report["findings"][0], "line": 0}]},
        {**report, "extra": True},
    ]
    validator = jsonschema_rs.validator_for(schema)
    for document in broken:
        assert not validator.is_valid(document)
        assert not jsonschema.Draft202012Validator(schema).is_valid(document)


def test_the_documentation_shows_a_valid_report_and_names_every_field(schema):
    text = (ROOT / "docs" / "json-output.md").read_text(encoding="utf-8")
    example = text.split("```json\n", 1)[1].split("```", 1)[0]
    _check(schema, json.loads(example))
    assert f"schema/output/{REPORT_FORMAT_VERSION}/report.schema.json" in text and schema["$id"] in text
    for name in [*schema["properties"], *schema["$defs"]["Finding"]["properties"]]:
        assert f"`{name}`" in text, name


# --- `openplan diff --format json`, against schema/output/<diff version>/diff.schema.json -------------------

LONDON = EXAMPLES / "london-councils"
DIFF_PAIRS = [
    (LONDON / "business-plan-2020-21-draft.yaml", LONDON / "business-plan-2020-21-final.yaml"),  # two editions
    (LONDON / "business-plan-2013-14.yaml", LONDON / "business-plan-2017-18.yaml"),  # two years
    (LONDON / "business-plan-2017-18.yaml", LONDON / "shared-ambitions-milestones-2022-23.yaml"),
    (EXAMPLES / "extensions" / "budget-plan.yaml", LONDON / "business-plan-2013-14.yaml"),  # two organisations
    (LONDON / "business-plan-2013-14.yaml", LONDON / "business-plan-2013-14.yaml"),  # the same plan
]


@pytest.mark.parametrize("old, new", DIFF_PAIRS, ids=lambda path: path.stem)
def test_diff_json_follows_its_schema(old, new):
    from openplan.diff.renderers.json import DIFF_FORMAT_VERSION

    schema = json.loads((SCHEMA / "output" / DIFF_FORMAT_VERSION / "diff.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == f"{SCHEMA_BASE_URI}/output/{DIFF_FORMAT_VERSION}/diff.schema.json"
    run = run_openplan("diff", str(old), str(new), "--format", "json")
    assert_no_traceback(run)
    report = json.loads(run.stdout)
    _check(schema, report)
    assert run.code == report["exit_code"] == (0 if old == new else 1)
    if old != new:
        assert report["changes"] and report["matches"]
        broken = {**report, "changes": [{**report["changes"][0], "change": "rewritten"}]}
        assert not jsonschema_rs.validator_for(schema).is_valid(broken)
