"""Properties of `openplan diff` over generated plans: a plan equals itself, diffs invert, edits are reported."""

from __future__ import annotations

import copy
from datetime import date

import yaml

from .diff_plans import DATES, OWNERS, WORDS, dump, objectives_of, outputs_of, plans
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from openplan import diff
from openplan.dates import resolve_value
from openplan.diff.model import PlanDiff

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def canonical(result: PlanDiff) -> tuple:
    """The diff as comparable data, independent of file names and positions."""
    changes = sorted(
        (c.kind.value, c.item_kind, c.old.key if c.old else None, c.new.key if c.new else None, c.field,
         repr(c.before.key if hasattr(c.before, "key") else c.before),
         repr(c.after.key if hasattr(c.after, "key") else c.after), c.words, c.direction,
         (c.match.method, c.match.confidence) if c.match else None)
        for c in result.changes)
    matches = sorted((m.kind, m.old.key, m.new.key, m.method, m.confidence) for m in result.matches)
    return tuple(changes), tuple(matches)


def deadline(span) -> tuple:
    """A span ordered by its last day, then its first; an open end counts as the far future or past."""
    return span.latest or date.max, span.earliest or date.min


def reconstruct(words, side: str) -> str:
    keep = {"old": ("equal", "delete"), "new": ("equal", "insert")}[side]
    return " ".join(text for op, text in words if op in keep and text)


@SETTINGS
@given(plans())
def test_a_plan_compared_with_itself_is_the_same(plan):
    result = diff.compare_texts(dump(plan), dump(plan))
    assert result.changes == []
    assert result.same and result.exit_code == 0
    assert all(m.method in ("plan", "id") for m in result.matches)


@SETTINGS
@given(plans(), plans(), st.sampled_from(diff.MODES))
def test_diff_b_a_is_the_inverse_of_diff_a_b(a, b, mode):
    forward = diff.compare_texts(dump(a), dump(b), mode=mode)
    backward = diff.compare_texts(dump(b), dump(a), old_name="new.yaml", new_name="old.yaml", mode=mode)
    assert canonical(backward) == canonical(forward.inverse())
    assert forward.counts()["added"] == backward.counts()["removed"]
    assert forward.counts()["removed"] == backward.counts()["added"]
    assert forward.same == backward.same


@SETTINGS
@given(plans(), plans())
def test_word_edits_rebuild_both_texts(a, b):
    for change in diff.compare_texts(dump(a), dump(b)).of_kind(diff.ChangeKind.REWORDED):
        assert reconstruct(change.words, "old") == (change.before or "")
        assert reconstruct(change.words, "new") == (change.after or "")


# --- one edit, reported as exactly that edit ------------------------------------------------

def only_change(a: dict, b: dict) -> diff.Change:
    result = diff.compare_texts(dump(a), dump(b))
    assert len(result.changes) == 1, [c.to_dict() for c in result.changes]
    assert result.exit_code == 1
    return result.changes[0]


@SETTINGS
@given(plans(), st.data())
def test_a_reworded_output_is_reported_as_that_rewording(plan, data):
    pairs = outputs_of(plan)
    assume(pairs)
    _objective, output = data.draw(st.sampled_from(pairs))
    new_text = " ".join(data.draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8)))
    assume(new_text != output["text"])
    edited = copy.deepcopy(plan)
    target = next(u for _o, u in outputs_of(edited) if u["id"] == output["id"])
    target["text"] = new_text
    change = only_change(plan, edited)
    assert (change.kind, change.item_kind, change.new.id, change.field) == ("reworded", "output", output["id"],
                                                                              "text")
    assert (change.before, change.after) == (output["text"], new_text)
    assert reconstruct(change.words, "new") == new_text


@SETTINGS
@given(plans(), st.data())
def test_a_changed_outcome_statement_is_reported_separately_from_the_title(plan, data):
    objectives = objectives_of(plan)
    assume(objectives)
    objective = data.draw(st.sampled_from(objectives))
    edited = copy.deepcopy(plan)
    target = next(o for o in objectives_of(edited) if o["id"] == objective["id"])
    target["outcome"] = (objective.get("outcome") or "") + " and more besides"
    change = only_change(plan, edited)
    assert (change.kind, change.item_kind, change.field) == ("reworded", "objective", "outcome")
    assert change.words[-1] == ("insert", "and more besides")
    assert change.before == (objective.get("outcome") or None)


@SETTINGS
@given(plans(), st.data())
def test_a_changed_due_date_is_a_slip_or_a_pull_in(plan, data):
    pairs = outputs_of(plan)
    assume(pairs)
    _objective, output = data.draw(st.sampled_from(pairs))
    old_value = output.get("due", {}).get("value")
    new_value = data.draw(st.sampled_from(DATES))
    assume(old_value is not None and new_value != old_value)
    old_span, new_span = resolve_value(old_value), resolve_value(new_value)
    assume((old_span.latest, old_span.earliest) != (new_span.latest, new_span.earliest))
    edited = copy.deepcopy(plan)
    next(u for _o, u in outputs_of(edited) if u["id"] == output["id"])["due"] = {"value": new_value}
    change = only_change(plan, edited)
    assert (change.kind, change.new.id, change.field) == ("date", output["id"], "due")
    later = deadline(new_span) > deadline(old_span)
    assert change.direction == ("slipped" if later else "pulled-in")
    assert (change.before["value"], change.after["value"]) == (old_value, new_value)


@SETTINGS
@given(plans(), st.data())
def test_a_new_owner_is_reported_as_that_owner(plan, data):
    pairs = outputs_of(plan)
    assume(pairs)
    _objective, output = data.draw(st.sampled_from(pairs))
    current = {o["ref"] for o in output.get("owners", [])}
    owner = data.draw(st.sampled_from(OWNERS))
    assume(owner not in current)
    edited = copy.deepcopy(plan)
    target = next(u for _o, u in outputs_of(edited) if u["id"] == output["id"])
    target.setdefault("owners", []).append({"ref": owner, "role": "lead"})
    change = only_change(plan, edited)
    assert (change.kind, change.new.id) == ("owners", output["id"])
    assert [o["ref"] for o in change.owners_added] == [owner] and change.owners_removed == []


@SETTINGS
@given(plans(), st.data())
def test_an_output_moved_to_another_objective_is_reported_as_moved(plan, data):
    pairs = outputs_of(plan)
    objectives = objectives_of(plan)
    assume(pairs and len(objectives) > 1)
    source, output = data.draw(st.sampled_from(pairs))
    destination = data.draw(st.sampled_from([o for o in objectives if o["id"] != source["id"]]))
    edited = copy.deepcopy(plan)
    by_id = {o["id"]: o for o in objectives_of(edited)}
    moving = next(u for u in by_id[source["id"]]["outputs"] if u["id"] == output["id"])
    by_id[source["id"]]["outputs"].remove(moving)
    if not by_id[source["id"]]["outputs"]:
        del by_id[source["id"]]["outputs"]
    by_id[destination["id"]].setdefault("outputs", []).append(moving)
    change = only_change(plan, edited)
    assert (change.kind, change.new.id) == ("moved", output["id"])
    assert (change.before.id, change.after.id) == (source["id"], destination["id"])


@SETTINGS
@given(plans(), st.data())
def test_a_dropped_output_is_reported_as_removed(plan, data):
    pairs = [(o, u) for o, u in outputs_of(plan) if not u.get("sub_items")]
    assume(pairs)
    source, output = data.draw(st.sampled_from(pairs))
    edited = copy.deepcopy(plan)
    parent = next(o for o in objectives_of(edited) if o["id"] == source["id"])
    parent["outputs"] = [u for u in parent["outputs"] if u["id"] != output["id"]]
    if not parent["outputs"]:
        del parent["outputs"]
    change = only_change(plan, edited)
    assert (change.kind, change.old.id, change.new) == ("removed", output["id"], None)


@SETTINGS
@given(plans(), st.data())
def test_a_renumbered_area_is_reported_with_both_numbers(plan, data):
    area = data.draw(st.sampled_from(plan["areas"]))
    edited = copy.deepcopy(plan)
    next(a for a in edited["areas"] if a["id"] == area["id"])["number"] = "99"
    change = only_change(plan, edited)
    assert (change.kind, change.new.id, change.before, change.after) == ("renumbered", area["id"], area["number"],
                                                                        "99")


def renamed(plan: dict) -> dict:
    """The same plan with every id changed, as a plan of another year would have."""
    text = dump(plan)
    for prefix in ("area.", "obj.", "out.", "sub.", "ms."):
        text = text.replace(f"id: {prefix}", f"id: x{prefix}").replace(f"parent: {prefix}", f"parent: x{prefix}")
    return yaml.safe_load(text)


def wordings(value) -> list[str]:
    """Every title and text in a part of a plan."""
    if isinstance(value, list):
        return [w for v in value for w in wordings(v)]
    if isinstance(value, dict):
        own = [value[k] for k in ("title", "text") if isinstance(value.get(k), str)]
        return own + [w for k, v in value.items() if k not in ("title", "text") for w in wordings(v)]
    return []


@SETTINGS
@given(plans())
def test_plans_that_share_no_ids_are_matched_by_wording(plan):
    texts = wordings([plan["areas"], plan.get("milestones", [])])
    assume(len(texts) == len(set(texts)))  # identical wordings could be paired either way
    other = renamed(plan)
    result = diff.compare_texts(dump(plan), dump(other))
    matched = {(m.old.id, m.new.id, m.method, m.confidence) for m in result.matches if m.kind in ("area", "objective",
                                                                                               "output")}
    expected = {(i, f"x{i}", "text", 1.0) for i in (
        [a["id"] for a in plan["areas"]] + [o["id"] for o in objectives_of(plan)]
        + [u["id"] for _o, u in outputs_of(plan)])}
    assert matched == expected
    assert result.of_kind(diff.ChangeKind.ADDED) == [] and result.of_kind(diff.ChangeKind.MOVED) == []
    assert not result.same  # the ids differ
