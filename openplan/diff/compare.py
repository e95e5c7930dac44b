"""The differences between two matched plans: added, removed, reworded, renumbered, moved, dates, owners, status.

Dates are compared by the span of days they resolve to (see
:mod:`openplan.dates`): a due date whose last possible day is later has
slipped, one whose last day is earlier has been pulled in. Relative dates
("ahead of Spending Review 2020") resolve through the event they name.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from yaml.nodes import MappingNode, SequenceNode

from ..dates import Span
from ..index import PlanIndex
from ..loader import to_pointer
from .items import Entry, collect, reference
from .matching import DEFAULT_THRESHOLD, Pair, match
from .model import (DATE_ADDED, DATE_REMOVED, PULLED_IN, RESTATED, SLIPPED, CHANGE_ORDER, Change, ChangeKind,
                    DiffWarning, Match, PlanDiff, PlanInfo, Recorded)
from .words import clean, same_wording, word_edits

_DATE_KEYS = ("text", "value", "tbc", "relative_to", "relation", "recurrence")

# Which detected changes a recorded change (edition.changes) can explain.
_EXPLAINS = {
    "added": {ChangeKind.ADDED},
    "withdrawn": {ChangeKind.REMOVED},
    "renumbered": {ChangeKind.RENUMBERED},
    "moved": {ChangeKind.MOVED},
    "reworded": {ChangeKind.REWORDED},
}


def plan_info(index: PlanIndex) -> PlanInfo:
    data = index.main.data
    edition = data.get("edition") if isinstance(data.get("edition"), dict) else {}
    return PlanInfo(path=index.main.path, id=str(data.get("id", "")), title=clean(data.get("title")),
                    organisation=str(data.get("organisation", "")), status=edition.get("status"),
                    label=edition.get("label"), version=str(data.get("openplan", "")))


# --- dates ---------------------------------------------------------------------


def _span(value: dict[str, Any] | None, index: PlanIndex) -> Span | None:
    """The days a date covers, or None when it cannot be known (TBC, an unknown event)."""
    return index.span(value)


def _date_view(value: dict[str, Any] | None, index: PlanIndex) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        return None
    view = {key: value[key] for key in _DATE_KEYS if value.get(key) is not None}
    span = _span(value, index)
    view["earliest"] = span.earliest.isoformat() if span and span.earliest else None
    view["latest"] = span.latest.isoformat() if span and span.latest else None
    return view


def _direction(before: dict | None, after: dict | None) -> str | None:
    if before is None and after is None:
        return None
    if before is None:
        return DATE_ADDED
    if after is None:
        return DATE_REMOVED
    resolvable = all(v["earliest"] or v["latest"] for v in (before, after))
    if resolvable:
        old = (before["latest"] or date.max.isoformat(), before["earliest"] or date.min.isoformat())
        new = (after["latest"] or date.max.isoformat(), after["earliest"] or date.min.isoformat())
        if new > old:
            return SLIPPED
        if new < old:
            return PULLED_IN
    if _as_written(before) != _as_written(after):
        return RESTATED  # same span (or none known), written differently
    return None


def _as_written(view: dict[str, Any]) -> dict[str, Any]:
    return {key: clean(str(view[key])) if key == "text" else view[key] for key in _DATE_KEYS if key in view}


# --- one matched pair --------------------------------------------------------


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


class _Sides:
    """Both plans, their entries and references, and the matching between them."""

    def __init__(self, old: PlanIndex, new: PlanIndex, pairs: list[Pair], old_entries: list[Entry],
                 new_entries: list[Entry]):
        self.old, self.new = old, new
        self.old_by_key = {e.key: e for e in old_entries}
        self.new_by_key = {e.key: e for e in new_entries}
        old_place, new_place = _Places(old.main).position, _Places(new.main).position
        self.old_refs = {e.key: reference(e, old, self.old_by_key, old_place) for e in old_entries}
        self.new_refs = {e.key: reference(e, new, self.new_by_key, new_place) for e in new_entries}
        self.old_to_new = {p.old.key: p.new.key for p in pairs}

    def changes(self, pair: Pair) -> list[Change]:
        o, n = pair.old, pair.new
        old_ref, new_ref = self.old_refs[o.key], self.new_refs[n.key]
        m = Match(o.kind, old_ref, new_ref, pair.method, pair.confidence)
        out: list[Change] = []

        def change(kind: ChangeKind, **fields: Any) -> None:
            out.append(Change(kind=kind, item_kind=o.kind, old=old_ref, new=new_ref, match=m, **fields))

        old_texts, new_texts = o.texts(), n.texts()
        for name in old_texts:
            if not same_wording(old_texts[name], new_texts[name]):
                change(ChangeKind.REWORDED, field=name, before=old_texts[name] or None,
                       after=new_texts[name] or None, words=word_edits(old_texts[name], new_texts[name]))
        if o.number != n.number:
            change(ChangeKind.RENUMBERED, field="number", before=o.number, after=n.number)
        if o.kind != "plan" and self.old_to_new.get(o.parent or "") != n.parent and (o.parent or n.parent):
            before = self.old_refs.get(o.parent) if o.parent else None
            after = self.new_refs.get(n.parent) if n.parent else None
            if before is not None or after is not None:
                change(ChangeKind.MOVED, field="parent", before=before, after=after)
        if o.date_field or n.date_field:
            before, after = _date_view(o.date, self.old), _date_view(n.date, self.new)
            direction = _direction(before, after)
            if direction:
                change(ChangeKind.DATE, field=o.date_field or n.date_field, before=before, after=after,
                       direction=direction)
        if o.owners != n.owners:
            change(ChangeKind.OWNERS, field="owners", before=_owner_view(o.owners, self.old),
                   after=_owner_view(n.owners, self.new))
        for name in sorted(set(o.statuses) | set(n.statuses)):
            if o.statuses.get(name) != n.statuses.get(name):
                change(ChangeKind.STATUS, field=name, before=o.statuses.get(name), after=n.statuses.get(name))
        return out


# --- edition.changes ------------------------------------------------------------


def _records(index: PlanIndex) -> list[Recorded]:
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


def _explains(record: Recorded, change: Change) -> bool:
    allowed = _EXPLAINS.get(record.kind)
    if allowed is not None and change.kind not in allowed:
        return False
    new_id = change.new.id if change.new else None
    old_id = change.old.id if change.old else None
    return bool((new_id and new_id in record.items)
                or (old_id and (old_id in record.previous_items or old_id in record.items)))


def _attach(records: list[Recorded], changes: list[Change]) -> tuple[list[Change], list[Recorded]]:
    out = []
    for change in changes:
        mine = tuple(r for r in records if _explains(r, change))  # a split explains both the removal and the additions
        out.append(replace(change, recorded=mine) if mine else change)
    unexplained = [r for r in records if not any(_explains(r, c) for c in changes)]
    return out, unexplained


# --- the whole diff ---------------------------------------------------------------


def _order(change: Change) -> tuple:
    side = 0 if change.new else 1
    return CHANGE_ORDER.index(change.kind), side, change.item.order, change.field or ""


def compare_indexes(old: PlanIndex, new: PlanIndex, *, mode: str = "auto", threshold: float = DEFAULT_THRESHOLD,
                    warnings: list[DiffWarning] | None = None) -> PlanDiff:
    """Compare two indexed plans. Never prints, never exits."""
    old_entries, new_entries = collect(old), collect(new)
    pairs = match(old_entries, new_entries, mode, threshold)
    sides = _Sides(old, new, pairs, old_entries, new_entries)
    matched_old = {p.old.key for p in pairs}
    matched_new = {p.new.key for p in pairs}
    changes: list[Change] = []
    for entry in new_entries:
        if entry.key not in matched_new:
            changes.append(Change(ChangeKind.ADDED, entry.kind, None, sides.new_refs[entry.key]))
    for entry in old_entries:
        if entry.key not in matched_old:
            changes.append(Change(ChangeKind.REMOVED, entry.kind, sides.old_refs[entry.key], None))
    for pair in pairs:
        changes.extend(sides.changes(pair))
    old_info, new_info = plan_info(old), plan_info(new)
    edition = new.main.data.get("edition")
    previous = edition.get("previous") if isinstance(edition, dict) else None
    is_previous = isinstance(previous, dict) and previous.get("id") == old_info.id
    # edition.changes say what changed from the previous edition: they explain nothing about another plan.
    records = _records(new) if is_previous or previous is None else []
    changes, unexplained = _attach(records, changes)
    changes.sort(key=_order)
    matches = [Match(p.old.kind, sides.old_refs[p.old.key], sides.new_refs[p.new.key], p.method, p.confidence)
               for p in pairs]
    matches.sort(key=lambda m: m.new.order)
    return PlanDiff(old=old_info, new=new_info, match_mode=mode, threshold=threshold, previous_edition=is_previous,
                    matches=matches, changes=changes, warnings=list(warnings or ()), unexplained=unexplained)
