"""U001 deprecated-field: fields the schema marks ``"deprecated": true`` are reported as warnings.

JSON Schema's ``deprecated`` keyword is an annotation: validators do not report it, so this module reads it from
the schema and looks for the fields in the document. The field's description says what replaces it. A field is
deprecated in a minor version and removed in the next major one, where ``openplan upgrade`` migrates it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Iterator

from ..checks import finding
from ..english import a as with_article
from ..index import PlanIndex
from ..resources import load_schema
from ..rules import EXAMPLE_PLAN, Rule, Severity, register
from ..version import SCHEMA_VERSION

_PLAN = EXAMPLE_PLAN
_META = {"name": "ward", "namespace": "ward", "title": "Wards", "description": "Wards an item serves.",
         "version": "1.1.0", "compatibility": ["1.0"], "schema": "schema.json"}
_SCHEMA = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Wards",
           "description": "Wards an item serves.", "objects": {"Area": {
               "ward:names": {"title": "Wards", "description": "Names of the wards.", "type": "array",
                              "items": {"type": "string"}},
               "ward:name": {"title": "Ward", "description": "Deprecated in 1.1: use ward:names.", "type": "string",
                             "deprecated": True}}}}
_AREA = "areas:\n  - id: area.finance\n    title: Finance\n"

# The core schema 1.0 deprecates nothing yet, so the examples use an extension that deprecates one of its fields.
RULE = register(Rule(
    "U001", "deprecated-field", "versioning", Severity.WARNING, "A field the schema marks as deprecated is used.",
    "Deprecated fields are removed at the next major version; moving off them early makes the upgrade painless.",
    "Use the replacement the message names; `openplan upgrade` rewrites the file once the new version is out.",
    failing=_PLAN + "extensions: [./ward]\n" + _AREA + "    ward:name: Kilburn\n",
    passing=_PLAN + "extensions: [./ward]\n" + _AREA + "    ward:names: [Kilburn]\n",
    files={"ward/extension.json": json.dumps(_META, indent=2) + "\n",
           "ward/schema.json": json.dumps(_SCHEMA, indent=2) + "\n"}, exit_code=0))


def deprecated_fields(schema: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """Deprecated properties by type name ($defs name, or "Plan" / "Registry" for the top level)."""
    root = "Registry" if schema.get("properties", {}).get("kind", {}).get("const") == "registry" else "Plan"
    table: dict[str, dict[str, dict[str, Any]]] = {}
    for type_name, definition in [(root, schema), *schema.get("$defs", {}).items()]:
        for name, prop in (definition.get("properties") or {}).items():
            if isinstance(prop, dict) and prop.get("deprecated") is True:
                table.setdefault(type_name, {})[name] = prop
    return table


@lru_cache(maxsize=None)
def _core(kind: str, version: str) -> dict[str, dict[str, dict[str, Any]]]:
    return deprecated_fields(load_schema(kind, version))


def message(field: str, place: str, prop: dict[str, Any], by: str = "the OpenPlan schema") -> str:
    text = f'"{field}" in {place} is deprecated by {by}'
    description = prop.get("description")
    return f"{text}: {description}" if description else text


def check(index: PlanIndex, table: dict[str, dict[str, dict[str, Any]]] | None = None) -> Iterator:
    """Warnings for deprecated core fields used in the main document of ``index``."""
    if table is None:
        kind = "registry" if index.main.data.get("kind") == "registry" else "plan"
        table = _core(kind, SCHEMA_VERSION)
    if not table:
        return
    for node in index.nodes:
        if node.document is not index.main or node.type not in table:
            continue
        for name, prop in table[node.type].items():
            if name in node.data:
                ident = node.data.get("id")
                place = f'{node.type.lower()} "{ident}"' if isinstance(ident, str) else with_article(node.type.lower())
                if node.type in ("Plan", "Registry"):
                    place = f"the {node.type.lower()}"
                yield finding(RULE, node.document, node.parts + (name,), message(name, place, prop),
                              item=node.owner.id if node.owner else None, key=True)
