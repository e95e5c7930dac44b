"""Markdown to paste into a committee report: a summary table, then one section per kind of change.

Removed words are struck through (``~~old~~``) and added words are bold
(``**new**``). Text from the plans is escaped, so nothing in a plan can change
the report's formatting.
"""

from __future__ import annotations

import re

from ..model import Change, ChangeKind, PlanDiff
from .wording import (DIRECTIONS, FIELD_NAMES, METHODS, SECTION_TITLES, date_phrase, groups, item_label,
                      links_sentence, match_note, owners_sentence, parent_phrase, plan_line, record_phrase, records,
                      short, summary, tree)

# Characters that can start emphasis, code, links, HTML, table cells or strike-through.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def escape(text: str) -> str:
    """Text safe to put anywhere in Markdown: every formatting character backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _item(change: Change, context: bool = True, limit: int | None = None) -> str:
    label = item_label(change.item, context=context)
    text = short(change.item.text, limit) if limit else change.item.text
    return f"**{escape(label[0].upper() + label[1:])}** {escape(text)}".rstrip()


def _words(change: Change) -> str:
    out = []
    for op, text in change.words:
        if op == "equal":
            out.append(escape(text))
        elif op == "delete":
            out.append(f"~~{escape(text)}~~")
        else:
            out.append(f"**{escape(text)}**")
    return " ".join(out)


def _extra(group: list[Change]) -> list[str]:
    lines = []
    note = match_note(group[0])
    if note:
        lines.append(f"- *{escape(note)}*")
    lines.extend(f"- *{escape(record_phrase(r))}*" for r in records(group))
    return lines


def _detail(change: Change) -> str:
    what = escape(FIELD_NAMES.get(change.field or "", change.field or ""))
    if change.kind is ChangeKind.REWORDED:
        return f"{what}: {_words(change)}"
    if change.kind is ChangeKind.RENUMBERED:
        return f"{escape(change.before or '(none)')} → {escape(change.after or '(none)')}"
    if change.kind is ChangeKind.MOVED:
        return f"from {escape(parent_phrase(change.before))} to {escape(parent_phrase(change.after))}"
    if change.kind is ChangeKind.DATE:
        return (f"{what} {escape(DIRECTIONS[change.direction or ''])}: {escape(date_phrase(change.before))} → "
                f"{escape(date_phrase(change.after))}")
    if change.kind is ChangeKind.OWNERS:
        return escape(owners_sentence(change))
    if change.kind is ChangeKind.LINKS:
        return escape(links_sentence(change))
    return f"{what}: {escape(change.before or '(none)')} → {escape(change.after or '(none)')}"


def render(diff: PlanDiff, **_options) -> str:
    out = [f"# Changes to {escape(diff.new.title)}", "",
           "| | Compared | With |", "| --- | --- | --- |",
           f"| Plan | {escape(plan_line(diff.old))} | {escape(plan_line(diff.new))} |",
           f"| File | `{diff.old.path.replace('`', '')}` | `{diff.new.path.replace('`', '')}` |", ""]
    if diff.previous_edition:
        out += ["The newer plan names the older one as its previous edition.", ""]
    for warning in diff.warnings:
        out += [f"> **Warning:** {escape(warning.message)}", ""]
    if diff.same:
        out.append("The plans are the same.")
        return "\n".join(out) + "\n"
    out += [f"**Summary:** {escape(summary(diff))}.", "", "| Change | Items |", "| --- | ---: |"]
    counts = diff.counts()
    out += [f"| {title} | {counts[kind.value]} |" for kind, title in SECTION_TITLES.items() if counts[kind.value]]
    for kind, title in SECTION_TITLES.items():
        changes = diff.of_kind(kind)
        if not changes:
            continue
        out += ["", f"## {title} ({len(changes)})", ""]
        if kind in (ChangeKind.ADDED, ChangeKind.REMOVED):
            for depth, change, fresh in tree(changes):
                indent = "  " * depth
                out.append(f"{indent}- {_item(change, context=depth == 0)}")
                out.extend(f"{indent}  *{escape(record_phrase(r))}*" for r in fresh)
            continue
        for group in groups(changes):
            out.append(f"- {_item(group[0], limit=90)}")
            out.extend(f"  - {_detail(change)}" for change in group)
            out.extend(f"  {line}" for line in _extra(group))
    rematched = diff.rematched
    if rematched:
        out += ["", f"## Matched by recurring theme or similar wording ({len(rematched)})", "",
                "| Item | Was | Is now | Matched by |", "| --- | --- | --- | ---: |"]
        for match in rematched:
            out.append(f"| {escape(match.new.label)} | {escape(match.old.text)} | {escape(match.new.text)} | "
                       f"{METHODS[match.method]}, {round(match.confidence * 100)}% |")
    if diff.unexplained:
        out += ["", "## Recorded changes not found in the data", ""]
        for record in diff.unexplained:
            out.append(f"- {escape(', '.join(record.items + record.previous_items))}: {escape(record_phrase(record))}")
    return "\n".join(out) + "\n"
