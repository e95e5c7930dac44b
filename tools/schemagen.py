"""Generate the OpenPlan JSON Schema files from the models in :mod:`openplan.model`.

``python -m tools.schemagen`` rewrites ``schema/<version>/plan.schema.json`` and ``registry.schema.json``;
``--check`` (and tests/test_drift.py) fails when the committed files differ from what the models generate.
The keywords the schemas add to JSON Schema are declared in :mod:`openplan.keywords`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from openplan import model
from openplan.codelists import codes
from openplan.resources import codelist_dir
from openplan.version import SCHEMA_VERSION, SUPPORTED_SCHEMA_VERSIONS, schema_id

from .generated import Generator, main

DOCUMENTS = {
    "plan": (model.Plan, "OpenPlan plan",
             "One edition of a local-government business plan: its themes, areas, objectives, outputs, "
             "milestones, owners and pledges."),
    "registry": (model.Registry, "OpenPlan registry",
                 "Organisations, bodies, posts, people, themes, pledge sets and events shared by many plans."),
    "report": (model.ProgressReport, "OpenPlan progress report",
               "One period's progress on a plan: updates on its items, figures for its indicators, and published "
               "counts."),
}
# The schema version that added each kind of document; earlier versions publish no schema for it.
DOCUMENT_SINCE = {"report": "1.1"}


def documents(version: str) -> list[str]:
    """The kinds of document schema ``version`` publishes."""
    return [name for name in DOCUMENTS if _key(version) >= _key(DOCUMENT_SINCE.get(name, "1.0"))]


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


class _Generator(GenerateJsonSchema):
    """Pydantic's generator, tuned so that optional fields are simply optional (never null)."""

    def nullable_schema(self, schema: Any) -> dict[str, Any]:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: Any) -> dict[str, Any]:
        if schema.get("default") is None:
            return self.generate_inner(schema["schema"])
        return super().default_schema(schema)


def _declare_required(branches: list[Any], properties: dict[str, Any]) -> None:
    """Name each field a branch requires in the branch's own ``properties``: ajv's strict mode refuses a
    ``required`` whose fields its own schema object does not define. Only the field's title and description
    are repeated there, annotations that assert nothing, so every document stays exactly as valid as before."""
    for branch in branches:
        if isinstance(branch, dict) and branch.get("required"):
            declared = branch.setdefault("properties", {})
            for name in branch["required"]:
                field = properties.get(name) if isinstance(properties.get(name), dict) else {}
                declared.setdefault(name, {key: field[key] for key in ("title", "description") if key in field})


def _tidy(node: Any) -> Any:
    if isinstance(node, dict):
        node = {key: _tidy(value) for key, value in node.items()}
        branches = node.get("anyOf")
        if branches and all(set(branch) == {"type"} and isinstance(branch["type"], str) for branch in branches):
            del node["anyOf"]
            node["type"] = [branch["type"] for branch in branches]
        for combinator in ("anyOf", "oneOf", "allOf"):
            if isinstance(node.get(combinator), list):
                _declare_required(node[combinator], node.get("properties") or {})
        if node.get("examples") is None:
            node.pop("examples", None)
        return node
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    return node


def _restore_field_titles(schema: dict[str, Any], root: type) -> None:
    """Pydantic omits a field's title or description when it repeats its type's; every field keeps its own."""
    classes = {root.__name__: root}
    classes.update({cls.__name__: cls for cls in vars(model).values()
                    if isinstance(cls, type) and issubclass(cls, model.Node)})
    for type_name, cls in classes.items():
        target = schema if cls is root else schema.get("$defs", {}).get(type_name)
        if not target:
            continue
        for field_name, info in cls.model_fields.items():
            prop = target.get("properties", {}).get(field_name)
            if prop is None:
                continue
            if "title" not in prop and info.title:
                prop["title"] = info.title
            if "description" not in prop and info.description:
                prop["description"] = info.description


def build(name: str, version: str = SCHEMA_VERSION) -> dict[str, Any]:
    """The JSON Schema of document kind ``name`` ("plan" or "registry") as schema ``version`` publishes it."""
    cls, title, description = DOCUMENTS[name]
    generated = _tidy(_as_of(cls.model_json_schema(schema_generator=_Generator, ref_template="#/$defs/{model}"),
                             version))
    _restore_field_titles(generated, cls)
    generated.pop("title", None)
    generated.pop("description", None)
    head = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id(name, version),
        "title": title,
        "description": description,
        "version": version,
    }
    return _prune({**head, **generated})


_ABSENT = object()


def _as_of(node: Any, version: str) -> Any:
    """The schema as ``version`` has it: fields added later left out, per-version wording applied, and each
    codelist's codes as that version lists them. The models always describe the newest version."""
    if isinstance(node, dict):
        node = dict(node)
        replacement = node.pop("_versions", {}).get(version, node)
        if replacement is None:
            return _ABSENT
        if replacement is not node:
            node = _replaced(node, replacement)
        # a codelist added later is only used by definitions that version leaves out (_prune)
        if (isinstance(node.get("codelist"), str) and isinstance(node.get("enum"), list)
                and (codelist_dir(version) / node["codelist"]).exists()):
            known = set(codes(node["codelist"].removesuffix(".csv"), version))
            node["enum"] = [code for code in node["enum"] if code in known]
        kept = {key: _as_of(value, version) for key, value in node.items()}
        return {key: value for key, value in kept.items() if value is not _ABSENT}
    if isinstance(node, list):
        return [item for item in (_as_of(value, version) for value in node) if item is not _ABSENT]
    return node


def _replaced(node: dict[str, Any], replacement: dict[str, Any]) -> dict[str, Any]:
    """``node`` with the keys ``replacement`` gives: None removes a key; a new key takes the place of the first
    removed one, so an earlier version's schema keeps the bytes it was published with."""
    added = {key: value for key, value in replacement.items() if key not in node and value is not None}
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key in replacement and replacement[key] is None:
            result.update(added)
            added = {}
        elif key in replacement:
            result[key] = replacement[key]
        else:
            result[key] = value
    result.update(added)
    return dict(sorted(result.items())) if list(node) == sorted(node) else result  # keep pydantic's order


def _prune(schema: dict[str, Any]) -> dict[str, Any]:
    """Drop the definitions that only fields of later versions use."""
    defs = schema.get("$defs")
    if not defs:
        return schema
    used: set[str] = set()
    todo = [{key: value for key, value in schema.items() if key != "$defs"}]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/") and ref[8:] not in used:
                used.add(ref[8:])
                todo.append(defs.get(ref[8:]))
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    schema["$defs"] = {key: value for key, value in defs.items() if key in used}
    return schema


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def files(root: Path) -> dict[str, str]:
    """The schema files of every version this package reads, by path relative to the repository."""
    return {f"schema/{version}/{name}.schema.json": render(build(name, version))
            for version in SUPPORTED_SCHEMA_VERSIONS for name in documents(version)}


GENERATOR = Generator("tools.schemagen", files, tuple(f"schema/{version}/{name}.schema.json"
                                                       for version in SUPPORTED_SCHEMA_VERSIONS
                                                       for name in documents(version)))

if __name__ == "__main__":
    sys.exit(main(GENERATOR))
