"""The schema as the reference pages describe it: its objects, and each field's type, codelist and references
in words, as a Markdown table. Used by :mod:`tools.docgen` for core objects and extensions alike."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from openplan import codelists
from openplan.index import shapes
from openplan.resources import load_schema, schema_path
from openplan.version import SCHEMA_VERSION, SUPPORTED_SCHEMA_VERSIONS

_TYPES = {"string": "text", "integer": "whole number", "number": "number", "boolean": "true or false",
          "object": "object", "array": "list", "null": "empty"}


def cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _code(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value)  # true, not True: values as a file writes them
    return f"`{text}`"


@lru_cache(maxsize=None)
def schemas() -> tuple[dict[str, Any], dict[str, Any]]:
    return load_schema("plan"), load_schema("registry")


def definitions() -> dict[str, dict[str, Any]]:
    """Every object of the schema by name: the $defs of every document, and their roots."""
    return dict(sorted(_objects(SCHEMA_VERSION).items()))


def _report(version: str) -> dict[str, Any]:
    """The progress report schema of ``version``; empty before reports existed (1.0)."""
    return load_schema("report", version) if schema_path("report", version).is_file() else {}


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


@lru_cache(maxsize=None)
def _objects(version: str) -> dict[str, dict[str, Any]]:
    plan, registry, report = load_schema("plan", version), load_schema("registry", version), _report(version)
    found = {**report.get("$defs", {}), **registry["$defs"], **plan["$defs"], "Plan": plan, "Registry": registry}
    return {**found, "ProgressReport": report} if report else found


def since(name: str) -> tuple[str | None, dict[str, str]]:
    """The schema version that added the object ``name``, and each of its fields that a version after the first
    added, with that version (the first version's own objects and fields are left out)."""
    versions = sorted(SUPPORTED_SCHEMA_VERSIONS, key=_version_key)
    present = [version for version in versions if name in _objects(version)]
    added = present[0] if present and present[0] != versions[0] else None
    fields: dict[str, str] = {}
    for field in (_objects(versions[-1]).get(name, {}).get("properties") or {}):
        first = next(version for version in present if field in (_objects(version)[name].get("properties") or {}))
        if first != versions[0] and first != added:
            fields[field] = first
    return added, fields


def _ref_name(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


@dataclass
class Links:
    """How a page links to a type or a codelist: core pages, or an extension page's own sections."""

    prefix: str = ""  # path from the page to docs/reference/
    local: frozenset[str] = frozenset()  # type names defined on this page (an extension's $defs)

    def type(self, name: str) -> str:
        if name in self.local:
            return f"[{name}](#{name.lower()})"
        return f"[{name}]({self.prefix}{name}.md)"

    def codelist(self, name: str, own: bool) -> str:
        target = f"#{name.lower()}" if own else f"{self.prefix}codelists.md#{name}"
        return f"[{name}]({target})"


def type_of(prop: dict[str, Any], links: Links) -> str:
    """The type of a field, in words, with links to object pages."""
    ref = _ref_name(prop)
    if ref:
        return links.type(ref)
    if "const" in prop:
        return f"always {_code(prop['const'])}"
    kind = prop.get("type")
    if kind == "array":
        inner = type_of(prop.get("items") or {}, links)
        return f"list of {inner}"
    if isinstance(kind, list):
        return " or ".join(_TYPES.get(k, k) for k in kind)
    if kind == "string":
        if prop.get("format") == "date":
            return "day (YYYY-MM-DD)"
        if "references" in prop or prop.get("pattern") == "^[A-Za-z][A-Za-z0-9_.-]*$":
            return "identifier"
        if "enum" in prop:
            return "code"
        return "text"
    return _TYPES.get(kind, kind or "any")


def _codes_cell(prop: dict[str, Any], links: Links, own: set[str]) -> str:
    target = prop if "codelist" in prop else prop.get("items") or {}
    name = target.get("codelist")
    if not isinstance(name, str):
        enum = target.get("enum")
        return ", ".join(_code(value) for value in enum) if enum and "const" not in prop else ""
    stem = name[:-4]
    if stem in own:
        return links.codelist(stem, True)
    values = ", ".join(_code(code) for code in codelists.codes(stem))
    return f"{links.codelist(stem, False)}: {values}"


def _references_cell(prop: dict[str, Any], links: Links) -> str:
    kinds = prop.get("references")
    if kinds is None:
        return ""
    if kinds == "any":
        return "any item with an id"
    if kinds == "previous-edition":
        return "items of the previous edition"
    return ", ".join(links.type(kind) for kind in kinds)


def _description(prop: dict[str, Any], new_in: str | None = None) -> str:
    parts = [f"*New in {new_in}.*"] if new_in else []
    if prop.get("title"):
        parts.append(f"**{cell(prop['title'])}.**")
    if prop.get("description"):
        parts.append(cell(prop["description"]))
    if prop.get("deprecated"):
        parts.append("**Deprecated.**")
    if "default" in prop and prop["default"] is not None:
        parts.append(f"Default: {_code(prop['default'])}.")
    examples = prop.get("examples")
    if examples:
        shown = ", ".join(_code(example) for example in examples[:3] if not isinstance(example, (dict, list)))
        if shown:
            parts.append(f"Examples: {shown}.")
    return " ".join(parts)


def field_table(definition: dict[str, Any], links: Links, own_codelists: set[str] = frozenset(),
                fields: dict[str, Any] | None = None, new: dict[str, str] | None = None) -> str:
    """The fields as a table; ``new`` names the fields a later schema version added, with that version."""
    fields = definition.get("properties") or {} if fields is None else fields
    required = set(definition.get("required") or ())
    rows = ["| Field | Type | Required | Description | Codelist | References |",
            "| --- | --- | --- | --- | --- | --- |"]
    for name, prop in fields.items():
        rows.append(f"| `{name}` | {type_of(prop, links)} | {'yes' if name in required else ''} | "
                    f"{_description(prop, (new or {}).get(name))} | {_codes_cell(prop, links, set(own_codelists))} | "
                    f"{_references_cell(prop, links)} |")
    return "\n".join(rows) + "\n"


def appears_in() -> dict[str, list[tuple[str, str]]]:
    """For each type, the (type, field) pairs that hold it."""
    found: dict[str, list[tuple[str, str]]] = {}
    for kind in ("plan", "registry", "report"):
        for owner, shape in shapes(kind).items():
            for field, (child, _many) in shape.children.items():
                pair = (owner, field)
                if pair not in found.setdefault(child, []):
                    found[child].append(pair)
    return {name: sorted(pairs) for name, pairs in found.items()}
