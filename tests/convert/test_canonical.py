"""Canonical JSON and YAML: stable key order, and YAML back from JSON without loss."""

from __future__ import annotations

import json

import pytest

from openplan.convert import losses, to_json, to_yaml
from openplan.convert.canonical import canonical
from openplan.convert.fields import fields
from openplan.loader import load_document, parse

from .helpers import ALL_FILES, canonical_json


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_json_and_yaml_carry_every_example_exactly(path):
    data = load_document(path).data
    text = to_json(data)
    from_json = parse(text, "plan.json", json=True).data
    assert from_json == data  # nothing added, nothing lost, no value changed
    yaml_text = to_yaml(from_json)
    assert parse(yaml_text, "plan.yaml").data == data
    assert to_json(parse(yaml_text, "plan.yaml").data) == text  # stable: the same text every time


def test_keys_follow_the_schema_starting_with_the_header():
    data = load_document(ALL_FILES[0]).data
    keys = list(json.loads(to_json(data)))
    header = [key for key in ("openplan", "kind", "id", "title", "organisation") if key in data]
    assert keys[:len(header)] == header and keys[0] == "openplan"
    objective = next(o for a in json.loads(to_json(data))["areas"] for o in a.get("objectives", []))
    order = [field.name for field in fields("Objective")]
    assert list(objective) == [name for name in order if name in objective]


def test_extension_fields_come_last_sorted_and_whole_numbers_lose_their_fraction():
    data = {"openplan": "1.0", "id": "p", "title": "T", "z:last": {"b": 1, "a": [2.5]}, "a:first": True,
            "organisation": "org.x", "period": {"start": "2025-04-01", "end": "2026-03-31"},
            "edition": {"status": "draft"},
            "areas": [{"title": "A", "id": "area.a", "objectives": [{"id": "o", "title": "O", "indicators": [
                {"id": "i", "title": "I", "targets": [{"value": 60.0}, {"value": 0.5}]}]}]}]}
    result = canonical(data)
    assert list(result)[-2:] == ["a:first", "z:last"]
    assert list(result["z:last"]) == ["a", "b"]
    assert list(result["areas"][0]) == ["id", "title", "objectives"]
    targets = result["areas"][0]["objectives"][0]["indicators"][0]["targets"]
    assert targets == [{"value": 60}, {"value": 0.5}] and isinstance(targets[0]["value"], int)
    assert data["areas"][0]["title"] == "A" and list(data)[0] == "openplan"  # the input is not changed


def test_yaml_quotes_what_other_yaml_readers_would_misread():
    data = load_document(ALL_FILES[0]).data
    data = dict(data, title="no", language="2020-04-01")
    text = to_yaml(data)
    assert 'title: "no"' in text and 'language: "2020-04-01"' in text
    assert parse(text, "x.yaml").data["title"] == "no"


def test_awkward_text_survives_yaml():
    awkward = ["  leading spaces", "trailing  ", "line one\nline two\n", "tab\there", "a: b # c", "- dash",
               "\u2028separator", "'quoted'", '"double"', "multi\n  indented\n\nparagraphs", "\x07bell"]
    data = load_document(ALL_FILES[0]).data
    for text in awkward:
        changed = dict(data, title=text)
        assert parse(to_yaml(changed), "x.yaml").data["title"] == text, repr(text)


def test_json_and_yaml_report_no_losses():
    data = load_document(ALL_FILES[0]).data
    assert losses("json", data).lossless and losses("yaml", data).lossless
    assert canonical_json(data) == canonical_json(json.loads(to_json(data)))
