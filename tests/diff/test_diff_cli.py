"""`openplan diff` as a user runs it: formats, exit codes like diff(1), and clear messages for bad input."""

from __future__ import annotations

import json

from ..conftest import EXAMPLES, assert_no_traceback, run_openplan
from .diff_plans import dump
from .test_diff_cases import outputs, plan

LONDON = EXAMPLES / "london-councils"
DRAFT = str(LONDON / "business-plan-2020-21-draft.yaml")
FINAL = str(LONDON / "business-plan-2020-21-final.yaml")


def write(folder, name: str, data: dict | str) -> str:
    path = folder / name
    path.write_text(data if isinstance(data, str) else dump(data), encoding="utf-8")
    return str(path)


def test_draft_to_final_in_text_exits_1_and_reports_the_headline_changes():
    run = run_openplan("diff", DRAFT, FINAL)
    assert_no_traceback(run)
    assert run.code == 1, run.output
    assert "+ area 1: Recovery and Renewal" in run.stdout
    assert "# area 2: Finance, Performance & Improvement" in run.stdout and "number 1 -> 2" in run.stdout
    assert "{+emergency response funding for COVID-19.+}" in run.stdout
    assert "edition status draft -> approved" in run.stdout


def test_markdown_and_json_formats():
    markdown = run_openplan("diff", "--format", "markdown", DRAFT, FINAL)
    assert markdown.code == 1 and markdown.stdout.startswith("# Changes to London Councils Business Plan 2020/21")
    assert "- **Area 1** Recovery and Renewal" in markdown.stdout
    data = json.loads(run_openplan("diff", "-f", "json", DRAFT, FINAL).stdout)
    assert data["exit_code"] == 1 and data["old"]["edition_status"] == "draft"
    assert any(c["change"] == "added" and c["new"]["id"] == "area.recovery-renewal" for c in data["changes"])


def test_identical_plans_exit_0(tmp_path):
    old, new = write(tmp_path, "a.yaml", plan()), write(tmp_path, "b.yaml", plan())
    run = run_openplan("diff", old, new)
    assert (run.code, run.stdout.splitlines()[-1]) == (0, "The plans are the same.")


def test_a_threshold_and_a_match_mode_change_the_matching(tmp_path):
    new = plan()
    outputs(new, "obj.homes")[1].update(id="out.homes.other", text="Publish a report on empty council homes.")
    old, new_path = write(tmp_path, "a.yaml", plan()), write(tmp_path, "b.yaml", new)
    loose = json.loads(run_openplan("diff", "-f", "json", old, new_path).stdout)
    [confidence] = [m["confidence"] for m in loose["matches"] if m["method"] == "text"]
    assert 0.6 <= confidence < 0.95 and loose["summary"]["added"] == 0
    strict = json.loads(run_openplan("diff", "-f", "json", "--threshold", "95", old, new_path).stdout)
    assert strict["summary"]["added"] == 1 and strict["summary"]["removed"] == 1
    by_id = json.loads(run_openplan("diff", "-f", "json", "--match", "id", old, new_path).stdout)
    assert by_id["summary"]["added"] == 1 and by_id["matching"]["mode"] == "id"


def test_bad_input_gives_one_clear_line_and_exit_2(tmp_path):
    good = write(tmp_path, "plan.yaml", plan())
    cases = {
        write(tmp_path, "notes.yaml", "title: meeting notes\n"): "is not an OpenPlan plan",
        str(LONDON / "registry.yaml"): "is a registry file (kind: registry), not a plan",
        write(tmp_path, "future.yaml", plan(openplan="2.0")): "it follows OpenPlan 2.0, and this openplan package",
        str(tmp_path / "missing.yaml"): "cannot read",
    }
    for other, message in cases.items():
        run = run_openplan("diff", good, other)
        assert_no_traceback(run)
        assert run.code == 2 and run.stdout == "", run.output
        assert run.stderr.startswith("openplan diff: ") and message in run.stderr, run.stderr
    usage = run_openplan("diff", good, good, "--threshold", "0")
    assert usage.code == 2 and "Traceback" not in usage.output


def test_a_plan_compared_with_itself_is_the_same_exit_0(tmp_path):
    good = write(tmp_path, "plan.yaml", plan())
    for other in (good, str(tmp_path / "." / "plan.yaml")):  # the same file, however it is named
        run = run_openplan("diff", good, other)
        assert_no_traceback(run)
        assert (run.code, run.stdout.splitlines()[-1]) == (0, "The plans are the same."), run.output


def test_two_organisations_plans_compare_with_a_warning(tmp_path):
    old = write(tmp_path, "a.yaml", plan())
    new = write(tmp_path, "b.yaml", plan(organisation="org.partner"))
    run = run_openplan("diff", old, new)
    assert run.code == 0 and "warning: the plans belong to different organisations" in run.stdout
