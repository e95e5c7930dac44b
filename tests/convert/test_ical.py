"""iCalendar: milestones and external events, parsed back with vobject, a parser independent of the writer."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
import vobject

from openplan.convert import losses, to_ical
from openplan.convert import source as sources

from ..conftest import assert_no_traceback, run_openplan
from .helpers import MILESTONES, PLANS, SMALL, loaded, small, write_plan

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


# --- recurrence, dated outputs and objectives, and the empty calendar ----------------------------------------

RECURRING = small(**{
    "  - id: ms.launch\n": (
        "  - id: ms.quarterly\n    title: Quarterly report\n"
        "    due: {text: \"Every quarter from July 2025\", value: \"2025-07\", recurrence: quarterly}\n"
        "  - id: ms.monthly\n    title: Monthly clinic\n"
        "    due: {text: \"Monthly, April to June 2025\", value: \"FY2025-Q1\", recurrence: monthly}\n"
        "  - id: ms.annual\n    title: Annual review\n"
        "    due: {text: \"Every September\", value: \"2025-09\", recurrence: annual}\n"
        "  - id: ms.ongoing\n    title: Partnership working\n"
        "    due: {text: \"Ongoing through the year\", value: \"2025-04/2026-03\", recurrence: ongoing}\n"
        "  - id: ms.launch\n")})


def _rule(event) -> set[str]:
    return set(event.rrule.value.split(";"))  # the order of a rule's parts carries no meaning


def _occurrences(event) -> list[date]:
    return [when.date() if isinstance(when, datetime) else when for when in event.getrruleset() or [event.dtstart.value]]


def test_every_recurrence_code_repeats_or_is_reported(tmp_path):
    from openplan.codelists import codes
    from openplan.convert.ical import RRULES

    plan = sources.load(write_plan(tmp_path, RECURRING))
    events = _events(to_ical(plan.data, plan.index, now=NOW))
    quarterly = events["ms.quarterly@plan.small"]
    assert _rule(quarterly) == {"FREQ=MONTHLY", "INTERVAL=3", "UNTIL=20260331"}  # bounded by the plan's period
    assert (quarterly.dtstart.value, quarterly.dtend.value) == (date(2025, 7, 1), date(2025, 8, 1))
    assert _occurrences(quarterly) == [date(2025, 7, 1), date(2025, 10, 1), date(2026, 1, 1)]
    monthly = events["ms.monthly@plan.small"]  # a span of three months holds three occurrences of one month
    assert (monthly.dtstart.value, monthly.dtend.value) == (date(2025, 4, 1), date(2025, 5, 1))
    assert _occurrences(monthly) == [date(2025, 4, 1), date(2025, 5, 1), date(2025, 6, 1)]
    assert _rule(events["ms.annual@plan.small"]) == {"FREQ=YEARLY", "UNTIL=20260331"}
    ongoing = events["ms.ongoing@plan.small"]  # no rule fits: one entry over the whole span, and a loss entry
    assert not hasattr(ongoing, "rrule")
    assert (ongoing.dtstart.value, ongoing.dtend.value) == (date(2025, 4, 1), date(2026, 4, 1))
    report = losses("ical", plan.data, plan.index, plan.document)
    assert [(f.item, f.value) for f in report.findings if f.code == "V305"] == [("ms.ongoing", "ongoing")]
    for code in codes("recurrence"):  # every code of the codelist is either repeated or reported
        assert code in RRULES or code == "ongoing", code


def test_dated_outputs_and_objectives_are_included_on_request(tmp_path):
    text = small(**{"        title: Cleaner streets\n": "        title: Cleaner streets\n"
                                                     "        due: {text: \"March 2026\", value: \"2026-03\"}\n"})
    plan = sources.load(write_plan(tmp_path, text))
    assert "out.streets.bins@plan.small" not in _events(to_ical(plan.data, plan.index, now=NOW))
    events = _events(to_ical(plan.data, plan.index, now=NOW, include=("outputs", "objectives")))
    bins = events["out.streets.bins@plan.small"]
    assert bins.summary.value == "a Replace every street bin"
    assert (bins.dtstart.value, bins.dtend.value) == (date(2025, 9, 1), date(2025, 12, 1))  # Autumn 2025
    assert "Objective: 1.1 Cleaner streets" in bins.description.value
    assert bins.categories.value == ["Output"]
    assert events["obj.streets@plan.small"].dtstart.value == date(2026, 3, 1)
    report = losses("ical", plan.data, plan.index, plan.document, include=("outputs", "objectives"))
    assert [f.item for f in report.findings if f.code == "V301"] == ["ms.contract-review", "out.streets.review"]
    assert "V304" not in report.codes()  # every objective and output is in the calendar or reported
    only_outputs = _events(to_ical(plan.data, plan.index, now=NOW, include=("outputs",)))
    assert "out.streets.bins@plan.small" in only_outputs and "obj.streets@plan.small" not in only_outputs


def test_a_plan_with_no_dated_entries_makes_no_calendar(tmp_path):
    from .helpers import LONDON

    run = run_openplan("convert", str(LONDON / "business-plan-2013-14.yaml"), "--to", "ical", "-o",
                       str(tmp_path / "plan.ics"))
    assert run.code == 2, run.output
    assert "the calendar would be empty: the plan has no milestones or external events with a date" in run.stderr
    assert not (tmp_path / "plan.ics").exists()
    # Outputs with dates but no milestones: the message says how to put them in, and --include does.
    text = small(**{"events:\n  - {id: event.budget, title: Spring Budget, kind: fiscal-event, date: "
                    "{text: \"March 2026\", value: \"2026-03\"}}\n": ""}).split("milestones:")[0]
    path = write_plan(tmp_path, text.replace("    events: [event.budget]\n", ""))
    run = run_openplan("convert", str(path), "--to", "ical", "-o", str(tmp_path / "plan.ics"))
    assert run.code == 2 and "add --include outputs,objectives to put its dated outputs" in run.stderr, run.output
    run = run_openplan("convert", str(path), "--to", "ical", "--include", "outputs", "-o", str(tmp_path / "plan.ics"))
    assert run.code == 0, run.output
    assert list(_events((tmp_path / "plan.ics").read_bytes())) == ["out.streets.bins@plan.small"]


@pytest.mark.parametrize("args", [["--to", "html", "--include", "outputs"], ["--to", "ical", "--include", "areas"]])
def test_include_is_for_ical_outputs_and_objectives_only(tmp_path, args):
    run = run_openplan("convert", str(write_plan(tmp_path, SMALL)), *args, "-o", str(tmp_path / "out"))
    assert run.code == 2 and "--include takes outputs, objectives" in run.stderr, run.output
    assert_no_traceback(run)
