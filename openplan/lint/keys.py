"""Baseline keys, and the baseline applied to a run's findings.

A finding's key names its document by id and its place by item id and a pointer within the item, so it
survives edits elsewhere in the file; its fingerprint is stamped on the finding for every report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from ..loader import to_pointer
from ..report import Finding, sort_key
from ..rules import Severity
from .baseline import Baseline, Key, read as read_baseline
from .registry import validation_rules
from .result import LintResult


def locator(result: LintResult, indexes: list[Any]) -> Callable[[str, str], tuple[str, str | None]]:
    """A function giving, for a file and an item id, the file's document id and the item's JSON pointer."""
    cache: dict[tuple[str, str], str | None] = {}
    idents: dict[str, str] = {}
    # Only the indexes that hold a file can place its items; searching all of them for each finding grew with
    # the square of the number of files.
    holding: dict[str, list[Any]] = {}
    for index in indexes:
        for document in dict.fromkeys(document.path for document in index.documents):
            holding.setdefault(document, []).append(index)

    def locate(file: str, item: str) -> tuple[str, str | None]:
        ident = idents.get(file)
        if ident is None:
            document = result.documents.get(file)
            ident = document.data.get("id") if document is not None and isinstance(document.data, dict) else None
            ident = idents[file] = ident if isinstance(ident, str) else file
        if (file, item) not in cache:
            cache[file, item] = None
            for index in holding.get(file, ()):
                found = index.items.get(item)
                if found is not None and found.document.path == file:
                    cache[file, item] = to_pointer(found.parts)
                    break
        return ident, cache[file, item]

    return locate


def key(locate, finding: Finding) -> Key:
    """The finding's baseline key: its document's id, code, item, pointer within the item, and value."""
    document, base = locate(finding.file or "", finding.item or "")
    pointer = finding.pointer
    if base is not None and (pointer == base or pointer.startswith(base + "/")):
        pointer = pointer[len(base):]
    value = ""
    if finding.has_value and isinstance(finding.value, (str, int, float)) and not isinstance(finding.value, bool):
        value = str(finding.value)[:120]
    return Key(document, finding.code, finding.item or "", pointer, value)


def apply(result: LintResult, kept: list[Finding], locate, path: Path | None, use: bool,
          linted_files: list[str]) -> None:
    """Stamp fingerprints, record what --write-baseline would accept, and set aside what the baseline accepts.

    ``path`` is the baseline to read (None: none); ``linted_files`` the files of the run, whose stale entries
    are counted.
    """
    validation = validation_rules()
    keyed: list[tuple[Finding, Key]] = []
    for finding in kept:
        found = key(locate, finding)
        keyed.append((stamped(finding, found.fingerprint()), found))
    result.suppressed = [(stamped(finding, key(locate, finding).fingerprint()), reason)
                         for finding, reason in result.suppressed]
    result.accepted = [(finding, found) for finding, found in keyed if suppressible(finding, validation)]

    baseline: Baseline | None = read_baseline(path) if (path is not None and use) else None
    result.baseline_path = path
    if baseline is None:
        result.findings = [finding for finding, _ in keyed]
        return
    remaining = baseline.counts()
    reasons = baseline.reasons()
    for finding, found in sorted(keyed, key=lambda pair: sort_key(pair[0])):
        if suppressible(finding, validation) and remaining[found] > 0:
            remaining[found] -= 1
            result.baselined.append((finding, reasons[found]))
        else:
            result.findings.append(finding)
    linted = {locate(file, "")[0] for file in linted_files}
    result.stale = sum(count for entry, count in remaining.items() if count > 0 and entry.document in linted)


def stamped(finding: Finding, fingerprint: str) -> Finding:
    """A copy of the finding with its fingerprint, made directly since a run stamps every finding."""
    copy = object.__new__(Finding)
    copy.__dict__.update(finding.__dict__, fingerprint=fingerprint)
    return copy


def suppressible(finding: Finding, validation: dict | None = None) -> bool:
    """Whether an inline suppression or the baseline may silence the finding: not a note on suppressions or
    on the run (X9…), and not a validation error."""
    if finding.code.startswith("X9"):
        return False
    rule = (validation if validation is not None else validation_rules()).get(finding.code)
    return rule is None or finding.severity is not Severity.ERROR
