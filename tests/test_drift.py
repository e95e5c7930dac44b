"""One source of truth: the committed schema is exactly what the pydantic models generate,
and the models and the schema accept and reject the same documents."""

from __future__ import annotations

import copy
import json

import jsonschema
import pydantic
import pytest
import yaml

from openplan import model
from openplan.version import SCHEMA_VERSION, SUPPORTED_SCHEMA_VERSIONS
from tools import generated, schemagen

from .conftest import EXAMPLES, ROOT, SCHEMA


@pytest.mark.parametrize("kind", sorted(schemagen.DOCUMENTS))
def test_committed_schema_matches_the_models(kind):
    committed = (SCHEMA / SCHEMA_VERSION / f"{kind}.schema.json").read_text(encoding="utf-8")
    generated_text = schemagen.render(schemagen.build(kind))
    assert committed == generated_text, (
        f"schema/{SCHEMA_VERSION}/{kind}.schema.json is out of date with openplan/model.py; "
        "run `python -m tools.schemagen`")


def test_the_schema_generator_owns_exactly_the_schema_files_of_each_version():
    # a plan and a registry schema in every version; progress reports from 1.1 on
    assert sorted(schemagen.GENERATOR.files(ROOT)) == sorted(
        [f"schema/{version}/{kind}.schema.json" for version in SUPPORTED_SCHEMA_VERSIONS for kind in ("plan", "registry")]
        + [f"schema/{version}/report.schema.json" for version in SUPPORTED_SCHEMA_VERSIONS if version != "1.0"])
    assert not (SCHEMA / "1.0" / "report.schema.json").exists()
    assert generated.stale(schemagen.GENERATOR, ROOT) == []


def _documents():
    for path in sorted(EXAMPLES.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        yield path.name, json.loads(json.dumps(data, default=str))


def _mutations(data):
    """Small edits that make a valid document invalid, and a few that keep it valid."""
    yield "drop title", {k: v for k, v in data.items() if k != "title"}, False
    yield "unknown field", {**data, "titel": "x"}, False
    yield "namespaced field", {**data, "camden:ward": "Kilburn"}, True
    yield "wrong id", {**data, "id": "1 bad"}, False
    yield "id as list", {**data, "id": ["a"]}, False
    broken = copy.deepcopy(data)
    if isinstance(broken.get("edition"), dict):
        broken["edition"]["status"] = "aproved"
        yield "bad status", broken, False


def _pydantic_accepts(data) -> bool:
    cls = {"registry": model.Registry, "report": model.ProgressReport}.get(data.get("kind"), model.Plan)
    try:
        cls.model_validate(data)
        return True
    except pydantic.ValidationError:
        return False


def _schema_accepts(data) -> bool:
    kind = data.get("kind") if data.get("kind") in ("registry", "report") else "plan"
    schema = json.loads((SCHEMA / SCHEMA_VERSION / f"{kind}.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return validator.is_valid(data)


@pytest.mark.parametrize("name,data", list(_documents()))
def test_models_and_schema_agree_on_examples_and_their_mutations(name, data):
    assert _pydantic_accepts(data) and _schema_accepts(data), name
    for label, mutated, expected in _mutations(data):
        assert _pydantic_accepts(mutated) == expected, f"pydantic, {label}"
        assert _schema_accepts(mutated) == expected, f"schema, {label}"
