"""Versioned paths: every $id and $ref under schema/ matches the version of the folder it lives in (one the
package reads), the SchemaStore catalog entry points at the current schemas and lists every version, and
`openplan schema` serves exactly the committed files."""

from __future__ import annotations

import fnmatch
import json
from pathlib import Path

import jsonschema
import pytest

from openplan.version import SCHEMA_BASE_URI, SCHEMA_VERSION, SUPPORTED_SCHEMA_VERSIONS, schema_id

from ..conftest import SCHEMA, assert_no_traceback, run_openplan

# schema/output/ holds the schemas of the commands' JSON output, versioned by the report format, not the plan
# schema (tests/test_json_output.py checks them).
OUTPUT = SCHEMA / "output"
JSON_FILES = sorted(path for path in SCHEMA.rglob("*.json") if path.name != "catalog.json" and OUTPUT not in path.parents)


def _walk(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield path + (key,), key, value
            yield from _walk(value, path + (key,))
    elif isinstance(node, list):
        for position, value in enumerate(node):
            yield from _walk(value, path + (position,))


def test_schema_folders_are_named_by_the_package_versions():
    versions = sorted(p.name for p in SCHEMA.iterdir() if p.is_dir() and p != OUTPUT)
    assert versions == sorted(SUPPORTED_SCHEMA_VERSIONS) and SCHEMA_VERSION in versions
    for version in versions:  # every folder is a MAJOR.MINOR version
        assert version.count(".") == 1 and all(part.isdigit() for part in version.split("."))


def version_problems(relative: str, schema: dict) -> list[str]:
    """What disagrees with the version of its folder in one file under schema/: the folder (a version the package
    reads), $ids, $refs."""
    problems = []
    version = relative.split("/")[0]
    if version not in SUPPORTED_SCHEMA_VERSIONS:
        problems.append(f"{relative} lives outside the folders of {', '.join(SUPPORTED_SCHEMA_VERSIONS)}")
    ids = [(where, value) for where, key, value in _walk(schema) if key == "$id"]
    if relative.endswith("extension.json"):
        problems.extend(f"{relative}: metadata has an $id at {where}" for where, _ in ids)
    elif not ids:
        problems.append(f"{relative} has no $id")
    for where, value in ids:
        if value != f"{SCHEMA_BASE_URI}/{relative}":
            problems.append(f"{relative}: $id {value} at {where}")
    for where, key, value in _walk(schema):
        if key != "$ref":
            continue
        document, _, pointer = value.partition("#")
        if document:
            kind = document.rsplit("/", 1)[-1].replace(".schema.json", "")
            if document != schema_id(kind, version) or not (SCHEMA / version / f"{kind}.schema.json").is_file():
                problems.append(f"{relative}: $ref {value} at {where} is not into schema {version}")
                continue
            target = json.loads((SCHEMA / version / f"{kind}.schema.json").read_text(encoding="utf-8"))
        else:
            target = schema
        for part in [p for p in pointer.split("/") if p]:
            if not isinstance(target, dict) or part not in target:
                problems.append(f"{relative}: $ref {value} at {where} does not resolve")
                break
            target = target[part]
    return problems


@pytest.mark.parametrize("path", JSON_FILES, ids=lambda p: str(p.relative_to(SCHEMA)))
def test_every_id_and_ref_matches_the_package_version(path: Path):
    relative = path.relative_to(SCHEMA).as_posix()
    assert version_problems(relative, json.loads(path.read_text(encoding="utf-8"))) == []


def test_the_version_check_catches_drift():
    relative = f"{SCHEMA_VERSION}/extensions/budget/schema.json"
    schema = json.loads((SCHEMA / relative).read_text(encoding="utf-8"))
    assert version_problems(relative, schema) == []
    drifted = json.loads(json.dumps(schema).replace(f"/schema/{SCHEMA_VERSION}/", "/schema/0.9/"))
    problems = version_problems(relative, drifted)
    assert any("$id" in problem for problem in problems)
    assert any("is not into schema" in problem for problem in problems)
    assert version_problems("0.9/plan.schema.json", {"$id": f"{SCHEMA_BASE_URI}/0.9/plan.schema.json"})
    # a file in one version's folder that points into another version's schema
    mixed = json.loads(json.dumps(schema).replace(f"/schema/{SCHEMA_VERSION}/plan", "/schema/1.0/plan"))
    assert SCHEMA_VERSION == "1.0" or any("is not into schema" in p for p in version_problems(relative, mixed))


# The fields SchemaStore's catalog format requires of an entry.
CATALOG_ENTRY = {
    "type": "object",
    "required": ["name", "description", "fileMatch", "url"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "description": {"type": "string", "minLength": 1},
        "fileMatch": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "url": {"type": "string", "format": "uri"},
        "versions": {"type": "object", "additionalProperties": {"type": "string"}},
    },
}


def test_catalog_entry_follows_the_schemastore_format_and_points_at_the_current_schemas():
    catalog = json.loads((SCHEMA / "catalog.json").read_text(encoding="utf-8"))
    assert catalog["$schema"] == "https://json.schemastore.org/schema-catalog.json"
    urls = {}
    for entry in catalog["schemas"]:
        jsonschema.validate(entry, CATALOG_ENTRY)
        urls[entry["name"]] = entry["url"]
        assert entry["versions"][SCHEMA_VERSION] == entry["url"]
        kind = "registry" if "registry" in entry["url"] else "plan"
        assert entry["versions"] == {version: schema_id(kind, version) for version in SUPPORTED_SCHEMA_VERSIONS}
    assert sorted(urls.values()) == sorted([schema_id("plan"), schema_id("registry")])
    plan = next(entry for entry in catalog["schemas"] if entry["url"] == schema_id("plan"))
    registry = next(entry for entry in catalog["schemas"] if entry["url"] == schema_id("registry"))
    assert any(fnmatch.fnmatch("business-plan-2025-26.openplan.yaml", p) for p in plan["fileMatch"])
    assert not any(fnmatch.fnmatch("registry.openplan-registry.yaml", p) for p in plan["fileMatch"])
    assert any(fnmatch.fnmatch("registry.openplan-registry.yaml", p) for p in registry["fileMatch"])


def test_catalog_is_ready_for_schemastore_and_names_committed_schemas():
    catalog = json.loads((SCHEMA / "catalog.json").read_text(encoding="utf-8"))
    assert set(catalog) == {"$schema", "version", "schemas"} and catalog["version"] == 1
    names = [entry["name"] for entry in catalog["schemas"]]
    assert len(names) == len(set(names))
    patterns = [pattern for entry in catalog["schemas"] for pattern in entry["fileMatch"]]
    assert len(patterns) == len(set(patterns)), "a file name pattern in two entries"
    for entry in catalog["schemas"]:
        for url in [entry["url"], *entry.get("versions", {}).values()]:
            assert url.startswith(SCHEMA_BASE_URI + "/"), url
            assert (SCHEMA / url[len(SCHEMA_BASE_URI) + 1:]).is_file(), f"{url} names no file under schema/"
        for pattern in entry["fileMatch"]:
            assert "/" not in pattern and pattern.startswith("*."), pattern


@pytest.mark.parametrize("kind", ["plan", "registry"])
def test_schema_command_prints_the_committed_schema(kind):
    run = run_openplan("schema", "--kind", kind, "--version", SCHEMA_VERSION)
    assert_no_traceback(run)
    assert run.code == 0
    assert run.stdout == (SCHEMA / SCHEMA_VERSION / f"{kind}.schema.json").read_text(encoding="utf-8")


def test_schema_command_writes_a_file(tmp_path):
    target = tmp_path / "plan.schema.json"
    run = run_openplan("schema", "-o", str(target))
    assert run.code == 0, run.output
    assert json.loads(target.read_text(encoding="utf-8"))["$id"] == schema_id("plan")


def test_schema_command_refuses_an_unknown_version():
    run = run_openplan("schema", "--version", "9.9")
    assert_no_traceback(run)
    assert run.code == 2
    assert "9.9" in run.stderr and SCHEMA_VERSION in run.stderr
    assert run.stdout == ""
