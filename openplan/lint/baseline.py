"""A baseline: findings a team has accepted, so that only new findings fail.

A team adopting the linter on an existing plan writes a baseline once
(``openplan lint --write-baseline FILE``) and commits it; from then on the
findings it lists are reported as accepted, not as failures.

The file is JSON Lines: a header, then one accepted finding per line, so a
diff shows exactly which findings were accepted or cleared::

    {"format": "openplan-lint-baseline", "version": 1}
    {"document": "plan.example", "code": "W501", "item": "out.x", "pointer": "/text", "value": "LOTI", "reason": "..."}

An entry is keyed on the id of the plan, the rule code, the id of the
nearest item, the JSON pointer *within* that item and the value the finding
is about, never on line numbers, so it survives edits elsewhere in the file,
moves of the item within the plan, and copying the plan to another folder.
Every entry carries a reason. When the baseline is written again, the
reasons of entries that still match are kept.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, NamedTuple

from ..atomic import write_atomic
from ..loader import FILE_NOT_FOUND, LoadError, decode, read_limited

FORMAT = "openplan-lint-baseline"
VERSION = 1
DEFAULT_REASON = "existing finding, accepted when the baseline was written"
_FIELDS = ("document", "code", "item", "pointer", "value")


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names the file and line."""


class Key(NamedTuple):
    """What identifies a finding across edits: no line numbers."""

    document: str
    code: str
    item: str
    pointer: str
    value: str

    def fingerprint(self) -> str:
        """A short, stable hash of the key: the same finding gets the same fingerprint in every run."""
        text = "\x1f".join((self.document, self.code, self.item, self.pointer, self.value))
        return hashlib.blake2b(text.encode("utf-8"), digest_size=10).hexdigest()


@dataclass
class Baseline:
    path: Path
    entries: list[tuple[Key, str]]

    def counts(self) -> Counter:
        return Counter(key for key, _ in self.entries)

    def reasons(self) -> dict[Key, str]:
        return {key: reason for key, reason in self.entries}


def read(path: Path) -> Baseline:
    try:  # bounded, regular files only: a baseline linked to /dev/zero or a named pipe is refused
        text = decode(read_limited(path, str(path)), str(path))
    except LoadError as error:
        if error.finding.code == FILE_NOT_FOUND.code:
            raise BaselineError(f"{path}: no such baseline file (write one with --write-baseline)") from None
        raise BaselineError(f"{error.finding.location()}: cannot be read: {error.finding.message}") from None
    lines = text.splitlines()
    entries: list[tuple[Key, str]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BaselineError(f"{path}:{number}: not a JSON line: {exc.msg}") from None
        if not isinstance(data, dict):
            raise BaselineError(f"{path}:{number}: each line must be a JSON object")
        if number == 1 or "format" in data:
            if data.get("format") != FORMAT:
                raise BaselineError(f"{path}:{number}: not an OpenPlan lint baseline (the first line must be "
                                    f'{{"format": "{FORMAT}", "version": {VERSION}}})')
            if data.get("version") != VERSION:
                raise BaselineError(f"{path}:{number}: baseline version {data.get('version')!r} is not supported")
            continue
        missing = [name for name in ("code", "reason") if not isinstance(data.get(name), str) or not data[name]]
        if missing:
            raise BaselineError(f"{path}:{number}: the entry has no {missing[0]}")
        entries.append((Key(*(str(data.get(name) or "") for name in _FIELDS)), data["reason"]))
    return Baseline(path, entries)


def render(keys: Iterable[Key], reasons: dict[Key, str], reason: str | None = None) -> str:
    rows = [json.dumps({"format": FORMAT, "version": VERSION})]
    for key in sorted(keys, key=lambda k: (k.document, k.code, k.item, k.pointer, k.value)):
        entry = {name: getattr(key, name) for name in _FIELDS}
        entry["reason"] = reasons.get(key) or reason or DEFAULT_REASON
        rows.append(json.dumps(entry, ensure_ascii=False))
    return "\n".join(rows) + "\n"


def write(path: Path, keys: list[Key], previous: Baseline | None, reason: str | None = None, *,
          protect: Iterable[Path] = (), force: bool = False) -> int:
    """Write the baseline atomically, keeping the reasons of entries that were already there; never over one of
    ``protect`` (the files the run read)."""
    write_atomic(path, render(keys, previous.reasons() if previous else {}, reason), protect=protect, force=force)
    return len(keys)
