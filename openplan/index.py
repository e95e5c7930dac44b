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

from .dates import Calendar, Span, calendar_of, resolve_date
from .loader import Document
from .levels import declared, kind_name
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
    table[ROOTS[kind]] = _shape(schema)
    return table


# The type name of each kind of document's root object.
ROOTS = {"plan": "Plan", "registry": "Registry", "report": "ProgressReport"}


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
    _spans: dict[Any, tuple[Any, Span | None]] = field(default_factory=dict, repr=False, compare=False)
    _calendar: Calendar | None = field(default=None, repr=False, compare=False)
    plan: Document | None = None  # for a progress report: the plan it reports on, whose calendar it counts in
    previous: Document | None = None  # for a progress report: the report before it, when on disk
    plan_registries: list[Document] = field(default_factory=list)  # for a progress report: its plan's registries

    @property
    def data(self) -> dict[str, Any]:
        return self.main.data

    def of_kind(self, kind: str, *, main_only: bool = True) -> list[Item]:
        return [item for item in self.items.values()
                if item.kind == kind and (not main_only or item.document is self.main)]

    def objectives(self, *, main_only: bool = True) -> list[Item]:
        """Every objective, wherever it sits: under an area, under the plan itself (1.1), in document order."""
        return self.of_kind("Objective", main_only=main_only)

    @property
    def levels(self) -> list[dict[str, Any]]:
        """The plan's declared levels, top-down (its own, else a registry's); empty when it declares none."""
        return declared(self.main.data, [document.data for document in self.documents[1:]])

    def registries(self) -> list[Document]:
        """The registries in force: the file's own, then, for a progress report, its plan's."""
        return [*self.documents[1:], *self.plan_registries]

    def declarations(self) -> list[Any]:
        """The data of the files whose declarations (a status scale) apply here, nearest first: this file, for a
        progress report the plan it reports on, then the registries in force."""
        files = [self.main, *([self.plan] if self.plan is not None else []), *self.registries()]
        return [document.data for document in files]

    def kind_name(self, item: Item, *, plural: bool = False) -> str:
        """What the plan calls the item's kind: its level's name ("Strategy"), else the standard word."""
        return kind_name(self.levels, item.kind, item.data, plural=plural)

    def add_reference(self, reference: Reference) -> None:
        """Add a reference the schema's `references` keyword cannot show, such as one inside an extension field,
        so that the integrity checks resolve it like any other. Validation adds them before it runs the checks."""
        self.references.append(reference)

    def nodes_of(self, type_name: str, *, main_only: bool = True) -> Iterator[Node]:
        for node in self.nodes:
            if node.type == type_name and (not main_only or node.document is self.main):
                yield node

    @property
    def calendar(self) -> Calendar:
        """How the plan's year runs: the month its financial year starts, and its hemisphere."""
        return calendar_of((self.plan or self.main).data)

    def event_date(self, ident: str) -> Any:
        """The date of the event with this id, or None when there is no such event."""
        event = self.items.get(ident)
        return event.data.get("date") if event is not None and event.kind == "Event" else None

    def span(self, date: Any) -> Span | None:
        """The days a date covers: its value, or the span of the events it is timed against, followed to the
        end; None when it cannot be known (TBC, an unknown event, a circle of events)."""
        # Several lint rules ask about the same dates: each is resolved once. A date written as text is its own
        # key; any other is known by identity, kept beside its span so that a reused id never matches.
        key = date if isinstance(date, str) else id(date)
        known = self._spans.get(key)
        if known is not None and (known[0] is date or isinstance(date, str)):
            return known[1]
        if self._calendar is None:
            self._calendar = self.calendar
        found = resolve_date(date, self.event_date, self._calendar)
        self._spans[key] = (date, found)
        return found


def date_span(date: Any, index: PlanIndex | None) -> Span | None:
    """The days a date covers, with or without the index that knows its events, for a tool that shows dates:
    None when neither end can be known (after an event that is itself only "after" another, say)."""
    span = index.span(date) if index is not None else resolve_date(date, lambda _ident: None)
    return None if span is None or (span.earliest is None and span.latest is None) else span


def _document_kind(data: dict[str, Any]) -> str:
    kind = data.get("kind")
    return kind if kind in ("registry", "report") else "plan"


def build(main: Document, registries: list[Document] = ()) -> PlanIndex:
    """Index ``main`` and the registry documents it uses (already loaded and structurally valid)."""
    index = PlanIndex(main=main, documents=[main, *registries])
    for document in index.documents:
        kind = _document_kind(document.data)
        _walk(index, document, shapes(kind), ROOTS[kind], document.data, (), None)
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
            if isinstance(value, list):  # a list field, or one that takes an id or a list (relative_to)
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
