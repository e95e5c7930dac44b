"""The four kinds of change a migration makes (rename, move, split, codes), applied to a round-trip
(ruamel.yaml) copy of a file so that comments, key order and quoting survive."""

from __future__ import annotations

import re
from typing import Any, Iterator

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import ScalarString

from ..wording import counted
from .migration_files import UpgradeError


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


def like(original: Any, text: str) -> Any:
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
                _set_path(mapping, target, like(value, match.group(group)), position if holder is mapping else None,
                          comment, where)
                comment = None
        else:  # codes
            value = mapping.get(change["field"])
            codes = change["map"]
            if isinstance(value, str) and value in codes:
                mapping[change["field"]] = like(value, codes[value])
            elif isinstance(value, CommentedSeq) and any(isinstance(v, str) and v in codes for v in value):
                for position, entry in enumerate(value):
                    if isinstance(entry, str) and entry in codes:
                        value[position] = like(entry, codes[entry])
            else:
                continue
        count += 1
    return count


def describe(change: dict[str, Any], count: int) -> str:
    kind = change["kind"]
    places = counted(count, "place")
    if kind == "rename":
        return f"renamed {change['from']} to {change['to']} at {change['at']} ({places})"
    if kind == "move":
        return f"moved {change['from']} to {change['to']} at {change['at']} ({places})"
    if kind == "split":
        return f"split {change['from']} into {', '.join(change['to'].values())} at {change['at']} ({places})"
    return f"mapped codes of {change['field']} at {change['at']} ({places})"
