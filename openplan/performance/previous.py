"""The report before this one: the file a progress report names in `previous.path`, read as validation reads the
plan (a relative path inside the project folder, never a web address)."""

from __future__ import annotations

from typing import Any

from ..loader import Document


def previous_report(report: Document) -> dict[str, Any] | None:
    """The data of the previous report ``report`` names, or None when it names none, or the file cannot be read
    or is not a progress report (validation says why)."""
    from ..validation.workspace import Workspace  # validation imports this package's neighbours

    entry = report.data.get("previous") if isinstance(report.data, dict) else None
    target = entry.get("path") if isinstance(entry, dict) else None
    if not isinstance(target, str) or not target:
        return None
    found, _problems = Workspace().load_reference(report, ("previous", "path"), target)
    data = found.data if found is not None else None
    return data if isinstance(data, dict) and data.get("kind") == "report" else None
