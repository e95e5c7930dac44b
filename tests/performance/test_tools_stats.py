"""`openplan stats` counts indicators, targets, actuals and updates, and rolls a report's progress up by RAG and
status for the whole plan, each area and each theme."""

from __future__ import annotations

import json

from openplan import stats

from ..conftest import assert_no_traceback, run_openplan
from .files import PLAN, project

IN_PLAN = PLAN.replace("          - {id: out.homes, text: Start 100 homes.}\n", """\
          - id: out.homes
            text: Start 100 homes.
            progress:
              - {date: "2025-06-30", status: on-track, rag: green}
              - {date: {value: FY2025-Q2, text: Quarter 2}, stage: Stalled}
""").replace("      - {value: 98, qualifier: at-least, period: {value: FY2025-Q2}, text: \"98%\"}\n", """\
      - {value: 98, qualifier: at-least, period: {value: FY2025-Q2}, text: "98%"}
      - {value: 98.5, qualifier: at-least, period: {value: FY2025-Q3}}
    progress:
      - {date: "2025-09-30", value: 97.9}
""")


def test_a_report_is_counted_and_rolled_up_by_rag_and_status_per_scope(tmp_path):
    report = project(tmp_path)
    [counted] = stats.stats(report).plans
    assert counted.kind == "report"
    assert {key: counted.counts[key] for key in ("indicators", "targets", "actuals", "updates")} == {
        "indicators": 1, "targets": 1, "actuals": 1, "updates": 3}
    by_rag = counted.progress["updates_by_rag"]
    assert by_rag["plan"] == {"amber": 1, "green": 1, "red": 1}  # "Some disruption" and "Stalled" mean amber, red
    assert by_rag["area.finance"] == {"amber": 1, "green": 1} and by_rag["area.housing"] == {"red": 1}
    assert by_rag["theme.money"] == {"amber": 1, "green": 1}
    assert counted.progress["updates_by_status"]["plan"] == {"at-risk": 1, "complete": 1, "off-track": 1}
    assert counted.progress["observations_by_rag"]["area.finance"] == {"green": 1}  # ind.tax measures obj.collect
    assert counted.progress["scopes"]["area.finance"] == "Area"


def test_a_plan_counts_its_indicators_targets_actuals_and_in_plan_progress(tmp_path):
    project(tmp_path, plan=IN_PLAN)
    [counted] = stats.stats(tmp_path / "plan.yaml").plans
    assert {key: counted.counts[key] for key in ("indicators", "targets", "actuals", "updates")} == {
        "indicators": 1, "targets": 2, "actuals": 1, "updates": 2}
    # the latest update counts (a period's last day sorts after a day within it): "Stalled" means red
    assert counted.progress["updates_by_rag"] == {"plan": {"red": 1}, "area.housing": {"red": 1},
                                                  "obj.homes": {"red": 1}}


def test_text_and_json(tmp_path):
    report = project(tmp_path)
    run = run_openplan("stats", str(report))
    assert_no_traceback(run)
    lines = run.stdout.splitlines()
    assert any(line.split() == ["updates", "3"] for line in lines)
    assert "[1] updates by RAG: green 1, amber 1, red 1 (whole plan)" in lines
    assert "  area area.finance: green 1, amber 1" in lines and "  theme theme.money: green 1, amber 1" in lines
    assert "[1] indicator figures by RAG: green 1 (whole plan)" in lines
    data = json.loads(run_openplan("stats", "--format", "json", str(report)).stdout)
    [plan] = data["plans"]
    assert plan["kind"] == "report" and plan["counts"]["actuals"] == 1
    assert plan["progress"]["updates_by_status"]["area.housing"] == {"off-track": 1}
    assert "updates" in data["counts"]
