"""Shortcuts that large plans take give the same answers as the long way round."""

from __future__ import annotations

import gc
import random
import weakref

import pytest

from openplan.lint.rules import d308_unquoted_date as d308
from openplan.lint.rules import w506_inconsistent_term_case as w506
from openplan.loader import paused_gc

WORDS = ["covid", "Covid", "COVID", "xcovid", "covidx", "LOTI", "loti", "Loti", "é", "ñcovid", "covidé",
         "a-covid", "mps", "MPs", "K", "2025-04-01", '"2025-04-01"', "12025-04-01", "-12-2025-4-1", "2025-07"]


class _Corpus:
    def __init__(self, string: str):
        self.string, self.lower = string, string.lower()


def _texts(seed: int, count: int = 300) -> list[str]:
    draw = random.Random(seed)
    return [" ".join(draw.choice(WORDS) + draw.choice(["", " ", ".", "-", "1", ":", "'"])
                     for _ in range(draw.randint(0, 30))) for _ in range(count)]


@pytest.mark.parametrize("keys", [["covid", "loti"], ["covid", "loti", "mps", "é"] + [f"zz{n}" for n in range(9)]])
def test_w506_finds_the_same_places_with_few_keys_as_in_one_pass(keys):
    for text in _texts(1):
        if w506._FOLDED.search(text):
            continue
        quick = {key: [(m.start(), m.group()) for m in found]
                 for key, found in w506._places(_Corpus(text), keys).items()}
        slow = {key: [(m.start(), m.group()) for m in found]
                for key, found in w506._places_in_one_pass(text, keys).items()}
        assert quick == slow, text


def test_d308_looks_for_dates_where_the_full_search_finds_them():
    texts = _texts(2) + ["a: 2025-04-01", "2025-04-01", "b-12-2025-04-01", "a: '2025-04-01'", "12025-04-01"]
    found = 0
    for text in texts:
        expected = d308._DATE_IN_TEXT.search(text) is not None
        found += expected
        assert d308._unquoted_date_in(text) == expected, text
    assert found  # the texts include dates that need quotes, not only ones that do not


class _Cycle:
    pass


def test_a_cycle_built_while_the_collector_is_paused_is_still_collected():
    enabled = gc.isenabled()
    gc.enable()
    try:
        with paused_gc():
            assert not gc.isenabled()
            cycle = _Cycle()
            cycle.itself = cycle
            gone = weakref.ref(cycle)
            del cycle
        assert gc.isenabled()
        gc.collect()
        assert gone() is None
    finally:
        if not enabled:
            gc.disable()


def test_a_date_resolved_once_per_plan_is_never_confused_with_another_at_the_same_address():
    from pathlib import Path

    from openplan.dates import resolve_date
    from openplan.validation import Validator

    path = Path(__file__).resolve().parents[2] / "examples" / "london-councils" / "business-plan-2020-21-final.yaml"
    validator = Validator()
    _findings, index = validator.check_document(validator.workspace.load(path, str(path)))
    for year in range(2020, 2040):  # each dict is freed before the next is made, so addresses are reused
        expected = resolve_date({"value": f"{year}-Q1"}, index.event_date, index.calendar)
        assert index.span({"value": f"{year}-Q1"}) == expected
        assert index.span(f"{year}-Q2") == resolve_date(f"{year}-Q2", index.event_date, index.calendar)
