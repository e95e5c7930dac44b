"""The Hart District Council example: the service plan actions and milestones of the council's timeline page and
its 45 KPI tiles, with two consecutive quarterly reports (quarters 1 and 2 of 2014/15) copied from two versions of
the council's own published data."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from openplan.model import Plan, ProgressReport
from openplan.validation import validate

from ..conftest import EXAMPLES, assert_no_traceback, run_openplan

HART = EXAMPLES / "hart-district-council"
PLAN = HART / "service-plans-2014-15.yaml"
Q1, Q2 = HART / "report-2014-15-q1.yaml", HART / "report-2014-15-q2.yaml"
# The KPI references in the order the tiles show them.
REFERENCES = ("CS01 CS02a CS02b CS03 ETS01 FI06 HR01 HR02 HR03 HR05 HR11 HS01 HS07 HS08 HS16 IA01 IA02 IA04 IT01 "
              "IT02 IT03 IT04 IT05 IT06 IT07 LS05 PS01 PS02 PS03 PS05 RB01 RB02 RB04 RB05 RB06 RB07 RB08 RB09 RS20 "
              "RS21 SNH01 SNH02 SNH03 SNH04 SNH06").split()


def _read(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plan() -> Plan:
    return Plan.model_validate(_read(PLAN))


@pytest.fixture(scope="module")
def reports() -> dict[int, ProgressReport]:
    return {1: ProgressReport.model_validate(_read(Q1)), 2: ProgressReport.model_validate(_read(Q2))}


def _figures(report: ProgressReport) -> dict:
    return {observation.indicator: observation for observation in report.observations}


def _updates(report: ProgressReport) -> dict:
    found = {}
    for update in report.updates:
        assert update.item not in found, f"two updates of {update.item}"
        found[update.item] = update
    return found


@pytest.mark.parametrize("path", [PLAN, Q1, Q2], ids=lambda p: p.name)
def test_the_plan_and_both_reports_validate_with_zero_errors(path):
    result = validate(path)
    assert result.errors == [], "\n".join(f"{f.location()} {f.code} {f.message}" for f in result.errors)


# --- the plan --------------------------------------------------------------------------------------------------


def test_the_plan_holds_the_45_kpis_in_the_published_order_with_their_teams(plan):
    assert [indicator.number for indicator in plan.indicators] == REFERENCES
    teams = {body.id: body.name for body in plan.bodies}
    owners = Counter(teams[indicator.owners[0].ref] for indicator in plan.indicators)
    assert owners["Finance, Revs and Bens"] == 9 and owners["IT Services"] == 7 and owners["Safer North Hants"] == 5
    assert sum(owners.values()) == 45 and len(owners) == 11


def test_the_plan_holds_every_service_action_and_milestone_of_the_timeline(plan):
    assert [level.name for level in plan.levels] == ["Service", "Action", "Milestone"]
    assert [area.title for area in plan.areas] == [
        "Business Support", "Corporate Services", "Electoral Services", "Environmental & Technical Services",
        "Housing Services", "Internal Audit", "Leisure Services", "Planning Policy", "Regulatory Services",
        "Safer North Hants"]
    actions = {objective.id: objective for area in plan.areas for objective in area.objectives}
    assert len(actions) == 127
    # 355 milestones of the quarter 2 version, and 5 that only the quarter 1 version lists
    assert len(plan.milestones) == 360
    assert all(len(milestone.objectives) == 1 and milestone.objectives[0] in actions for milestone in plan.milestones)
    eversley = next(m for m in plan.milestones if m.title == "HS1403a Eversley site completion")
    assert eversley.due.value == "2014-10-31"
    assert actions[eversley.objectives[0]].title == "Deliver 2 housing rural exception sites"


# --- the reports -----------------------------------------------------------------------------------------------


def test_the_second_report_follows_the_first(reports):
    assert reports[1].period.value == "FY2014-Q1" and reports[2].period.value == "FY2014-Q2"
    assert reports[2].previous.id == reports[1].id
    assert (HART / reports[2].previous.path).resolve() == Q1.resolve()
    assert reports[1].plan.id == reports[2].plan.id == "hart-service-plans-2014-15"


def test_each_report_has_one_figure_for_every_kpi(plan, reports):
    ids = [indicator.id for indicator in plan.indicators]
    for report in reports.values():
        assert [observation.indicator for observation in report.observations] == ids


def test_each_report_updates_every_milestone_row_its_timeline_lists(plan, reports):
    milestones = {milestone.id for milestone in plan.milestones}
    counted = {n: sum(1 for item in _updates(r) if item in milestones) for n, r in reports.items()}
    assert counted == {1: 313, 2: 355}  # the rows of time/app.js that name a milestone
    gone = milestones - set(_updates(reports[2]))
    assert len(gone) == 5 and gone <= set(_updates(reports[1]))


def test_the_kpi_rag_counts_are_those_the_tiles_show(reports):
    # Quarter 1: 27 above target, 6 close to target, 9 below, 3 grey; quarter 2: 30, 3, 8 and 4 grey.
    assert Counter(o.rag for o in reports[1].observations) == {"green": 27, "amber": 6, "red": 9, None: 3}
    assert Counter(o.rag for o in reports[2].observations) == {"green": 30, "amber": 3, "red": 8, None: 4}


@pytest.mark.parametrize("ref, q1, q2", [
    # (value, rag) in quarter 1 and in quarter 2, as the tiles publish them
    ("ind.fi06", (97.4, "green"), (97.0, "amber")),
    ("ind.hr02", (65.3, "red"), (100.0, "green")),
    ("ind.it01", (42.5, "amber"), (79.3, "green")),
    ("ind.ps01", (63.6, "amber"), (57.1, "red")),
    ("ind.snh01", (0.0, "red"), (10.0, "green")),
    ("ind.rs20", (91.7, "amber"), (99.5, "green")),
])
def test_real_kpi_movements_between_the_quarters(reports, ref, q1, q2):
    first, second = _figures(reports[1])[ref], _figures(reports[2])[ref]
    assert (first.value, first.rag) == q1
    assert (second.value, second.rag) == q2


@pytest.mark.parametrize("item, title, q1, q2", [
    # (rag, status) in quarter 1 and quarter 2, as the timeline shows them
    ("ms.ls.023", "Complete and commence implementation", ("green", None), ("red", None)),
    ("ms.bs.007", "Review relationship with main contact centre", ("amber", None), ("green", "complete")),
    ("ms.ia.010", "Review Started", ("amber", None), ("red", "complete")),
    ("ms.hs.065", "Commence area based work on poorly insulated homes", ("amber", None), ("green", None)),
])
def test_real_milestone_movements_between_the_quarters(plan, reports, item, title, q1, q2):
    assert next(m for m in plan.milestones if m.id == item).title == title
    first, second = _updates(reports[1])[item], _updates(reports[2])[item]
    assert (first.rag, first.status) == q1
    assert (second.rag, second.status) == q2


def test_a_slipping_milestone_keeps_its_revised_date_and_the_reason(reports):
    eversley = _updates(reports[2])["ms.hs.034"]
    assert eversley.revised_due.value == "2014-12-31"
    assert eversley.commentary.startswith("141104 - Due to delays with Thames Water completion is now likely")
    assert _updates(reports[1])["ms.hs.034"].commentary == "14 08 13 Due to complete in Sept 2014"
    assert _updates(reports[1])["ms.hs.034"].revised_due is None
    assert sum(1 for update in reports[2].updates if update.revised_due) == 21


def test_percent_complete_of_actions_and_services(reports):
    q1, q2 = _updates(reports[1]), _updates(reports[2])
    assert q1["act.bs.01"].percent_complete == 25 and q2["act.bs.01"].percent_complete == 25
    # quarter 2 alone prints each service's own figure
    assert q2["area.rs"].percent_complete == 65 and "area.rs" not in q1
    # the quarter 1 rows of act.hs.06 disagree (16 and 0): no figure, and a note says why
    assert "act.hs.06" not in q1 and q2["act.hs.06"].percent_complete == 25
    assert any(item.text.startswith("act.hs.06: ") for note in reports[1].notes for item in note.items or [])


def test_restated_figures_keep_what_each_report_prints(reports):
    # The quarter 2 tiles print a different quarter 1 figure for FI06 and HR11 than the quarter 1 tiles did.
    assert _figures(reports[1])["ind.fi06"].value == 97.4 and _figures(reports[2])["ind.fi06"].previous_value == 97.9
    assert _figures(reports[1])["ind.hr11"].value == 2.6 and _figures(reports[2])["ind.hr11"].previous_value == 2.7


def test_targets_change_between_quarters_as_published(plan, reports):
    assert _figures(reports[1])["ind.hr11"].target.value == 1.58
    assert _figures(reports[2])["ind.hr11"].target.value == 3.15
    hr11 = next(indicator for indicator in plan.indicators if indicator.id == "ind.hr11")
    assert [(t.period.value, t.value) for t in hr11.targets] == [("FY2014-Q1", 1.58), ("FY2014-Q2", 3.15)]
    # RB09 turned grey ("for info only") in quarter 2 with a target of 0: no target then.
    assert _figures(reports[1])["ind.rb09"].target.value == 12 and _figures(reports[2])["ind.rb09"].target is None
    assert _figures(reports[2])["ind.rb09"].wording.rag == "for info only"


def test_no_published_figure_is_dropped(reports):
    for report in reports.values():
        for observation in report.observations:
            assert observation.text, observation.indicator
            if observation.value is None:
                # A tile that shows 0 where no figure was available keeps its 0 as published wording.
                assert observation.text in ("0", "0%")
    missing = {n: sorted(o.indicator for o in r.observations if o.value is None) for n, r in reports.items()}
    assert missing == {1: ["ind.ets01"], 2: ["ind.ets01", "ind.it06", "ind.ps05"]}
    reading = " ".join(item.text for note in reports[2].notes for item in note.items or [])
    assert "IT06" in reading and "PS05" in reading and "ETS01" in reading


def test_the_notes_are_copied_verbatim(reports):
    hs16 = _figures(reports[2])["ind.hs16"].note
    assert "140929: Q2 – 24 units in total (14 shared ownership at QEB" in hs16
    assert _figures(reports[2])["ind.cs01"].note == "No notes"
    assert _figures(reports[1])["ind.cs01"].note is None  # a blank note in quarter 1
    # a quarter 1 label where a note stands in place of the action's name is kept, as published
    labels = [item.text for note in reports[1].notes for item in note.items or []]
    assert ("ms.bs.004: Part of: Review now complete - action being taken to implement changes as a result"
            in labels)


def test_the_two_quarter_diff_shows_the_real_movements():
    run = run_openplan("diff", str(Q1), str(Q2))
    assert_no_traceback(run)
    lines = run.stdout.splitlines()

    def line(*words):
        found = [text for text in lines if all(word in text for word in words)]
        assert found, words
        return found[0]

    # a milestone that went from green to red, and one whose date slipped, with the new date
    moved = line('"Complete and commence implementation"', "RAG")
    assert moved.index("green") < moved.index("red")
    assert "2014-12-31" in line('"HS1403a Eversley site completion"', "revised")
    # KPI figures and RAG of both quarters: FI06 97.4% green to 97% amber, PS01 63.6% amber to 57.1% red
    fi06 = line("FI06")
    assert fi06.index("97.4%") < fi06.index("green") < fi06.index("97%") < fi06.index("amber")
    ps01 = line("PS01")
    assert ps01.index("63.6%") < ps01.index("amber") < ps01.index("57.1%") < ps01.index("red")
