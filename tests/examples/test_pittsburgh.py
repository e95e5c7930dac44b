"""The City of Pittsburgh 2024 Open Data Report: a plan from outside the UK that counts in calendar years.

Counts are taken by hand from the published pages (repository CityofPittsburgh/City-Of-Pittsburgh-2024-Open-Data-
Report, commit 4597b3d); dates are checked against the published wording through the index, as every tool reads
them."""

from __future__ import annotations

from datetime import date

import pytest

from openplan import stats
from openplan.convert import source
from openplan.dates import Span
from openplan.index import date_span
from openplan.validation import validate

from ..conftest import EXAMPLES, assert_no_traceback, run_openplan

FOLDER = EXAMPLES / "pittsburgh"
PLAN = FOLDER / "open-data-report-2024.yaml"
REGISTRY = FOLDER / "registry.yaml"

YEAR_2025 = Span(date(2025, 1, 1), date(2025, 12, 31))


@pytest.fixture(scope="module")
def loaded():
    return source.load(PLAN)


def _milestones(data, level=None):
    return [m for m in data["milestones"] if level is None or m.get("level") == level]


@pytest.mark.parametrize("path", [PLAN, REGISTRY], ids=lambda p: p.name)
def test_the_files_validate_with_no_errors(path):
    result = validate(path)
    assert result.errors == [], "\n".join(f"{f.location()} {f.code} {f.message}" for f in result.errors)
    assert result.exit_code == 0


def test_it_is_a_1_1_plan_on_the_calendar_year_outside_the_uk(loaded):
    data = loaded.data
    assert data["openplan"] == "1.1"
    assert data["calendar"] == "calendar"
    assert data["jurisdiction"]["country"] == "US-PA"
    assert data["plan_type"] == "strategic-plan"
    # The plan dates by calendar years and quarters only: no financial-year value (FY2025), which under
    # `calendar: calendar` would still mean an April year, as in 1.0.
    assert "FY" not in PLAN.read_text(encoding="utf-8").split("\nsections:", 1)[1]
    assert loaded.index.span({"value": "2025-33"}) == Span(date(2025, 1, 1), date(2025, 3, 31))


def test_the_levels_are_named_as_the_strategy_names_them(loaded):
    index = loaded.index
    assert [(level["id"], level["name"], level["kind"]) for level in index.levels] == [
        ("dimension", "Dimension", "area"), ("objective", "Objective", "objective"),
        ("milestone", "Milestone", "milestone"), ("release", "Release", "milestone")]
    names = {item.id: index.kind_name(item) for item in index.items.values() if item.document is index.main}
    assert names["area.governance"] == "Dimension"
    assert names["obj.quality.inventories"] == "Objective"
    assert names["ms.data-catalog"] == "Milestone"  # the first milestone level, taken without `level:`
    assert names["ms.releases.new.rental-registration"] == "Release"


def test_the_strategy_has_five_dimensions_and_seventeen_objectives_in_published_order(loaded):
    areas = loaded.data["areas"]
    assert [area["title"] for area in areas] == ["Governance", "Quality", "Capacity", "Empowerment", "Equity"]
    # One objective per sentence of each dimension's paragraph.
    assert [len(area["objectives"]) for area in areas] == [4, 3, 4, 4, 2]
    assert len(loaded.index.objectives()) == 17
    assert areas[3]["objectives"][3]["title"] == "Release Quarterly Open Data Reports."


def test_the_future_releases_are_three_numbered_groups_of_three_five_and_three(loaded):
    releases = _milestones(loaded.data, "release")
    groups = [m for m in releases if "part_of" not in m]
    assert [(g["number"], g["title"]) for g in groups] == [
        ("i", "Updates to the following existing releases:"), ("ii", "New Releases"), ("iii", "Re-releases")]
    members = {g["id"]: [m["title"] for m in releases if m.get("part_of") == g["id"]] for g in groups}
    assert members == {
        "ms.releases.updates": ["Condemned/ Dead End Properties", "Code Enforcement", "PLI Permits and Plans"],
        "ms.releases.new": ["Childcare Registrations", "City Planning Zoning Applications", "DOMI Permits and Plans",
                            "Rental Registration", "DOMI Utility Permits"],
        "ms.releases.re-releases": ["Police Incidents", "Police Arrests", "311 Requests"],
    }
    assert len(loaded.data["milestones"]) == 16  # and the two other dated commitments


@pytest.mark.parametrize("item, wording", [
    ("ms.policies.cdjc-input", "During 2025"),
    ("ms.data-catalog", "in 2025"),
    ("ms.releases.new", "anticipated in 2025"),
    ("ms.releases.re-releases.311-requests", "anticipated in 2025"),
])
def test_each_dated_commitment_spans_the_calendar_year_2025(loaded, item, wording):
    due = next(m for m in loaded.data["milestones"] if m["id"] == item)["due"]
    assert due["text"] == wording
    assert date_span(due, loaded.index) == YEAR_2025


def test_every_release_is_due_in_2025_and_inside_the_plan_period(loaded):
    period = Span(date(2024, 1, 1), date(2026, 12, 31))
    for milestone in loaded.data["milestones"]:
        span = loaded.index.span(milestone["due"])
        assert span == YEAR_2025 and period.contains(span), milestone["id"]


def test_the_data_catalog_progress_figure_keeps_its_wording(loaded):
    indicator, = loaded.data["indicators"]
    update, = indicator["progress"]
    assert update["value"] == 53 and indicator["unit"] == "%"
    assert update["note"].startswith("53% of the departments have fully completed their data inventories")
    catalog = next(m for m in loaded.data["milestones"] if m["id"] == "ms.data-catalog")
    assert catalog["measured_by"] == [indicator["id"]]


def test_the_principles_and_the_acronyms_are_all_there(loaded):
    principles = [p["text"] for p in loaded.data["principles"]]
    assert len(principles) == 10
    assert principles[0] == "Publish Data with a Purpose"
    assert principles[-1] == "Create Opportunities for More - and More Creative - Uses of Data"
    glossary = next(d.data for d in loaded.index.documents if d.data.get("kind") == "registry")["glossary"]
    published = [entry["term"] for entry in glossary if entry["source"] == "published"]
    # The 15 rows of "Useful Acronyms", plus CDJC, which the strategy spells out itself.
    assert len(published) == 16 and "CJDC" in published and "CDJC" in published


def test_the_city_fiscal_year_is_cited_from_a_city_source(loaded):
    cited = [s for s in loaded.data["sources"] if "Period Ending March 31" in s["title"]]
    assert cited and "calendar year" in cited[0]["note"]


def test_stats_counts_match_the_published_report():
    result = stats.stats(FOLDER)
    assert result.errors == [] and [p.rsplit("/", 1)[-1] for p in result.skipped] == ["registry.yaml"]
    counts, = [plan.counts for plan in result.plans]
    assert {key: counts[key] for key in ("principles", "areas", "objectives", "outputs", "milestones",
                                         "milestone_parts")} == {
        "principles": 10, "areas": 5, "objectives": 17, "outputs": 0,
        "milestones": 5,  # the policy input, the Data Catalog and the three groups of releases
        "milestone_parts": 11,  # the datasets of the three groups: 3 + 5 + 3
    }


def test_the_calendar_export_names_each_milestone_by_its_level_and_spans_2025():
    run = run_openplan("convert", str(PLAN), "--to", "ical", "--report", "none")
    assert_no_traceback(run)
    assert run.code == 0
    events = run.stdout.split("BEGIN:VEVENT")[1:]
    assert sorted(line for event in events for line in event.splitlines() if line.startswith("CATEGORIES:")) == \
        ["CATEGORIES:Milestone"] * 2 + ["CATEGORIES:Release"] * 14
    # "in 2025" is the whole calendar year: an all-day event from 1 January 2025 up to 1 January 2026.
    assert all("DTSTART;VALUE=DATE:20250101" in event and "DTEND;VALUE=DATE:20260101" in event for event in events)
