"""Output formats built from the one report model: SARIF 2.1.0 (checked against the official schema),
GitHub Actions annotations and job summary, GitLab Code Quality, JUnit XML and JSON."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import jsonschema
import pytest

from ..plans import BASE_PLAN
from openplan.reporters import formats, render

from ..conftest import SHARED, assert_no_traceback, run_openplan
from .conftest import lint_files, run_in_ci, write_project

DATA = Path(__file__).parent / "data"
PLAN = BASE_PLAN + ("areas:\n  - {id: area.housing, title: Housing}  # openplan: disable=C107 reason=\"soon\"\n"
                    "  - id: area.parks\n    title: \"Parks, open spaces, trees and 100% of the verges: a long title "
                    "written, with commas and many more words to pass the limit of one hundred and twenty\"\n    owners: [{ref: org.example}]\n")


@pytest.fixture
def result(tmp_path, monkeypatch):
    write_project(tmp_path, {"plan.yaml": PLAN})
    monkeypatch.chdir(tmp_path)
    return lint_files(Path("plan.yaml"), select=("C", "W502", "X"))


def sarif_schema() -> dict:
    return json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def test_every_format_is_registered():
    assert {"text", "json", "sarif", "github", "gitlab", "junit"} <= set(formats())


def test_the_committed_sarif_schema_is_the_official_one():
    official = SHARED / "standards" / "sarif-schema-2.1.0.json"
    if not official.exists():
        pytest.skip("../shared/standards is not present; the copy in tests/lint/data is used on its own")
    assert json.loads(official.read_text(encoding="utf-8")) == sarif_schema()


def test_sarif_validates_against_the_official_schema(result):
    data = json.loads(render(result, "sarif"))
    jsonschema.Draft7Validator(sarif_schema()).validate(data)
    run = data["runs"][0]
    assert run["tool"]["driver"]["name"] == "openplan"
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert rules["C103"]["name"] == "area-without-owner" and rules["C103"]["defaultConfiguration"]["level"] == \
        "warning"
    located = [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"]
               if "suppressions" not in r]
    assert ("C103", 10) in located
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert [(r["ruleId"], r["suppressions"][0]["justification"]) for r in suppressed] == [("C107", "soon")]
    for entry in run["results"]:
        assert run["tool"]["driver"]["rules"][entry["ruleIndex"]]["id"] == entry["ruleId"]
        assert entry["partialFingerprints"]["openplanFinding/v1"]
        assert entry["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "plan.yaml"


def test_sarif_of_every_shipped_example_validates(tmp_path):
    examples = Path(__file__).resolve().parents[2] / "examples"
    data = json.loads(render(lint_files(examples, select=("ALL",)), "sarif"))
    jsonschema.Draft7Validator(sarif_schema()).validate(data)
    assert len(data["runs"][0]["results"]) > 100


def test_github_annotations_escape_their_data(result):
    lines = render(result, "github").splitlines()
    long = next(line for line in lines if "W502" in line)
    assert long.startswith("::warning file=plan.yaml,line=12,col=12,title=W502::")
    assert "%0A" in long  # the hint on its own line
    assert "\n" not in long
    assert lines[0].startswith("::") and all(line.startswith("::") for line in lines)


def test_github_is_chosen_in_github_actions_with_a_job_summary(tmp_path):
    paths = write_project(tmp_path, {"plan.yaml": PLAN})
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    run = run_in_ci("lint", str(paths["plan.yaml"]), "--isolated", "--fail-on", "warning",
                    env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert_no_traceback(run)
    assert run.code == 1
    assert run.stdout.startswith("::warning file=") and "title=C103" in run.stdout
    text = summary.read_text()
    assert text.startswith("earlier step\n## openplan lint")
    assert "| C103 | 1 |" in text and "Not counted: 1 suppressed inline." in text


def test_gitlab_code_quality(result):
    issues = json.loads(render(result, "gitlab"))
    assert {issue["check_name"] for issue in issues} >= {"C103", "W502"}
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] == "plan.yaml" and issue["location"]["lines"]["begin"] >= 1
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    again = json.loads(render(result, "gitlab"))
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues]  # stable between runs


def test_junit_xml(result, tmp_path):
    root = ElementTree.fromstring(render(result, "junit"))
    assert root.tag == "testsuites" and root.get("failures") == str(len(result.findings))
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "plan.yaml"
    failures = [case.find("failure") for case in suite.findall("testcase")]
    assert {failure.get("type").split()[0] for failure in failures} >= {"C103", "W502"}
    clean = write_project(tmp_path / "clean", {"clean.yaml": BASE_PLAN})
    root = ElementTree.fromstring(render(lint_files(clean["clean.yaml"], select=("C103",)), "junit"))
    assert root.get("failures") == "0" and root.find("testsuite/testcase").find("failure") is None


def test_json_carries_fingerprints_and_fixes(tmp_path):
    paths = write_project(tmp_path, {"plan.yaml": BASE_PLAN + "milestones:\n  - {id: ms.a, title: A, "
                                                              "due: {text: Autumn 2025}}\n"})
    run = run_openplan("lint", str(paths["plan.yaml"]), "--format", "json", "--isolated")
    data = json.loads(run.stdout)
    assert run.code == 1 and data["exit_code"] == 1
    (s008,) = [f for f in data["findings"] if f["code"] == "S008"]
    assert s008["fix"] == {"description": 'set the value "2025-23" from the wording "Autumn 2025"', "safe": True}
    assert all(f["fingerprint"] for f in data["findings"])


def test_output_file(tmp_path):
    paths = write_project(tmp_path, {"plan.yaml": PLAN})
    target = tmp_path / "out" / "report.sarif"
    target.parent.mkdir()
    run = run_openplan("lint", str(paths["plan.yaml"]), "--format", "sarif", "--output", str(target), "--isolated")
    assert run.stdout == "" and json.loads(target.read_text())["version"] == "2.1.0"
    run = run_openplan("lint", str(paths["plan.yaml"]), "--output", str(paths["plan.yaml"]), "--isolated")
    assert run.code == 2 and "refusing to overwrite" in run.stderr
    assert paths["plan.yaml"].read_text() == PLAN
