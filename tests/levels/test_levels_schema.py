"""Schema 1.1 levels, untitled items, plan-level objectives and the smaller fields; the 1.0 guard; I013 and I014."""

from __future__ import annotations

import pydantic
import pytest

import openplan
from openplan import model
from openplan.index import build
from openplan.loader import parse
from openplan.wording import item_kind

from ..plans import BASE_PLAN
from .plans import LEVELS_PLAN

BASE_1_1 = BASE_PLAN.replace('openplan: "1.0"', 'openplan: "1.1"')


def _findings(text: str) -> list:
    return openplan.validate_text(text, "plan.yaml").findings


def test_a_plan_using_every_new_field_validates_and_loads(tmp_path):
    assert _findings(LEVELS_PLAN) == []
    path = tmp_path / "plan.yaml"
    path.write_text(LEVELS_PLAN, encoding="utf-8")
    plan = openplan.load(path)
    assert [level.name for level in plan.levels] == ["Goal", "Strategy", "Action"]
    assert plan.plan_type == "delivery-program" and plan.owners[0].ref == "post.gm"
    assert [objective.id for objective in plan.objectives] == ["str.2-1", "str.2-2"]
    assert plan.objectives[1].untitled is True and plan.objectives[1].title is None
    output = plan.areas[0].objectives[0].outputs[0]
    assert (output.title, output.level, output.tags) == ("Riverside festival", "action", ["culture", "events"])
    assert output.due.relative_to == ["ev.budget", "ev.review"]
    assert plan.edition.approvals[0].role == "adopts"
    assert [holder.status for holder in plan.posts[0].holders] == ["vacant", "acting"]
    assert plan.posts[0].holders[0].person is None
    assert plan.bodies[2].predecessor == "body.corporate-old"
    assert plan.events[2].date is None
    assert plan.objectives[0].confidence.level == "uncertain"


@pytest.mark.parametrize("item, message", [
    ("objectives:\n  - {id: obj.a, number: \"1\"}\n",
     'objective "obj.a" (1) needs a title, or untitled: true'),
    ("objectives:\n  - {id: obj.a, title: A, outputs: [{id: out.a, number: a}]}\n",
     'output "out.a" (a) needs text or a title, or untitled: true'),
    ("areas:\n  - {id: area.a}\n", 'area "area.a" needs a title, or untitled: true'),
    ("posts:\n  - {id: post.a, title: Director, holders: [{start: {value: 2025}}]}\n",
     "needs a person, or a status"),
])
def test_an_item_without_its_words_is_refused_unless_untitled(item, message):
    findings = _findings(BASE_1_1 + item)
    assert [(f.code, message in f.message) for f in findings] == [("S001", True)], findings
    with pytest.raises(pydantic.ValidationError):
        model.Plan.model_validate(parse(BASE_1_1 + item, "plan.yaml").data)


def test_an_untitled_item_and_an_output_with_only_a_title_are_valid():
    text = BASE_1_1 + ("objectives:\n  - id: obj.a\n    number: \"1\"\n    untitled: true\n"
                       "    outputs: [{id: out.a, title: Festival}, {id: out.b, untitled: true}]\n")
    assert _findings(text) == []
    model.Plan.model_validate(parse(text, "plan.yaml").data)


# Fields added in 1.1, each in a 1.0 plan: the first three are this section's, the last two other sections',
# so the guard is the versions' schemas, not a list of fields.
ADDED_IN_1_1 = [
    ("levels:\n  - {id: goal, name: Goal, kind: area}\n", '"levels"'),
    ("objectives:\n  - {id: obj.a, title: A}\n", '"objectives"'),
    ("plan_type: council-plan\n", '"plan_type"'),
    ("areas:\n  - {id: area.a, title: A, tags: [roads]}\n", '"tags"'),
    ("events:\n  - {id: ev.a, title: An election}\n", '"date"'),
    ("parents:\n  - {id: plan.parent}\n", '"parents"'),
    ("tolerance: {green_within: 5, amber_within: 10}\n", '"tolerance"'),
]


@pytest.mark.parametrize("extra, named", ADDED_IN_1_1, ids=[named for _, named in ADDED_IN_1_1])
def test_a_1_0_file_using_a_1_1_field_is_refused_by_validate_and_by_the_models(extra, named, tmp_path):
    text = BASE_PLAN + extra
    findings = _findings(text)
    assert findings and all(f.code in ("S001", "S002") for f in findings), findings
    assert named in findings[0].message
    with pytest.raises(pydantic.ValidationError) as caught:
        model.Plan.model_validate(parse(text, "plan.yaml").data)
    assert 'the file declares openplan: "1.0"' in str(caught.value) and named in str(caught.value)
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(openplan.InvalidPlanError):
        openplan.load(path)
    # the same content declared as 1.1 is accepted by the models
    model.Plan.model_validate(parse(text.replace('openplan: "1.0"', 'openplan: "1.1"'), "plan.yaml").data)


def test_the_guard_covers_a_registry_and_a_date_relative_to_several_events():
    registry = ('openplan: "1.0"\nkind: registry\nid: reg.a\ntitle: A\n'
                "events:\n  - {id: ev.a, title: A, date: {value: 2025}}\n  - {id: ev.b, title: B, date: "
                "{relative_to: [ev.a], relation: after}}\n")
    with pytest.raises(pydantic.ValidationError, match='declares openplan: "1.0"'):
        model.Registry.model_validate(parse(registry, "registry.yaml").data)
    model.Registry.model_validate(parse(registry.replace('"1.0"', '"1.1"', 1), "registry.yaml").data)


def test_every_shipped_1_0_example_still_passes_the_models(tmp_path):
    from ..conftest import EXAMPLES
    for path in sorted(EXAMPLES.glob("**/*.yaml")):
        data = parse(path.read_text(encoding="utf-8"), str(path)).data
        if isinstance(data, dict) and data.get("openplan") == "1.0":
            (model.Registry if data.get("kind") == "registry" else model.Plan).model_validate(data)


def test_an_undeclared_level_is_i013_with_did_you_mean_and_a_wrong_kind_is_i014():
    text = LEVELS_PLAN.replace("level: strategy\n        title: Support", "level: stratgy\n        title: Support")
    text = text.replace("level: action\n            title: Riverside", "level: goal\n            title: Riverside")
    found = {f.code: f for f in _findings(text)}
    assert set(found) == {"I013", "I014"}
    assert found["I013"].message == 'objective "str.1-1" is at level "stratgy", which the plan does not declare in levels'
    assert found["I013"].hint == 'Did you mean "strategy"?'
    assert (found["I013"].line, found["I013"].column) == (47, 16)
    assert found["I014"].message == 'output "act.1-1-1" is at level "goal", which is an area level, not an output level'
    assert found["I014"].hint == 'Levels of this kind: "action".'


def test_level_names_come_from_the_plan_else_the_standard_words():
    data = parse(LEVELS_PLAN, "plan.yaml").data
    assert item_kind(data, "Objective") == "Strategy"
    assert item_kind(data, "Objective", plural=True) == "Strategies"
    assert item_kind(data, "Output", plural=True) == "Actions"
    assert item_kind(data, "Milestone") == "Milestone"  # no milestone level declared
    levels = [{"id": "outcome", "name": "Outcome", "kind": "objective"},
              {"id": "strategy", "name": "Strategy", "kind": "objective"}]
    plan = {"levels": levels}
    assert item_kind(plan, "Objective", {"id": "o"}) == "Outcome"  # the first of its kind
    assert item_kind(plan, "Objective", {"id": "o", "level": "strategy"}) == "Strategy"
    assert item_kind({}, "Area", plural=True) == "Areas"


def test_the_index_gives_every_objective_wherever_it_sits_and_its_level_name():
    index = build(parse(LEVELS_PLAN, "plan.yaml"))
    objectives = index.objectives()
    assert [item.id for item in objectives] == ["str.1-1", "str.2-1", "str.2-2"]
    assert [index.kind_name(item) for item in objectives] == ["Strategy"] * 3
    assert index.kind_name(index.items["goal.2"], plural=True) == "Goals"
