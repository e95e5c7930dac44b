"""The items a diff compares, taken out of one indexed plan.

An item is a theme, a commitment, a principle, an area, an objective, an
output, a sub-item, a milestone or an event, plus the plan itself (its title,
period and edition status). Each item knows its parent, so that a change of
parent shows as a move; statements without an id get a key from their place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from ..index import PlanIndex
from ..loader import to_pointer
from .model import ItemRef
from .words import clean, key_text

# Text fields compared per kind of item, in the order reports show them.
TEXT_FIELDS = {
    "plan": ("title",),
    "theme": ("title", "description"),
    "commitment": ("text",),
    "principle": ("text",),
    "area": ("title", "description"),
    "objective": ("title", "outcome", "description"),
    "output": ("text",),
    "sub-item": ("text",),
    "milestone": ("title", "description"),
    "event": ("title", "description"),
}


@dataclass
class Entry:
    """One item of one plan, with everything the diff compares."""

    kind: str
    key: str
    id: str | None
    number: str | None
    data: dict[str, Any]
    parts: tuple[str | int, ...]
    parent: str | None
    order: int
    date_field: str | None = None
    date: dict[str, Any] | None = None
    owners: tuple[tuple[str, str], ...] = ()
    statuses: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return clean(self.data.get("title") or self.data.get("text") or "")

    @property
    def match_text(self) -> str:
        return key_text(self.text)

    def texts(self) -> dict[str, str]:
        return {name: clean(self.data.get(name)) for name in TEXT_FIELDS[self.kind]}


def _number(data: dict[str, Any]) -> str | None:
    number = data.get("number")
    return clean(str(number)) if number not in (None, "") else None


def _owners(data: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    links = data.get("owners") or []
    return tuple(sorted({(link.get("ref"), link.get("role") or "lead") for link in links if isinstance(link, dict)}))


def _progress(data: dict[str, Any]) -> dict[str, str]:
    """The status and RAG rating of the latest progress update (ISO dates sort as text)."""
    updates = [u for u in data.get("progress") or [] if isinstance(u, dict)]
    if not updates:
        return {}
    latest = max(updates, key=lambda u: str(u.get("date", "")))
    return {name: latest[name] for name in ("status", "rag") if latest.get(name)}


class _Collector:
    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.keys: set[str] = set()
        self.copies: dict[str, int] = {}  # id -> how many later copies were kept apart, so each finds its key at once

    def add(self, kind: str, data: dict[str, Any], parts: tuple, parent: str | None, fallback_key: str,
            **extra: Any) -> Entry:
        ident = data.get("id") if isinstance(data.get("id"), str) else None
        key = ident or fallback_key
        if key in self.keys:  # a duplicate id (reported by validate); keep both items apart
            copies = self.copies.get(key, 0)
            base, key = key, key + "'" * (copies + 1)
            while key in self.keys:  # only when an id itself ends in primes
                copies += 1
                key = base + "'" * (copies + 1)
            self.copies[base] = copies + 1
        self.keys.add(key)
        entry = Entry(kind, key, ident, _number(data), data, parts, parent, len(self.entries), **extra)
        self.entries.append(entry)
        return entry

    def statements(self, kind: str, values: Any, parts: tuple, parent: str | None, place: str) -> None:
        for position, value in enumerate(values or []):
            if not isinstance(value, dict):
                continue
            here = parts + (position,)
            entry = self.add(kind, value, here, parent, f"{place}/{position}")
            self.statements(kind, value.get("items"), here + ("items",), entry.key, f"{entry.key}/items")


def _dicts(values: Any, parts: tuple) -> Iterator[tuple[dict[str, Any], tuple]]:
    for position, value in enumerate(values or []):
        if isinstance(value, dict):
            yield value, parts + (position,)


def collect(index: PlanIndex) -> list[Entry]:
    """Every item of the plan in ``index`` (its main document only), in document order."""
    data = index.main.data
    out = _Collector()
    edition = data.get("edition") if isinstance(data.get("edition"), dict) else {}
    period = data.get("period") if isinstance(data.get("period"), dict) else {}
    period_date = ({"text": period.get("text"), "value": f"{period['start']}/{period['end']}"}
                   if period.get("start") and period.get("end") else None)
    statuses = {"edition": edition["status"]} if edition.get("status") else {}
    out.add("plan", {"title": data.get("title"), "id": data.get("id")}, (), None, "plan",
            date_field="period", date=period_date, statuses=statuses)
    for theme, parts in _dicts(data.get("themes"), ("themes",)):
        entry = out.add("theme", theme, parts, None, f"themes/{parts[-1]}")
        out.statements("commitment", theme.get("commitments"), parts + ("commitments",), entry.key,
                       f"{entry.key}/commitments")
    out.statements("principle", data.get("principles"), ("principles",), None, "principles")
    for area, parts in _dicts(data.get("areas"), ("areas",)):
        entry = out.add("area", area, parts, area.get("parent"), f"areas/{parts[-1]}", owners=_owners(area))
        for objective, o_parts in _dicts(area.get("objectives"), parts + ("objectives",)):
            o_entry = out.add("objective", objective, o_parts, objective.get("parent") or entry.key,
                              f"{entry.key}/objectives/{o_parts[-1]}", date_field="due", date=objective.get("due"),
                              owners=_owners(objective), statuses=_progress(objective))
            for output, u_parts in _dicts(objective.get("outputs"), o_parts + ("outputs",)):
                u_entry = out.add("output", output, u_parts, o_entry.key, f"{o_entry.key}/outputs/{u_parts[-1]}",
                                  date_field="due", date=output.get("due"), owners=_owners(output),
                                  statuses=_progress(output))
                out.statements("sub-item", output.get("sub_items"), u_parts + ("sub_items",), u_entry.key,
                               f"{u_entry.key}/sub_items")
    for milestone, parts in _dicts(data.get("milestones"), ("milestones",)):
        out.add("milestone", milestone, parts, milestone.get("part_of"), f"milestones/{parts[-1]}",
                date_field="due", date=milestone.get("due"), owners=_owners(milestone), statuses=_progress(milestone))
    for event, parts in _dicts(data.get("events"), ("events",)):
        out.add("event", event, parts, None, f"events/{parts[-1]}", date_field="date", date=event.get("date"))
    return out.entries


def _label(entry: Entry, by_key: dict[str, Entry]) -> str:
    """'objective 2.1', or 'objective 1 of area 3' where a number is only unique within its area."""
    if not entry.number:
        return f'{entry.kind} "{entry.text}"'
    label = f"{entry.kind} {entry.number}"
    parent = by_key.get(entry.parent) if entry.parent else None
    if entry.kind == "objective" and "." not in entry.number and parent is not None:
        label += f" of {parent.kind} {parent.number}" if parent.number else f' of {parent.kind} "{parent.text}"'
    return label


def reference(entry: Entry, index: PlanIndex, by_key: dict[str, Entry], position=None) -> ItemRef:
    """How reports point at ``entry``: kind, number, text and position (``position(parts)``, by default the
    document's own lookup)."""
    line, column = (position or index.main.position)(entry.parts)
    parent = by_key.get(entry.parent) if entry.parent else None
    return ItemRef(kind=entry.kind, key=entry.key, id=entry.id, number=entry.number, text=entry.text,
                   file=index.main.path, line=line, column=column, pointer=_pointer(entry.parts),
                   parent=entry.parent, parent_label=_label(parent, by_key) if parent else None, order=entry.order)


def _pointer(parts: tuple) -> str:
    """``to_pointer(parts)``, joined in one step when no part needs escaping (nearly always)."""
    text = "/".join(map(str, parts))
    if parts and "~" not in text and text.count("/") == len(parts) - 1:
        return "/" + text
    return to_pointer(parts)
