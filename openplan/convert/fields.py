"""The fields of each OpenPlan type, in schema order, read from the JSON Schema.

Converters learn the shape of a plan from the published schema, as the index
does, so a field added to the schema reaches every converter (and a test fails
if a converter has no place for it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..resources import load_schema
from ..version import SCHEMA_VERSION

ROOTS = {"plan": "Plan", "registry": "Registry"}


@dataclass(frozen=True)
class Field:
    """One property of a schema type, classified by what a converter must do with it."""

    name: str
    title: str
    kind: str  # text, integer, number, boolean, text-or-integer, text-or-texts, object, objects, texts
    type_name: str | None = None  # the $defs type of an object or of each object in a list
    required: bool = False
    date: bool = False  # a text field holding a calendar day (format: date)
    references: tuple[str, ...] | str | None = None
    codelist: str | None = None
    enum: tuple[str, ...] | None = None
    open_codelist: bool = False  # an enum that other codes may join; only closed lists are enforced in workbooks
    description: str = ""

    @property
    def is_reference_list(self) -> bool:
        return self.kind == "texts" and self.references is not None


def document_kind(data: dict[str, Any]) -> str:
    return "registry" if data.get("kind") == "registry" else "plan"


def _ref_name(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _classify(name: str, node: dict[str, Any], required: bool) -> Field:
    title = node.get("title") or name
    references = node.get("references")
    if isinstance(references, list):
        references = tuple(references)
    codelist = node.get("codelist")
    common = dict(name=name, title=title, required=required, references=references,
                  codelist=codelist.removesuffix(".csv") if codelist else None,
                  enum=tuple(node["enum"]) if "enum" in node else None,
                  open_codelist=node.get("openCodelist") is True, description=node.get("description") or "")
    target = _ref_name(node)
    if target:
        return Field(kind="object", type_name=target, **common)
    kind = node.get("type")
    branches = {branch.get("type") for branch in node.get("anyOf") or () if isinstance(branch, dict)}
    if branches == {"string", "array"}:  # one id or a list of them (a date relative to several events)
        return Field(kind="text-or-texts", **common)
    if kind == "array":
        items = node.get("items", {})
        target = _ref_name(items)
        if target:
            return Field(kind="objects", type_name=target, **common)
        return Field(kind="texts", **common)
    if isinstance(kind, list):
        return Field(kind="text-or-integer", **common)
    if kind in ("integer", "number", "boolean"):
        return Field(kind=kind, **common)
    return Field(kind="text", date=node.get("format") == "date", **common)


@lru_cache(maxsize=None)
def fields(type_name: str, root: str = "plan", version: str = SCHEMA_VERSION) -> tuple[Field, ...]:
    """The fields of ``type_name`` ("Plan", "Registry" or a $defs name) in the order the schema gives them."""
    schema = load_schema(root, version)
    node = schema if type_name == ROOTS[root] else schema["$defs"][type_name]
    required = set(node.get("required", ()))
    return tuple(_classify(name, prop, name in required) for name, prop in node.get("properties", {}).items())


@lru_cache(maxsize=None)
def field_map(type_name: str, root: str = "plan", version: str = SCHEMA_VERSION) -> dict[str, Field]:
    return {field.name: field for field in fields(type_name, root, version)}


def is_extension(key: str) -> bool:
    """Extension fields are named namespace:field; nothing else in OpenPlan has a colon in its name."""
    return ":" in key
