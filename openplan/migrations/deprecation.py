"""U001 deprecated-field: fields the schema marks ``"deprecated": true`` are reported as warnings.

JSON Schema's ``deprecated`` keyword is an annotation: validators do not report it, so this module reads it from
the schema and looks for the fields in the document. The field's description says what replaces it. A field is
deprecated in a minor version and removed in the next major one, where ``openplan upgrade`` migrates it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator

from ..checks import finding
from ..index import PlanIndex
from ..resources import load_schema
from ..rules import Rule, Severity, register
from ..version import SCHEMA_VERSION
from ..wording import type_place

# The core schema 1.0 deprecates nothing yet, so the rule's cases (openplan/rule_cases/U001.yaml) use an
# extension that deprecates one of its fields.
RULE = register(Rule(
    "U001", "deprecated-field", "versioning", Severity.WARNING, "A field the schema marks as deprecated is used.",
    "Deprecated fields are removed at the next major version; moving off them early makes the upgrade painless.",
    "Use the replacement the message names; `openplan upgrade` rewrites the file once the new version is out.",
    exit_code=0))


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
                place = type_place(node.type, ident)
                yield finding(RULE, node.document, node.parts + (name,), message(name, place, prop),
                              item=node.owner.id if node.owner else None, key=True)
