"""Read what an action table's Lead and Due columns say: owners from the registries, due dates from their wording.

A due date keeps its published wording beside the value read from it ("by March 2026" is ``../2026-03``,
"Q3 2025/26" is ``FY2025-Q3``, "ongoing" runs through the plan's period); a lead is matched by name, title or
abbreviation against the registries given with ``--registry`` or found beside the draft. Every value read this
way is a guess, so the field joins the item's ``draft:guessed``. What cannot be read stays as published in
``draft:lead`` or ``draft:due`` and is listed in the import report, for an officer to settle.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterator

from ..dates import Span
from ..lint.datewords import read as read_date
from .draft import GUESSED

LEAD = "draft:lead"
DUE = "draft:due"
MAX_REGISTRY_FILES = 50  # files looked at beside the draft; a registry folder holds a handful
_ONGOING = re.compile(r"^(?:on-?going|continuous(?:ly)?|throughout(?: the year)?|all year(?: round)?)$",
                      re.IGNORECASE)
# Wording at the end of a list item that says when it is due: "... (by March 2026)." or "... by Q3 2025/26."
_TRAILING = re.compile(r"(?:\(([^()]{2,40})\)|\b(by\s+(?:the\s+end\s+of\s+)?[A-Za-z0-9/ ]{3,25}))\s*\.?$")
_SPLIT = re.compile(r"\s*(?:[,;/&+]|\band\b|\bwith\b)\s*", re.IGNORECASE)


def _words(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text.replace("'", ""))
    return " ".join(word for word in words if word != "the")


@dataclass
class Owners:
    """Names, titles and abbreviations in the registries, each pointing at its entry's id and its file."""

    names: dict[str, tuple[str, Path]] = field(default_factory=dict)
    ids: dict[str, Path] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    used: set[Path] = field(default_factory=set)

    def add(self, path: Path, data: dict[str, Any]) -> None:
        self.files.append(path)
        for kind, keys in (("organisations", ("name", "abbreviation")), ("bodies", ("name", "abbreviation")),
                           ("posts", ("title",)), ("people", ("name",))):
            entries = data.get(kind)
            for entry in entries if isinstance(entries, list) else []:
                if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                    continue
                self.ids.setdefault(entry["id"], path)
                for key in keys:
                    if isinstance(entry.get(key), str) and _words(entry[key]):
                        self.names.setdefault(_words(entry[key]), (entry["id"], path))

    def organisation(self, ident: str, name: str) -> str | None:
        """The registry's id for the plan's own organisation, known by its id or its name."""
        hit = (ident, self.ids[ident]) if ident in self.ids else self.names.get(_words(name))
        if hit is None or not hit[0].startswith("org"):
            return None
        self.used.add(hit[1])
        return hit[0]

    def match(self, text: str) -> tuple[list[str], list[str]]:
        """The ids a lead names, and the names in it that match nothing."""
        whole = self.names.get(_words(text))
        if whole:
            self.used.add(whole[1])
            return [whole[0]], []
        found, missing = [], []
        for part in (part for part in _SPLIT.split(text) if _words(part)):
            hit = self.names.get(_words(part))
            if hit:
                self.used.add(hit[1])
                if hit[0] not in found:
                    found.append(hit[0])
            else:
                missing.append(part.strip())
        return found, missing if found else [text]


def registry_files(given: list[Path] | None, beside: Path | None) -> list[Path]:
    """The registries to match owners against: those given, else the registry files in the draft's folder."""
    if given:
        return list(given)
    if beside is None or not beside.is_dir():
        return []
    candidates = sorted(path for path in beside.iterdir() if path.suffix.lower() in (".yaml", ".yml", ".json"))
    return candidates[:MAX_REGISTRY_FILES]


class NotARegistry(Exception):
    """A file named as a registry is not one."""


def load_owners(paths: list[Path], *, required: bool) -> Owners:
    """Read the registries. A file named with --registry that cannot be read raises (LoadError, or
    NotARegistry); a file merely found beside the draft is skipped if it is not a readable registry."""
    from ..loader import LoadError, load_document

    owners = Owners()
    for path in paths:
        try:
            data = load_document(path).data
        except LoadError:
            if required:
                raise
            continue
        if isinstance(data, dict) and data.get("kind") == "registry":
            owners.add(path, data)
        elif required:
            raise NotARegistry(f"{path}: this is not a registry file (it has no `kind: registry`)")
    return owners


def _plan_value(period: dict[str, str]) -> str:
    start, end = period["start"], period["end"]
    if start.endswith("-04-01") and end == f"{int(start[:4]) + 1}-03-31":
        return f"FY{start[:4]}"
    return f"{start}/{end}"


def read_due(text: str, period: dict[str, str], calendar: str) -> dict[str, Any] | None:
    """A due date from its wording, the wording kept; None when the wording is not understood."""
    if _ONGOING.match(text.strip(" .")):
        return {"text": text, "value": _plan_value(period), "recurrence": "ongoing"}
    span = Span(date.fromisoformat(period["start"]), date.fromisoformat(period["end"]))
    reading = read_date(text, calendar, span)  # the span reads "during this year"
    if reading is None:
        return None
    if reading.tbc:
        return {"text": text, "tbc": True}
    return {"text": text, "value": reading.value} if reading.value else None


def _outputs(areas: list[dict]) -> Iterator[dict]:
    for area in areas:
        for objective in area.get("objectives", []):
            yield from objective.get("outputs", [])


@dataclass
class Enriched:
    """What reading leads and due dates found: for the import report."""

    owners_matched: int = 0
    unmatched: list[str] = field(default_factory=list)  # lead names found in no registry
    undated: list[str] = field(default_factory=list)  # due wording not understood
    dated: int = 0
    registries: list[Path] = field(default_factory=list)  # those that matched an owner
    searched: list[Path] = field(default_factory=list)  # every registry read

    def report(self, target: Path | None) -> list[str]:
        lines = []
        if self.dated:
            lines.append(f"{self.dated} due dates read from their wording (marked draft:guessed).")
        if self.undated:
            lines.append("Due dates not understood, kept as published in draft:due: "
                         + "; ".join(dict.fromkeys(self.undated)) + ".")
        if self.owners_matched:
            lines.append(f"{self.owners_matched} owners matched in "
                         + ", ".join(path.name for path in self.registries) + " (marked draft:guessed).")
        if self.unmatched:
            where = (", ".join(path.name for path in self.searched) if self.searched else
                     "any registry (none was found beside the draft; name one with --registry)")
            lines.append(f"Owners not found in {where}, kept as published in draft:lead: "
                         + "; ".join(dict.fromkeys(self.unmatched)) + ".")
        return lines


def enrich(areas: list[dict], period: dict[str, str], calendar: str, owners: Owners | None) -> Enriched:
    """Read each output's draft:due and draft:lead (and a due date at the end of its text) into due and owners."""
    found = Enriched()
    for output in _outputs(areas):
        wording = output.get(DUE)
        from_text = False
        if wording is None and "due" not in output:
            match = _TRAILING.search(output.get("text", ""))
            wording, from_text = (match.group(1) or match.group(2), True) if match else (None, False)
        if wording is not None:
            due = read_due(wording, period, calendar)
            if due is not None:
                output["due"] = due
                output.pop(DUE, None)
                output[GUESSED].append("due")
                found.dated += 1
            elif not from_text:
                found.undated.append(wording)
        lead = output.get(LEAD)
        if lead:
            ids, missing = owners.match(lead) if owners is not None else ([], [lead])
            if ids:
                output["owners"] = [{"ref": ident, "role": "lead" if n == 0 else "co-lead"}
                                    for n, ident in enumerate(ids)]
                output[GUESSED].append("owners")
                found.owners_matched += len(ids)
                if not missing:
                    output.pop(LEAD)
            found.unmatched.extend(missing)
    if owners is not None:
        found.registries = [path for path in owners.files if path in owners.used]
        found.searched = list(owners.files)
    return found


def registry_paths(used: list[Path], target: Path | None) -> list[str]:
    """How the draft names the registries it uses: relative to its own folder."""
    folder = (target.resolve().parent if target is not None else Path.cwd())
    return [Path(os.path.relpath(path.resolve(), folder)).as_posix() for path in used]
