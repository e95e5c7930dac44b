"""Converters carry progress: the spreadsheet round trip of a plan with every new indicator field, Markdown
pages for reports and in-plan progress, the data package's observations table, and a clear refusal where a format
cannot hold a report."""

from __future__ import annotations

import csv
import io
import json

import pytest

from openplan import convert

from ..conftest import assert_no_traceback, run_openplan
from .files import HEADER, REPORT, project

# A plan with every field 1.1 adds for indicators, targets, tolerances, status words and in-plan progress.
EVERY_FIELD = HEADER + """\
bodies:
  - {id: body.finance, name: Finance, kind: directorate}
status_scale:
  - {label: "On target", status: on-track, rag: green, description: Going to plan.}
  - {label: "Some disruption", status: at-risk, rag: amber}
tolerance: {green_within: 1, amber_within: 5, unit: percent}
indicators:
  - id: ind.tax
    number: FI06
    title: Council tax collected
    owners: [{ref: body.finance}]
    class: performance
    frequency: quarterly
    unit: "%"
    decimals: 1
    direction: increase
    metric: {scheme: lginform, id: "12345"}
    tolerance: {green_within: 0.5, amber_within: 2, unit: absolute}
    baseline: {value: 97.4, date: {value: FY2013}}
    source: Revenues system
    targets:
      - {value: 98, qualifier: at-least, kind: target, period: {value: FY2025-Q2}, text: "98%"}
      - {relative: {change: -20, unit: percent, from: baseline}, due: {value: "2026"}, text: "cut by a fifth"}
      - {due: {value: "2026-03"}, text: "all online by March", kind: forecast}
    progress:
      - {date: {value: FY2025-Q1, text: Quarter 1}, value: 97.1, stage: "On target", commentary: Fine.}
areas:
  - id: area.finance
    title: Finance
    objectives:
      - id: obj.collect
        title: Collect what is due
        measured_by: [ind.tax]
        outputs:
          - id: out.arrears
            text: Chase arrears.
            due: {value: 2025-06, text: June 2025}
            progress:
              - {date: {value: FY2025-Q2, text: "Quarter 2 2025/26"}, stage: "Some disruption", rag: amber, percent_complete: 40, commentary: Staff shortages., revised_due: {value: 2025-10, text: October 2025}}
"""


def _plan(tmp_path):
    path = tmp_path / "plan.yaml"
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    path.write_text(EVERY_FIELD, encoding="utf-8")
    return convert.load(str(path))


def test_the_workbook_round_trip_of_a_plan_with_every_new_field_is_lossless(tmp_path):
    source = _plan(tmp_path)
    assert not convert.losses("xlsx", source.data, source.index).losses
    assert convert.from_xlsx(convert.to_xlsx(source.data, source.index)) == source.data


def test_the_csv_round_trip_of_a_plan_with_every_new_field_is_lossless(tmp_path):
    source = _plan(tmp_path)
    files = convert.to_csv(source.data)
    folder = tmp_path / "csv"
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_bytes(content)
    assert {"status-scale.csv", "indicator-owners.csv"} <= set(files)
    assert convert.from_csv(str(folder)) == source.data


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "ical", "stratml"])
def test_a_report_to_a_format_that_cannot_hold_it_is_refused_clearly(tmp_path, fmt):
    report = project(tmp_path)
    run = run_openplan("convert", str(report), "--to", fmt, "-o", str(tmp_path / f"out.{fmt}"))
    assert_no_traceback(run)
    assert run.code == 2 and "is a progress report, which converts to json, yaml" in run.stderr


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_a_report_converts_to_json_and_yaml_and_back(tmp_path, fmt):
    report = project(tmp_path)
    run = run_openplan("convert", str(report), "--to", fmt, "-o", str(tmp_path / f"again.{fmt}"))
    assert_no_traceback(run)
    assert run.code == 0
    again = convert.load(str(tmp_path / f"again.{fmt}"))
    assert again.data == convert.load(str(report)).data and again.data["kind"] == "report"


def test_the_markdown_of_a_report_shows_each_items_progress_and_each_figure(tmp_path):
    report = project(tmp_path)
    source = convert.load(str(report))
    page = convert.to_markdown(source.data, source.index)
    assert "- **Updates by RAG:** green 1, amber 1, red 1" in page
    assert "| plan | updates by rag | Green 1, Amber 1, Red 1 | agrees with the updates |" in page
    assert "| Output Chase arrears. | Some disruption | at-risk | amber | 60% |   | Staff shortages. |" in page
    assert "| Output Take payments online. |   | complete | green (G) |" in page
    assert "| Output Start 100 homes. | Stalled | off-track | red |   | March 2026 |" in page
    assert "| FI06 Council tax collected | 97.9% | 98% | green |" in page  # 97.9 is within 5% of 98


def test_the_markdown_of_a_plan_shows_in_plan_progress_top_level_indicators_and_status_words(tmp_path):
    source = _plan(tmp_path)
    page = convert.to_markdown(source.data, source.index)
    assert "| Quarter 2 2025/26 | Some disruption |   | Amber | 40% |   |   | Staff shortages. | October 2025 |" \
        in page
    assert "### FI06 Council tax collected" in page and "| target | 98% | FY2025-Q2 |   |" in page
    assert "RAG tolerance for every indicator: green within 1% of target, amber within 5%, red beyond." in page
    assert "| Some disruption | at-risk | amber |   |" in page


def _lost(source) -> list[str]:
    """The messages of the data package's loss report."""
    report = convert.losses("datapackage", source.data, source.index)
    return [finding.message for loss in report.losses for finding in loss.findings]


def _table(files, name):
    return list(csv.DictReader(io.StringIO(files[f"{name}.csv"].decode("utf-8"))))


def test_the_data_package_of_a_report_has_a_tidy_observations_table(tmp_path):
    published = REPORT.replace("rag: green, previous_value: 97.4", "rag: amber, previous_value: 97.4")
    assert published != REPORT
    report = project(tmp_path, report=published)
    source = convert.load(str(report))
    files = convert.to_datapackage(source.data, source.index)
    [row] = _table(files, "observations")
    assert row == {"indicator": "ind.tax", "period": "Quarter 2 2025/26", "period_start": "2025-07-01",
                   "period_end": "2025-09-30", "value": "97.9", "text": "97.9%", "target": "98",
                   "target_text": "98%", "rag": "amber", "computed_rag": "green", "trend": "improving",
                   "source": "report"}
    assert {r["item"] for r in _table(files, "progress")} == {"out.arrears", "out.online", "out.homes"}
    descriptor = json.loads(files["datapackage.json"])
    assert "observations" in [resource["name"] for resource in descriptor["resources"]]
    lost = _lost(source)
    assert "ProgressReport.counts" in lost and "ItemUpdate.stage" in lost


def test_the_data_package_of_a_plan_has_its_indicator_actuals_as_observations(tmp_path):
    source = _plan(tmp_path)
    files = convert.to_datapackage(source.data, source.index)
    [row] = _table(files, "observations")
    assert (row["indicator"], row["period"], row["value"], row["source"]) == ("ind.tax", "Quarter 1", "97.1", "plan")
    assert [r["id"] for r in _table(files, "indicators")] == ["ind.tax"]
    # an item's update dated by a period has no day for the progress table: it is reported, not dropped
    lost = _lost(source)
    assert "ProgressUpdate.date as a period (not a day)" in lost
