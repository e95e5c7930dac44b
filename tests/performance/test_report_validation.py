"""Validation of progress reports: a good report is valid, and each bad input is reported at its line and column."""

from __future__ import annotations

import pytest

from openplan import model
from openplan.stats import stats
from openplan.validation import validate
from openplan.validation.api import InvalidPlanError, load

from .files import PLAN, REPORT, project


def findings(path, code=None):
    result = validate(path)
    return [(f.code, f.line, f.column, f.message) for f in result.findings if code is None or f.code == code]


def test_a_plan_and_its_report_are_valid(tmp_path):
    report = project(tmp_path)
    assert validate(tmp_path).findings == []
    loaded = load(report)
    assert isinstance(loaded, model.ProgressReport)
    assert loaded.updates[0].stage == "Some disruption" and loaded.observations[0].value == 97.9


def test_a_folder_holds_plan_and_report_and_both_are_checked(tmp_path):
    project(tmp_path, REPORT.replace("item: out.homes", "item: out.hoems"))
    result = validate(tmp_path)
    assert sorted(result.files) == sorted([str(tmp_path / "plan.yaml"), str(tmp_path / "q2.yaml")])
    assert [f.code for f in result.errors] == ["I041"]


def test_a_missing_plan_file_is_named_where_the_report_names_it(tmp_path):
    report = project(tmp_path, REPORT.replace("path: plan.yaml", "path: plans/plan.yaml"))
    assert findings(report) == [("L001", 6, 32, '"plans/plan.yaml" does not exist')]


def test_a_plan_with_another_id(tmp_path):
    report = project(tmp_path, REPORT.replace("id: plan.council,", "id: plan.county,"))
    assert findings(report) == [("I040", 6, 31, 'plan.yaml is the plan "plan.council", but the report says its plan '
                                                'is "plan.county"')]


def test_a_plan_on_the_web_is_never_fetched(tmp_path):
    report = project(tmp_path, REPORT.replace("path: plan.yaml", "path: https://example.org/plan.yaml"))
    assert [code for code, *_ in findings(report)] == ["L015"]


def test_an_item_and_an_indicator_not_in_the_plan_with_did_you_mean(tmp_path):
    report = project(tmp_path, REPORT.replace("item: out.homes", "item: out.hoems")
                     .replace("indicator: ind.tax", "indicator: ind.taxes"))
    result = validate(report)
    assert [(f.code, f.line, f.column) for f in result.findings] == [("I041", 13, 12), ("I041", 15, 17)]
    assert [f.hint for f in result.findings] == ['Did you mean "out.homes"?', 'Did you mean "ind.tax"?']
    assert 'the item "out.hoems", which is not in the plan "plan.council"' in result.findings[0].message


def test_an_item_of_the_wrong_kind(tmp_path):
    report = project(tmp_path, REPORT.replace("item: out.homes", "item: body.scrutiny"))
    assert [code for code, *_ in findings(report)] == ["I003"]


def test_a_period_outside_the_plan(tmp_path):
    report = project(tmp_path, REPORT.replace("value: FY2025-Q2, text", "value: FY2026-Q2, text"))
    (found,) = findings(report)
    assert found[:3] == ("I042", 7, 9)
    assert "(2026-07-01 to 2026-09-30) is not within the period" in found[3]


def test_the_period_is_read_in_the_plans_calendar(tmp_path):
    # Quarter 4 of a January year is October to December 2025: inside a plan of the calendar year 2025.
    plan = PLAN.replace('period: {start: "2025-04-01", end: "2026-03-31", text: "2025/26"}',
                        'period: {start: "2025-01-01", end: "2025-12-31"}\ncalendar: financial-january')
    report = project(tmp_path, REPORT.replace("value: FY2025-Q2, text", "value: FY2025-Q4, text"), plan)
    assert findings(report, "I042") == []
    report.write_text(REPORT.replace("value: FY2025-Q2, text", "value: FY2026-Q1, text"), encoding="utf-8")
    assert [code for code, *_ in findings(report, "I042")] == ["I042"]


@pytest.mark.parametrize("figure", ['"72/96"', "n/a", "tbc"])
def test_a_figure_that_is_not_a_number_in_value_says_to_keep_it_in_text(tmp_path, figure):
    report = project(tmp_path, REPORT.replace("value: 97.9,", f"value: {figure},"))
    result = validate(report)
    (found,) = result.findings
    assert (found.code, found.line, found.column) == ("S003", 15, 33)
    assert "keeps its published wording in text" in found.message
    assert f'text: "{figure.strip(chr(34))}"' in found.hint


def test_an_observation_with_neither_value_nor_text(tmp_path):
    report = project(tmp_path, REPORT.replace('value: 97.9, text: "97.9%", ', ""))
    (found,) = findings(report)
    assert found == ("S001", 15, 5, "observation 1 of observations needs a value, or its published wording in text")


def test_a_figure_kept_as_text_is_valid_and_a_number_in_text_is_noticed(tmp_path):
    report = project(tmp_path, REPORT.replace('value: 97.9, text: "97.9%"', 'text: "72/96"'))
    assert findings(report) == []
    report.write_text(REPORT.replace('value: 97.9, text: "97.9%"', 'text: "97.9%"'), encoding="utf-8")
    assert findings(report) == [("I044", 15, 32, 'observation 1 of "ind.tax" is published as "97.9%" but has no '
                                                 "value; add value: 97.9")]


def test_a_stage_not_on_the_status_scale(tmp_path):
    report = project(tmp_path, REPORT.replace('stage: "Stalled"', 'stage: "Staled"'))
    (found,) = findings(report)
    assert found[:3] == ("I043", 13, 30) and 'did you mean "Stalled"?' in found[3]


def test_a_reports_own_scale_overrides_the_plans(tmp_path):
    report = project(tmp_path, REPORT + 'status_scale:\n  - {label: "Blocked", status: off-track, rag: red}\n')
    assert [(code, line) for code, line, *_ in findings(report)] == [("I043", 11), ("I043", 13)]


def test_a_report_declaring_1_0_is_told_reports_are_new_in_1_1(tmp_path):
    report = project(tmp_path, REPORT.replace('openplan: "1.1"', 'openplan: "1.0"'))
    result = validate(report)
    assert [(f.code, f.line, f.column) for f in result.findings] == [("S007", 1, 11)]
    assert "new in OpenPlan 1.1" in result.findings[0].hint
    with pytest.raises(InvalidPlanError):
        load(report)


def test_a_bad_report_never_loads(tmp_path):
    report = project(tmp_path, REPORT.replace("item: out.homes", "item: out.hoems"))
    with pytest.raises(InvalidPlanError, match="out.hoems"):
        load(report)


def test_the_plan_is_indexed_once_for_many_reports(tmp_path):
    from openplan.validation.api import Validator

    project(tmp_path)
    (tmp_path / "q3.yaml").write_text(REPORT.replace("id: report.q2", "id: report.q3")
                                      .replace("FY2025-Q2", "FY2025-Q3"), encoding="utf-8")
    validator = Validator()
    for name in ("q2.yaml", "q3.yaml"):
        assert validator.check_file(tmp_path / name) == []
    assert len(validator.workspace.plan_indexes) == 1


def test_the_previous_report_is_read_and_must_be_the_one_named(tmp_path):
    from openplan.validation.api import Validator

    project(tmp_path)
    (tmp_path / "q3.yaml").write_text(REPORT.replace("id: report.q2", "id: report.q3").replace("FY2025-Q2", "FY2025-Q3")
                                      + "previous: {id: report.q2, path: q2.yaml}\n", encoding="utf-8")
    validator = Validator()
    findings, index = validator.check_document(validator.workspace.load(tmp_path / "q3.yaml"))
    assert findings == [] and index.previous.data["id"] == "report.q2" and index.plan.data["id"] == "plan.council"
    (tmp_path / "q3.yaml").write_text(REPORT.replace("id: report.q2", "id: report.q3")
                                      + "previous: {id: report.q1, path: q2.yaml}\n", encoding="utf-8")
    assert findings_of(tmp_path / "q3.yaml") == [("I045", 18, 33)]


def findings_of(path):
    return [(f.code, f.line, f.column) for f in validate(path).findings]


def test_a_progress_date_that_is_neither_a_day_nor_a_date(tmp_path):
    plan = PLAN.replace("          - {id: out.homes, text: Start 100 homes.}",
                        "          - id: out.homes\n            text: Start 100 homes.\n            progress:\n"
                        "              - {date: 2025-13-01}\n              - {date: {text: Quarter 3}}\n"
                        "              - {date: {value: FY2025-Q3, text: Quarter 3}, stage: Stalled}")
    project(tmp_path, plan=plan)
    result = validate(tmp_path / "plan.yaml")
    assert [(f.code, f.line, f.column) for f in result.findings] == [("S005", 49, 24), ("S008", 50, 24)]
    assert "neither a real day written YYYY-MM-DD nor an OpenPlan date" in result.findings[0].message


def test_in_a_run_the_plan_is_read_once_for_itself_and_its_reports(tmp_path, monkeypatch):
    from openplan.validation import workspace

    project(tmp_path)
    for quarter in ("Q3", "Q4"):
        (tmp_path / f"{quarter.lower()}.yaml").write_text(
            REPORT.replace("id: report.q2", f"id: report.{quarter.lower()}").replace("FY2025-Q2", f"FY2025-{quarter}"),
            encoding="utf-8")
    read: list[str] = []
    real = workspace.load_document
    monkeypatch.setattr(workspace, "load_document", lambda path, *args: read.append(path.name) or real(path, *args))
    # the plan first: it must stay loaded for the reports after it
    result = validate(tmp_path / "plan.yaml", tmp_path / "q2.yaml", tmp_path / "q3.yaml", tmp_path / "q4.yaml")
    assert result.findings == [] and sorted(read) == ["plan.yaml", "q2.yaml", "q3.yaml", "q4.yaml"]


def test_a_percentage_written_as_text_says_where_its_wording_goes(tmp_path):
    report = project(tmp_path, REPORT.replace("percent_complete: 60}", 'percent_complete: "60%"}'))
    (found,) = validate(report).findings
    assert (found.code, found.line, found.column) == ("S003", 11, 99)
    assert 'wording: {percent_complete: "60%"}' in found.hint


def _scale_in_a_registry(folder, report: str = REPORT) -> Path:
    """The plan's status scale moved out of the plan into a registry the plan uses."""
    scale = PLAN[PLAN.index("status_scale:"):PLAN.index("tolerance:")]
    registry = 'openplan: "1.1"\nkind: registry\nid: reg.words\ntitle: Status words\n' + scale
    path = project(folder, report, PLAN.replace(scale, "registries: [words.yaml]\n"))
    (folder / "words.yaml").write_text(registry, encoding="utf-8")
    return path


def test_a_status_scale_declared_in_the_plans_registry_is_in_force_for_its_reports(tmp_path):
    report = _scale_in_a_registry(tmp_path)
    assert validate(tmp_path).findings == []
    wrong = _scale_in_a_registry(tmp_path / "wrong", REPORT.replace('stage: "Stalled"', 'stage: "Staled"'))
    (found,) = findings(wrong)
    assert found[:3] == ("I043", 13, 30) and 'did you mean "Stalled"?' in found[3]
    (counted,) = stats(report).plans  # the council's words count as the statuses and RAG they mean
    assert counted.progress["updates_by_rag"]["plan"] == {"amber": 1, "green": 1, "red": 1}
