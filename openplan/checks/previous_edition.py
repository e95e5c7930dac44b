"""I011 previous-edition-mismatch and I012 unknown-previous-item: an edition's link to the edition before it
names the right file, and its change records name items that file defines.

Validation loads the file named in `edition.previous.path` (see
:mod:`openplan.validation.stages`) and passes both files to :func:`check`.
"""

from __future__ import annotations

from ..index import build
from ..loader import Document
from ..report import Finding
from .base import finding, integrity_rule

PREVIOUS_EDITION = integrity_rule(
    "I011", "previous-edition-mismatch",
    "The file named as the previous edition holds a different plan id than `edition.previous.id` says.",
    "Edition links are how diffs and histories find the draft of a final plan; a wrong link compares the wrong "
    "plans.",
    "Correct `edition.previous.id` or `edition.previous.path`.")
UNKNOWN_PREVIOUS_ITEM = integrity_rule(
    "I012", "unknown-previous-item",
    "An edition change names, in `previous_items`, an id that the previous edition does not define.",
    "Change records are how a reader follows an item from the draft to the final; a wrong id breaks the trail.",
    "Correct the id to one defined in the previous edition's file.")
# Every rule this module declares, listed for the catalogue (openplan/catalogue.py).
RULES = (PREVIOUS_EDITION, UNKNOWN_PREVIOUS_ITEM)

PATH = ("edition", "previous", "path")  # where a plan names the file of its previous edition


def named(document: Document) -> str | None:
    """The path of the previous edition's file, if the document names one."""
    edition = document.data.get("edition")
    previous = edition.get("previous") if isinstance(edition, dict) else None
    if not isinstance(previous, dict) or not isinstance(previous.get("path"), str):
        return None
    return previous["path"]


def check(document: Document, other: Document) -> list[Finding]:
    """``document``'s edition link against ``other``, the loaded file it names as its previous edition."""
    edition = document.data["edition"]
    previous = edition["previous"]
    if other.data.get("id") != previous.get("id"):
        return [finding(PREVIOUS_EDITION, document, ("edition", "previous", "id"),
                        f'the previous edition {previous["path"]} has the id "{other.data.get("id")}", not '
                        f'"{previous.get("id")}"', value=previous.get("id"))]
    known = set(build(other).items)
    findings = []
    changes = edition.get("changes")
    for position, change in enumerate(changes if isinstance(changes, list) else []):
        names = change.get("previous_items") if isinstance(change, dict) else None
        for slot, name in enumerate(names if isinstance(names, list) else []):
            if isinstance(name, str) and name not in known:
                findings.append(finding(
                    UNKNOWN_PREVIOUS_ITEM, document, ("edition", "changes", position, "previous_items", slot),
                    f'"{name}" is not defined in the previous edition {previous["path"]}', value=name))
    return findings
