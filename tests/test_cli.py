"""`openplan validate` as a user runs it: exit codes, text and JSON output, and bad input."""

from __future__ import annotations

import codecs
import json
import re

import pytest

from .conftest import EXAMPLES, assert_no_traceback, run_openplan
from .plans import BASE_PLAN

MINIMAL = BASE_PLAN + """areas:
  - id: area.housing
    title: Housing
    objectives:
      - id: obj.homes
        number: "1.1"
        title: More homes
        outputs:
          - {id: out.homes.plan, number: a, text: Publish a housing plan., due: {text: Autumn 2025, value: 2025-23}}
"""


@pytest.fixture
def project(tmp_path):
    (tmp_path / ".git").mkdir()
    return tmp_path


def test_validate_shipped_examples_is_clean():
    run = run_openplan("validate", str(EXAMPLES))
    assert_no_traceback(run)
    assert run.code == 0, run.output
    assert re.search(r"\d+ files checked: all valid", run.stdout)


def test_valid_plan_text_and_json(project):
    plan = project / "plan.yaml"
    plan.write_text(MINIMAL, encoding="utf-8")
    run = run_openplan("validate", str(plan))
    assert run.code == 0 and "1 file checked: all valid" in run.stdout
    run = run_openplan("validate", "--format", "json", str(plan))
    data = json.loads(run.stdout)
    assert data["valid"] is True and data["exit_code"] == 0
    assert data["files"] == [{"path": str(plan), "valid": True}]
    assert data["tool"]["schema_version"] == "1.1"


def test_invalid_plan_reports_every_error_with_pointer_and_value(project):
    plan = project / "plan.yaml"
    text = MINIMAL.replace("status: draft", "status: aproved").replace("title: More homes", "titel: More homes")
    text = text.replace('number: "1.1"', "number: 1.1")
    plan.write_text(text, encoding="utf-8")
    run = run_openplan("validate", "--format", "json", str(plan))
    assert run.code == 1
    findings = json.loads(run.stdout)["findings"]
    by_code = {f["code"]: f for f in findings}
    assert set(by_code) >= {"S001", "S002", "S003", "S006"}, findings
    status = by_code["S006"]
    assert status["pointer"] == "/edition/status" and status["value"] == "aproved" and status["line"] == 6
    assert 'did you mean "approved"' in status["message"]
    assert by_code["S002"]["pointer"] == "/areas/0/objectives/0/titel"
    assert 'did you mean "title"' in by_code["S002"]["message"]
    assert by_code["S003"]["value"] == 1.1 and "Quote display numbers" in by_code["S003"]["hint"]
    # No raw JSON Schema noise: messages are sentences about the plan.
    for finding in findings:
        assert "anyOf" not in finding["message"] and "is not valid under" not in finding["message"]


def test_incomplete_date_is_one_plain_message(project):
    plan = project / "plan.yaml"
    plan.write_text(MINIMAL.replace("due: {text: Autumn 2025, value: 2025-23}", "due: {text: soon}"),
                    encoding="utf-8")
    run = run_openplan("validate", "-q", str(plan))
    assert run.code == 1
    assert 'error S008 the date "due" of output "out.homes.plan" (a) needs a value, tbc: true, or relative_to' \
        in run.stdout
    assert run.stdout.count(": error ") == 1


def test_mixed_files_exit_codes(project):
    good = project / "good.yaml"
    good.write_text(MINIMAL, encoding="utf-8")
    invalid = project / "invalid.yaml"
    invalid.write_text(MINIMAL.replace("    title: Housing\n", ""), encoding="utf-8")
    broken = project / "broken.yaml"
    broken.write_text("openplan: [\n", encoding="utf-8")
    assert run_openplan("validate", str(good), str(invalid)).code == 1
    assert run_openplan("validate", str(good), str(invalid), str(broken)).code == 2


def test_folder_is_searched_and_stdin_is_read(project):
    (project / "plans").mkdir()
    (project / "plans" / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (project / "plans" / "notes.yaml").write_text("other: tool config\n", encoding="utf-8")
    run = run_openplan("validate", str(project / "plans"))
    assert run.code == 0 and "1 file checked" in run.stdout
    run = run_openplan("validate", "-", stdin=MINIMAL.replace("status: draft", "status: nope"))
    assert run.code == 1 and run.stdout.startswith("<stdin>:6:")


def _one_line_error(run, name: str, code: str, position: bool = True):
    assert_no_traceback(run)
    assert run.code == 2, run.output
    first = run.stdout.splitlines()[0]
    pattern = rf"^\S*{re.escape(name)}{':[0-9]+:[0-9]+' if position else ''}: error {code} \S.*$"
    assert re.match(pattern, first), first


BAD_INPUT = {
    "malformed YAML": ("openplan: \"1.0\"\nid: [unclosed\n", "L004"),
    "tab indentation": ("openplan: \"1.0\"\nedition:\n\tstatus: draft\n", "L004"),
    "duplicate keys": ("openplan: \"1.0\"\nid: a\nid: b\n", "L005"),
    "empty file": ("", "L006"),
    "only comments": ("# draft to follow\n", "L006"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_gets_a_one_line_error_and_exit_2(project, case):
    text, code = BAD_INPUT[case]
    path = project / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    _one_line_error(run_openplan("validate", str(path)), "bad.yaml", code)


@pytest.mark.parametrize("raw", [b"openplan: \"1.0\"\ntitle: caf\xe9\n", codecs.BOM_UTF8 + b"\xff\xfe\x00",
                                 b"\x89PNG\r\n\x1a\n\x00\x00"])
def test_wrong_encoding(project, raw):
    path = project / "bad.yaml"
    path.write_bytes(raw)
    _one_line_error(run_openplan("validate", str(path)), "bad.yaml", "L003")


def test_utf16_with_bom_is_read(project):
    path = project / "plan.yaml"
    path.write_bytes(MINIMAL.encode("utf-16"))
    assert run_openplan("validate", str(path)).code == 0


def test_path_that_does_not_exist(project):
    _one_line_error(run_openplan("validate", str(project / "nope.yaml")), "nope.yaml", "L001", position=False)


def test_reference_to_a_missing_file(project):
    path = project / "plan.yaml"
    path.write_text(MINIMAL + "registries: [shared/registry.yaml]\n", encoding="utf-8")
    run = run_openplan("validate", str(path))
    _one_line_error(run, "plan.yaml", "L001")
    assert '"shared/registry.yaml" does not exist' in run.stdout


def test_unsafe_tag_is_refused_and_never_run(project):
    marker = project / "pwned"
    path = project / "plan.yaml"
    path.write_text(f'openplan: "1.0"\nid: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    _one_line_error(run_openplan("validate", str(path)), "plan.yaml", "L008")
    assert not marker.exists()


def test_usage_errors_exit_2_without_traceback():
    run = run_openplan("validate", "--format", "xml", "x.yaml")
    assert_no_traceback(run)
    assert run.code == 2


def test_version():
    run = run_openplan("--version")
    assert run.code == 0 and re.match(r"openplan \d+\.\d+\.\d+ \(schema 1\.1\)", run.stdout)
