"""An index of everything in a plan and its registries: items by id, references, dates.

The index learns the shape of a plan from the JSON Schema itself: which field
holds which kind of object (``$ref``), and which fields are references to
which kinds of item (the schema's ``references`` keyword). Integrity checks,
lint rules and converters all walk the plan through this one index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator

from .loader import Document
from .resources import load_schema
from .version import SCHEMA_VERSION

# Kinds of object that carry an id and can be referenced; the rest are parts of them.
ITEM_KINDS = ("Organisation", "Body", "Post", "Person", "Theme", "PledgeSet", "Pledge", "Event", "Area",
              "Objective", "Output", "Milestone", "Indicator", "Section", "Note", "Statement")


@dataclass(frozen=True)
class Shape:
    """For one schema type: the type of each object-valued field, and each reference field's target kinds."""

    children: dict[str, tuple[str, bool]]  # field -> (type name, is a list)
    references: dict[str, tuple[tuple[str, ...] | str, bool]]  # field -> (kinds or "any", is a list)


def _ref_name(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _shape(schema_node: dict[str, Any]) -> Shape:
    children: dict[str, tuple[str, bool]] = {}
    references: dict[str, tuple[tuple[str, ...] | str, bool]] = {}
    for name, prop in schema_node.get("properties", {}).items():
        target = _ref_name(prop)
        if target:
            children[name] = (target, False)
        elif prop.get("type") == "array" and _ref_name(prop.get("items", {})):
            children[name] = (_ref_name(prop["items"]), True)  # type: ignore[assignment]
        kinds = prop.get("references")
        if kinds is not None:
            references[name] = (kinds if isinstance(kinds, str) else tuple(kinds), prop.get("type") == "array")
    return Shape(children, references)


@lru_cache(maxsize=None)
def shapes(kind: str, version: str = SCHEMA_VERSION) -> dict[str, Shape]:
    """Shapes of every type in the schema for document kind ``kind``; the root is called "Plan" or "Registry"."""
    schema = load_schema(kind, version)
    table = {name: _shape(node) for name, node in schema.get("$defs", {}).items()}
    table["Plan" if kind == "plan" else "Registry"] = _shape(schema)
    return table


@dataclass
class Item:
    """Anything with an id: an area, an objective, a person, a pledge, an event."""

    kind: str
    id: str
    data: dict[str, Any]
    document: Document
    parts: tuple[str | int, ...]
    parent: "Item | None" = None

    def position(self) -> tuple[int | None, int | None]:
        return self.document.position(self.parts)

    @property
    def label(self) -> str:
        number = self.data.get("number")
        text = self.data.get("title") or self.data.get("name") or self.data.get("text") or ""
        head = f"{number} " if number not in (None, "") else ""
        return f"{head}{text}".strip()


@dataclass
class Reference:
    """One reference from a field of an object to an id."""

    document: Document
    parts: tuple[str | int, ...]  # where the id is written
    target: str
    kinds: tuple[str, ...] | str
    owner: Item | None  # the nearest item holding the reference
    field: str


@dataclass
class Node:
    """Any object in the plan, with its schema type."""

    type: str
    data: dict[str, Any]
    document: Document
    parts: tuple[str | int, ...]
    owner: Item | None


@dataclass
class PlanIndex:
    """A plan (or registry) with every registry it uses, indexed."""

    main: Document
    documents: list[Document] = field(default_factory=list)
    items: dict[str, Item] = field(default_factory=dict)
    duplicates: list[tuple[Item, Item]] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)

    @property
    def data(self) -> dict[str, Any]:
        return self.main.data

    def of_kind(self, kind: str, *, main_only: bool = True) -> list[Item]:
        return [item for item in self.items.values()
                if item.kind == kind and (not main_only or item.document is self.main)]

    def nodes_of(self, type_name: str, *, main_only: bool = True) -> Iterator[Node]:
        for node in self.nodes:
            if node.type == type_name and (not main_only or node.document is self.main):
                yield node


def _document_kind(data: dict[str, Any]) -> str:
    return "registry" if data.get("kind") == "registry" else "plan"


def build(main: Document, registries: list[Document] = ()) -> PlanIndex:
    """Index ``main`` and the registry documents it uses (already loaded and structurally valid)."""
    index = PlanIndex(main=main, documents=[main, *registries])
    for document in index.documents:
        kind = _document_kind(document.data)
        _walk(index, document, shapes(kind), "Plan" if kind == "plan" else "Registry", document.data, (), None)
    return index


def _walk(index: PlanIndex, document: Document, table: dict[str, Shape], type_name: str, data: Any,
          parts: tuple[str | int, ...], owner: Item | None) -> None:
    # Iterative, so a deep (but within limits) document cannot exhaust the stack.
    stack = [(type_name, data, parts, owner)]
    while stack:
        type_name, data, parts, owner = stack.pop()
        if not isinstance(data, dict):
            continue
        shape = table.get(type_name)
        if shape is None:
            continue
        ident = data.get("id")
        if type_name in ITEM_KINDS and isinstance(ident, str):
            item = Item(type_name, ident, data, document, parts, owner)
            if ident in index.items:
                index.duplicates.append((index.items[ident], item))
            else:
                index.items[ident] = item
            owner = item
        index.nodes.append(Node(type_name, data, document, parts, owner))
        for name, (kinds, many) in shape.references.items():
            value = data.get(name)
            if value is None:
                continue
            if many and isinstance(value, list):
                for position, target in enumerate(value):
                    if isinstance(target, str):
                        index.references.append(Reference(document, parts + (name, position), target, kinds,
                                                          owner, name))
            elif isinstance(value, str):
                index.references.append(Reference(document, parts + (name,), value, kinds, owner, name))
        children = []
        for name, (child_type, many) in shape.children.items():
            value = data.get(name)
            if value is None:
                continue
            if many and isinstance(value, list):
                children.extend((child_type, entry, parts + (name, position), owner)
                                for position, entry in enumerate(value))
            elif not many:
                children.append((child_type, value, parts + (name,), owner))
        stack.extend(reversed(children))
