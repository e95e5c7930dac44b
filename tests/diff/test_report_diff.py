"""`openplan diff` of two progress reports of one plan, and of a plan and its report."""

from __future__ import annotations

import json

import pytest

from openplan import diff
from openplan.diff.report_model import ReportDiff

from ..conftest import SCHEMA, assert_no_traceback, run_openplan
from ..performance.files import PLAN, REPORT, project

# The tolerance of the worked example: target 98 at least, green within 1 per cent, amber within 5.
TOLERANCE = "tolerance: {green_within: 1, amber_within: 5, unit: percent}"
EXAMPLE_PLAN = PLAN.replace("tolerance: {green_within: 5, amber_within: 10, unit: percent}", TOLERANCE) \
    .replace("    direction: increase\n", "")  # the target's at-least decides the bad side
FIGURE = '{indicator: ind.tax, value: 97.9, text: "97.9%", rag: green, previous_value: 97.4}'


def reports(folder, before: float, after: float, *, old_extra: str = "", new_extra: str = ""):
    """Two reports of one plan, the same but for the indicator's actual (and any extra text)."""
    assert TOLERANCE in EXAMPLE_PLAN and FIGURE in REPORT
    text = REPORT.replace(FIGURE, "{indicator: ind.tax, value: %s}")
    old = project(folder, text % before + old_extra, EXAMPLE_PLAN, name="q1.yaml")
    new = folder / "q2.yaml"
    new.write_text(text % after + new_extra, encoding="utf-8")
    return old, new


@pytest.mark.parametrize("actual, rag", [(97.5, "green"), (95, "amber"), (90, "red"), (98.5, "green")])
def test_one_changed_actual_is_the_only_change_and_its_rag_follows_the_tolerance(tmp_path, actual, rag):
    old, new = reports(tmp_path, 97.5 if actual != 97.5 else 96, actual)
    result = diff.compare(old, new)
    assert isinstance(result, ReportDiff) and result.exit_code == 1
    assert not (result.updates or result.started or result.stopped or result.details)
    [change] = result.figures
    assert change.subject.id == "ind.tax" and change.subject.number == "FI06"
    assert change.before.value == (97.5 if actual != 97.5 else 96) and change.after.value == actual
    assert change.after.target == 98 and change.after.qualifier == "at-least"
    assert change.after.computed_rag == rag
    data = json.loads(diff.render(result, "json"))
    assert data["diff"] == "progress" and data["summary"]["figures"] == 1
    assert data["figures"][0]["after"]["computed_rag"] == rag


def test_the_text_shows_both_values_the_target_the_computed_rag_and_the_trend(tmp_path):
    old, new = reports(tmp_path, 97.5, 90)
    text = diff.render(diff.compare(old, new), "text")
    assert ('Indicator FI06 "Council tax collected": 97.5, target at least 98, green (from the tolerance) -> 90, '
            "target at least 98, red (from the tolerance)") in text
    markdown = diff.render(diff.compare(old, new), "markdown")
    assert "| Indicator FI06 | Council tax collected | 97.5, target at least 98" in markdown


def test_the_same_report_twice_is_the_same(tmp_path):
    old, _new = reports(tmp_path, 97.5, 97.5)
    result = diff.compare(old, old)
    assert result.same and result.exit_code == 0
    assert "The progress is the same." in diff.render(result)


def test_a_published_rag_that_the_tolerance_contradicts_is_shown_beside_it(tmp_path):
    text = REPORT.replace(FIGURE, '{indicator: ind.tax, value: 90, rag: green}')
    old = project(tmp_path, REPORT, EXAMPLE_PLAN, name="q1.yaml")
    (tmp_path / "q2.yaml").write_text(text, encoding="utf-8")
    shown = diff.render(diff.compare(old, tmp_path / "q2.yaml"))
    assert "90, target at least 98, green (the tolerance gives red)" in shown


ITEM = "  - {item: out.homes, stage: \"Stalled\", revised_due: {value: 2026-03, text: March 2026}}\n"


def test_rag_moves_slippage_percent_complete_and_stopped_items(tmp_path):
    plan = EXAMPLE_PLAN.replace("{id: out.homes, text: Start 100 homes.}",
                                "{id: out.homes, text: Start 100 homes., due: {value: 2025-12}}")
    q1 = REPORT.replace(ITEM, "  - {item: out.homes, stage: \"Some disruption\"}\n") \
        .replace("percent_complete: 60", "percent_complete: 40")
    q2 = REPORT.replace("  - {item: out.online, status: complete, rag: green, wording: {rag: G}}\n", "")
    old = project(tmp_path, q1, plan, name="q1.yaml")
    (tmp_path / "q2.yaml").write_text(q2, encoding="utf-8")
    result = diff.compare(old, tmp_path / "q2.yaml")
    [move] = result.of_field("rag")
    assert (move.subject.id, move.before, move.after, move.direction) == ("out.homes", "amber", "red", "worse")
    [slip] = result.slippage
    assert slip.subject.id == "out.homes" and slip.after["text"] == "March 2026"
    assert slip.planned_due["latest"] == "2025-12-31"
    [percent] = result.of_field("percent_complete")
    assert (percent.subject.id, percent.before, percent.after) == ("out.arrears", 40, 60)
    assert [subject.id for subject in result.stopped] == ["out.online"]
    # the counts no longer match, but counts are lint's business; the update on out.online is gone
    text = diff.render(result)
    assert 'Output "Start 100 homes.": RAG amber -> red (worse)' in text
    assert "revised due date none -> March 2026 (added); due in the plan 2025-12" in text
    assert "No longer reported (1)" in text and 'Output "Take payments online."' in text


def test_a_revised_date_earlier_than_before_is_not_new_slippage(tmp_path):
    plan = EXAMPLE_PLAN.replace("{id: out.homes, text: Start 100 homes.}",
                                "{id: out.homes, text: Start 100 homes., due: {value: 2025-12}}")
    q1 = REPORT.replace("value: 2026-03, text: March 2026", "value: 2026-06, text: June 2026")
    old = project(tmp_path, q1, plan, name="q1.yaml")
    (tmp_path / "q2.yaml").write_text(REPORT, encoding="utf-8")
    [change] = diff.compare(old, tmp_path / "q2.yaml").of_field("revised_due")
    assert change.direction == "pulled-in" and not change.slippage


def test_a_plan_and_its_report(tmp_path):
    report = project(tmp_path, REPORT, EXAMPLE_PLAN)
    result = diff.compare(tmp_path / "plan.yaml", report)
    assert result.old.kind == "plan" and result.new.kind == "report"
    moves = {(c.subject.id, c.after) for c in result.of_field("rag")}
    assert moves == {("out.arrears", "amber"), ("out.online", "green"), ("out.homes", "red")}
    [figure] = result.figures
    assert figure.before is None and figure.after.value == 97.9 and figure.after.computed_rag == "green"


def test_cli_formats_and_exit_codes(tmp_path):
    old, new = reports(tmp_path, 97.5, 95)
    run = run_openplan("diff", str(old), str(new))
    assert_no_traceback(run)
    assert run.code == 1 and "Indicators (1)" in run.stdout and "95, target at least 98, amber" in run.stdout
    data = json.loads(run_openplan("diff", "-f", "json", str(old), str(new)).stdout)
    assert data["figures"][0]["before"]["value"] == 97.5
    assert run_openplan("diff", str(old), str(old)).code == 0


def test_a_report_whose_plan_is_missing_is_a_clear_error(tmp_path):
    old, new = reports(tmp_path, 97.5, 95)
    (tmp_path / "plan.yaml").unlink()
    run = run_openplan("diff", str(old), str(new))
    assert_no_traceback(run)
    assert run.code == 2 and "q1.yaml" in run.stderr and "plan it reports on cannot be read" in run.stderr


def test_the_json_follows_its_schema(tmp_path):
    import jsonschema

    schema = json.loads((SCHEMA / "output" / "1.0" / "progress-diff.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    plan = EXAMPLE_PLAN.replace("{id: out.homes, text: Start 100 homes.}",
                                "{id: out.homes, text: Start 100 homes., due: {value: 2025-12}}")
    q1 = REPORT.replace(ITEM, "  - {item: out.homes, stage: \"Some disruption\"}\n")
    old = project(tmp_path, q1, plan, name="q1.yaml")
    (tmp_path / "q2.yaml").write_text(REPORT.replace(FIGURE, '{indicator: ind.tax, value: 90, rag: amber}'),
                                      encoding="utf-8")
    data = json.loads(diff.render(diff.compare(old, tmp_path / "q2.yaml"), "json"))
    assert data["updates"] and data["figures"]
    jsonschema.validate(data, schema)
    broken = {**data, "updates": [{**data["updates"][0], "field": "colour"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_an_invalid_report_is_refused_at_file_line_and_column(tmp_path):
    old, new = reports(tmp_path, 97.5, 95)
    new.write_text(new.read_text(encoding="utf-8").replace("percent_complete: 60", "percent_complete: 160"),
                   encoding="utf-8")
    run = run_openplan("diff", str(old), str(new))
    assert_no_traceback(run)
    assert run.code == 2 and "q2.yaml:11:" in run.stderr and "160 is greater than the maximum of 100" in run.stderr
    registry = tmp_path / "registry.yaml"
    registry.write_text('openplan: "1.1"\nkind: registry\nid: reg.x\n', encoding="utf-8")
    refused = run_openplan("diff", str(registry), str(new))
    assert_no_traceback(refused)
    assert refused.code == 2 and "is a registry file" in refused.stderr


def test_a_revised_date_later_than_the_previous_reports_is_new_slippage_even_within_the_due_date(tmp_path):
    plan = EXAMPLE_PLAN.replace("{id: out.homes, text: Start 100 homes.}",
                                "{id: out.homes, text: Start 100 homes., due: {value: 2026-03}}")
    q1 = REPORT.replace("value: 2026-03, text: March 2026", "value: 2026-01, text: January 2026")
    old = project(tmp_path, q1, plan, name="q1.yaml")
    (tmp_path / "q2.yaml").write_text(REPORT, encoding="utf-8")
    [change] = diff.compare(old, tmp_path / "q2.yaml").of_field("revised_due")
    assert change.direction == "slipped" and change.slippage
    assert (change.before["text"], change.after["text"]) == ("January 2026", "March 2026")
