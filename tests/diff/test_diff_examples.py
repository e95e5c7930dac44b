"""`openplan diff` on the shipped London Councils examples: draft to final, and one year to another."""

from __future__ import annotations

import shutil

import pytest
import yaml
from ..conftest import EXAMPLES

from openplan import diff
from openplan.diff import ChangeKind

LONDON = EXAMPLES / "london-councils"
DRAFT = LONDON / "business-plan-2020-21-draft.yaml"
FINAL = LONDON / "business-plan-2020-21-final.yaml"
Y2013 = LONDON / "business-plan-2013-14.yaml"
Y2017 = LONDON / "business-plan-2017-18.yaml"
Y2022 = LONDON / "shared-ambitions-milestones-2022-23.yaml"


@pytest.fixture(scope="module")
def draft_to_final() -> diff.PlanDiff:
    return diff.compare(DRAFT, FINAL)


@pytest.fixture(scope="module")
def year_to_year() -> diff.PlanDiff:
    return diff.compare(Y2017, FINAL)


def changes(result: diff.PlanDiff, kind: ChangeKind, item_id: str) -> list[diff.Change]:
    return [c for c in result.of_kind(kind) if item_id in (c.new.id if c.new else None, c.old.id if c.old else None)]


def inserted(change: diff.Change) -> str:
    return " ".join(text for op, text in change.words if op == "insert")


# --- draft to final ----------------------------------------------------------------------------

def test_draft_to_final_differs_and_knows_the_draft_is_the_previous_edition(draft_to_final):
    assert draft_to_final.exit_code == 1 and not draft_to_final.same
    assert draft_to_final.previous_edition
    assert draft_to_final.warnings == []


def test_recovery_and_renewal_is_added(draft_to_final):
    [added] = changes(draft_to_final, ChangeKind.ADDED, "area.recovery-renewal")
    assert added.new.text == "Recovery and Renewal" and added.new.number == "1" and added.old is None
    # Its priority and outputs come with it, under it.
    [objective] = changes(draft_to_final, ChangeKind.ADDED, "obj.building-back-better")
    assert objective.new.parent == "area.recovery-renewal"
    assert not any(c.item.text == "Recovery and Renewal" for c in draft_to_final.of_kind(ChangeKind.REMOVED))


def test_finance_performance_and_improvement_is_renumbered_from_1_to_2(draft_to_final):
    [renumbered] = changes(draft_to_final, ChangeKind.RENUMBERED, "area.finance")
    assert (renumbered.before, renumbered.after) == ("1", "2")
    assert renumbered.match.method == "id" and renumbered.new.text == "Finance, Performance & Improvement"
    assert not changes(draft_to_final, ChangeKind.ADDED, "area.finance")


def test_covid_rewording_of_outcome_statements_is_reported_word_by_word(draft_to_final):
    outcomes = [c for c in draft_to_final.of_kind(ChangeKind.REWORDED) if c.field == "outcome"]
    covid = [c for c in outcomes if "covid" in inserted(c).lower()]
    assert len(covid) >= 3, [c.new.id for c in outcomes]
    [fair_funding] = [c for c in outcomes if c.new.id == "obj.fair-funding"]
    assert ("delete", "the outcome of the Fair Funding Review.") in fair_funding.words
    assert ("insert", "emergency response funding for COVID-19.") in fair_funding.words
    assert fair_funding.before.endswith("the outcome of the Fair Funding Review.")
    assert fair_funding.after.endswith("emergency response funding for COVID-19.")


def test_outputs_are_added_and_dropped(draft_to_final):
    added = {c.new.id for c in draft_to_final.of_kind(ChangeKind.ADDED) if c.item_kind == "output"}
    removed = {c.old.id for c in draft_to_final.of_kind(ChangeKind.REMOVED) if c.item_kind == "output"}
    assert "out.fair-funding.covid-impacts" in added  # "Analysis and lobbying ... financial impacts of COVID-19"
    assert {"out.building-back-better.recovery-workstreams", "out.building-back-better.advocacy-strategy"} <= added
    assert len(removed) >= 5
    draft_ids = {o["id"] for a in yaml.safe_load(DRAFT.read_text(encoding="utf-8"))["areas"]
                 for obj in a.get("objectives", []) for o in obj.get("outputs", [])}
    final_ids = {o["id"] for a in yaml.safe_load(FINAL.read_text(encoding="utf-8"))["areas"]
                 for obj in a.get("objectives", []) for o in obj.get("outputs", [])}
    text_matched = {m.old.id for m in draft_to_final.matches if m.kind == "output" and m.method == "text"}
    assert removed == draft_ids - final_ids - text_matched
    assert added == final_ids - draft_ids - {m.new.id for m in draft_to_final.matches if m.method == "text"}


def test_the_edition_status_changes_from_draft_to_approved(draft_to_final):
    [status] = [c for c in draft_to_final.of_kind(ChangeKind.STATUS) if c.item_kind == "plan"]
    assert (status.field, status.before, status.after) == ("edition", "draft", "approved")


def test_recorded_reasons_are_shown_with_the_changes_they_explain(draft_to_final):
    records = yaml.safe_load(FINAL.read_text(encoding="utf-8"))["edition"].get("changes") or []
    if not records:
        pytest.skip("the final edition records no changes yet")
    shown = {(r.kind, r.items, r.reason, r.note) for c in draft_to_final.changes for r in c.recorded}
    for record in records:
        key = (record["kind"], tuple(record["items"]), record.get("reason"), record.get("note"))
        explained = key in shown
        unexplained = any((r.kind, r.items) == key[:2] for r in draft_to_final.unexplained)
        assert explained != unexplained, record  # each record is either shown with a change or listed apart
    [added] = changes(draft_to_final, ChangeKind.ADDED, "area.recovery-renewal")
    assert any(r.kind == "added" for r in added.recorded)


# --- one year to another -------------------------------------------------------------------------

def test_a_recurring_priority_is_matched_across_the_years(year_to_year):
    [match] = [m for m in year_to_year.matches if m.new.id == "obj.housing-delivery"]
    assert match.old.id == "obj.housing-delivery"
    assert match.old.text == match.new.text == ("Accelerating housing delivery to meet London's needs, with the "
                                                "right mix of homes")
    assert match.old.number == "15" and match.new.number == "9.1"


def test_recurring_priorities_are_matched_by_wording_when_ids_are_ignored():
    result = diff.compare(Y2017, FINAL, mode="text")
    matched = {(m.old.id, m.new.id): m for m in result.matches if m.kind == "objective"}
    housing = matched[("obj.housing-delivery", "obj.housing-delivery")]
    assert housing.method == "text" and housing.confidence == 1.0
    placemaking = matched[("obj.place-making-and-planning", "obj.placemaking-planning")]
    assert 0.8 <= placemaking.confidence < 1.0  # "place-making" against "placemaking"
    assert ("obj.fair-funding", "obj.fair-funding") in matched
    # Unrelated priorities stay apart: no match below the threshold.
    assert all(m.confidence >= result.threshold for m in result.matches if m.method == "text")


def test_items_with_different_ids_are_matched_by_wording_with_a_confidence(year_to_year):
    by_old = {m.old.id: m for m in year_to_year.rematched}
    placemaking = by_old["obj.place-making-and-planning"]
    assert (placemaking.method, placemaking.new.id) == ("text", "obj.placemaking-planning")
    assert 0.6 <= placemaking.confidence < 1
    theme = by_old["theme.2017-18.resourcing-london"]
    assert (theme.method, theme.new.id, theme.confidence) == ("same-theme", "theme.resourcing-london-2020-21", 1.0)


def test_another_years_plan_does_not_borrow_the_finals_recorded_reasons(year_to_year):
    assert not year_to_year.previous_edition
    assert all(not c.recorded for c in year_to_year.changes) and year_to_year.unexplained == []


def test_plans_that_share_nothing_still_compare():
    result = diff.compare(Y2013, Y2022)
    assert result.exit_code == 1
    assert result.counts()["added"] > 0 and result.counts()["removed"] > 0
    assert all(m.confidence >= result.threshold for m in result.matches)


def test_an_example_compared_with_an_identical_copy_is_the_same(tmp_path):
    for name in ("registry.yaml", "pledges.yaml", FINAL.name):
        shutil.copy(LONDON / name, tmp_path / name)
    (tmp_path / "business-plan-2020-21-draft.yaml").write_text(DRAFT.read_text(encoding="utf-8"), encoding="utf-8")
    result = diff.compare(FINAL, tmp_path / FINAL.name)
    assert result.same and result.changes == [] and result.exit_code == 0


def test_every_example_plan_can_be_compared_with_the_others(example_plans):
    for old, new in zip(example_plans, example_plans[1:]):
        result = diff.compare(old, new)
        assert result.exit_code == 1 and not [w for w in result.warnings if w.code == "invalid-plan"], (old, new)
