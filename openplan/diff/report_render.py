"""A progress diff (:class:`~openplan.diff.report_model.ReportDiff`) as text, Markdown or JSON.

The JSON is described by ``schema/output/1.0/progress-diff.schema.json``. Its shape (``diff_version`` "1.0", ``"diff": "progress"``; fields are only ever added)::

    {"diff_version": "1.0", "diff": "progress", "tool": {...}, "same": false, "exit_code": 1,
     "old": SIDE, "new": SIDE, "summary": {"rag": 1, "status": 0, "stage": 0, "percent_complete": 2,
     "revised_due": 1, "slippage": 1, "figures": 3, "started": 0, "stopped": 5, "details": 2},
     "warnings": [...], "details": [{"field", "before", "after"}],
     "updates": [{"item": SUBJECT, "field", "before", "after", "direction", "slippage", "planned_due",
                  "commentary"}],
     "figures": [{"indicator": SUBJECT, "before": FIGURE|null, "after": FIGURE|null}],
     "started": [SUBJECT], "stopped": [SUBJECT]}

    SIDE    = {"kind": "report"|"plan", "path", "id", "title", "plan", "period"}
    SUBJECT = {"kind", "id", "number", "title", "file", "line", "column"}   # kind in the plan's own words
    FIGURE  = {"value", "text", "target", "target_text", "qualifier", "rag", "computed_rag", "trend",
               "computed_trend"}
"""

from __future__ import annotations

import json
from typing import Any, Callable

from ..version import __version__
from .report_model import WORSE, Figure, ReportDiff, UpdateChange, _number

_FIELD_NAMES = {"rag": "RAG", "status": "status", "stage": "stage", "percent_complete": "percent complete",
                "revised_due": "revised due date"}
_QUALIFIERS = {"at-least": "at least ", "at-most": "at most ", "approximately": "about ", "exactly": "exactly "}


def render(diff: ReportDiff, name: str = "text", **_options: Any) -> str:
    renderers: dict[str, Callable[[ReportDiff], str]] = {"text": text, "markdown": markdown, "json": as_json}
    if name not in renderers:
        from .inputs import DiffError

        raise DiffError(f"a progress diff can be shown as {', '.join(renderers)}, not {name!r}")
    return renderers[name](diff)


def as_data(diff: ReportDiff) -> dict[str, Any]:
    return {
        "diff_version": "1.0", "diff": "progress", "tool": {"name": "openplan", "version": __version__},
        "same": diff.same, "exit_code": diff.exit_code, "old": diff.old.to_dict(), "new": diff.new.to_dict(),
        "summary": diff.counts(), "warnings": [warning.to_dict() for warning in diff.warnings],
        "details": [change.to_dict() for change in diff.details],
        "updates": [change.to_dict() for change in diff.updates],
        "figures": [change.to_dict() for change in diff.figures],
        "started": [subject.to_dict() for subject in diff.started],
        "stopped": [subject.to_dict() for subject in diff.stopped],
    }


def as_json(diff: ReportDiff) -> str:
    return json.dumps(as_data(diff), indent=2, ensure_ascii=False) + "\n"


# --- wording shared by text and Markdown ---------------------------------------------------------------------


def _side(side) -> str:
    period = side.period or {}
    when = f", {period.get('text') or period.get('value')}" if period.get("text") or period.get("value") else ""
    return f"{side.kind} {side.id}{when} ({side.path})"


def _value(name: str, value: Any) -> str:
    if value is None:
        return "none"
    if name == "percent_complete":
        return f"{_number(value)}%"
    if name == "revised_due":
        return value.get("text") or str(value.get("value") or "to be confirmed")
    return str(value)


def _update(change: UpdateChange) -> str:
    name = _FIELD_NAMES[change.field]
    line = f"{name} {_value(change.field, change.before)} -> {_value(change.field, change.after)}"
    if change.direction == WORSE:
        line += " (worse)"
    elif change.field == "revised_due" and change.direction:
        line += f" ({change.direction})"
    if change.slippage and change.planned_due:
        line += f"; due in the plan {_value('revised_due', change.planned_due)}"
    return line


def _target(figure: Figure) -> str:
    if figure.target is None:
        return f"target {figure.target_text}" if figure.target_text else "no target"
    return f"target {_QUALIFIERS.get(figure.qualifier or '', '')}{_number(figure.target)}"


def _figure(figure: Figure | None) -> str:
    if figure is None:
        return "not reported"
    parts = [figure.shown, _target(figure)]
    if figure.rag is None and figure.computed_rag:
        parts.append(f"{figure.computed_rag} (from the tolerance)")
    elif figure.rag:
        differs = figure.computed_rag and figure.computed_rag != figure.rag
        parts.append(figure.rag + (f" (the tolerance gives {figure.computed_rag})" if differs else ""))
    trend = figure.trend or figure.computed_trend
    if trend:
        parts.append(trend if figure.trend else f"{trend} (worked out)")
    return ", ".join(parts)


def _sections(diff: ReportDiff) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(heading, [(label, title, line)]) in the order both text and Markdown show them."""
    sections = [
        ("Report details", [(change.field, "", f"{_plain(change.before)} -> {_plain(change.after)}")
                            for change in diff.details]),
        ("RAG moves", [(c.subject.label, c.subject.title, _update(c)) for c in diff.of_field("rag")]),
        ("New slippage", [(c.subject.label, c.subject.title, _update(c)) for c in diff.slippage]),
        ("Status and stage changes", [(c.subject.label, c.subject.title, _update(c))
                                      for c in diff.updates if c.field in ("status", "stage")]),
        ("Percent complete", [(c.subject.label, c.subject.title, _update(c))
                              for c in diff.of_field("percent_complete")]),
        ("Other revised dates", [(c.subject.label, c.subject.title, _update(c))
                                 for c in diff.of_field("revised_due") if not c.slippage]),
        ("Indicators", [(c.subject.label, c.subject.title, f"{_figure(c.before)} -> {_figure(c.after)}")
                        for c in diff.figures]),
        ("No longer reported", [(s.label, s.title, "in the older side, not in the newer") for s in diff.stopped]),
        ("Newly reported", [(s.label, s.title, "") for s in diff.started]),
    ]
    return [(heading, rows) for heading, rows in sections if rows]


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("text") or value.get("value") or value)
    return "none" if value is None else str(value)


def text(diff: ReportDiff) -> str:
    lines = [f"old: {_side(diff.old)}", f"new: {_side(diff.new)}"]
    lines += [f"warning: {warning.message}" for warning in diff.warnings]
    if diff.same:
        return "\n".join(lines + ["The progress is the same."]) + "\n"
    for heading, rows in _sections(diff):
        lines += ["", f"{heading} ({len(rows)})"]
        for label, title, said in rows:
            title = f' "{title}"' if title else ""
            lines.append(f"  {label}{title}" + (f": {said}" if said else ""))
    return "\n".join(lines) + "\n"


def markdown(diff: ReportDiff) -> str:
    lines = [f"**Old:** {_md(_side(diff.old))}  ", f"**New:** {_md(_side(diff.new))}"]
    lines += [f"\n> **Warning:** {_md(warning.message)}" for warning in diff.warnings]
    if diff.same:
        return "\n".join(lines + ["", "The progress is the same."]) + "\n"
    for heading, rows in _sections(diff):
        lines += ["", f"## {heading} ({len(rows)})", "", "| Item | Title | Change |", "| --- | --- | --- |"]
        lines += [f"| {_md(label)} | {_md(title)} | {_md(said)} |" for label, title, said in rows]
    return "\n".join(lines) + "\n"


def _md(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")
