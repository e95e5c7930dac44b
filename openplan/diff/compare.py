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

from ..index import PlanIndex
from .items import TEXT_FIELDS, Entry
from .matching import DEFAULT_THRESHOLD, Pair, match
from .model import (DATE_ADDED, DATE_REMOVED, PULLED_IN, RESTATED, SLIPPED, CHANGE_ORDER, Change, ChangeKind,
                    DiffWarning, Match, PlanDiff, Recorded)
from .side import DATE_KEYS, Side
from .words import clean, same_wording, word_edits

# Which detected changes a recorded change (edition.changes) can explain.
_EXPLAINS = {
    "added": {ChangeKind.ADDED},
    "withdrawn": {ChangeKind.REMOVED},
    "renumbered": {ChangeKind.RENUMBERED},
    "moved": {ChangeKind.MOVED},
    "reworded": {ChangeKind.REWORDED},
}


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
    return {key: clean(str(view[key])) if key == "text" else view[key] for key in DATE_KEYS if key in view}


# --- one matched pair --------------------------------------------------------


class _Sides:
    """Both plans and the matching between them."""

    def __init__(self, old: Side, new: Side, pairs: list[Pair]):
        self.old, self.new = old, new
        self.old_refs, self.new_refs = old.refs, new.refs
        self.old_to_new = {p.old.key: p.new.key for p in pairs}
        # A date written the same way on both sides has the same span, unless it leans on an event (whose date
        # may have moved) or the plans count years differently.
        self.same_calendar = old.calendar == new.calendar

    def changes(self, pair: Pair) -> list[Change]:
        o, n = pair.old, pair.new
        old_ref, new_ref = self.old_refs[o.key], self.new_refs[n.key]
        m = Match(o.kind, old_ref, new_ref, pair.method, pair.confidence)
        out: list[Change] = []

        def change(kind: ChangeKind, **fields: Any) -> None:
            out.append(Change(kind=kind, item_kind=o.kind, old=old_ref, new=new_ref, match=m, **fields))

        for name in TEXT_FIELDS[o.kind]:
            if o.data.get(name) == n.data.get(name):  # most items are unchanged: skip cleaning their text
                continue
            old_texts, new_texts = o.texts(), n.texts()
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
        if (o.date_field or n.date_field) and not (o.date == n.date and self.same_calendar
                                                   and not (isinstance(o.date, dict) and o.date.get("relative_to"))):
            before, after = self.old.date(o), self.new.date(n)
            direction = _direction(before, after)
            if direction:
                change(ChangeKind.DATE, field=o.date_field or n.date_field, before=before, after=after,
                       direction=direction)
        if o.owners != n.owners:
            change(ChangeKind.OWNERS, field="owners", before=self.old.owners(o), after=self.new.owners(n))
        before, after = _links(o, self.old), _links(n, self.new)
        if before != after:
            change(ChangeKind.LINKS, field="parents" if o.kind == "plan" else "serves", before=before, after=after)
        for name in sorted(set(o.statuses) | set(n.statuses)):
            if o.statuses.get(name) != n.statuses.get(name):
                change(ChangeKind.STATUS, field=name, before=o.statuses.get(name), after=n.statuses.get(name))
        return out


def _links(entry: Entry, side: Side) -> list[dict[str, str]]:
    """The plan's parent plans, or an item's `serves` links, in a stable order."""
    if entry.kind == "plan":
        values, keys = side.data.get("parents"), ("id", "relation")
    else:
        values, keys = entry.data.get("serves"), ("plan", "item", "relation")
    found = [{key: str(value[key]) for key in keys if value.get(key) is not None}
             for value in values or () if isinstance(value, dict)]
    return sorted(found, key=lambda link: tuple(link.get(key, "") for key in keys))


# --- edition.changes ------------------------------------------------------------


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
    return compare_sides(Side(old), Side(new), mode=mode, threshold=threshold, warnings=warnings)


def compare_sides(old: Side, new: Side, *, mode: str = "auto", threshold: float = DEFAULT_THRESHOLD,
                  warnings: list[DiffWarning] | None = None) -> PlanDiff:
    """Compare two plans as :class:`Side` s. Never prints, never exits."""
    old_entries, new_entries = old.entries, new.entries
    pairs = match(old_entries, new_entries, mode, threshold)
    sides = _Sides(old, new, pairs)
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
    old_info, new_info = old.info, new.info
    edition = new.data.get("edition")
    previous = edition.get("previous") if isinstance(edition, dict) else None
    is_previous = isinstance(previous, dict) and previous.get("id") == old_info.id
    # edition.changes say what changed from the previous edition: they explain nothing about another plan.
    records = new.records if is_previous or previous is None else []
    changes, unexplained = _attach(records, changes)
    changes.sort(key=_order)
    matches = [Match(p.old.kind, sides.old_refs[p.old.key], sides.new_refs[p.new.key], p.method, p.confidence)
               for p in pairs]
    matches.sort(key=lambda m: m.new.order)
    return PlanDiff(old=old_info, new=new_info, match_mode=mode, threshold=threshold, previous_edition=is_previous,
                    matches=matches, changes=changes, warnings=list(warnings or ()), unexplained=unexplained)
