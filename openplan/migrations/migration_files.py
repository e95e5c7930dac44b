"""The migration files in ``data/``: read, checked, and chained from one version to another."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..loader import LoadError, load_document

DATA = Path(__file__).resolve().parent / "data"
KINDS = {"rename": ("at", "from", "to"), "move": ("at", "from", "to"), "split": ("at", "from", "pattern", "to"),
         "codes": ("at", "field", "map")}
VERSION = re.compile(r"^([0-9]+)\.([0-9]+)$")


class UpgradeError(Exception):
    """The file cannot be upgraded; the message says why and what to do. Nothing was written."""


@dataclass(frozen=True)
class Migration:
    """One version step: the changes that turn a file of version ``source`` into one of version ``target``."""

    source: str
    target: str
    summary: str
    changes: tuple[dict[str, Any], ...]
    path: Path


def version_key(version: str) -> tuple[int, int]:
    match = VERSION.match(version)
    if not match:
        raise ValueError(version)
    return int(match.group(1)), int(match.group(2))


def _check_change(change: Any, where: str) -> dict[str, Any]:
    if not isinstance(change, dict) or len(change) != 1:
        raise UpgradeError(f"{where}: each change is one of {', '.join(KINDS)} with its fields")
    kind, spec = next(iter(change.items()))
    if kind not in KINDS:
        raise UpgradeError(f'{where}: "{kind}" is not a kind of change; use one of {", ".join(KINDS)}')
    if not isinstance(spec, dict):
        raise UpgradeError(f"{where}: {kind} needs the fields {', '.join(KINDS[kind])}")
    missing = [key for key in KINDS[kind] if key not in spec]
    if missing:
        raise UpgradeError(f"{where}: {kind} is missing {', '.join(missing)}")
    if not isinstance(spec["at"], str) or not spec["at"].startswith("/"):
        raise UpgradeError(f'{where}: "at" must be a path starting with "/", such as /areas/*/objectives/*')
    if kind == "split":
        try:
            pattern = re.compile(spec["pattern"])
        except (re.error, TypeError) as exc:
            raise UpgradeError(f"{where}: the pattern is not a valid regular expression ({exc})") from None
        if not isinstance(spec["to"], dict) or set(spec["to"]) != set(pattern.groupindex):
            raise UpgradeError(f'{where}: "to" must give a path for each named group of the pattern')
    if kind == "codes" and not isinstance(spec["map"], dict):
        raise UpgradeError(f'{where}: "map" must map old codes to new ones')
    return {"kind": kind, **spec}


def load_migrations(folder: Path | None = None) -> dict[str, Migration]:
    """Every migration in ``folder`` (the package's own by default), keyed by the version it starts from."""
    folder = folder or DATA
    found: dict[str, Migration] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = load_document(path).data
        except LoadError as error:
            raise UpgradeError(f"migration {error.finding.location()}: {error.finding.message}") from None
        source, target = data.get("from"), data.get("to")
        if not (isinstance(source, str) and VERSION.match(source) and isinstance(target, str)
                and VERSION.match(target)) or version_key(target) <= version_key(source):
            raise UpgradeError(f'migration {path}: "from" and "to" must be versions such as "1.0" and "2.0", '
                               "from older to newer, written in quotes")
        changes = data.get("changes") or []
        if not isinstance(changes, list):
            raise UpgradeError(f'migration {path}: "changes" must be a list')
        checked = tuple(_check_change(change, f"migration {path}, change {number}")
                        for number, change in enumerate(changes, start=1))
        if source in found:
            raise UpgradeError(f"migrations {found[source].path} and {path} both start from {source}")
        found[source] = Migration(source, target, str(data.get("summary") or ""), checked, path)
    return found


def chain(source: str, target: str, migrations: dict[str, Migration]) -> list[Migration]:
    steps: list[Migration] = []
    current = source
    while current != target:
        step = migrations.get(current)
        if step is None or version_key(step.target) > version_key(target):
            known = ", ".join(sorted(migrations)) or "none yet"
            raise UpgradeError(f"there is no migration from OpenPlan {current} towards {target}; this openplan can "
                               f"upgrade files of versions: {known}. Check the file's `openplan:` line, or upgrade "
                               "it by hand following the changelog")
        steps.append(step)
        current = step.target
    return steps
