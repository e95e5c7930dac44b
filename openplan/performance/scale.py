"""The council's own status words: which `status_scale` is in force, and what each word means."""

from __future__ import annotations

from typing import Any, Iterable, Mapping


def scale_of(*holders: Any) -> list[dict[str, Any]]:
    """The status words in force: those of the first of ``holders`` (a report, then its plan, then the
    registries) that declares a `status_scale`; a report's own scale overrides its plan's."""
    for holder in holders:
        entries = holder.get("status_scale") if isinstance(holder, Mapping) else None
        if isinstance(entries, list) and entries:
            return [entry for entry in entries if isinstance(entry, dict) and isinstance(entry.get("label"), str)]
    return []


def labels(scale: Iterable[Mapping[str, Any]]) -> list[str]:
    """The labels of a scale, in the order it declares them."""
    return [entry["label"] for entry in scale]


def meaning(stage: str, scale: Iterable[Mapping[str, Any]]) -> tuple[str | None, str | None]:
    """The core status and RAG a council word means, as ``(status, rag)``; ``(None, None)`` for a word the
    scale does not declare. Labels match exactly: the scale is the council's published wording."""
    for entry in scale:
        if entry.get("label") == stage:
            return entry.get("status"), entry.get("rag")
    return None, None
