"""The one diff model: what `openplan diff` found between two plans.

Every diff output format (text, Markdown, JSON) is built from :class:`PlanDiff`
alone. The model is symmetric: :meth:`PlanDiff.inverse` gives the diff of the
same two plans the other way round (added becomes removed, a slip becomes a
pull-in, and so on), except for the reasons recorded in the newer plan's
``edition.changes``, which belong to the newer plan only.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from ..report import EXIT_INVALID, EXIT_OK

# The kinds of item a diff compares, in the order reports list them.
ITEM_KINDS = ("plan", "theme", "commitment", "principle", "area", "objective", "output", "sub-item", "milestone",
              "event", "report", "section", "note")


class ChangeKind(str, Enum):
    ADDED = "added"
    REMOVED = "removed"
    REWORDED = "reworded"
    RENUMBERED = "renumbered"
    MOVED = "moved"
    DATE = "date"
    OWNERS = "owners"
    STATUS = "status"
    LINKS = "links"  # parent plans, and the items of parent plans an item serves (1.1)


CHANGE_ORDER = tuple(ChangeKind)
_INVERSE_KIND = {ChangeKind.ADDED: ChangeKind.REMOVED, ChangeKind.REMOVED: ChangeKind.ADDED}

# How a date moved: later, earlier, given for the first time, dropped, or restated without moving.
SLIPPED, PULLED_IN, DATE_ADDED, DATE_REMOVED, RESTATED = "slipped", "pulled-in", "added", "removed", "restated"
_INVERSE_DIRECTION = {SLIPPED: PULLED_IN, PULLED_IN: SLIPPED, DATE_ADDED: DATE_REMOVED, DATE_REMOVED: DATE_ADDED}

# Word-level edits: ("equal" | "delete" | "insert", text).
Words = tuple[tuple[str, str], ...]


def invert_words(words: Words) -> Words:
    """The same edit read the other way: deletions become insertions, a replacement stays delete-then-insert."""
    swapped = [({"delete": "insert", "insert": "delete"}.get(op, op), text) for op, text in words]
    out: list[tuple[str, str]] = []
    for op, text in swapped:
        if op == "delete" and out and out[-1][0] == "insert":
            out.insert(len(out) - 1, (op, text))
        else:
            out.append((op, text))
    return tuple(out)


class Placed:
    """What every item a diff speaks of shares: a label from its kind and number, the place it is written, and
    its JSON form: the attributes named in ``json_fields``, in that order (the output schema fixes them)."""

    kind: str
    number: str | None
    file: str
    line: int | None
    column: int | None
    json_fields: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        number = f" {self.number}" if self.number else ""
        return f"{self.kind}{number}"

    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}" if self.line else self.file

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.json_fields}


@dataclass(frozen=True)
class ItemRef(Placed):
    """One item on one side of the diff, with where it is written."""

    kind: str
    key: str  # the id, or for a statement without one a key made from its place
    id: str | None
    number: str | None
    text: str  # the title, or the statement's text
    file: str
    line: int | None
    column: int | None
    pointer: str
    parent: str | None  # key of the item it sits under, on the same side
    parent_label: str | None  # e.g. 'objective 2.1' or 'area "Grants"'
    order: int  # position in its document

    json_fields = ("kind", "key", "id", "number", "text", "file", "line", "column", "pointer", "parent")


@dataclass(frozen=True)
class Match:
    """Two items taken to be the same item in both plans, and why."""

    kind: str
    old: ItemRef
    new: ItemRef
    method: str  # "plan", "id", "same-theme" (same recurring theme) or "text"
    confidence: float  # 0 to 1; 1 for ids

    @property
    def same_id(self) -> bool:
        return self.old.id is not None and self.old.id == self.new.id

    def inverse(self) -> "Match":
        return replace(self, old=self.new, new=self.old)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "method": self.method, "confidence": self.confidence,
                "old": self.old.to_dict(), "new": self.new.to_dict()}


@dataclass(frozen=True)
class Recorded:
    """One entry of the newer plan's ``edition.changes``: what the encoder recorded, and why."""

    kind: str
    items: tuple[str, ...]
    previous_items: tuple[str, ...] = ()
    from_number: str | None = None
    to_number: str | None = None
    reason: str | None = None
    note: str | None = None
    line: int | None = None
    pointer: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "items": list(self.items), "previous_items": list(self.previous_items),
                "from_number": self.from_number, "to_number": self.to_number, "reason": self.reason,
                "note": self.note, "line": self.line, "pointer": self.pointer}


@dataclass(frozen=True)
class Change:
    """One difference between the plans, about one item.

    ``before`` and ``after`` hold what changed: the text of a field (reworded),
    the display number (renumbered), the parent item (moved), the date with its
    resolved span (date), the owners (owners), the status (status) or the links to parent plans (links:
    ``parents`` of the plan, ``serves`` of an item).
    """

    kind: ChangeKind
    item_kind: str
    old: ItemRef | None
    new: ItemRef | None
    field: str | None = None
    before: Any = None
    after: Any = None
    words: Words = ()
    direction: str | None = None  # dates only
    match: Match | None = None
    recorded: tuple[Recorded, ...] = ()

    @property
    def item(self) -> ItemRef:
        return self.new or self.old  # type: ignore[return-value]

    @property
    def owners_added(self) -> list[dict]:
        return [o for o in self.after or () if o not in (self.before or ())]

    @property
    def owners_removed(self) -> list[dict]:
        return [o for o in self.before or () if o not in (self.after or ())]

    # Links (parents, serves) are lists of dicts too: what was added and removed is worked out the same way.
    links_added = owners_added
    links_removed = owners_removed

    def inverse(self) -> "Change":
        return Change(kind=_INVERSE_KIND.get(self.kind, self.kind), item_kind=self.item_kind, old=self.new,
                      new=self.old, field=self.field, before=self.after, after=self.before,
                      words=invert_words(self.words),
                      direction=_INVERSE_DIRECTION.get(self.direction, self.direction) if self.direction else None,
                      match=self.match.inverse() if self.match else None)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "change": self.kind.value,
            "item_kind": self.item_kind,
            "old": self.old.to_dict() if self.old else None,
            "new": self.new.to_dict() if self.new else None,
            "field": self.field,
            "before": _plain(self.before),
            "after": _plain(self.after),
            "matched_by": {"method": self.match.method, "confidence": self.match.confidence} if self.match else None,
            "recorded": [record.to_dict() for record in self.recorded],
        }
        if self.kind is ChangeKind.REWORDED:
            data["words"] = [{"op": op, "text": text} for op, text in self.words]
        if self.kind is ChangeKind.DATE:
            data["direction"] = self.direction
        if self.kind is ChangeKind.OWNERS:
            data["owners_added"] = self.owners_added
            data["owners_removed"] = self.owners_removed
        if self.kind is ChangeKind.LINKS:
            data["links_added"] = self.links_added
            data["links_removed"] = self.links_removed
        return data


def _plain(value: Any) -> Any:
    if isinstance(value, ItemRef):
        return value.to_dict()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True)
class DiffWarning:
    """Something the reader should know before trusting the diff, e.g. the plans belong to two organisations."""

    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class PlanInfo:
    """Which plan one side of the diff is."""

    path: str
    id: str
    title: str
    organisation: str
    status: str | None
    label: str | None
    version: str

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "id": self.id, "title": self.title, "organisation": self.organisation,
                "edition_status": self.status, "edition_label": self.label, "openplan": self.version}


@dataclass
class PlanDiff:
    """Everything `openplan diff OLD NEW` found."""

    old: PlanInfo
    new: PlanInfo
    match_mode: str = "auto"
    threshold: float = 0.6
    previous_edition: bool = False  # NEW names OLD as its previous edition
    matches: list[Match] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    warnings: list[DiffWarning] = field(default_factory=list)
    unexplained: list[Recorded] = field(default_factory=list)  # recorded changes the data does not show

    @property
    def rematched(self) -> list[Match]:
        """Matches between items whose ids differ (or that have none): found by recurring theme or by text."""
        return [m for m in self.matches if m.method not in ("plan", "id")]

    @property
    def same(self) -> bool:
        return not self.changes and all(m.same_id or m.method == "plan" or (m.old.id is None and m.new.id is None)
                                        for m in self.matches)

    @property
    def exit_code(self) -> int:
        return EXIT_OK if self.same else EXIT_INVALID

    def of_kind(self, kind: ChangeKind) -> list[Change]:
        return [change for change in self.changes if change.kind is kind]

    def counts(self) -> dict[str, int]:
        return {kind.value: len(self.of_kind(kind)) for kind in CHANGE_ORDER}

    def inverse(self) -> "PlanDiff":
        return PlanDiff(old=self.new, new=self.old, match_mode=self.match_mode, threshold=self.threshold,
                        matches=[m.inverse() for m in self.matches],
                        changes=[c.inverse() for c in self.changes], warnings=list(self.warnings))
