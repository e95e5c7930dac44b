"""The registry entries a workbook carries (its Registry data sheet), placed when the workbook is imported.

A workbook exported from a plan carries the entries of the shared registry files that the plan uses, so it is
complete on its own. On import, for each registry file the carried entries come from:

* the file is found where the plan names it (beside the workbook): the file is used. A carried entry that
  differs from the file's is reported (V015) and the file wins, unless the import asks to write registries
  back: then the entry is written into the file, in place, and each change is reported (V016);
* the file is not found: the carried entries are written into the plan's own lists, the file's name is taken
  out of ``registries``, and that is reported (V014). The plan then validates wherever it is written.

The previous edition's path is treated the same way: when its file is not beside the workbook, the path is left
out (the id still names the edition) and that is reported (V018). So is a parent plan's path (V019); an entry
of ``parents`` without an id keeps its path, the only thing naming its plan, and validation says what is wrong.

Nothing here prints; every outcome is a finding.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from ..report import Finding
from . import errors as rules
from .errors import error

Carried = dict[str, dict[str, list[dict[str, Any]]]]  # registry file -> list name -> entries


def place(data: dict[str, Any], carried: Carried, display: str, base: Path, *, write: bool = False
          ) -> tuple[dict[str, Any], list[Finding]]:
    """The plan with carried entries placed, and what happened, as findings."""
    data = dict(data)
    named = [name for name in data.get("registries", []) if isinstance(name, str)]
    notes: list[Finding] = []
    missing = []
    for label, lists in carried.items():
        path = base / label
        if path.is_file():
            notes.extend(_compare(path, label, lists, display, write))
        else:
            missing.append(label)
    for label in missing:
        lists = carried[label]
        added = 0
        for name, entries in lists.items():
            own = data.setdefault(name, [])
            if not isinstance(own, list):
                continue
            own = data[name] = list(own)
            present = {entry.get("id") for entry in own if isinstance(entry, dict)}
            for entry in entries:
                if entry.get("id") not in present:
                    own.append(copy.deepcopy(entry))
                    added += 1
        notes.append(error(rules.REGISTRY_INLINED, f'the registry file "{label}" that the plan names was not found '
                           f"beside the workbook, so the {added} registry entries the plan uses from it, which the "
                           "workbook carries, were written into the plan itself", display))
    for name in named:
        if name not in carried and not (base / name).is_file():  # the plan uses nothing from it
            missing.append(name)
            notes.append(error(rules.REGISTRY_INLINED, f'the registry file "{name}" that the plan names was not '
                               "found beside the workbook; the plan uses none of its entries, so it is no longer "
                               "named under registries", display))
    if missing and named:
        kept = [name for name in data["registries"] if name not in missing]
        if kept:
            data["registries"] = kept
        else:
            del data["registries"]
    data, note = _previous_edition(data, display, base)
    data, lost = _parent_plans(data, display, base)
    return data, notes + note + lost


def _previous_edition(data: dict[str, Any], display: str, base: Path) -> tuple[dict[str, Any], list[Finding]]:
    """Leave out the previous edition's path when its file is not beside the workbook: the id still names it."""
    edition = data.get("edition")
    previous = edition.get("previous") if isinstance(edition, dict) else None
    path = previous.get("path") if isinstance(previous, dict) else None
    if not isinstance(path, str) or (base / path).is_file():
        return data, []
    previous = {key: value for key, value in previous.items() if key != "path"}
    data = {**data, "edition": {**edition, "previous": previous}}
    return data, [error(rules.PREVIOUS_NOT_BESIDE, f'the previous edition "{path}" that the plan names was not '
                        f'found beside the workbook, so its path was left out; it is still named by its id '
                        f'"{previous.get("id")}"', display)]


def _parent_plans(data: dict[str, Any], display: str, base: Path) -> tuple[dict[str, Any], list[Finding]]:
    """Leave out each parent plan's path whose file is not beside the workbook, where an id still names the plan."""
    entries = data.get("parents")
    if not isinstance(entries, list):
        return data, []
    kept, notes = [], []
    for entry in entries:
        path = entry.get("path") if isinstance(entry, dict) else None
        ident = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(path, str) or not isinstance(ident, str) or (base / path).is_file():
            kept.append(entry)
            continue
        kept.append({key: value for key, value in entry.items() if key != "path"})
        notes.append(error(rules.PARENT_NOT_BESIDE, f'the parent plan "{path}" that the plan names was not found '
                           f'beside the workbook, so its path was left out; it is still named by its id "{ident}", '
                           "but any serves links into it are no longer checked", display))
    return ({**data, "parents": kept} if notes else data), notes


def _compare(path: Path, label: str, lists: dict[str, list[dict[str, Any]]], display: str, write: bool
             ) -> list[Finding]:
    from ..loader import LoadError, load_document

    try:
        document = load_document(path, label)
    except LoadError:
        return []  # the file's own problems are reported when the plan is validated with it
    changed: list[tuple[str, int | None, dict[str, Any]]] = []  # (list, position in the file or None, entry)
    for name, entries in lists.items():
        own = document.data.get(name)
        own = own if isinstance(own, list) else []
        positions = {entry.get("id"): n for n, entry in enumerate(own) if isinstance(entry, dict)}
        for entry in entries:
            position = positions.get(entry.get("id"))
            if position is None or own[position] != entry:
                changed.append((name, position, entry))
    if not changed:
        return []
    if not write:
        return [error(rules.REGISTRY_DIFFERS, f'the Registry data sheet has an entry "{entry.get("id", "?")}" ({name}) '
                      + (f'that "{label}" does not have' if position is None else f'that differs from the one in '
                         f'"{label}"') + ": the file is used, unchanged", display)
                for name, position, entry in changed]
    from .registry_writer import CannotWrite, write_entries

    try:
        write_entries(path, document, changed)
    except CannotWrite as problem:
        return [error(rules.REGISTRY_DIFFERS, f'the registry entries changed on the Registry data sheet were not '
                      f'written to "{label}": {problem}; the file is used, unchanged', display,
                      hint="Correct the entry on the Registry data sheet as the message says, or make the change in "
                           "the registry file itself, and import again.")]
    return [error(rules.REGISTRY_UPDATED, f'"{label}": {_what(entry, position)} was written from the workbook\'s '
                  f"Registry data sheet ({name})", display) for name, position, entry in changed]


def _what(entry: dict[str, Any], position: int | None) -> str:
    ident = entry.get("id", "?")
    return f'the new entry "{ident}"' if position is None else f'the entry "{ident}"'
