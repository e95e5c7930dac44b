"""What 1.1 adds for indicators and progress is refused in a 1.0 file, by validate and by load()."""

from __future__ import annotations

import pytest

from openplan.validation import validate
from openplan.validation.api import InvalidPlanError, load

from ..plans import plan_header

PLAN_1_0 = plan_header("1.0", id="plan.council", title="Council Plan", edition="{status: approved}") + """\
areas:
  - id: area.a
    title: A
    objectives:
      - id: obj.a
        title: A
        outputs:
          - id: out.a
            text: A.
            progress:
              - {date: "2025-06-30", status: on-track}
"""


def write(tmp_path, text):
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_1_0_plan_with_a_day_for_progress_is_valid(tmp_path):
    assert validate(write(tmp_path, PLAN_1_0)).findings == []


@pytest.mark.parametrize(("change", "code", "where"), [
    (('date: "2025-06-30"', 'date: {value: FY2025-Q1}'), "S003", (19, 24)),
    (("status: on-track}", "status: on-track, stage: Begun}"), "S002", (19, 56)),
    (("    title: A\n    objectives:", "    title: A\n    measured_by: [ind.a]\n    objectives:"), "S002", (12, 5)),
    (("organisations:", "tolerance: {green_within: 5, amber_within: 10}\norganisations:"), "S002", (7, 1)),
])
def test_1_1_fields_are_refused_in_a_1_0_plan(tmp_path, change, code, where):
    path = write(tmp_path, PLAN_1_0.replace(*change))
    result = validate(path)
    assert [(f.code, f.line, f.column) for f in result.findings if f.code[0] == "S"] == [(code, *where)]
    with pytest.raises(InvalidPlanError):
        load(path)


def test_the_same_fields_are_valid_in_1_1(tmp_path):
    text = (PLAN_1_0.replace('openplan: "1.0"', 'openplan: "1.1"')
            .replace('date: "2025-06-30", status: on-track}',
                     'date: {value: FY2025-Q1, text: "Quarter 1 2025/26"}, status: on-track, commentary: Begun.}')
            .replace("organisations:", "tolerance: {green_within: 5, amber_within: 10}\norganisations:"))
    path = write(tmp_path, text)
    assert validate(path).findings == []
    plan = load(path)
    assert plan.tolerance.unit == "percent"
    assert plan.areas[0].objectives[0].outputs[0].progress[0].date.value == "FY2025-Q1"


def test_a_target_needs_a_value_a_change_or_a_date_in_1_1(tmp_path):
    text = PLAN_1_0.replace('openplan: "1.0"', 'openplan: "1.1"').replace(
        "            text: A.\n",
        "            text: A.\n            indicators:\n              - id: ind.a\n                title: A\n"
        "                targets:\n                  - {due: {value: \"2028\"}, text: carbon neutral by 2028}\n"
        "                  - {relative: {change: -20, unit: percent}, text: cut by a fifth}\n"
        "                  - {text: more}\n")
    result = validate(write(tmp_path, text))
    assert [(f.code, f.line, f.column, f.message) for f in result.findings] == [
        ("S001", 24, 21, "target 3 of targets needs a value, a relative change, or a due date")]
