"""Plan-level objectives, untitled items, the plan's level names and the new 1.1 fields in every converter
(HTML has its own tests), and the spreadsheet round trip that keeps all of them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from openplan.convert import (csv_folder, from_csv, from_xlsx, losses, to_csv, to_datapackage, to_ical,
                              to_markdown, to_stratml, to_xlsx)
from openplan.index import build
from openplan.loader import parse
from openplan.stats import PlanStats, StatsResult, _describe, table

from ..convert.helpers import canonical_json
from .plans import LEVELS_PLAN


@pytest.fixture(scope="module")
def plan():
    document = parse(LEVELS_PLAN, "plan.yaml")
    return document.data, build(document)


def test_the_spreadsheets_round_trip_every_new_field_without_loss(plan):
    data, _ = plan
    assert canonical_json(from_xlsx(to_xlsx(data))) == canonical_json(data)
    assert canonical_json(from_csv(csv_folder.zipped(to_csv(data)))) == canonical_json(data)
    assert losses("xlsx", data).lossless and losses("csv", data).lossless


def test_plan_level_objectives_have_an_empty_area_cell_and_lists_of_events_stay_lists(plan):
    data, _ = plan
    files = to_csv(data)
    rows = list(csv.DictReader(io.StringIO(files["objectives.csv"].decode("utf-8-sig"))))
    assert [(row["Area"], row["Identifier"]) for row in rows] == [
        ("goal.1", "str.1-1"), ("", "str.2-1"), ("", "str.2-2")]
    outputs = list(csv.DictReader(io.StringIO(files["outputs.csv"].decode("utf-8-sig"))))
    assert json.loads(outputs[0]["Due: relative to event"]) == ["ev.budget", "ev.review"]
    assert {"levels.csv", "approvals.csv"} <= set(files)


def test_markdown_names_the_plans_levels_and_shows_plan_level_and_untitled_items(plan):
    text = to_markdown(*plan)
    assert "## Goals\n" in text and "## Strategies\n" in text
    assert "Strategy 2.1 Keep roads safe" in text and "Strategy 2.2\n" in text  # untitled: its number only
    assert "Action **1.1.1.** Riverside festival\n\n  Hold the Riverside festival each summer." in text
    assert "after State Budget and Rates review" in text
    assert "- **Adopts:** Council (24 June 2025)" in text and "- **Plan type:** Delivery program" in text
    assert "- Where: Riverside Park" in text and "- Tags: culture; events" in text
    assert "- Confidence: Uncertain: The source's numbering is damaged here." in text


def test_markdown_without_levels_keeps_the_standard_headings():
    text = LEVELS_PLAN.split("levels:\n")[0] + "objectives:\n  - {id: obj.a, number: \"1\", title: Roads}\n"
    document = parse(text, "plan.yaml")
    out = to_markdown(document.data, build(document))
    assert "## Objectives\n" in out and "### <a id=\"item-obj.a\"></a>1 Roads\n" in out


def test_stratml_ical_and_the_data_package_carry_plan_level_objectives(plan):
    data, index = plan
    xml = to_stratml(data, index).decode()
    assert xml.count("<Goal>") == 3 and "Keep roads safe" in xml and "<Name>Riverside festival</Name>" in xml
    calendar = to_ical(data, index, include=("outputs", "objectives")).decode()
    assert "SUMMARY:2.1.1 Resurface Main Street" in calendar and "CATEGORIES:Action" in calendar
    package = to_datapackage(data, index)
    rows = list(csv.DictReader(io.StringIO(package["objectives.csv"].decode())))
    assert [(row["id"], row["area"]) for row in rows] == [("str.1-1", "goal.1"), ("str.2-1", ""), ("str.2-2", "")]
    owners = list(csv.DictReader(io.StringIO(package["owners.csv"].decode())))
    assert owners[0]["item"] == "plan.riverside-delivery-program"


def test_stats_label_counts_with_the_plans_own_level_names(plan):
    _, index = plan
    described = _describe(index)
    assert described.counts["objectives"] == 3 and described.counts["outputs"] == 3
    assert described.level_names == {"areas": "goals", "objectives": "strategies", "outputs": "actions"}
    text = table(StatsResult(plans=[described]))
    assert "objectives (strategies)    3" in text and "milestones " in text
    other = PlanStats(path="b.yaml", id="b", title="B", edition=None, period=None, counts=described.counts)
    assert "objectives (strategies)" not in table(StatsResult(plans=[described, other]))
