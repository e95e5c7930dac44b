"""`openplan diff` on small hand-written pairs: each kind of change, matching, recorded reasons and bad input."""

from __future__ import annotations

import copy

import pytest

from openplan import diff
from openplan.diff import ChangeKind, DiffError

from .diff_plans import BASE, dump


def plan(**fields) -> dict:
    data = copy.deepcopy(BASE)
    data["areas"] = [{
        "id": "area.housing", "number": "1", "title": "Housing",
        "objectives": [
            {"id": "obj.homes", "number": "1.1", "title": "More homes for local people",
             "outcome": "Council-led housing delivery increases.",
             "outputs": [
                 {"id": "out.homes.sites", "number": "a", "text": "Agree a list of council sites for new homes.",
                  "due": {"text": "Autumn 2025", "value": "2025-23"}, "owners": [{"ref": "post.leader"}]},
                 {"id": "out.homes.report", "number": "b", "text": "Publish a report on empty homes."},
             ]},
            {"id": "obj.repairs", "number": "1.2", "title": "Better repairs",
             "outputs": [{"id": "out.repairs.standard", "number": "a", "text": "Set a repairs standard."}]},
        ]}]
    data.update(fields)
    return data


def compare(old: dict, new: dict, **options) -> diff.PlanDiff:
    return diff.compare_texts(dump(old), dump(new), **options)


def outputs(data: dict, objective: str) -> list[dict]:
    return next(o for o in data["areas"][0]["objectives"] if o["id"] == objective)["outputs"]


def test_a_slipped_date_is_a_slip_with_both_spans():
    new = plan()
    outputs(new, "obj.homes")[0]["due"] = {"text": "Winter 2025", "value": "2025-24"}
    [change] = compare(plan(), new).changes
    assert (change.kind, change.direction, change.field) == (ChangeKind.DATE, "slipped", "due")
    assert (change.before["earliest"], change.before["latest"]) == ("2025-09-01", "2025-11-30")
    assert (change.after["earliest"], change.after["latest"]) == ("2025-12-01", "2026-02-28")
    assert compare(new, plan()).changes[0].direction == "pulled-in"


def test_a_date_relative_to_an_event_resolves_through_the_event():
    old, new = plan(), plan()
    for data, day in ((old, "2025-10-29"), (new, "2025-11-26")):
        data["events"] = [{"id": "event.budget", "title": "Autumn Budget", "date": {"value": day}}]
        outputs(data, "obj.homes")[1]["due"] = {"text": "ahead of the Budget", "relative_to": "event.budget",
                                                "relation": "before"}
    result = compare(old, new)
    [output_date] = [c for c in result.of_kind(ChangeKind.DATE) if c.item_kind == "output"]
    assert output_date.direction == "slipped"
    assert (output_date.before["latest"], output_date.after["latest"]) == ("2025-10-28", "2025-11-25")
    [event_date] = [c for c in result.of_kind(ChangeKind.DATE) if c.item_kind == "event"]
    assert event_date.direction == "slipped"


def test_a_date_given_for_the_first_time_and_a_restated_date():
    new = plan()
    outputs(new, "obj.homes")[1]["due"] = {"text": "TBC", "tbc": True}
    outputs(new, "obj.homes")[0]["due"] = {"text": "September to November 2025", "value": "2025-23"}
    by_id = {c.new.id: c for c in compare(plan(), new).of_kind(ChangeKind.DATE)}
    assert by_id["out.homes.report"].direction == "added"
    assert by_id["out.homes.sites"].direction == "restated"


def test_owner_and_progress_status_changes():
    new = plan()
    outputs(new, "obj.homes")[0]["owners"] = [{"ref": "post.chief", "role": "lead"}]
    outputs(new, "obj.homes")[1]["progress"] = [{"date": "2025-06-30", "status": "on-track"},
                                                {"date": "2025-09-30", "status": "at-risk", "rag": "amber"}]
    result = compare(plan(), new)
    [owners] = result.of_kind(ChangeKind.OWNERS)
    assert [o["name"] for o in owners.owners_added] == ["Chief Executive"]
    assert [o["name"] for o in owners.owners_removed] == ["Leader"]
    statuses = {c.field: (c.before, c.after) for c in result.of_kind(ChangeKind.STATUS)}
    assert statuses == {"status": (None, "at-risk"), "rag": (None, "amber")}


def test_a_renumbered_and_moved_output():
    new = plan()
    moving = outputs(new, "obj.homes").pop(1)
    moving["number"] = "b"
    outputs(new, "obj.repairs").append(moving)
    result = compare(plan(), new)
    [moved] = result.of_kind(ChangeKind.MOVED)
    assert (moved.new.id, moved.before.id, moved.after.id) == ("out.homes.report", "obj.homes", "obj.repairs")
    assert result.of_kind(ChangeKind.RENUMBERED) == []  # still "b"


def test_items_without_shared_ids_are_matched_by_wording_with_a_confidence():
    new = plan()
    outputs(new, "obj.homes")[0]["id"] = "out.homes.council-sites"
    outputs(new, "obj.homes")[0]["text"] = "Agree a list of council sites for new homes by spring."
    result = compare(plan(), new)
    [rematched] = result.rematched
    assert (rematched.old.id, rematched.new.id, rematched.method) == ("out.homes.sites", "out.homes.council-sites",
                                                                     "text")
    assert 0.6 <= rematched.confidence < 1
    [reworded] = result.of_kind(ChangeKind.REWORDED)
    assert reworded.words[-2:] == (("delete", "homes."), ("insert", "homes by spring."))
    assert result.of_kind(ChangeKind.ADDED) == [] and result.exit_code == 1


def test_below_the_threshold_an_item_is_removed_and_another_added():
    new = plan()
    outputs(new, "obj.homes")[1].update(id="out.homes.other", text="Run a survey of tenants.")
    result = compare(plan(), new)
    assert [c.old.id for c in result.of_kind(ChangeKind.REMOVED)] == ["out.homes.report"]
    assert [c.new.id for c in result.of_kind(ChangeKind.ADDED)] == ["out.homes.other"]
    # With a threshold low enough, the two are taken for one item.
    low = compare(plan(), new, threshold=0.05)
    assert low.of_kind(ChangeKind.ADDED) == [] and low.rematched[0].confidence < 0.6


def test_match_modes():
    new = plan()
    outputs(new, "obj.homes")[0]["text"] = "Something else entirely."
    # By id the output is the same item, reworded; by wording alone it is a different one.
    assert [c.kind for c in compare(plan(), new, mode="id").changes] == [ChangeKind.REWORDED]
    by_text = compare(plan(), new, mode="text")
    assert {c.kind for c in by_text.changes} == {ChangeKind.ADDED, ChangeKind.REMOVED}


def test_recorded_reasons_explain_changes_and_unfound_records_are_listed():
    old = plan(id="plan.draft")
    new = plan(id="plan.final")
    new["edition"] = {"status": "approved", "previous": {"id": "plan.draft"}, "changes": [
        {"kind": "split", "items": ["out.homes.sites", "out.homes.sites-2"], "previous_items": ["out.homes.sites"],
         "reason": "The Executive asked for the two stages to be reported apart."},
        {"kind": "withdrawn", "items": ["out.repairs.standard"], "reason": "Done early."},
        {"kind": "renumbered", "items": ["area.housing"], "from_number": "2", "to_number": "1"},
    ]}
    outputs(new, "obj.homes").insert(1, {"id": "out.homes.sites-2", "number": "b",
                                         "text": "Start work on the first council sites."})
    outputs(new, "obj.homes")[2]["number"] = "c"
    outputs(new, "obj.repairs").clear()
    outputs(new, "obj.repairs").append({"id": "out.repairs.survey", "number": "a", "text": "Survey every home."})
    result = compare(old, new)
    assert result.previous_edition
    [added] = [c for c in result.of_kind(ChangeKind.ADDED) if c.new.id == "out.homes.sites-2"]
    assert [r.kind for r in added.recorded] == ["split"]
    assert added.recorded[0].reason == "The Executive asked for the two stages to be reported apart."
    [removed] = result.of_kind(ChangeKind.REMOVED)
    assert removed.old.id == "out.repairs.standard" and [r.reason for r in removed.recorded] == ["Done early."]
    assert [(r.kind, r.items) for r in result.unexplained] == [("renumbered", ("area.housing",))]
    text = diff.render(result, "text")
    assert "recorded as split: The Executive asked for the two stages to be reported apart." in text
    assert "renumbered (2 -> 1)" in text


def test_two_organisations_plans_compare_with_a_warning():
    other = plan(organisation="org.partner")
    result = compare(plan(), other)
    assert [w.code for w in result.warnings] == ["different-organisations"]
    assert "org.council" in result.warnings[0].message and "org.partner" in result.warnings[0].message
    assert result.changes == [] and result.exit_code == 0
    assert "warning: the plans belong to different organisations" in diff.render(result, "text")


def test_a_plan_with_broken_references_compares_with_a_warning():
    broken = plan()
    outputs(broken, "obj.homes")[0]["owners"] = [{"ref": "post.nobody"}]
    result = compare(plan(), broken)
    assert [w.code for w in result.warnings] == ["invalid-plan"]
    assert "new.yaml has 1 validation error" in result.warnings[0].message
    [owners] = result.of_kind(ChangeKind.OWNERS)
    assert owners.owners_added == [{"ref": "post.nobody", "role": "lead", "name": "post.nobody"}]


@pytest.mark.parametrize("text, message", [
    ("name: my shopping list\nitems: [eggs]\n", "new.yaml is not an OpenPlan plan: it has no `openplan:` version"),
    ('openplan: "1.0"\nkind: registry\nid: reg\ntitle: Shared\n', "new.yaml is a registry file (kind: registry), "
                                                                  "not a plan"),
    (dump(plan(openplan="9.9")), "cannot compare new.yaml:1:11: it follows OpenPlan 9.9, and this openplan package "
                                 "reads OpenPlan 1.0, 1.1 only; install a newer openplan"),
    (dump(plan(openplan="0.9")), "cannot compare new.yaml:1:11: it follows OpenPlan 0.9, and this openplan package "
                                 "reads OpenPlan 1.0, 1.1 only; upgrade a copy with `openplan upgrade` to OpenPlan 1.1"),
    (dump(plan(edition={"status": "finished"})), "new.yaml is not a valid OpenPlan plan, so it cannot be "
                                                 "compared: new.yaml:"),
    ("- just\n- a list\n", "cannot read new.yaml:1:1: the top level is a list"),
    ("openplan: [unclosed\n", "cannot read new.yaml:2:1: YAML syntax error"),
])
def test_what_is_not_a_comparable_plan_is_refused_with_a_clear_message(text, message):
    with pytest.raises(DiffError) as caught:
        diff.compare_texts(dump(plan()), text)
    assert caught.value.message.startswith(message), caught.value.message


def test_the_same_file_twice_compares_as_the_same(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(dump(plan()), encoding="utf-8")
    result = diff.compare(path, tmp_path / "." / "plan.yaml")
    assert result.changes == [] and result.exit_code == 0


def test_bad_settings_are_refused():
    with pytest.raises(DiffError, match="unknown match mode"):
        compare(plan(), plan(), mode="fuzzy")
    with pytest.raises(DiffError, match="threshold"):
        compare(plan(), plan(), threshold=0)
