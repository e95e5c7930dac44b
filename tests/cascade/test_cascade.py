"""Plans linked to each other: `parents` and `serves`, checked by validate, followed both ways by stats, shown in
Markdown and compared by diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from openplan import cascade, diff, stats
from openplan.loader import load_document
from openplan.validation import InvalidPlanError, Options, load, validate

from ..conftest import assert_no_traceback, run_openplan
from ..plans import plan_header

COUNCIL = plan_header("1.1", id="council-plan", title="Example Council Plan 2025-2029",
                      period='{start: "2025-04-01", end: "2029-03-31"}', edition="{status: approved}") + """\
areas:
  - id: area.place
    number: "6"
    title: Place
    objectives:
      - {id: obj.safer-streets, number: "6.1", title: Safer streets}
      - {id: obj.clean-air, number: "6.2", title: Cleaner air}
"""

SERVICE = plan_header("1.1", id="roads-plan", title="Roads Service Plan 2025/26", parents="""
  - {id: council-plan, path: ../council/plan.yaml, relation: implements}
  - {id: transport-strategy, url: "https://example.org/transport.pdf"}""") + """\
areas:
  - id: area.roads
    title: Roads
    objectives:
      - id: obj.repairs
        title: Repair the roads
        serves:
          - {plan: council-plan, item: obj.safer-streets, relation: contributes-to, number: "6.1"}
          - {plan: transport-strategy, item: goal.9, relation: delivers}
        outputs:
          - id: out.potholes
            text: Fill every reported pothole within a week.
            serves:
              - {plan: roads-plan, item: obj.repairs, relation: delivers}
"""


def _write(root: Path, council: str = COUNCIL, service: str = SERVICE) -> tuple[Path, Path]:
    (root / ".git").mkdir(exist_ok=True)  # the project folder: parent paths may not leave it
    for name, text in (("council", council), ("service", service)):
        (root / name).mkdir(exist_ok=True)
        (root / name / "plan.yaml").write_text(text, encoding="utf-8")
    return root / "council" / "plan.yaml", root / "service" / "plan.yaml"


def _errors(result) -> list[tuple[str, int | None, int | None, str, str | None]]:
    return [(f.code, f.line, f.column, f.message, f.hint) for f in result.errors]


def test_a_link_to_an_item_of_the_parent_on_disk_passes(tmp_path):
    council, service = _write(tmp_path)
    assert _errors(validate(service)) == []
    assert _errors(validate(council, service)) == []


def test_a_missing_item_in_the_parent_is_an_error_where_the_link_names_it(tmp_path):
    _, service = _write(tmp_path, service=SERVICE.replace("item: obj.safer-streets", "item: obj.safer-street"))
    assert _errors(validate(service)) == [
        ("I021", 19, 40, '"obj.safer-street" is not defined in the plan "council-plan"',
         'Did you mean "obj.safer-streets"?')]


def test_a_missing_item_of_the_plan_itself_is_an_error(tmp_path):
    _, service = _write(tmp_path, service=SERVICE.replace("item: obj.repairs", "item: obj.repair"))
    assert _errors(validate(service)) == [
        ("I021", 25, 42, '"obj.repair" is not defined in this plan', 'Did you mean "obj.repairs"?')]


def test_a_plan_that_is_not_a_parent_is_an_error(tmp_path):
    _, service = _write(tmp_path, service=SERVICE.replace("plan: council-plan, item", "plan: council-plan2, item"))
    [error] = validate(service).errors
    assert (error.code, error.line, error.column) == ("I020", 19, 20)
    assert error.message == '"serves" names the plan "council-plan2", which is neither this plan nor one of its parents'
    assert error.hint == 'Did you mean "council-plan"?'


def test_a_parent_path_that_does_not_exist_is_an_error(tmp_path):
    _, service = _write(tmp_path, service=SERVICE.replace("../council/plan.yaml", "../council/plan-2025.yaml"))
    [error] = validate(service).errors
    assert (error.code, error.line, error.column) == ("L001", 8, 30)
    assert error.message == '"../council/plan-2025.yaml" does not exist'


def test_a_parent_path_to_another_plan_or_a_registry_is_an_error(tmp_path):
    _, service = _write(tmp_path, council=COUNCIL.replace("id: council-plan", "id: council-plan-2021"))
    [error] = validate(service).errors
    assert (error.code, error.line, error.column) == ("I022", 8, 30)
    assert error.message == 'the parent plan ../council/plan.yaml is the plan "council-plan-2021", not "council-plan"'
    registry = 'openplan: "1.1"\nkind: registry\nid: council-plan\ntitle: Shared\n'
    _, service = _write(tmp_path, council=registry)
    assert [(f.code, f.message) for f in validate(service).errors] == [
        ("I022", 'the parent plan ../council/plan.yaml is a registry file, not a plan, not "council-plan"')]


def test_a_parent_path_that_is_a_web_address_is_refused(tmp_path):
    _, service = _write(tmp_path, service=SERVICE.replace("../council/plan.yaml", "https://example.org/p.yaml"))
    assert [f.code for f in validate(service).errors] == ["L015"]


def test_a_parent_not_on_disk_is_never_an_error(tmp_path):
    # The transport strategy is named by its web address only: its goal.9 is not checked, and nothing is fetched.
    _, service = _write(tmp_path, service=SERVICE.replace("item: goal.9", "item: anything-at-all"))
    assert _errors(validate(service)) == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_parent_named_by_id_only_is_found_among_the_files_of_the_run(tmp_path, jobs):
    service_text = SERVICE.replace(", path: ../council/plan.yaml", "").replace("item: obj.safer-streets",
                                                                                "item: obj.safer-street")
    council, service = _write(tmp_path, service=service_text)
    assert _errors(validate(service, options=Options(jobs=jobs))) == []  # the parent is not on disk: not checked
    result = validate(council, service, options=Options(jobs=jobs))
    assert [(f.code, f.file, f.line) for f in result.errors] == [("I021", str(service), 19)]


def test_a_1_0_plan_cannot_use_the_links(tmp_path):
    _, service = _write(tmp_path, service=SERVICE.replace('openplan: "1.1"', 'openplan: "1.0"'))
    result = validate(service)
    assert {(f.code, f.line) for f in result.errors} == {("S002", 7), ("S002", 18), ("S002", 24)}
    with pytest.raises(InvalidPlanError):
        load(service)


def test_the_typed_model_reads_the_links(tmp_path):
    _, service = _write(tmp_path)
    plan = load(service)
    assert [(p.id, p.relation) for p in plan.parents] == [("council-plan", "implements"),
                                                            ("transport-strategy", None)]
    serves = plan.areas[0].objectives[0].serves
    assert [(s.plan, s.item, s.relation, s.number) for s in serves] == [
        ("council-plan", "obj.safer-streets", "contributes-to", "6.1"),
        ("transport-strategy", "goal.9", "delivers", None)]


def _ends(links: list[cascade.Link]) -> list[tuple[str, str, str, str, str | None]]:
    return [(link.source.plan, link.source.item, link.relation, f"{link.target.plan}/{link.target.item}",
             link.target.label) for link in links]


def test_the_thread_both_ways(tmp_path):
    council, service = _write(tmp_path)
    parent, child = load_document(council, "council"), load_document(service, "service")
    up = cascade.thread(child, [parent])
    assert _ends(up.serves) == [
        ("roads-plan", "obj.repairs", "contributes-to", "council-plan/obj.safer-streets", "6.1 Safer streets"),
        ("roads-plan", "obj.repairs", "delivers", "transport-strategy/goal.9", None),
        ("roads-plan", "out.potholes", "delivers", "roads-plan/obj.repairs", "Repair the roads")]
    assert [link.resolved for link in up.serves] == [True, False, True]
    assert _ends(up.served_by) == [
        ("roads-plan", "out.potholes", "delivers", "roads-plan/obj.repairs", "Repair the roads")]
    down = cascade.thread(parent, [parent, child])
    assert down.serves == []
    assert _ends(down.served_by) == [
        ("roads-plan", "obj.repairs", "contributes-to", "council-plan/obj.safer-streets", "6.1 Safer streets")]
    assert [link.source.label for link in down.served("obj.safer-streets")] == ["Repair the roads"]
    assert down.served("obj.clean-air") == [] and up.serving("out.potholes")[0].line == 25


def test_stats_shows_the_thread_both_ways(tmp_path):
    council, service = _write(tmp_path)
    result = stats.stats(council, service)
    by_id = {plan.id: plan for plan in result.plans}
    assert _ends(by_id["council-plan"].thread.served_by) == [
        ("roads-plan", "obj.repairs", "contributes-to", "council-plan/obj.safer-streets", "6.1 Safer streets")]
    assert [link.target.item for link in by_id["roads-plan"].thread.serves] == [
        "obj.safer-streets", "goal.9", "obj.repairs"]
    text = stats.table(result).splitlines()
    [council_head] = [line[:3] for line in text if line.endswith("council/plan.yaml: Example Council Plan 2025-2029, "
                                                                "approved")]
    start = text.index(f"{council_head} is served by:")
    assert text[start + 1:start + 3] == [
        '  Objective obj.safer-streets "6.1 Safer streets"',
        '    <- roads-plan: Objective obj.repairs "Repair the roads" (contributes to)']
    start = text.index(f"{'[1]' if council_head == '[2]' else '[2]'} serves:")
    assert text[start + 1:start + 6] == [
        '  Objective obj.repairs "Repair the roads"',
        '    -> council-plan: Objective obj.safer-streets "6.1 Safer streets" (contributes to)',
        "    -> transport-strategy: goal.9 (delivers, plan not on disk)",
        '  Output out.potholes "Fill every reported pothole within a week."',
        '    -> roads-plan: Objective obj.repairs "Repair the roads" (delivers)']
    run = run_openplan("stats", "--format", "json", str(service), cwd=tmp_path)
    assert_no_traceback(run)
    [plan] = json.loads(run.stdout)["plans"]
    # The parent is read from its path, so the link resolves even when only the child is counted.
    assert [(link["target"]["item"], link["target"]["label"], link["resolved"]) for link in plan["serves"]] == [
        ("obj.safer-streets", "6.1 Safer streets", True), ("goal.9", None, False),
        ("obj.repairs", "Repair the roads", True)]
    assert [link["source"]["item"] for link in plan["served_by"]] == ["out.potholes"]


def test_markdown_shows_each_items_links(tmp_path):
    _, service = _write(tmp_path)
    run = run_openplan("convert", str(service), "--to", "markdown", "-o", "-")
    assert_no_traceback(run)
    assert ("- Serves: 6.1 in council-plan (contributes to); goal.9 in transport-strategy (delivers)"
            in run.stdout.splitlines())
    assert "  - Serves: [Repair the roads](#item-obj.repairs) (delivers)" in run.stdout.splitlines()


def test_diff_sees_links_added_and_removed(tmp_path):
    _, service = _write(tmp_path)
    changed = tmp_path / "service" / "plan-2.yaml"
    changed.write_text(SERVICE.replace("item: obj.safer-streets", "item: obj.clean-air")
                       .replace("relation: implements", "relation: part-of"), encoding="utf-8")
    result = diff.compare(service, changed)
    links = [(c.item.key, c.field, c.links_added, c.links_removed) for c in result.changes if c.kind.value == "links"]
    assert links == [
        ("roads-plan", "parents", [{"id": "council-plan", "relation": "part-of"}],
         [{"id": "council-plan", "relation": "implements"}]),
        ("obj.repairs", "serves", [{"plan": "council-plan", "item": "obj.clean-air", "relation": "contributes-to"}],
         [{"plan": "council-plan", "item": "obj.safer-streets", "relation": "contributes-to"}])]
    text = diff.render(result, "text")
    assert "now serves obj.clean-air in council-plan (contributes-to), no longer serves obj.safer-streets in " \
           "council-plan (contributes-to)" in text
    assert diff.render(result.inverse(), "text").count("now serves obj.safer-streets in council-plan") == 1


def test_stats_names_items_with_the_plans_own_level_names(tmp_path):
    council = COUNCIL.replace("organisations:\n", "levels:\n  - {id: priority, name: Priority, kind: area}\n"
                              "  - {id: outcome, name: Outcome, kind: objective}\norganisations:\n", 1)
    council_path, service = _write(tmp_path, council=council)
    assert _errors(validate(council_path, service)) == []
    text = stats.table(stats.stats(council_path, service)).splitlines()
    assert '  Outcome obj.safer-streets "6.1 Safer streets"' in text
    assert '    -> council-plan: Outcome obj.safer-streets "6.1 Safer streets" (contributes to)' in text


@pytest.mark.parametrize("target", ["csv", "xlsx"])
def test_the_spreadsheet_round_trip_keeps_every_link(tmp_path, target):
    _, service = _write(tmp_path)
    # Beside the plan, so that the parent's relative path still names it.
    out = tmp_path / "service" / ("tables.xlsx" if target == "xlsx" else "tables")
    first = run_openplan("convert", str(service), "--to", target, "-o", str(out))
    assert_no_traceback(first)
    assert first.code == 0 and "nothing in the plan was left out" in first.output
    back = tmp_path / "service" / "back.yaml"
    second = run_openplan("convert", str(out), "--to", "yaml", "-o", str(back))
    assert second.code == 0, second.output
    original, again = load(service), load(back)
    assert again.parents == original.parents
    assert again.areas[0].objectives[0].serves == original.areas[0].objectives[0].serves
    assert again.areas[0].objectives[0].outputs[0].serves == original.areas[0].objectives[0].outputs[0].serves
