"""`openplan stats`: counts per plan, pinned for the shipped examples to counts taken by hand from the sources."""

from __future__ import annotations

import json

import pytest
import yaml

from openplan import stats

from .conftest import EXAMPLES, assert_no_traceback, run_openplan

LONDON = EXAMPLES / "london-councils"

# Counted by hand from the published documents (the seeds), not from the YAML files:
# areas as published (including policy areas and services within a directorate) and, where a document nests a
# heading inside a numbered area, the numbered (top-level) areas; objectives (numbered priorities, including the
# named sub-priorities of 2022/23); lettered outputs; sub-items; milestones as published, and their dated parts.
PINNED = {
    # 2 directorates + 8 policy areas + 5 services; 49 priorities; 1 output (Young People's Education and Skills)
    "business-plan-2013-14.yaml": dict(areas=15, top_level_areas=2, objectives=49, outputs=1, milestones=0),
    # 3 directorates (appendices) + 8 policy areas + 6 + 3 services; 24 + 16 + 14 priorities
    "business-plan-2017-18.yaml": dict(areas=20, top_level_areas=3, objectives=54, outputs=0, milestones=0),
    # 11 numbered areas (1. Finance ... 11. Grants) + the "Transport and Mobility Services" heading within area 7;
    # 4+2+3+1+3+2+10+4+2+1+1 = 33 priorities; 145 lettered outputs; 13 sub-items (i.-iii., bullets, and the
    # a./b. under 11.1 b.)
    "business-plan-2020-21-draft.yaml": dict(areas=12, top_level_areas=11, objectives=33, outputs=145, sub_items=13,
                                             milestones=0),
    # 12 numbered areas + the "Transport and Mobility Services" heading within area 8; 33 priorities
    "business-plan-2020-21-final.yaml": dict(areas=13, top_level_areas=12, objectives=33, outputs=151, sub_items=17,
                                             milestones=0),
    # 6 objectives (areas) with 33 named sub-priorities; 26 milestones, 19 dated parts of them
    "shared-ambitions-milestones-2022-23.yaml": dict(areas=6, top_level_areas=6, objectives=33, outputs=0,
                                                     milestones=26, milestone_parts=19),
}


@pytest.fixture(scope="module")
def counted() -> dict[str, stats.PlanStats]:
    result = stats.stats(LONDON)
    assert result.errors == [] and result.exit_code == 0
    return {p.path.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]: p for p in result.plans}


def test_every_example_plan_is_counted_and_registries_are_skipped(counted):
    assert set(counted) == set(PINNED)
    result = stats.stats(LONDON)
    assert sorted(p.rsplit("/", 1)[-1] for p in result.skipped) == ["pledges.yaml", "registry.yaml"]


@pytest.mark.parametrize("name", sorted(PINNED))
def test_counts_match_the_published_documents(counted, name):
    counts = counted[name].counts
    assert {key: counts[key] for key in PINNED[name]} == PINNED[name]


def test_counts_of_a_small_plan_by_construction(tmp_path):
    plan = {
        "openplan": "1.0", "id": "plan.x", "title": "X", "organisation": "org.x",
        "period": {"start": "2025-04-01", "end": "2026-03-31"}, "edition": {"status": "draft"},
        "organisations": [{"id": "org.x", "name": "X Council"}, {"id": "org.y", "name": "Y"}],
        "pledge_sets": [{"id": "pledges.x", "title": "Pledges", "pledges": [{"id": "pledge.1", "text": "One"}]}],
        "themes": [{"id": "theme.a", "title": "A", "commitments": [{"text": "c1", "items": [{"text": "c1.1"}]},
                                                                   {"text": "c2"}]}],
        "principles": [{"text": "p1"}],
        "events": [{"id": "event.budget", "title": "Budget", "date": {"value": "2025-11"}}],
        "sections": [{"id": "sec.foreword", "kind": "foreword", "authors": [{"ref": "org.x"}]}],
        "areas": [
            {"id": "area.a", "title": "A", "owners": [{"ref": "org.x"}, {"ref": "org.y", "role": "partner"}],
             "objectives": [{"id": "obj.a", "title": "A", "owners": [{"ref": "org.x"}],
                             "pledges": [{"pledge": "pledge.1", "type": "delivers"}],
                             "outputs": [{"id": "out.a", "text": "a", "sub_items": [
                                 {"text": "i", "items": [{"text": "i.1"}]}, {"text": "ii"}]}]}]},
            {"id": "area.a.sub", "title": "Sub", "parent": "area.a",
             "objectives": [{"id": "obj.b", "title": "B", "parent": "obj.a"}]},
        ],
        "milestones": [{"id": "ms.1", "title": "One"}, {"id": "ms.1.a", "title": "Part", "part_of": "ms.1"}],
    }
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(plan), encoding="utf-8")
    result = stats.stats(path)
    assert result.errors == []
    assert result.plans[0].counts == {
        "themes": 1, "commitments": 3, "principles": 1, "areas": 2, "top_level_areas": 1, "objectives": 2,
        "outputs": 1, "sub_items": 3, "milestones": 1, "milestone_parts": 1,
        "owner_links": 3,  # the foreword's author is an author, not an owner
        "distinct_owners": 2, "pledge_links": 1, "events": 1,
        "indicators": 0, "targets": 0, "actuals": 0, "updates": 0,
    }


def test_the_text_table_has_a_row_per_count_and_a_key_to_the_columns(counted):
    result = stats.stats(LONDON / "business-plan-2013-14.yaml", LONDON / "business-plan-2020-21-final.yaml")
    table = stats.table(result).splitlines()
    assert table[0].split() == ["[1]", "[2]"]
    rows = {line[:16].strip(): line[16:].split() for line in table[1:15]}
    assert rows["areas"] == ["15", "13"] and rows["top-level areas"] == ["2", "12"]
    assert rows["outputs"] == ["1", "151"] and rows["milestone parts"] == ["0", "0"]
    assert table[-2].startswith("[1] ") and table[-2].endswith("business-plan-2013-14.yaml: London Councils "
                                                                 "Business Plan 2013/14, approved")


def test_cli_text_and_json():
    run = run_openplan("stats", str(LONDON))
    assert_no_traceback(run)
    assert run.code == 0 and "top-level areas" in run.stdout and "[5]" in run.stdout
    assert "Registry files hold no plan and are not counted" in run.stdout
    milestones = LONDON / "shared-ambitions-milestones-2022-23.yaml"
    data = json.loads(run_openplan("stats", "--format", "json", str(milestones)).stdout)
    assert data["stats_version"] == "1.0" and data["errors"] == []
    [plan] = data["plans"]
    assert plan["counts"]["milestones"] == 26 and plan["counts"]["milestone_parts"] == 19
    assert list(plan["counts"]) == data["counts"]


def test_cli_bad_input(tmp_path):
    notes = tmp_path / "notes.yaml"
    notes.write_text("title: notes\n", encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text("openplan: [\n", encoding="utf-8")
    run = run_openplan("stats", str(notes), str(broken), str(LONDON / "business-plan-2013-14.yaml"))
    assert_no_traceback(run)
    assert run.code == 2
    assert "notes.yaml:1:1: not an OpenPlan plan: it has no `openplan:` version line" in run.stderr
    assert "broken.yaml:" in run.stderr and "YAML syntax error" in run.stderr
    assert "[1]" in run.stdout  # the plan that could be read is still counted
    registry_only = run_openplan("stats", str(LONDON / "registry.yaml"))
    assert registry_only.code == 2 and "no plans found" in registry_only.stderr


def test_every_file_validate_accepts_is_counted():
    from openplan import validate

    assert validate(EXAMPLES).valid
    result = stats.stats(EXAMPLES)
    assert result.errors == [] and len(result.plans) + len(result.skipped) == len(validate(EXAMPLES).files)


def test_the_examples_readme_shows_the_real_output():
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ openplan stats examples\n", 1)[1].split("```", 1)[0]
    run = run_openplan("stats", "examples")
    assert run.code == 0
    assert shown == run.stdout, "examples/README.md is out of date: paste in the output of `openplan stats examples`"
