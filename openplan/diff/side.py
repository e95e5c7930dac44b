"""One plan as a diff sees it: its items, how reports point at them, their dates as spans and their owners by
name, and the changes its edition records.

A side is plain data once :meth:`Side.settle` has worked everything out, so the newer plan's side can be made
in another process while this one reads the older plan (see :mod:`openplan.diff.inputs`), and sent back far
more cheaply than the index it came from.
"""

from __future__ import annotations

from typing import Any

from yaml.nodes import MappingNode, SequenceNode

from ..index import PlanIndex
from .items import Entry, _pointer, collect, collect_data, reference
from .model import ItemRef, PlanInfo, Recorded
from .words import clean

DATE_KEYS = ("text", "value", "tbc", "relative_to", "relation", "recurrence")


def plan_info(index: PlanIndex) -> PlanInfo:
    data = index.main.data
    edition = data.get("edition") if isinstance(data.get("edition"), dict) else {}
    return PlanInfo(path=index.main.path, id=str(data.get("id", "")), title=clean(data.get("title")),
                    organisation=str(data.get("organisation", "")), status=edition.get("status"),
                    label=edition.get("label"), version=str(data.get("openplan", "")))


def _date_view(value: dict[str, Any] | None, index: PlanIndex) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        return None
    view = {key: value[key] for key in DATE_KEYS if value.get(key) is not None}
    span = index.span(value)  # None when it cannot be known (TBC, an unknown event)
    view["earliest"] = span.earliest.isoformat() if span and span.earliest else None
    view["latest"] = span.latest.isoformat() if span and span.latest else None
    return view


def _owner_view(owners: tuple[tuple[str, str], ...], index: PlanIndex) -> tuple[dict[str, str], ...]:
    out = []
    for ref, role in owners:
        item = index.items.get(ref)
        name = clean(item.data.get("name") or item.data.get("title")) if item else None
        out.append({"ref": ref, "role": role, "name": name or ref})
    return tuple(out)


class _Places:
    """Where the items of one document are: each item's node found from its parent's, which is found once,
    rather than from the top of the file for each of thousands of items. The same answers as
    ``Document.position``: a path that leaves the file stops at the last node it reached."""

    def __init__(self, document: Any):
        self.nodes: dict[tuple, tuple[Any, bool]] = {(): (document.node, True)}

    def _node(self, parts: tuple) -> tuple[Any, bool]:
        found = self.nodes.get(parts)
        if found is None:
            node, whole = self._node(parts[:-1])
            found = (node, False)
            if whole:
                part = parts[-1]
                if isinstance(node, MappingNode):
                    name = str(part)
                    found = next(((value, True) for key, value in node.value if key.value == name), found)
                elif isinstance(node, SequenceNode):
                    try:
                        found = (node.value[int(part)], True)
                    except (ValueError, IndexError):
                        pass
            self.nodes[parts] = found
        return found

    def position(self, parts: tuple) -> tuple[int | None, int | None]:
        node = self._node(tuple(parts))[0]
        return (None, None) if node is None else (node.start_mark.line + 1, node.start_mark.column + 1)


def _records(index: PlanIndex) -> list[Recorded]:
    from ..loader import to_pointer

    edition = index.main.data.get("edition")
    values = edition.get("changes") if isinstance(edition, dict) else None
    out = []
    for position, value in enumerate(values or []):
        if not isinstance(value, dict):
            continue
        parts = ("edition", "changes", position)
        line, _column = index.main.position(parts)

        def text(name: str) -> str | None:
            return clean(str(value[name])) if value.get(name) is not None else None

        out.append(Recorded(kind=str(value.get("kind")), items=tuple(map(str, value.get("items") or ())),
                            previous_items=tuple(map(str, value.get("previous_items") or ())),
                            from_number=text("from_number"), to_number=text("to_number"), reason=text("reason"),
                            note=text("note"), line=line, pointer=to_pointer(parts)))
    return out


class Side:
    """One plan of the two: its items (``entries``, by ``key``), how reports point at each (``refs``), and,
    worked out when first asked for, the date and owners of an item as reports show them."""

    def __init__(self, index: PlanIndex):
        self.index: PlanIndex | None = index
        self.info = plan_info(index)
        self.data: dict[str, Any] = index.main.data
        self.calendar = index.calendar
        self.entries: list[Entry] = collect(index)
        self.by_key = {entry.key: entry for entry in self.entries}
        place = _Places(index.main).position
        labels: dict[str, str] = {}
        self.refs: dict[str, ItemRef] = {entry.key: reference(entry, index, self.by_key, place, labels)
                                         for entry in self.entries}
        self.records = _records(index)
        self._dates: dict[str, dict[str, Any] | None] = {}
        self._owners: dict[str, tuple[dict[str, str], ...]] = {}

    def date(self, entry: Entry) -> dict[str, Any] | None:
        """The entry's date with the span it resolves to, in this plan's calendar and events."""
        if entry.key not in self._dates:
            self._dates[entry.key] = _date_view(entry.date, self.index)
        return self._dates[entry.key]

    def owners(self, entry: Entry) -> tuple[dict[str, str], ...]:
        if entry.key not in self._owners:
            self._owners[entry.key] = _owner_view(entry.owners, self.index)
        return self._owners[entry.key]

    def settle(self) -> "Side":
        """Work out every date and owner now and let the index go: the side is then plain data."""
        for entry in self.entries:
            if entry.date_field:
                self.date(entry)
            if entry.owners:
                self.owners(entry)
        self.index = None
        return self

    # Sent between processes as its plain data: the items are found again from the plan's data, which costs
    # less than sending tens of thousands of objects.
    def __getstate__(self) -> dict[str, Any]:
        if self.index is not None:
            self.settle()
        refs = [(r.line, r.column, r.parent_label) for r in (self.refs[e.key] for e in self.entries)]
        return {"info": self.info, "data": self.data, "calendar": self.calendar, "records": self.records,
                "dates": self._dates, "owners": self._owners, "refs": refs}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.index = None
        self.info, self.data, self.calendar = state["info"], state["data"], state["calendar"]
        self.records, self._dates, self._owners = state["records"], state["dates"], state["owners"]
        self.entries = collect_data(self.data)
        self.by_key = {entry.key: entry for entry in self.entries}
        path = self.info.path
        self.refs = {e.key: ItemRef(e.kind, e.key, e.id, e.number, e.text, path, line, column, _pointer(e.parts),
                                    e.parent, label, e.order)
                     for e, (line, column, label) in zip(self.entries, state["refs"])}
