"""Writing registry entries back into a registry file, in place: the rest of the file stays as it was written.

Each changed entry replaces the text of the old entry, written on one line in flow style; a new entry is added
after the last entry of its list. The new text is read back and must hold exactly the old data with the
entries changed, or nothing is written; the file keeps its encoding and line endings.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, SequenceNode


class CannotWrite(Exception):
    """Why the entries cannot be written into this file."""


def _child(node: Any, key: str) -> Any:
    if isinstance(node, MappingNode):
        return next((value for name, value in node.value if name.value == key), None)
    return None


def _end(text: str, node: Any) -> int:
    end = node.end_mark.index
    while end > node.start_mark.index and text[end - 1] in "\r\n \t":
        end -= 1
    return end


def write_entries(path: Path, document, changed: list[tuple[str, int | None, dict[str, Any]]]) -> None:
    from .. import textfile
    from ..atomic import WriteRefused
    from ..lint.fixes import CannotFix, render
    from ..loader import LoadError, parse

    if path.suffix.lower() == ".json" or document.node is None:
        raise CannotWrite("only YAML registry files are written back")
    try:
        file = textfile.read(path)
    except LoadError as problem:
        raise CannotWrite(problem.finding.message) from None
    text = file.text
    if text != document.text and text.lstrip("\ufeff") != document.text:
        raise CannotWrite("the file changed while it was read")
    splices: list[tuple[int, int, str]] = []
    expected = copy.deepcopy(document.data)
    newline = "\r\n" if "\r\n" in text else "\n"
    for name, position, entry in changed:
        try:
            line = render(entry)
        except CannotFix as problem:
            raise CannotWrite(str(problem)) from None
        sequence = _child(document.node, name)
        if sequence is not None and not isinstance(sequence, SequenceNode):
            raise CannotWrite(f'"{name}" is not a list')
        if position is not None:
            node = sequence.value[position]
            splices.append((node.start_mark.index, _end(text, node), line))
            expected[name][position] = entry
        elif sequence is None:
            at = len(text)
            lead = "" if not text or text.endswith("\n") else newline
            splices.append((at, at, f"{lead}{name}:{newline}  - {line}{newline}"))
            expected[name] = [entry]
        else:
            if sequence.flow_style or not sequence.value:
                raise CannotWrite(f'the list "{name}" is written on one line')
            last = sequence.value[-1]
            at = _end(text, last)
            indent = " " * (last.start_mark.column - 2)
            splices.append((at, at, f"{newline}{indent}- {line}"))
            expected.setdefault(name, []).append(entry)
    for start, end, new in sorted(splices, reverse=True):
        text = text[:start] + new + text[end:]
    try:
        check = parse(text, str(path))
    except LoadError as problem:
        raise CannotWrite(f"the file would not read back ({problem.finding.message})") from None
    if check.data != expected:
        raise CannotWrite("the file would not read back as the same data with the entries changed")
    from ..rules import Severity
    from ..validation import Validator

    check.resolved = path.resolve()
    problems = [f for f in Validator().structural(check) if f.severity is Severity.ERROR]
    if problems:  # a shared file is never left invalid
        where = f" (line {problems[0].line})" if problems[0].line else ""
        raise CannotWrite(f"the file would not be valid{where}: {problems[0].message}")
    try:
        file.write(text)
    except (WriteRefused, OSError) as problem:
        raise CannotWrite(str(problem)) from None
