"""iCalendar: milestones and external events, parsed back with vobject, a parser independent of the writer."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
import vobject

from openplan.convert import losses, to_ical
from openplan.convert import source as sources

from .helpers import MILESTONES, PLANS, SMALL, loaded, write_plan

NOW = datetime(2025, 5, 1, 12, 0, tzinfo=timezone.utc)


def _events(raw: bytes) -> dict[str, object]:
    calendar = vobject.readOne(raw.decode("utf-8"))
    return {event.uid.value: event for event in calendar.vevent_list}


def test_milestones_and_events_become_all_day_spans_with_stable_uids(tmp_path):
    plan = sources.load(write_plan(tmp_path, SMALL))
    raw = to_ical(plan.data, plan.index, now=NOW)
    events = _events(raw)
    launch = events["ms.launch@plan.small"]
    assert launch.summary.value == "Launch day"
    assert launch.dtstart.value == date(2025, 9, 1) and launch.dtend.value == date(2025, 9, 2)
    budget = events["event.budget@plan.small"]
    assert budget.dtstart.value == date(2026, 3, 1) and budget.dtend.value == date(2026, 4, 1)  # March 2026
    assert "ms.contract-review@plan.small" not in events  # TBC
    assert to_ical(plan.data, plan.index, now=NOW) == raw  # the same plan gives the same calendar


def test_a_fuzzy_season_is_the_whole_season():
    plan = loaded(MILESTONES)
    events = _events(to_ical(plan.data, plan.index, now=NOW))
    autumn = [e for e in events.values() if e.description.value.split("\n")[0] == "Due: Autumn 2022"]
    assert autumn
    for event in autumn:
        assert event.dtstart.value == date(2022, 9, 1) and event.dtend.value == date(2022, 12, 1)


def test_registry_events_take_the_registry_id():
    plan = loaded(MILESTONES)
    events = _events(to_ical(plan.data, plan.index, now=NOW))
    plan_id = plan.data["id"]
    assert any(uid.endswith("@" + plan_id) for uid in events)
    for uid in events:
        item, owner = uid.split("@")
        assert item in plan.index.items
        assert owner == str(plan.index.items[item].document.data["id"])


def test_the_loss_report_lists_dates_to_be_confirmed_and_open_ends(tmp_path):
    plan = sources.load(write_plan(tmp_path, SMALL))
    report = losses("ical", plan.data, plan.index, plan.document)
    tbc = [f for f in report.findings if f.code == "V301"]
    assert [f.item for f in tbc] == ["ms.contract-review"] and tbc[0].line is not None
    assert [f.item for f in report.findings if f.code == "V303"] == ["ms.bins-ordered"]
    assert "V304" in report.codes()  # objectives and outputs are not calendar entries


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_every_example_makes_a_calendar_that_parses(path):
    plan = loaded(path)
    raw = to_ical(plan.data, plan.index, now=NOW)
    calendar = vobject.readOne(raw.decode("utf-8"))
    assert calendar.version.value == "2.0" and calendar.prodid.value.startswith("-//OpenPlan//")
    events = getattr(calendar, "vevent_list", [])
    uids = [event.uid.value for event in events]
    assert len(uids) == len(set(uids))
    for event in events:
        assert event.dtend.value > event.dtstart.value  # an all-day span of at least one day
    report = losses("ical", plan.data, plan.index)
    dated = [m for m in plan.data.get("milestones", []) if isinstance(m.get("due"), dict)]
    left_out = {f.item for f in report.findings if f.code in ("V301", "V302")}
    assert len([u for u in uids if u.startswith("ms.")]) + len(left_out) == len(plan.data.get("milestones", []))
    assert len(dated) >= len([u for u in uids if u.startswith("ms.")])
