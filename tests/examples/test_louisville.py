"""The Louisville Metro example: the Public Health and Wellness strategic plan FY13-FY19 (a July-June year,
levels named Objective, Goal and Initiative) and the Louisville Metro Government objectives it serves, checked
against what the published PDF prints."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest

from openplan.cascade import thread
from openplan.convert import source
from openplan.dates import Span
from openplan.index import date_span
from openplan.validation import load, validate
from openplan.wording import item_kind

from ..conftest import EXAMPLES

FOLDER = EXAMPLES / "louisville-metro"
PLAN = FOLDER / "public-health-strategic-plan-fy13-19.yaml"
PARENT = FOLDER / "metro-strategic-objectives.yaml"
REGISTRY = FOLDER / "registry.yaml"
PLAN_ID, PARENT_ID = "louisville-metro-public-health-strategic-plan-fy13-19", "louisville-metro-strategic-plan"

# Goal number: (initiatives, "Dept. Objective" numbers, "Mayor's Objective" numbers), as pages 9 to 12 print
# them ("1-6" written out).
GOALS = {
    1: (5, "1 5", "5"), 2: (4, "1 2 5", "4"), 3: (4, "6", "1 5"), 4: (3, "1 2 3 4 5 6", "1 4"),
    5: (3, "1 2", "4 5"), 6: (3, "1 2 3", "4 5"), 7: (5, "1 2 3 4 5 6", "1"), 8: (4, "1 2 3 4 5 6", "1 4"),
    9: (4, "3 4 5", "4"), 10: (5, "6", "1 5"), 11: (5, "1 5", "1 4 5"), 12: (2, "1 5", "1 5"),
    13: (1, "6", "1 4 5"), 14: (2, "1 2 5", "1 4 5"),
}


@pytest.fixture(scope="module")
def plan():
    return load(PLAN)


@pytest.fixture(scope="module")
def loaded():
    return source.load(PLAN)


@pytest.mark.parametrize("path", [PLAN, PARENT, REGISTRY], ids=lambda p: p.name)
def test_each_file_validates_with_zero_errors(path):
    result = validate(path)
    assert result.errors == [], "\n".join(f"{f.location()} {f.code} {f.message}" for f in result.errors)
    assert result.exit_code == 0


def test_the_plan_counts_in_july_years_with_the_levels_it_names(plan):
    assert plan.calendar == "financial-july" and plan.plan_type == "department-plan"
    assert plan.jurisdiction.country == "US-KY"
    assert [(level.id, level.name, level.kind) for level in plan.levels] == [
        ("objective", "Objective", "area"), ("goal", "Goal", "objective"), ("initiative", "Initiative", "output")]
    data = plan.model_dump(by_alias=True, exclude_none=True)
    assert item_kind(data, "Objective", data["objectives"][0]) == "Goal"
    assert item_kind(data, "Output", data["objectives"][0]["outputs"][0], plural=True) == "Initiatives"


def test_six_objectives_fourteen_goals_and_fifty_initiatives(plan):
    assert [area.number for area in plan.areas] == [str(n) for n in range(1, 7)]
    assert all(area.level == "objective" and not area.objectives for area in plan.areas)
    assert [goal.number for goal in plan.objectives] == [str(n) for n in GOALS]
    assert [len(goal.outputs) for goal in plan.objectives] == [count for count, _, _ in GOALS.values()]
    assert sum(len(goal.outputs) for goal in plan.objectives) == 50
    assert {goal.level for goal in plan.objectives} == {"goal"}
    assert {output.level for goal in plan.objectives for output in goal.outputs} == {"initiative"}


def test_each_goal_serves_the_objectives_its_columns_print(plan):
    areas = {area.id: area.number for area in plan.areas}
    for goal in plan.objectives:
        _, department, mayor = GOALS[int(goal.number)]
        own = [link for link in goal.serves if link.plan == PLAN_ID]
        parent = [link for link in goal.serves if link.plan == PARENT_ID]
        assert len(own) + len(parent) == len(goal.serves)
        assert " ".join(areas[link.item] for link in own) == department, goal.number
        assert " ".join(link.number for link in own) == department
        assert " ".join(link.number for link in parent) == mayor, goal.number
        assert {link.relation for link in goal.serves} == {"contributes-to"}


def test_every_serves_link_resolves_to_the_parent_file_on_disk(loaded):
    assert [(p["id"], p["path"]) for p in loaded.data["parents"]] == [(PARENT_ID, PARENT.name)]
    parent = source.load(FOLDER / loaded.data["parents"][0]["path"])
    assert parent.data["id"] == PARENT_ID
    links = thread(loaded.index, [parent.index]).serves
    assert len(links) == sum(len(d.split()) + len(m.split()) for _, d, m in GOALS.values())
    assert all(link.resolved for link in links)
    numbers = {item.id: item.data["number"] for item in parent.index.of_kind("Objective")}
    for link in links:
        if link.target.plan == PARENT_ID:
            assert link.target.kind == "Objective" and numbers[link.target.item] == link.number
        else:
            assert link.target.plan == PLAN_ID and link.target.kind == "Area"


def test_a_misspelt_served_objective_is_found_in_the_parent_file(tmp_path):
    for path in (PLAN, PARENT, REGISTRY):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / ".git").mkdir()  # the project's root, as in a council's repository
    copy = tmp_path / PLAN.name
    text = copy.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "item: obj.vibrant-future" in row)
    copy.write_text(text.replace("item: obj.vibrant-future", "item: obj.vibrant-futur", 1), encoding="utf-8")
    errors = validate(copy).errors
    assert [(f.code, f.line) for f in errors] == [("I021", line)]
    assert "obj.vibrant-future" in errors[0].message + (errors[0].hint or "")


def test_the_parent_holds_the_five_metro_objectives_as_page_5_prints_them():
    parent = load(PARENT)
    assert [(o.number, o.title) for o in parent.objectives] == [
        ("1", "Deliver Excellent City Services."), ("2", "Solve Systemic Budget Issues."),
        ("3", "Take Job Creation To The Next Level."),
        ("4", "Invest In Our People And Neighborhoods, Advance “Quality Of Place”."),
        ("5", "Create Plans For A Vibrant Future.")]
    assert parent.objectives[3].description.endswith("our diverse population, our geography, and the Ohio River.")


@pytest.mark.parametrize("text, expected", [
    ("by end of FY 14", Span(None, date(2014, 6, 30))),
    ("by the end of FY 13", Span(None, date(2013, 6, 30))),
    ("during FY 13", Span(date(2012, 7, 1), date(2013, 6, 30))),
    ("FY 13", Span(date(2012, 7, 1), date(2013, 6, 30))),
    ("FY14", Span(date(2013, 7, 1), date(2014, 6, 30))),
    ("FY 13-14", Span(date(2012, 7, 1), date(2014, 6, 30))),
    ("throughout FY 13 – 14", Span(date(2012, 7, 1), date(2014, 6, 30))),
])
def test_named_fiscal_years_resolve_to_july_june_spans(loaded, text, expected):
    dues = [due for due in _dues(loaded.data) if due["text"] == text]
    assert dues, text
    assert {date_span(due, loaded.index) for due in dues} == {expected}


def test_every_due_date_ends_where_its_published_wording_says(loaded):
    """"FY 14" is the year ending 30 June 2014; "by" leaves the start open; a range starts on 1 July of the
    year before its first year."""
    dues = list(_dues(loaded.data))
    assert len(dues) >= 40
    for due in dues:
        years = [int(y) for y in re.findall(r"FY ?(\d\d)(?:\s?[-–]\s?(\d\d))?", due["text"])[0] if y]
        span = loaded.index.span(due)
        assert span.latest == date(2000 + years[-1], 6, 30), due
        opened = due["text"].startswith("by")
        assert span.earliest == (None if opened else date(1999 + years[0], 7, 1)), due


def test_the_plan_period_is_fy13_to_fy19(loaded):
    period = loaded.data["period"]
    assert (period["start"], period["end"], period["text"]) == ("2012-07-01", "2019-06-30", "FY13 - FY19")


def test_goal_11_keeps_its_baseline_and_target_as_published(plan):
    goal = next(goal for goal in plan.objectives if goal.number == "11")
    indicator = goal.indicators[0]
    assert (indicator.baseline.value, indicator.baseline.text) == (86.12, "Baseline established at 86.12%.")
    target = indicator.targets[0]
    assert (target.value, target.relative.change, target.relative.unit) == (89.12, 3, "absolute")
    assert target.value == pytest.approx(indicator.baseline.value + target.relative.change)


def _dues(data):
    """Every due date in the plan's goals, initiatives and their targets."""
    for goal in data["objectives"]:
        for item in (goal, *goal.get("outputs", [])):
            if "due" in item:
                yield item["due"]
            for indicator in item.get("indicators", []):
                for target in indicator.get("targets", []):
                    if "due" in target:
                        yield target["due"]
