"""Plan diffs see the committee report a plan was published in, its narrative sections and its notes."""

from __future__ import annotations

import json

from openplan import diff
from openplan.diff import ChangeKind

from .test_diff_cases import compare, plan

REPORT = {"title": "Business Plan 2025/26", "committee": "body.board", "item": 9,
          "summary": "Members are asked to approve the plan.",
          "recommendations": [{"text": "Approve the business plan."}],
          "implications": [{"kind": "financial", "text": "None beyond the agreed budget."}]}
SECTIONS = [{"id": "sec.foreword", "kind": "foreword", "title": "Foreword", "text": "A year of delivery."}]
NOTES = [{"kind": "caveat", "text": "Dates are indicative."}]


def test_a_reworded_report_summary_and_a_new_recommendation_are_changes():
    new_report = {**REPORT, "summary": "Members are asked to note the plan.",
                  "recommendations": [*REPORT["recommendations"], {"text": "Review it in March."}]}
    result = compare(plan(report=REPORT), plan(report=new_report))
    reworded = {c.field: c for c in result.of_kind(ChangeKind.REWORDED) if c.item_kind == "report"}
    assert set(reworded) == {"summary", "recommendations"}
    assert reworded["summary"].before == "Members are asked to approve the plan."
    assert ("insert", "note") in reworded["summary"].words
    assert reworded["recommendations"].after == "Approve the business plan. Review it in March."


def test_a_changed_meeting_date_and_agenda_item():
    old = plan(report={**REPORT, "meeting_date": {"value": "2025-03-12"}})
    new = plan(report={**REPORT, "item": 10, "meeting_date": {"value": "2025-03-19"}})
    result = compare(old, new)
    [date] = [c for c in result.of_kind(ChangeKind.DATE) if c.item_kind == "report"]
    assert (date.field, date.direction) == ("meeting_date", "slipped")
    [item] = [c for c in result.of_kind(ChangeKind.REWORDED) if c.field == "item"]
    assert (item.before, item.after) == ("9", "10")


def test_a_report_added_to_a_plan_is_an_added_item():
    result = compare(plan(), plan(report=REPORT))
    [added] = result.of_kind(ChangeKind.ADDED)
    assert added.item_kind == "report" and added.new.text == "Business Plan 2025/26"


def test_sections_reworded_added_and_removed():
    new_sections = [{**SECTIONS[0], "text": "A year of delivery and recovery."},
                    {"id": "sec.context", "kind": "context", "title": "Context", "text": "Budgets are tight."}]
    result = compare(plan(sections=SECTIONS), plan(sections=new_sections))
    [reworded] = result.of_kind(ChangeKind.REWORDED)
    assert (reworded.item_kind, reworded.field, reworded.new.id) == ("section", "text", "sec.foreword")
    [added] = result.of_kind(ChangeKind.ADDED)
    assert added.item_kind == "section" and added.new.id == "sec.context"
    assert [c.item_kind for c in compare(plan(sections=new_sections), plan(sections=SECTIONS))
            .of_kind(ChangeKind.REMOVED)] == ["section"]


def test_notes_are_matched_by_wording_and_their_changes_shown_in_every_format():
    new_notes = [{**NOTES[0], "text": "Dates are indicative and may move."}]
    result = compare(plan(notes=NOTES), plan(notes=new_notes))
    [change] = result.changes
    assert (change.kind, change.item_kind, change.field) == (ChangeKind.REWORDED, "note", "text")
    assert "text: Dates are [-indicative.-] {+indicative and may move.+}" in diff.render(result, "text")
    data = json.loads(diff.render(result, "json"))
    assert data["changes"][0]["item_kind"] == "note" and data["changes"][0]["new"]["kind"] == "note"


def test_the_same_parts_are_the_same():
    data = plan(report=REPORT, sections=SECTIONS, notes=NOTES)
    assert compare(data, data).same
