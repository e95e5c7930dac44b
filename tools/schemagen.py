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
from openplan.version import SCHEMA_VERSION, schema_id

from .generated import Generator, main

DOCUMENTS = {
    "plan": (model.Plan, "OpenPlan plan",
             "One edition of a local-government business plan: its themes, areas, objectives, outputs, "
             "milestones, owners and pledges."),
    "registry": (model.Registry, "OpenPlan registry",
                 "Organisations, bodies, posts, people, themes, pledge sets and events shared by many plans."),
}


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


def build(name: str) -> dict[str, Any]:
    """The JSON Schema of document kind ``name`` ("plan" or "registry")."""
    cls, title, description = DOCUMENTS[name]
    generated = _tidy(cls.model_json_schema(schema_generator=_Generator, ref_template="#/$defs/{model}"))
    _restore_field_titles(generated, cls)
    generated.pop("title", None)
    generated.pop("description", None)
    head = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id(name),
        "title": title,
        "description": description,
        "version": SCHEMA_VERSION,
    }
    return {**head, **generated}


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def files(root: Path) -> dict[str, str]:
    """The schema files, by path relative to the repository."""
    return {f"schema/{SCHEMA_VERSION}/{name}.schema.json": render(build(name)) for name in DOCUMENTS}


GENERATOR = Generator("tools.schemagen", files, tuple(f"schema/{SCHEMA_VERSION}/{name}.schema.json"
                                                       for name in DOCUMENTS))

if __name__ == "__main__":
    sys.exit(main(GENERATOR))
