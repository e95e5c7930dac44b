"""A date relative to several events (1.1): before the earliest, after the latest, else all of them."""

from __future__ import annotations

from datetime import date

import pytest

from openplan.dates import Span, resolve_date
from openplan.index import build
from openplan.loader import parse

from .plans import LEVELS_PLAN

EVENTS = {
    "sr": {"value": "2020-11-25"},
    "budget": {"value": "2021-03"},  # March 2021
    "later": {"relative_to": "budget", "relation": "after"},  # open: from 1 April 2021
    "circle-a": {"relative_to": ["circle-b"]},
    "circle-b": {"relative_to": ["circle-a"]},
}


def _span(relation: str | None, events: list[str]) -> Span | None:
    data = {"relative_to": events, **({"relation": relation} if relation else {})}
    return resolve_date(data, EVENTS.get)


@pytest.mark.parametrize("relation, expected", [
    ("before", Span(None, date(2020, 11, 24))),  # before the earliest event
    ("by", Span(None, date(2021, 3, 31))),
    ("after", Span(date(2021, 4, 1), None)),  # after the latest
    ("from", Span(date(2020, 11, 25), None)),
    (None, Span(date(2020, 11, 25), date(2021, 3, 31))),  # at: from the first day of one to the last of the other
])
def test_a_relation_to_several_events_spans_them_together(relation, expected):
    assert _span(relation, ["budget", "sr"]) == expected
    assert _span(relation, ["sr", "budget"]) == expected  # the order they are listed in does not matter


def test_one_event_in_a_list_means_the_same_as_the_event_alone():
    assert _span("before", ["budget"]) == resolve_date({"relative_to": "budget", "relation": "before"}, EVENTS.get)


def test_an_open_event_opens_the_span_and_an_unknown_or_circular_event_leaves_it_unknown():
    assert _span(None, ["sr", "later"]) == Span(date(2020, 11, 25), None)
    assert _span("before", ["sr", "later"]) == Span(None, date(2020, 11, 24))
    assert _span("after", ["sr", "missing"]) is None
    assert _span(None, ["circle-a"]) is None


def test_the_index_resolves_several_events_in_the_plans_own_dates():
    index = build(parse(LEVELS_PLAN, "plan.yaml"))
    festival = index.items["act.1-1-1"].data["due"]  # after the State Budget and the rates review
    roads = index.items["act.2-1-1"].data["due"]  # ahead of the rates review and the State Budget
    assert index.span(festival) == Span(date(2025, 10, 1), None)
    assert index.span(roads) == Span(None, date(2025, 6, 16))
    assert [reference.target for reference in index.references if reference.field == "relative_to"] == [
        "ev.budget", "ev.review", "ev.review", "ev.budget"]


def test_a_circle_through_a_list_of_events_is_i004():
    import openplan

    from ..plans import BASE_PLAN

    text = BASE_PLAN.replace('"1.0"', '"1.1"', 1) + (
        "events:\n  - {id: ev.a, title: A, date: {value: 2025}}\n"
        "  - {id: ev.b, title: B, date: {relative_to: [ev.a, ev.c], relation: after}}\n"
        "  - {id: ev.c, title: C, date: {relative_to: ev.b, relation: before}}\n")
    findings = [f for f in openplan.validate_text(text, "plan.yaml").findings if f.code == "I004"]
    assert [f.message for f in findings] == ['"relative_to" links go round in a circle: ev.b → ev.c → ev.b']
