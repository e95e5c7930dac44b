"""How every command names things for a reader: items, places, counts, articles and paths."""

from __future__ import annotations

import os

import pytest

from openplan.wording import (a, counted, display_path, place, plural, quoted_label, type_place, type_plural,
                              whole)

PLAN = {
    "openplan": "1.0", "id": "plan.example",
    "areas": [{"id": "area.housing", "number": "2", "title": "Housing",
               "objectives": [{"id": "obj.homes", "number": "2.1", "title": "Homes",
                               "outputs": [{"text": "Publish a plan."}]}]}],
    "pledges": [{"id": "pledge.one", "text": "Build homes."}, {"set": "pledges.london"}],
}


@pytest.mark.parametrize(("word", "expected"), [
    ("indicator", "an indicator"), ("unit", "a unit"), ("one-off", "a one-off"), ("hour", "an hour"),
    ("pledge set", "a pledge set"), ('"area"', 'an "area"'), ("", "a "),
])
def test_a_or_an_follows_the_sound(word, expected):
    assert a(word) == expected


def test_counts_use_the_plural_only_for_other_than_one():
    assert [counted(n, "file") for n in (0, 1, 2)] == ["0 files", "1 file", "2 files"]
    assert counted(1, "entry", "entries") == "1 entry" and counted(3, "entry", "entries") == "3 entries"
    assert plural(2, "date change", "date changes") == "date changes" and plural(1, "moved", "moved") == "moved"


def test_a_place_names_the_nearest_item_by_id_and_number():
    assert place(PLAN, ("areas", 0, "objectives", 0, "title")) == ('objective "obj.homes" (2.1)', "obj.homes")
    # An item with no id is counted within its list; the id is still the nearest one above it.
    assert place(PLAN, ("areas", 0, "objectives", 0, "outputs", 0, "text")) == ("output 1 of outputs", "obj.homes")


def test_a_pledge_and_a_pledge_link_are_told_apart():
    assert place(PLAN, ("pledges", 0))[0] == 'pledge "pledge.one"'
    assert place(PLAN, ("pledges", 1))[0] == "pledge link 2 of pledges"


def test_the_whole_file_is_the_plan_or_the_registry():
    assert place(PLAN, ()) == ("the plan", "plan.example")
    assert place({"kind": "registry", "id": "reg"}, ("missing", 3)) == ("the registry", "reg")
    assert whole(["not", "a", "mapping"]) == "the plan"


def test_schema_types_in_words():
    assert type_plural("PledgeSet") == "pledge sets" and type_plural("Body") == "bodies"
    assert type_plural("Plan") == "the plan" and type_plural("Registry") == "the registry"
    assert type_place("Objective", "obj.homes") == 'objective "obj.homes"'
    assert type_place("Indicator", None) == "an indicator" and type_place("Registry", "x") == "the registry"


def test_a_label_is_quoted_and_shortened_else_the_id():
    assert quoted_label("2.1  Homes\nfor all", "obj.homes") == '"2.1 Homes for all"'
    assert quoted_label("   ", "obj.homes") == '"obj.homes"'
    assert quoted_label("abcd " * 30, "x") == '"' + "abcd " * 11 + 'ab..."'
    assert quoted_label("ab " * 30, "x") == '"' + "ab " * 18 + 'ab..."'  # no space before the dots


def test_paths_are_shown_relative_to_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "plans" / "plan.yaml") == os.path.join("plans", "plan.yaml")
    assert display_path(tmp_path.parent / "other.yaml") == os.path.join("..", "other.yaml")
