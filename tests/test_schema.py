"""The schema files themselves: meta-schema validity, descriptions everywhere, ids, codelists."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import jsonschema
import pytest

from openplan import codelists
from openplan.version import SCHEMA_VERSION, schema_id

from .conftest import SCHEMA

SCHEMA_FILES = sorted((SCHEMA / SCHEMA_VERSION).glob("*.schema.json"))


def _properties(node, path=""):
    """Every (path, property schema) in a schema, wherever it is defined."""
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            yield f"{path}/properties/{name}", prop
        for key, value in node.items():
            yield from _properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for position, value in enumerate(node):
            yield from _properties(value, f"{path}/{position}")


def test_there_are_plan_and_registry_schemas():
    assert {path.name for path in SCHEMA_FILES} >= {"plan.schema.json", "registry.schema.json"}


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_schema_passes_the_meta_schema(path: Path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_every_property_has_a_title_and_a_description(path: Path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    missing = [where for where, prop in _properties(schema)
               if not (prop.get("description") and prop.get("title"))]
    assert not missing, f"properties without title/description: {missing[:10]}"
    assert schema["title"] and schema["description"]


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_id_is_versioned_and_matches_the_file(path: Path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    kind = path.name.split(".")[0]
    assert schema["$id"] == schema_id(kind)
    assert f"/{SCHEMA_VERSION}/" in schema["$id"]
    refs = [value for _, value in _walk(schema) if isinstance(value, str) and value.startswith("#/")]
    assert refs, "expected internal $refs"
    for ref in refs:  # every internal reference resolves inside the file
        target = schema
        for part in ref[2:].split("/"):
            target = target[part]


def _walk(node, key=None):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                yield k, v
            yield from _walk(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v, key)


def test_codelist_files_have_code_title_description_and_unique_codes():
    folder = SCHEMA / SCHEMA_VERSION / "codelists"
    files = sorted(folder.glob("*.csv"))
    assert len(files) >= 10
    for path in files:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            assert reader.fieldnames == ["code", "title", "description"], path.name
            rows = list(reader)
        codes = [row["code"] for row in rows]
        assert len(codes) == len(set(codes)), path.name
        assert all(row["title"] and row["description"] for row in rows), path.name


def test_every_codelist_reference_in_the_schema_matches_its_csv():
    seen = set()
    properties = [found for kind in ("plan", "report")  # the report schema uses codes plans do not (trend)
                  for found in _properties(json.loads((SCHEMA / SCHEMA_VERSION / f"{kind}.schema.json").read_text(
                      encoding="utf-8")))]
    for where, prop in properties:
        name = prop.get("codelist")
        if not name:
            continue
        seen.add(name)
        assert prop["openCodelist"] is False
        assert prop["enum"] == list(codelists.codes(name[:-4])), where
    folder = SCHEMA / SCHEMA_VERSION / "codelists"
    assert seen == {p.name for p in folder.glob("*.csv")}, "every codelist is used, and only those that exist"


def test_reference_fields_name_kinds_that_exist():
    schema = json.loads((SCHEMA / SCHEMA_VERSION / "plan.schema.json").read_text(encoding="utf-8"))
    kinds = set(schema["$defs"])
    found = 0
    for where, prop in _properties(schema):
        targets = prop.get("references")
        if targets is None:
            continue
        found += 1
        if isinstance(targets, list):
            assert set(targets) <= kinds, where
        else:
            assert targets in ("any", "previous-edition"), where
    assert found >= 20
