"""Every converter reads a date the same way: through the index, following events timed against events to
the end, as `validate` and `lint` do."""

from __future__ import annotations

from datetime import date

from openplan.convert import source
from openplan.convert.datapackage.rows import RowBuilder
from openplan.convert.ical import _span as ical_span
from openplan.dates import Span
from openplan.index import date_span

from ..plans import BASE_PLAN

CHAIN = BASE_PLAN + """events:
  - {id: event.budget, title: Spending Review, date: {text: Autumn 2025, value: "2025-23"}}
  - {id: event.vote, title: Council vote, date: {text: at the Spending Review, relative_to: event.budget}}
  - {id: event.after, title: After the vote, date: {text: after the vote, relative_to: event.vote, relation: after}}
milestones:
  - {id: ms.bid, title: Submit the bid, due: {text: by the council vote, relative_to: event.vote, relation: by}}
  - {id: ms.open, title: Open, due: {text: after the after, relative_to: event.after, relation: after}}
"""


def _loaded(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(CHAIN, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    return source.load(path)


def test_a_date_two_events_deep_resolves_in_every_converter(tmp_path):
    loaded = _loaded(tmp_path)
    due = loaded.data["milestones"][0]["due"]
    expected = Span(None, date(2025, 11, 30))  # by the vote, which is at the Spending Review (autumn 2025)
    assert date_span(due, loaded.index) == expected
    assert ical_span(due, loaded.index) == expected
    assert RowBuilder(loaded.data, loaded.index).span(due) == expected


def test_a_date_with_no_knowable_end_is_unknown_to_converters(tmp_path):
    loaded = _loaded(tmp_path)
    due = loaded.data["milestones"][1]["due"]  # after something with no last day
    assert loaded.index.span(due) == Span(None, None)
    assert date_span(due, loaded.index) is None
