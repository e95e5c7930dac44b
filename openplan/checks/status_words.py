"""I043 unknown-stage: a `stage` is one of the council's declared status words.

A plan or registry declares its status words in `status_scale`, each mapped to a core status and RAG, so
that tools can add them up; a progress report may declare its own scale, which overrides the plan's. Every
`stage` of a report's updates, and of the progress updates inside a plan, must be a label of the scale in
force. When no scale is declared, stages are not checked.
"""

from __future__ import annotations

import difflib

from ..performance.scale import labels, scale_of
from .base import finding, integrity_rule

RULE = integrity_rule(
    "I043", "unknown-stage",
    "A `stage` is not one of the labels of the `status_scale` in force.",
    "A status word that is not on the scale cannot be mapped to a status or RAG, so it drops out of every count.",
    "Write the label exactly as the scale declares it (the message suggests the closest), or add the word to "
    "`status_scale` with the status and RAG it means.")


def _stages(index):
    """(where, stage) for each `stage` the file writes."""
    if index.data.get("kind") == "report":
        entries = index.data.get("updates")
        for position, entry in enumerate(entries if isinstance(entries, list) else ()):
            if isinstance(entry, dict) and isinstance(entry.get("stage"), str):
                yield ("updates", position, "stage"), entry["stage"]
    for node in index.nodes_of("ProgressUpdate"):
        if isinstance(node.data.get("stage"), str):
            yield node.parts + ("stage",), node.data["stage"]


def check(index):
    scale = labels(scale_of(*index.declarations()))
    if not scale:
        return
    for parts, stage in _stages(index):
        if stage in scale:
            continue
        close = difflib.get_close_matches(stage, scale, n=1, cutoff=0.6)
        yield finding(RULE, index.main, parts,
                      f'the stage "{stage}" is not on the status scale ({", ".join(scale)})'
                      + (f'; did you mean "{close[0]}"?' if close else ""), value=stage)
