"""Portability: ajv, the most used JSON Schema validator outside Python, compiles every published schema in
strict mode once OpenPlan's annotation keywords are declared, and agrees with openplan on the examples.

ajv comes from npm: set OPENPLAN_AJV to a folder where `npm install ajv@8 ajv-formats@3` was run (`.ci/run`
does), or let the test install it into the user's cache. Without Node.js and npm the ajv tests skip.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from openplan.keywords import KEYWORDS
from openplan.loader import load_document

from ..conftest import EXAMPLES, SCHEMA

VERSIONS = ("ajv@8", "ajv-formats@3")
PUBLISHED = sorted([*SCHEMA.glob("*/*.schema.json"), *SCHEMA.glob("*/extensions/*/schema.json")])

# Compiles each schema given as [name, schema] with ajv's 2020-12 build in strict mode, the custom keywords
# declared as a vocabulary and the core schemas added (extensions refer to them), then validates each [name, schema index, document]; prints the results as JSON.
SCRIPT = r"""
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const compiled = [];
const out = {schemas: [], documents: []};
for (const [name, schema] of input.schemas) {
  const ajv = new Ajv2020({strict: true, allowUnionTypes: true, allErrors: true});
  addFormats(ajv);
  ajv.addVocabulary(input.keywords);
  for (const core of input.references) if (core.$id !== schema.$id) ajv.addSchema(core);
  try { compiled.push(ajv.compile(schema)); out.schemas.push([name, null]); }
  catch (error) { compiled.push(null); out.schemas.push([name, error.message]); }
}
for (const [name, index, document] of input.documents) {
  const validate = compiled[index];
  const valid = validate ? validate(document) : null;
  out.documents.push([name, valid, valid ? [] : (validate && validate.errors || []).map(
    (e) => `${e.instancePath} ${e.message}`)]);
}
process.stdout.write(JSON.stringify(out));
"""


@pytest.fixture(scope="session")
def ajv() -> tuple[str, Path]:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node:
        pytest.skip("Node.js is not installed: the ajv tests run the real ajv")
    given = os.environ.get("OPENPLAN_AJV")
    folder = Path(given) if given else \
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "openplan-tests" / "ajv-8"
    installed = (folder / "node_modules" / "ajv" / "dist" / "2020.js").is_file() and \
        (folder / "node_modules" / "ajv-formats").is_dir()
    if not installed and not given:
        if not npm:
            pytest.skip("npm is not installed: the ajv tests need ajv and ajv-formats from npm")
        folder.mkdir(parents=True, exist_ok=True)
        try:
            subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(folder), *VERSIONS],
                           capture_output=True, text=True, timeout=300)
        except subprocess.TimeoutExpired:
            pytest.skip("npm install of ajv timed out (offline?)")
        installed = (folder / "node_modules" / "ajv" / "dist" / "2020.js").is_file()
    if not installed:
        pytest.skip(f"ajv is not installed in {folder} (set OPENPLAN_AJV, or run npm install {' '.join(VERSIONS)})")
    return node, folder


def run_ajv(ajv: tuple[str, Path], schemas: list, documents: list | None = None) -> dict:
    node, folder = ajv
    core = [json.loads(path.read_text(encoding="utf-8")) for path in SCHEMA.glob("*/*.schema.json")]
    payload = json.dumps({"keywords": sorted(KEYWORDS), "references": core, "schemas": schemas,
                          "documents": documents or []})
    completed = subprocess.run([node, "-e", SCRIPT], input=payload, capture_output=True, text=True, timeout=120,
                               cwd=folder, env=dict(os.environ, NODE_PATH=str(folder / "node_modules")))
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def _extension_fields(schema: dict) -> dict:
    """An extension's `objects` holds field schemas ajv does not look into; wrapped so strict mode sees them."""
    fields = {f"{type_name}/{key}": field for type_name, table in schema.get("objects", {}).items()
              for key, field in table.items()}
    return {"$schema": schema["$schema"], "$defs": schema.get("$defs", {}), "type": "object", "properties": fields}


def test_every_published_schema_compiles_in_ajv_strict_mode(ajv):
    assert PUBLISHED, "no schemas found"
    schemas = []
    for path in PUBLISHED:
        schema = json.loads(path.read_text(encoding="utf-8"))
        schemas.append([str(path.relative_to(SCHEMA)), schema])
        if "objects" in schema:
            schemas.append([f"{path.relative_to(SCHEMA)} (its fields)", _extension_fields(schema)])
    results = run_ajv(ajv, schemas)["schemas"]
    assert [name for name, _ in results] == [name for name, _ in schemas]
    assert {name: error for name, error in results if error} == {}


def test_ajv_strict_mode_still_refuses_an_undeclared_keyword(ajv):
    # Proves the strict mode in the test above is real: a keyword outside OpenPlan's list is refused.
    result = run_ajv(ajv, [["x", {"$schema": "https://json-schema.org/draft/2020-12/schema", "codelistt": "x"}]])
    assert "unknown keyword" in result["schemas"][0][1]


def _as_json(path: Path):
    return json.loads(json.dumps(load_document(path).data))  # YAML read as openplan reads it, then plain JSON


def test_ajv_agrees_the_shipped_examples_are_valid(ajv):
    # each example against the schema of its own version and kind
    names = sorted(f"{path.parent.name}/{path.name.split('.')[0]}" for path in SCHEMA.glob("*/*.schema.json"))
    schemas = [[name, json.loads((SCHEMA / f"{name}.schema.json").read_text(encoding="utf-8"))] for name in names]
    documents = []
    for path in sorted(EXAMPLES.rglob("*.yaml")):
        data = _as_json(path)
        name = f"{data['openplan']}/{data.get('kind', 'plan')}"
        documents.append([str(path.relative_to(EXAMPLES)), names.index(name), data])
    assert len(documents) >= 7
    results = run_ajv(ajv, schemas, documents)
    assert all(error is None for _, error in results["schemas"]), results["schemas"]
    assert {name: errors for name, valid, errors in results["documents"] if valid is not True} == {}


def test_ajv_agrees_a_plan_with_mistakes_is_invalid(ajv):
    schema = json.loads((SCHEMA / "1.0" / "plan.schema.json").read_text(encoding="utf-8"))
    plan = _as_json(EXAMPLES / "london-councils" / "business-plan-2017-18.yaml")
    plan["edition"]["status"] = "aproved"
    no_date = {"text": "TBC"}  # a date needs a value, tbc or relative_to
    plan["period"] = {**plan["period"], "start": "1 April 2017"}
    documents = [["status", 0, plan], ["date", 0, {**_as_json(EXAMPLES / "london-councils" /
                                                              "business-plan-2017-18.yaml"),
                                                  "milestones": [{"id": "ms.x", "title": "X", "due": no_date}]}]]
    results = run_ajv(ajv, [["plan", schema]], documents)["documents"]
    assert [valid for _, valid, _ in results] == [False, False]
    assert any("/edition/status" in error for error in results[0][2])
    assert any("/milestones/0/due" in error for error in results[1][2])


# --- without Node.js -------------------------------------------------------------------------------------------

STANDARD = set("""$schema $id $ref $defs $anchor $dynamicRef $dynamicAnchor $comment $vocabulary title description
default examples deprecated readOnly writeOnly type enum const multipleOf maximum exclusiveMaximum minimum
exclusiveMinimum maxLength minLength pattern maxItems minItems uniqueItems maxContains minContains maxProperties
minProperties required dependentRequired properties patternProperties additionalProperties items prefixItems
contains propertyNames allOf anyOf oneOf not if then else dependentSchemas unevaluatedItems unevaluatedProperties
format contentEncoding contentMediaType contentSchema""".split())


def _keywords(node, found: set) -> set:
    """Every keyword used in a schema (not the names under properties, $defs and the like, nor inside values)."""
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(key)
            if key in ("properties", "patternProperties", "$defs", "dependentSchemas"):
                for child in value.values():
                    _keywords(child, found)
            elif key == "objects":  # an extension's fields, by object
                for table in value.values():
                    for child in table.values():
                        _keywords(child, found)
            elif key not in ("enum", "const", "examples", "default", "required", "references"):
                _keywords(value, found)
    elif isinstance(node, list):
        for child in node:
            _keywords(child, found)
    return found


@pytest.mark.parametrize("path", PUBLISHED, ids=lambda path: str(path.relative_to(SCHEMA)))
def test_schemas_use_only_json_schema_keywords_and_the_declared_ones(path):
    used = _keywords(json.loads(path.read_text(encoding="utf-8")), set())
    assert used - STANDARD - set(KEYWORDS) == set(), "declare new keywords in openplan.keywords.KEYWORDS"


def test_the_declared_keywords_are_documented_for_other_validators():
    editors = (SCHEMA.parent / "docs" / "editors.md").read_text(encoding="utf-8")
    for keyword in KEYWORDS:
        assert f"`{keyword}`" in editors
    assert "addVocabulary" in editors and "allowUnionTypes" in editors


def _fuzzy_date_as_first_published(schema: dict) -> dict:
    """FuzzyDate as schema 1.0 was first published: its anyOf branches held only `required`."""
    old = json.loads(json.dumps(schema))
    for branch in old["$defs"]["FuzzyDate"]["anyOf"]:
        branch.pop("properties", None)
    return old


@pytest.mark.parametrize("kind", ["plan", "registry"])
def test_restating_fuzzy_date_for_strict_validators_changes_no_documents_validity(kind):
    import itertools

    import jsonschema

    schema = json.loads((SCHEMA / "1.0" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert all("properties" in branch for branch in schema["$defs"]["FuzzyDate"]["anyOf"])
    new = jsonschema.Draft202012Validator({**schema["$defs"]["FuzzyDate"], "$defs": schema["$defs"]})
    first = _fuzzy_date_as_first_published(schema)
    old = jsonschema.Draft202012Validator({**first["$defs"]["FuzzyDate"], "$defs": first["$defs"]})
    fields = {"value": ["2025-23", 2025, "not a date", None], "tbc": [True, False, "yes"],
              "relative_to": ["event.x", 3], "text": ["Autumn 2025"], "x:y": [1]}
    checked = 0
    for size in range(len(fields) + 1):
        for names in itertools.combinations(fields, size):
            for values in itertools.product(*(fields[name] for name in names)):
                date = dict(zip(names, values))
                assert new.is_valid(date) == old.is_valid(date), date
                checked += 1
    assert checked > 100
