"""A small plan and quarterly reports on it, written into a project folder for the report tests."""

from __future__ import annotations

from pathlib import Path

from ..plans import plan_header

# The header of the approved 1.1 plan the reports are on; the converter tests start from it too.
HEADER = plan_header("1.1", id="plan.council", title="Council Plan 2025/26",
                     period='{start: "2025-04-01", end: "2026-03-31", text: "2025/26"}', edition="{status: approved}")

PLAN = HEADER + """\
bodies:
  - {id: body.scrutiny, name: Overview and Scrutiny, kind: committee}
themes:
  - {id: theme.money, title: Value for money}
status_scale:
  - {label: "On target", status: on-track, rag: green}
  - {label: "Some disruption", status: at-risk, rag: amber}
  - {label: "Stalled", status: off-track, rag: red}
tolerance: {green_within: 5, amber_within: 10, unit: percent}
indicators:
  - id: ind.tax
    number: FI06
    title: Council tax collected
    class: performance
    frequency: quarterly
    unit: "%"
    decimals: 1
    direction: increase
    targets:
      - {value: 98, qualifier: at-least, period: {value: FY2025-Q2}, text: "98%"}
areas:
  - id: area.finance
    title: Finance
    objectives:
      - id: obj.collect
        title: Collect what is due
        themes: [theme.money]
        measured_by: [ind.tax]
        outputs:
          - {id: out.arrears, text: Chase arrears.}
          - {id: out.online, text: Take payments online.}
  - id: area.housing
    title: Housing
    objectives:
      - id: obj.homes
        title: Build homes
        outputs:
          - {id: out.homes, text: Start 100 homes.}
"""

REPORT = """\
openplan: "1.1"
kind: report
id: report.q2
title: Quarter 2 progress 2025/26
organisation: org.example
plan: {id: plan.council, path: plan.yaml}
period: {value: FY2025-Q2, text: "Quarter 2 2025/26"}
as_of: "2025-09-30"
presented: [{to: body.scrutiny, on: {value: "2025-11-13"}, item: "7"}]
updates:
  - {item: out.arrears, stage: "Some disruption", commentary: Staff shortages., percent_complete: 60}
  - {item: out.online, status: complete, rag: green, wording: {rag: G}}
  - {item: out.homes, stage: "Stalled", revised_due: {value: 2026-03, text: March 2026}}
observations:
  - {indicator: ind.tax, value: 97.9, text: "97.9%", rag: green, previous_value: 97.4}
counts:
  - {scope: plan, of: updates, by: rag, counts: {green: 1, amber: 1, red: 1}, total: 3, text: "Green 1, Amber 1, Red 1"}
"""


def project(folder: Path, report: str = REPORT, plan: str = PLAN, name: str = "q2.yaml") -> Path:
    """A project folder holding plan.yaml and a report; the report's path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text("", encoding="utf-8")
    (folder / "plan.yaml").write_text(plan, encoding="utf-8")
    (folder / name).write_text(report, encoding="utf-8")
    return folder / name
