"""Plain-language pieces shared by the text and Markdown renderers."""

from __future__ import annotations

from typing import Any, Iterator

from ...wording import counted
from ..model import (DATE_ADDED, DATE_REMOVED, PULLED_IN, RESTATED, SLIPPED, Change, ChangeKind, ItemRef,
                     PlanDiff, PlanInfo, Recorded)

SECTION_TITLES = {
    ChangeKind.ADDED: "Added",
    ChangeKind.REMOVED: "Removed",
    ChangeKind.REWORDED: "Reworded",
    ChangeKind.RENUMBERED: "Renumbered",
    ChangeKind.MOVED: "Moved",
    ChangeKind.DATE: "Dates",
    ChangeKind.OWNERS: "Owners",
    ChangeKind.STATUS: "Status",
    ChangeKind.LINKS: "Links to other plans",
}
SUMMARY_NOUNS = {  # (one, many)
    ChangeKind.ADDED: ("added", "added"),
    ChangeKind.REMOVED: ("removed", "removed"),
    ChangeKind.REWORDED: ("reworded", "reworded"),
    ChangeKind.RENUMBERED: ("renumbered", "renumbered"),
    ChangeKind.MOVED: ("moved", "moved"),
    ChangeKind.DATE: ("date change", "date changes"),
    ChangeKind.OWNERS: ("owner change", "owner changes"),
    ChangeKind.STATUS: ("status change", "status changes"),
    ChangeKind.LINKS: ("link change", "link changes"),
}
FIELD_NAMES = {"title": "title", "outcome": "outcome statement", "text": "text", "description": "description",
               "due": "due date", "date": "date", "period": "period", "edition": "edition status",
               "status": "progress status", "rag": "RAG rating"}
DIRECTIONS = {SLIPPED: "slipped", PULLED_IN: "pulled in", DATE_ADDED: "added", DATE_REMOVED: "removed",
              RESTATED: "restated (same span)"}
METHODS = {"id": "same id", "same-theme": "same recurring theme", "text": "similar wording", "plan": "the plans"}


def short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def plan_line(info: PlanInfo) -> str:
    edition = ", ".join(part for part in (info.label, info.status) if part)
    return f"{info.title} ({edition})" if edition else info.title


def summary(diff: PlanDiff) -> str:
    counts = diff.counts()
    parts = [counted(counts[kind.value], *SUMMARY_NOUNS[kind]) for kind in SECTION_TITLES if counts[kind.value]]
    return ", ".join(parts) if parts else "no changes"


def item_label(item: ItemRef, *, context: bool = True) -> str:
    """'output b of objective 2.1': the item's kind and number, and its parent's where the number alone is unclear."""
    label = item.label
    if context and item.parent_label and (item.kind in ("output", "sub-item", "commitment")
                                          or (item.kind == "objective" and "." not in (item.number or "."))):
        label += f" of {item.parent_label}"
    return label


def groups(changes: list[Change]) -> Iterator[list[Change]]:
    """Consecutive changes of the same item, together (changes come sorted by item)."""
    group: list[Change] = []
    for change in changes:
        if group and (group[0].item.key, group[0].item.file) != (change.item.key, change.item.file):
            yield group
            group = []
        group.append(change)
    if group:
        yield group


def records(changes: list[Change]) -> list[Recorded]:
    """The recorded reasons behind a group of changes, each once."""
    out: list[Recorded] = []
    for change in changes:
        out.extend(r for r in change.recorded if r not in out)
    return out


def match_note(change: Change) -> str | None:
    if change.match and change.match.method in ("text", "same-theme"):
        return f"matched by {METHODS[change.match.method]}, {round(change.match.confidence * 100)}%"
    return None


def date_phrase(view: dict[str, Any] | None) -> str:
    if not view:
        return "none"
    if view.get("tbc"):
        written = view.get("text") or "TBC"
    else:
        events = view.get("relative_to")
        events = " and ".join(events) if isinstance(events, list) else events  # 1.1: several events
        written = view.get("text") or str(view.get("value") or events or "")
    earliest, latest = view.get("earliest"), view.get("latest")
    if earliest and latest:
        span = earliest if earliest == latest else f"{earliest} to {latest}"
    elif latest:
        span = f"by {latest}"
    elif earliest:
        span = f"from {earliest}"
    else:
        return f'"{written}"'
    return f'"{written}" ({span})'


def owner_phrase(owner: dict[str, str]) -> str:
    return f"{owner['name']} ({owner['role']})"


def owners_sentence(change: Change) -> str:
    parts = []
    if change.owners_added:
        parts.append("added " + "; ".join(owner_phrase(o) for o in change.owners_added))
    if change.owners_removed:
        parts.append("removed " + "; ".join(owner_phrase(o) for o in change.owners_removed))
    return ", ".join(parts)


def link_phrase(link: dict[str, str]) -> str:
    """A parent plan ("metro-plan (implements)") or a served item ("obj.1 in metro-plan (delivers)")."""
    head = f"{link.get('item', '')} in {link.get('plan', '')}" if "item" in link else link.get("id", "")
    return head + (f" ({link['relation']})" if link.get("relation") else "")


def links_sentence(change: Change) -> str:
    added, removed = (("added parent plan ", "removed parent plan ") if change.field == "parents"
                      else ("now serves ", "no longer serves "))
    parts = []
    if change.links_added:
        parts.append(added + "; ".join(link_phrase(link) for link in change.links_added))
    if change.links_removed:
        parts.append(removed + "; ".join(link_phrase(link) for link in change.links_removed))
    return ", ".join(parts)


def parent_phrase(parent: Any) -> str:
    if isinstance(parent, ItemRef):
        return f'{item_label(parent)} "{short(parent.text, 60)}"'
    return "the top level"


def record_phrase(record: Recorded) -> str:
    text = f"recorded as {record.kind}"
    if record.from_number or record.to_number:
        text += f" ({record.from_number or '-'} -> {record.to_number or '-'})"
    if record.reason:
        text += f": {record.reason}"
    if record.note:
        text += f" ({record.note})"
    return text


def tree(changes: list[Change]) -> Iterator[tuple[int, Change, list[Recorded]]]:
    """Added (or removed) items in document order, each under its parent when the parent is listed too.

    With each item come the recorded reasons not already shown with one of its listed ancestors.
    """
    by_key = {change.item.key: change for change in changes}
    children: dict[str | None, list[Change]] = {}
    for change in changes:
        parent = change.item.parent if change.item.parent in by_key else None
        children.setdefault(parent, []).append(change)

    def walk(parent: str | None, depth: int, shown: tuple[Recorded, ...]) -> Iterator[tuple[int, Change, list]]:
        for change in sorted(children.get(parent, []), key=lambda c: c.item.order):
            fresh = [r for r in change.recorded if r not in shown]
            yield depth, change, fresh
            yield from walk(change.item.key, depth + 1, shown + tuple(fresh))

    yield from walk(None, 0, ())


def elide(words: tuple[tuple[str, str], ...], context: int = 6) -> list[tuple[str, str]]:
    """Word edits with long unchanged stretches shortened to their ends, so the change stands out."""
    out = []
    last = len(words) - 1
    for position, (op, text) in enumerate(words):
        if op == "equal":
            tokens = text.split(" ")
            keep_head = context if position > 0 else 0
            keep_tail = context if position < last else 0
            if len(tokens) > keep_head + keep_tail + 3:
                head = " ".join(tokens[:keep_head])
                tail = " ".join(tokens[len(tokens) - keep_tail:]) if keep_tail else ""
                text = " ".join(part for part in (head, "...", tail) if part)
        out.append((op, text))
    return out
