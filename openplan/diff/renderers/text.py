"""Plain text for the terminal: a summary, then one section per kind of change.

Word-level changes are marked as ``[-removed words-]{+added words+}``, the
convention of ``git diff --word-diff``.
"""

from __future__ import annotations

from ..model import Change, ChangeKind, PlanDiff
from .wording import (DIRECTIONS, FIELD_NAMES, METHODS, SECTION_TITLES, date_phrase, elide, groups, item_label,
                      links_sentence, match_note, owners_sentence, parent_phrase, plan_line, record_phrase, records,
                      short, summary, tree)

_MARKS = {ChangeKind.ADDED: "+", ChangeKind.REMOVED: "-", ChangeKind.REWORDED: "~", ChangeKind.RENUMBERED: "#",
          ChangeKind.MOVED: ">", ChangeKind.DATE: "!", ChangeKind.OWNERS: "@", ChangeKind.STATUS: "*",
          ChangeKind.LINKS: "^"}


def _words(change: Change, full: bool) -> str:
    words = change.words if full else elide(change.words)
    out = []
    for op, text in words:
        out.append(text if op == "equal" else f"[-{text}-]" if op == "delete" else f"{{+{text}+}}")
    return " ".join(out)


def _head(change: Change, context: bool = True) -> str:
    item = change.item
    head = f"{_MARKS[change.kind]} {item_label(item, context=context)}: {short(item.text)}"
    note = match_note(change)
    return f"{head}  [{note}]" if note else head


def _detail(change: Change, full: bool) -> list[str]:
    if change.kind is ChangeKind.REWORDED:
        return [f"{FIELD_NAMES.get(change.field or '', change.field)}: {_words(change, full)}"]
    if change.kind is ChangeKind.RENUMBERED:
        return [f"number {change.before or '(none)'} -> {change.after or '(none)'}"]
    if change.kind is ChangeKind.MOVED:
        return [f"from {parent_phrase(change.before)}", f"to {parent_phrase(change.after)}"]
    if change.kind is ChangeKind.DATE:
        what = FIELD_NAMES.get(change.field or "", change.field)
        return [f"{what} {DIRECTIONS[change.direction or '']}: {date_phrase(change.before)} -> "
                f"{date_phrase(change.after)}"]
    if change.kind is ChangeKind.OWNERS:
        return [owners_sentence(change)]
    if change.kind is ChangeKind.LINKS:
        return [links_sentence(change)]
    if change.kind is ChangeKind.STATUS:
        what = FIELD_NAMES.get(change.field or "", change.field)
        return [f"{what} {change.before or '(none)'} -> {change.after or '(none)'}"]
    return []


def render(diff: PlanDiff, *, full: bool = False, **_options) -> str:
    out = [f"old: {diff.old.path}  {plan_line(diff.old)}", f"new: {diff.new.path}  {plan_line(diff.new)}"]
    if diff.previous_edition:
        out.append("The new plan names the old one as its previous edition.")
    for warning in diff.warnings:
        out.append(f"warning: {warning.message}")
    if diff.same:
        out.append("The plans are the same.")
        return "\n".join(out) + "\n"
    out.append(f"Summary: {summary(diff)}")
    for kind, title in SECTION_TITLES.items():
        changes = diff.of_kind(kind)
        if not changes:
            continue
        out += ["", f"{title} ({len(changes)})"]
        if kind in (ChangeKind.ADDED, ChangeKind.REMOVED):
            for depth, change, fresh in tree(changes):
                indent = "  " * (depth + 1)
                out.append(f"{indent}{_head(change, context=depth == 0)}")
                out.extend(f"{indent}    {record_phrase(r)}" for r in fresh)
            continue
        for group in groups(changes):
            out.append(f"  {_head(group[0])}")
            for change in group:
                out.extend(f"      {line}" for line in _detail(change, full))
            out.extend(f"      {record_phrase(r)}" for r in records(group))
    rematched = diff.rematched
    if rematched:
        out += ["", f"Matched by recurring theme or similar wording ({len(rematched)})"]
        for match in rematched:
            out.append(f"  = {match.old.label} {short(match.old.text, 60)}")
            out.append(f"    ~ {match.new.label} {short(match.new.text, 60)}  [{METHODS[match.method]}, "
                       f"{round(match.confidence * 100)}%]")
    if diff.unexplained:
        out += ["", f"Recorded in the new plan's edition.changes but not found in the data ({len(diff.unexplained)})"]
        for record in diff.unexplained:
            where = f"{diff.new.path}:{record.line}" if record.line else diff.new.path
            out.append(f"  ? {', '.join(record.items + record.previous_items)}: {record_phrase(record)}  [{where}]")
    return "\n".join(out) + "\n"

