"""``openplan upgrade``: rewrite a file to the schema version this package reads, keeping comments and layout.

The migrations are data (see :mod:`openplan.migrations`); this module chains them from the version a file
declares to the target version and applies them to a round-trip (ruamel.yaml) copy of the file, so comments,
key order, quoting and indentation survive. Nothing is written unless every step succeeds, and writes are atomic.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import textfile
from ..loader import LoadError, parse
from ..version import SCHEMA_VERSION, SUPPORTED_SCHEMA_VERSIONS
from .changes import apply_change, describe, like
from .layout import dump_round_trip, load_round_trip
from .migration_files import DATA, KINDS, VERSION, Migration, UpgradeError, chain, load_migrations, version_key

__all__ = ["DATA", "KINDS", "Migration", "Upgrade", "UpgradeError", "chain", "load_migrations", "upgrade_file",
           "upgrade_text", "version_key"]


@dataclass
class Upgrade:
    """The outcome of upgrading one file: its text before and after, and what was done."""

    display: str
    before: str
    after: str
    source: str
    target: str
    done: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        return "".join(difflib.unified_diff(self.before.splitlines(keepends=True),
                                            self.after.splitlines(keepends=True),
                                            fromfile=f"{self.display} (OpenPlan {self.source})",
                                            tofile=f"{self.display} (OpenPlan {self.target})"))


def upgrade_text(text: str, display: str = "<input>", *, target: str = SCHEMA_VERSION,
                 migrations: dict[str, Migration] | None = None, as_json: bool = False) -> Upgrade:
    """Upgrade the text of one file to ``target``, through ``migrations`` laid over the shipped ones. Raises
    :class:`UpgradeError`."""
    try:
        document = parse(text, display, json=as_json)  # the safe loader vets the file before ruamel reads it
    except LoadError as error:
        raise UpgradeError(f"{error.finding.location()}: {error.finding.message}") from None
    version = document.data.get("openplan")
    supported = ", ".join(SUPPORTED_SCHEMA_VERSIONS)
    if version is None:
        raise UpgradeError(f"{display} has no `openplan:` line, so upgrade cannot tell which version it was written "
                           f'for. Add `openplan: "X.Y"` at the top with that version (this openplan reads {supported})'
                           ", then run `openplan upgrade` again")
    line, column = document.position(["openplan"])
    where = f"{display}:{line}:{column}"
    if not isinstance(version, str) or not VERSION.match(version):
        raise UpgradeError(f'{where}: the version {version!r} is not written as MAJOR.MINOR in quotes; '
                           f'write for example openplan: "{SCHEMA_VERSION}" and run upgrade again')
    if version_key(version) > version_key(target):
        raise UpgradeError(f"{where}: the file is OpenPlan {version}, newer than this openplan, which reads "
                           f"{supported}. Install a newer openplan (pip install -U openplan); upgrade never "
                           "downgrades a file")
    if version == target:
        return Upgrade(display, text, text, version, target)
    # Migrations given (``--migrations FOLDER``) are laid over the shipped ones: a step they define replaces the
    # shipped step from the same version, and the shipped steps carry the file on to ``target``.
    steps = chain(version, target, {**load_migrations(), **(migrations or {})})
    root = load_round_trip(text, as_json)
    done: list[str] = []
    for step in steps:
        for change in step.changes:
            count = apply_change(root, change, display)
            if count:
                done.append(f"{step.source} → {step.target}: {describe(change, count)}")
    edited = None if done else _set_version(text, line, column, version, target)
    done.append(f"set openplan: {target}")
    if edited is not None:  # only the version changes (an additive step): every other byte is kept
        return Upgrade(display, text, edited, version, target, done)
    root["openplan"] = like(root["openplan"], target)
    return Upgrade(display, text, dump_round_trip(root, text, as_json), version, target, done)


def _set_version(text: str, line: int, column: int, version: str, target: str) -> str | None:
    """The text with the version at ``line``:``column`` (1-based) replaced, keeping its quotes; None when the
    version is not written there as expected."""
    lines = text.splitlines(keepends=True)
    if not 1 <= line <= len(lines):
        return None
    current = lines[line - 1]
    match = re.compile(rf"""(["']?){re.escape(version)}\1""").match(current, column - 1)
    if match is None:
        return None
    quote = match.group(1)
    lines[line - 1] = current[:match.start()] + f"{quote}{target}{quote}" + current[match.end():]
    return "".join(lines)


def upgrade_file(path: str | Path, *, target: str = SCHEMA_VERSION, migrations_folder: Path | None = None,
                 write: bool = True, force: bool = False) -> Upgrade:
    """Upgrade a file in place (atomically), or only compute the upgrade when ``write`` is false.

    The file is written back as it was written: same encoding, byte-order mark and line endings; through a
    symbolic link, to the file it names; in place when it has several names (hard links). A read-only file is
    refused unless ``force``; a file that changed on disk meanwhile is never overwritten. Raises
    :class:`UpgradeError`, :class:`openplan.atomic.WriteRefused` or OSError.
    """
    path = Path(path)
    try:
        file = textfile.read(path, str(path))
    except LoadError as error:
        raise UpgradeError(f"{error.finding.location()}: {error.finding.message}") from None
    migrations = load_migrations(migrations_folder) if migrations_folder else None
    # Lines are worked on with LF endings; the file's own endings are put back when it is written.
    outcome = upgrade_text(file.text.replace("\r\n", "\n"), str(path), target=target, migrations=migrations,
                           as_json=path.suffix.lower() == ".json")
    if write and outcome.changed:
        try:
            file.write(outcome.after, force=force)
        except UnicodeEncodeError as exc:
            raise UpgradeError(f"{path}: the upgraded text holds a character {file.encoding.upper()} cannot "
                               f"store ({exc.object[exc.start:exc.end]!a}); nothing was written") from None
    return outcome
