"""The items a diff compares, taken out of one indexed plan.

An item is a theme, a commitment, a principle, an area, an objective, an
output, a sub-item, a milestone or an event, plus the plan itself (its title,
period and edition status), the committee report it was published in, its narrative sections and its notes. Each item knows its parent, so that a change of
parent shows as a move; statements without an id get a key from their place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
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
    "output": ("text", "title", "description"),
    "sub-item": ("text",),
    "milestone": ("title", "description"),
    "event": ("title", "description"),
    "report": ("title", "committee", "item", "summary", "recommendations", "implications", "appendices"),
    "section": ("title", "text", "items"),
    "note": ("title", "text", "items", "applies_to"),
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

    @cached_property  # asked for by matching, by every reference and by every label of a child
    def text(self) -> str:
        return clean(self.data.get("title") or self.data.get("text") or "")

    @cached_property
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
    return collect_data(index.main.data)


def collect_data(data: dict[str, Any]) -> list[Entry]:
    """Every item of the plan ``data``, in document order."""
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
            _objective(out, objective, o_parts, entry.key, f"{entry.key}/objectives/{o_parts[-1]}")
    for objective, o_parts in _dicts(data.get("objectives"), ("objectives",)):  # directly under the plan (1.1)
        _objective(out, objective, o_parts, None, f"objectives/{o_parts[-1]}")
    for milestone, parts in _dicts(data.get("milestones"), ("milestones",)):
        out.add("milestone", milestone, parts, milestone.get("part_of"), f"milestones/{parts[-1]}",
                date_field="due", date=milestone.get("due"), owners=_owners(milestone), statuses=_progress(milestone))
    for event, parts in _dicts(data.get("events"), ("events",)):
        out.add("event", event, parts, None, f"events/{parts[-1]}", date_field="date", date=event.get("date"))
    report = data.get("report")
    if isinstance(report, dict):  # the committee report the plan was published in: one item, its parts as text
        out.add("report", _report_texts(report), ("report",), None, "report", date_field="meeting_date",
                date=report.get("meeting_date"))
    for section, parts in _dicts(data.get("sections"), ("sections",)):
        out.add("section", {**section, "items": _joined(section.get("items"))}, parts, None, f"sections/{parts[-1]}")
    for note, parts in _dicts(data.get("notes"), ("notes",)):
        out.add("note", {**note, "items": _joined(note.get("items")), "applies_to": _joined(note.get("applies_to"))},
                parts, None, f"notes/{parts[-1]}")
    return out.entries


def _joined(values: Any) -> str | None:
    """A list (statements, ids) as one text, one entry a line, so that a change shows word by word."""
    texts = [str(value.get("text") or "") if isinstance(value, dict) else str(value) for value in values or ()]
    return "\n".join(texts) if texts else None


def _report_texts(report: dict[str, Any]) -> dict[str, Any]:
    implications = [{"text": f"{value.get('kind')}: {value.get('title') or ''} {value.get('text') or ''}"}
                    for value in report.get("implications") or () if isinstance(value, dict)]
    texts = {name: report.get(name) for name in ("title", "committee", "summary")}
    return {**texts, "item": str(report["item"]) if report.get("item") is not None else None,
            "recommendations": _joined(report.get("recommendations")), "implications": _joined(implications),
            "appendices": _joined(report.get("appendices"))}


def _objective(out: "_Collector", objective: dict, o_parts: tuple, area_key: str | None, key: str) -> None:
    o_entry = out.add("objective", objective, o_parts, objective.get("parent") or area_key, key, date_field="due",
                      date=objective.get("due"), owners=_owners(objective), statuses=_progress(objective))
    for output, u_parts in _dicts(objective.get("outputs"), o_parts + ("outputs",)):
        u_entry = out.add("output", output, u_parts, o_entry.key, f"{o_entry.key}/outputs/{u_parts[-1]}",
                          date_field="due", date=output.get("due"), owners=_owners(output),
                          statuses=_progress(output))
        out.statements("sub-item", output.get("sub_items"), u_parts + ("sub_items",), u_entry.key,
                       f"{u_entry.key}/sub_items")


def _label(entry: Entry, by_key: dict[str, Entry]) -> str:
    """'objective 2.1', or 'objective 1 of area 3' where a number is only unique within its area."""
    if not entry.number:
        return f'{entry.kind} "{entry.text}"'
    label = f"{entry.kind} {entry.number}"
    parent = by_key.get(entry.parent) if entry.parent else None
    if entry.kind == "objective" and "." not in entry.number and parent is not None:
        label += f" of {parent.kind} {parent.number}" if parent.number else f' of {parent.kind} "{parent.text}"'
    return label


def reference(entry: Entry, index: PlanIndex, by_key: dict[str, Entry], position=None,
              labels: dict[str, str] | None = None) -> ItemRef:
    """How reports point at ``entry``: kind, number, text and position (``position(parts)``, by default the
    document's own lookup). ``labels`` keeps each parent's label once worked out, for its many children."""
    line, column = (position or index.main.position)(entry.parts)
    parent_label = None
    if entry.parent:
        parent_label = labels.get(entry.parent) if labels is not None else None
        if parent_label is None:
            parent = by_key.get(entry.parent)
            parent_label = _label(parent, by_key) if parent else None
            if labels is not None and parent_label is not None:
                labels[entry.parent] = parent_label
    return ItemRef(entry.kind, entry.key, entry.id, entry.number, entry.text, index.main.path, line, column,
                   _pointer(entry.parts), entry.parent, parent_label, entry.order)


def _pointer(parts: tuple) -> str:
    """``to_pointer(parts)``, joined in one step when no part needs escaping (nearly always)."""
    text = "/".join(map(str, parts))
    if parts and "~" not in text and text.count("/") == len(parts) - 1:
        return "/" + text
    return to_pointer(parts)
