"""``openplan upgrade``: rewrite a file to the schema version this package reads, keeping comments and layout.

The migrations are data (see :mod:`openplan.migrations`); this module chains them from the version a file
declares to the target version and applies them to a round-trip (ruamel.yaml) copy of the file, so comments,
key order, quoting and indentation survive. Nothing is written unless every step succeeds, and writes are atomic.
"""

from __future__ import annotations

import difflib
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import ScalarString

from .. import textfile
from ..loader import LoadError, load_document, parse
from ..version import SCHEMA_VERSION, SUPPORTED_SCHEMA_VERSIONS

DATA = Path(__file__).resolve().parent / "data"
KINDS = {"rename": ("at", "from", "to"), "move": ("at", "from", "to"), "split": ("at", "from", "pattern", "to"),
         "codes": ("at", "field", "map")}
_VERSION = re.compile(r"^([0-9]+)\.([0-9]+)$")


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


def version_key(version: str) -> tuple[int, int]:
    match = _VERSION.match(version)
    if not match:
        raise ValueError(version)
    return int(match.group(1)), int(match.group(2))


# --- migration files -------------------------------------------------------------


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
        if not (isinstance(source, str) and _VERSION.match(source) and isinstance(target, str)
                and _VERSION.match(target)) or version_key(target) <= version_key(source):
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


# --- applying changes to a round-trip document ------------------------------------------


def _children(node: Any) -> Iterator[Any]:
    if isinstance(node, dict):
        yield from node.values()
    elif isinstance(node, list):
        yield from node


def _select(node: Any, segments: list[str]) -> Iterator[CommentedMap]:
    if not segments:
        if isinstance(node, CommentedMap):
            yield node
        return
    head, rest = segments[0], segments[1:]
    if head == "**":
        yield from _select(node, rest)
        for child in _children(node):
            yield from _select(child, segments)
    elif head == "*":
        for child in _children(node):
            yield from _select(child, rest)
    elif isinstance(node, dict) and head in node:
        yield from _select(node[head], rest)
    elif isinstance(node, list) and head.isdigit() and int(head) < len(node):
        yield from _select(node[int(head)], rest)


def select(root: Any, at: str) -> list[CommentedMap]:
    seen: set[int] = set()
    out = []
    for mapping in _select(root, [part for part in at.split("/") if part]):
        if id(mapping) not in seen:
            seen.add(id(mapping))
            out.append(mapping)
    return out


def _line(mapping: CommentedMap, key: str | None = None) -> int | None:
    try:
        return (mapping.lc.key(key)[0] if key is not None else mapping.lc.line) + 1
    except (AttributeError, KeyError, TypeError):
        return None


def _take(mapping: CommentedMap, key: str) -> tuple[int, Any, Any]:
    """Remove ``key`` from ``mapping``; return its position, value and end-of-line comment."""
    position = list(mapping).index(key)
    comment = mapping.ca.items.pop(key, None)
    value = mapping.pop(key)
    return position, value, comment


def _put(mapping: CommentedMap, key: str, value: Any, position: int | None = None, comment: Any = None) -> None:
    if position is None or position >= len(mapping):
        mapping[key] = value
    else:
        mapping.insert(position, key, value)
    if comment is not None:
        mapping.ca.items[key] = comment


def _set_path(mapping: CommentedMap, path: str, value: Any, position: int | None, comment: Any, where: str) -> None:
    parts = [part for part in path.split("/") if part]
    node = mapping
    for depth, part in enumerate(parts[:-1]):
        child = node.get(part)
        if child is None:
            child = CommentedMap()
            _put(node, part, child, position if depth == 0 else None)
        elif not isinstance(child, CommentedMap):
            raise UpgradeError(f"{where}: cannot put {path} here, {part} is not a mapping")
        node = child
        position = None
    if parts[-1] in node:
        raise UpgradeError(f"{where}: cannot put a value at {path}, which is already there")
    _put(node, parts[-1], value, position, comment)


def _get_path(mapping: CommentedMap, path: str) -> tuple[CommentedMap, str] | None:
    parts = [part for part in path.split("/") if part]
    node: Any = mapping
    for part in parts[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, CommentedMap) and parts[-1] in node:
        return node, parts[-1]
    return None


def _like(original: Any, text: str) -> Any:
    """``text`` written the way ``original`` was (quoted stays quoted)."""
    return type(original)(text) if isinstance(original, ScalarString) else text


def apply_change(root: Any, change: dict[str, Any], display: str) -> int:
    """Apply one change everywhere its ``at`` pattern matches; return how many places changed."""
    kind = change["kind"]
    count = 0
    for mapping in select(root, change["at"]):
        where = f"{display}:{_line(mapping) or '?'}"
        if kind == "rename":
            if change["from"] not in mapping:
                continue
            if change["to"] in mapping:
                raise UpgradeError(f"{display}:{_line(mapping, change['from'])}: cannot rename {change['from']} to "
                                   f"{change['to']}: both are present; keep one and run upgrade again")
            position, value, comment = _take(mapping, change["from"])
            _put(mapping, change["to"], value, position, comment)
        elif kind == "move":
            found = _get_path(mapping, change["from"])
            if found is None:
                continue
            holder, key = found
            position, value, comment = _take(holder, key)
            _set_path(mapping, change["to"], value, position if holder is mapping else None, comment, where)
        elif kind == "split":
            found = _get_path(mapping, change["from"])
            if found is None:
                continue
            holder, key = found
            value = holder[key]
            if not isinstance(value, str):
                continue  # already in its new, structured form
            match = re.fullmatch(change["pattern"], value)
            if match is None:
                raise UpgradeError(f"{display}:{_line(holder, key)}: cannot split {key} {value!r}: it does not have "
                                   f"the form {change['pattern']}; write it in the new form by hand and run upgrade "
                                   "again")
            position, _, comment = _take(holder, key)
            for group, target in change["to"].items():
                _set_path(mapping, target, _like(value, match.group(group)), position if holder is mapping else None,
                          comment, where)
                comment = None
        else:  # codes
            value = mapping.get(change["field"])
            codes = change["map"]
            if isinstance(value, str) and value in codes:
                mapping[change["field"]] = _like(value, codes[value])
            elif isinstance(value, CommentedSeq) and any(isinstance(v, str) and v in codes for v in value):
                for position, entry in enumerate(value):
                    if isinstance(entry, str) and entry in codes:
                        value[position] = _like(entry, codes[entry])
            else:
                continue
        count += 1
    return count


def describe(change: dict[str, Any], count: int) -> str:
    kind = change["kind"]
    places = f"{count} place{'s' if count != 1 else ''}"
    if kind == "rename":
        return f"renamed {change['from']} to {change['to']} at {change['at']} ({places})"
    if kind == "move":
        return f"moved {change['from']} to {change['to']} at {change['at']} ({places})"
    if kind == "split":
        return f"split {change['from']} into {', '.join(change['to'].values())} at {change['at']} ({places})"
    return f"mapped codes of {change['field']} at {change['at']} ({places})"


# --- reading and writing with the file's own layout -------------------------------------------


def _indentation(text: str) -> tuple[int, int, int]:
    """The mapping indent, sequence indent and dash offset the file already uses."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    mapping: Counter[int] = Counter()
    offset: Counter[int] = Counter()
    for current, following in zip(lines, lines[1:]):
        stripped = current.rstrip()
        if not stripped.endswith(":") or stripped.lstrip().startswith("- "):
            continue
        outer = len(current) - len(current.lstrip())
        inner = len(following) - len(following.lstrip())
        if following.lstrip().startswith("- "):
            if inner >= outer:
                offset[inner - outer] += 1
        elif inner > outer:
            mapping[inner - outer] += 1
    step = mapping.most_common(1)[0][0] if mapping else 2
    dash = offset.most_common(1)[0][0] if offset else 2
    return step, dash + 2, dash


def _yaml(text: str) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a line the author wrote
    mapping, sequence, offset = _indentation(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.explicit_start = text.lstrip().startswith("---")
    return yaml


# Characters JSON may hold unescaped that many readers take for line breaks or controls: written escaped.
_ESCAPE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029]")


def _commented(value: Any) -> Any:
    """Plain JSON data as the round-trip types the changes work on."""
    if isinstance(value, dict):
        return CommentedMap((key, _commented(item)) for key, item in value.items())
    if isinstance(value, list):
        return CommentedSeq(_commented(item) for item in value)
    return value


def _load(text: str, as_json: bool) -> Any:
    if as_json:  # the json module reads escapes exactly (surrogate pairs, \u2028), as YAML's reader does not
        return _commented(json.loads(text))
    return _yaml(text).load(text)


def _dump(root: Any, text: str, as_json: bool) -> str:
    if as_json:
        indent = next((len(line) - len(line.lstrip()) for line in text.splitlines()[1:] if line.startswith(" ")), 2)
        dumped = json.dumps(root, indent=indent, ensure_ascii=False) + "\n"
        return _ESCAPE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)
    stream = io.StringIO()
    _yaml(text).dump(root, stream)
    return stream.getvalue()


def upgrade_text(text: str, display: str = "<input>", *, target: str = SCHEMA_VERSION,
                 migrations: dict[str, Migration] | None = None, as_json: bool = False) -> Upgrade:
    """Upgrade the text of one file to ``target``. Raises :class:`UpgradeError`."""
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
    if not isinstance(version, str) or not _VERSION.match(version):
        raise UpgradeError(f'{where}: the version {version!r} is not written as MAJOR.MINOR in quotes; '
                           f'write for example openplan: "{SCHEMA_VERSION}" and run upgrade again')
    if version_key(version) > version_key(target):
        raise UpgradeError(f"{where}: the file is OpenPlan {version}, newer than this openplan, which reads "
                           f"{supported}. Install a newer openplan (pip install -U openplan); upgrade never "
                           "downgrades a file")
    if version == target:
        return Upgrade(display, text, text, version, target)
    steps = chain(version, target, load_migrations() if migrations is None else migrations)
    root = _load(text, as_json)
    done: list[str] = []
    for step in steps:
        for change in step.changes:
            count = apply_change(root, change, display)
            if count:
                done.append(f"{step.source} → {step.target}: {describe(change, count)}")
    root["openplan"] = _like(root["openplan"], target)
    done.append(f"set openplan: {target}")
    return Upgrade(display, text, _dump(root, text, as_json), version, target, done)


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
