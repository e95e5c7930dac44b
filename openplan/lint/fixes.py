"""``openplan lint --fix`` and ``--diff``: apply the fixes findings carry, keeping the file as written.

Each fix is a list of edits named by path (:mod:`openplan.lint.edits`). They
are spliced into the original text at the positions the loader recorded, so
comments, key order, quoting, indentation and blank lines stay exactly as
they were. (ruamel.yaml's round-trip dumper re-indents a whole file whose
lists are indented in more than one way, as some of the shipped plans are,
so it is used to render each new value in valid YAML rather than to write
the whole file.)

Then the fixed text is checked twice before anything is written:

1. it is read again and must hold exactly the original data with the
   edits applied, and nothing else changed;
2. it is validated and must have no validation error the original did not.

If either check fails, that file is left untouched. Writes go through
:func:`openplan.atomic.write_atomic`. Only safe fixes are applied unless
unsafe ones are asked for; only UTF-8 YAML files are fixed.
"""

from __future__ import annotations

import copy
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, ScalarNode

from ..atomic import write_atomic
from ..loader import Document, LoadError, parse
from ..report import Finding, Severity
from ..validation import Options, Validator
from .edits import Edit, Fix, InsertInText, ReplaceValue, SetKey


class CannotFix(Exception):
    """An edit that cannot be made in this file's text; the message says why."""


@dataclass
class FileFix:
    """What fixing one file would do."""

    path: str
    original: str
    target: Path | None = None  # the file on disk
    fixed: str | None = None
    applied: list[Fix] = field(default_factory=list)
    skipped: list[tuple[Fix, str]] = field(default_factory=list)
    refused: str | None = None  # why nothing will be written
    bom: bool = False

    @property
    def changed(self) -> bool:
        return self.refused is None and self.fixed is not None and self.fixed != self.original

    def diff(self) -> str:
        if not self.changed:
            return ""
        return "".join(difflib.unified_diff(self.original.splitlines(keepends=True),
                                            self.fixed.splitlines(keepends=True),  # type: ignore[union-attr]
                                            fromfile=f"a/{self.path}", tofile=f"b/{self.path}"))


# -- rendering new values -----------------------------------------------------------


def _yaml():
    from ruamel.yaml import YAML

    writer = YAML(typ="rt")
    writer.width = 1_000_000  # never fold a long value onto a second line
    return writer


def _prepared(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, str) and value[:1] in "0123456789.":
        return DoubleQuotedScalarString(value)  # a date value: keep it text for every YAML reader
    if isinstance(value, dict):
        mapping = CommentedMap((key, _prepared(item)) for key, item in value.items())
        mapping.fa.set_flow_style()
        return mapping
    return value


def render(value: Any) -> str:
    """A value written as YAML on one line: a scalar, or a mapping in flow style."""
    stream = io.StringIO()
    _yaml().dump({"k": _prepared(value)}, stream)
    text = stream.getvalue()
    if text.endswith("\n...\n"):
        text = text[: -len("...\n")]
    text = text.rstrip("\n")
    if not text.startswith("k: ") or "\n" in text:
        raise CannotFix(f"{value!r} cannot be written on one line")
    return text[3:]


# -- edits as splices ------------------------------------------------------------------


def _node(document: Document, parts: tuple) -> Any:
    node = document.node
    for part in parts:
        if isinstance(node, MappingNode):
            node = next((v for k, v in node.value if k.value == str(part)), None)
        elif node is not None and hasattr(node, "value") and isinstance(node.value, list):
            index = int(part) if str(part).isdigit() else -1
            node = node.value[index] if 0 <= index < len(node.value) else None
        else:
            node = None
        if node is None:
            raise CannotFix("the place to fix is no longer in the file")
    return node


def _span(text: str, node: Any) -> tuple[int, int]:
    """Where a scalar is written; a block scalar's span stops before the line break that ends it."""
    start, end = node.start_mark.index, node.end_mark.index
    while end > start and text[end - 1] in "\r\n":
        end -= 1
    return start, end


def _line_end(text: str, index: int) -> int:
    """The index just past the end of the line holding ``index`` (after its line break)."""
    stop = text.find("\n", index)
    return len(text) if stop == -1 else stop + 1


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _splice(text: str, document: Document, edit: Edit) -> tuple[int, int, str]:
    if isinstance(edit, SetKey):
        mapping = _node(document, edit.parts)
        if not isinstance(mapping, MappingNode):
            raise CannotFix("the place to fix is not a mapping")
        rendered = render(edit.value)
        for key_node, value_node in mapping.value:
            if key_node.value == edit.key:
                if not isinstance(value_node, ScalarNode):
                    raise CannotFix(f'"{edit.key}" holds a list or mapping')
                start, end = _span(text, value_node)
                return start, end, rendered
        after = next((v for k, v in mapping.value if k.value == edit.after), None) if edit.after else None
        if after is None and mapping.value:
            after = mapping.value[-1][1]
        if mapping.flow_style:
            if after is None:
                close = text.rfind("}", mapping.start_mark.index, mapping.end_mark.index)
                return close, close, f"{edit.key}: {rendered}"
            _, end = _span(text, after)
            return end, end, f", {edit.key}: {rendered}"
        if after is None:
            raise CannotFix("an empty block mapping")
        indent = mapping.value[0][0].start_mark.column
        _, end = _span(text, after)
        at = _line_end(text, end if end > after.start_mark.index else after.start_mark.index)
        newline = _newline(text)
        prefix = "" if at == 0 or text[at - 1] == "\n" else newline
        return at, at, f"{prefix}{' ' * indent}{edit.key}: {rendered}{newline}"
    if isinstance(edit, ReplaceValue):
        node = _node(document, edit.parts)
        if not isinstance(node, ScalarNode):
            raise CannotFix("only a single value can be replaced")
        start, end = _span(text, node)
        return start, end, render(edit.value)
    if isinstance(edit, InsertInText):
        node = _node(document, edit.parts)
        if not isinstance(node, ScalarNode):
            raise CannotFix("the place to fix is not text")
        start, end = _span(text, node)
        source = text[start:end]
        matches = list(re.finditer(rf"(?<![\w&-]){re.escape(edit.word)}(?![\w&])", source))
        if edit.occurrence >= len(matches):
            raise CannotFix(f'"{edit.word}" is not where it was')
        match = matches[edit.occurrence]
        return start + match.start(), start + match.end(), _escaped(edit.new, node.style)
    raise CannotFix(f"unknown edit {edit!r}")


def _escaped(words: str, style: str | None) -> str:
    """``words`` as they must be written inside a scalar of the given style."""
    if "\n" in words:
        raise CannotFix("a fix cannot add a line break")
    if style == '"':
        return words.replace("\\", "\\\\").replace('"', '\\"')
    if style == "'":
        return words.replace("'", "''")
    if style in (None, "") and (": " in words or " #" in words):
        raise CannotFix("the new words would end the unquoted text early")
    return words


def _expected(data: Any, edit: Edit) -> None:
    """Apply an edit to plain data, to compare with what the fixed text reads as."""
    *head, last = edit.parts if not isinstance(edit, SetKey) else (*edit.parts, edit.key)
    target = data
    for part in head:
        target = target[part]
    if isinstance(edit, SetKey):
        target[last] = edit.value
    elif isinstance(edit, ReplaceValue):
        target[last] = edit.value
    else:
        matches = list(re.finditer(rf"(?<![\w&-]){re.escape(edit.word)}(?![\w&])", target[last]))
        match = matches[edit.occurrence]
        target[last] = target[last][: match.start()] + edit.new + target[last][match.end():]


# -- a whole file --------------------------------------------------------------------


def _errors(findings: list[Finding]) -> set[tuple[str, str, str]]:
    return {(f.code, f.pointer, f.message) for f in findings if f.severity is Severity.ERROR}


def fix_file(document: Document, fixes: list[Fix], options: Options | None = None) -> FileFix:
    """Work out the fixed text of one file and check it; writes nothing."""
    outcome = FileFix(document.path, document.text, document.resolved)
    path = document.resolved
    if path is None or path.suffix.lower() not in (".yaml", ".yml"):
        outcome.refused = "only YAML files are fixed"
        return outcome
    try:
        raw = path.read_bytes()
    except OSError as exc:
        outcome.refused = f"cannot be read again: {exc.strerror or exc}"
        return outcome
    outcome.bom = raw.startswith(b"\xef\xbb\xbf")
    body = raw[3:] if outcome.bom else raw
    try:
        on_disk = body.decode("utf-8")
    except UnicodeDecodeError:
        outcome.refused = "only UTF-8 files are fixed"
        return outcome
    if on_disk != document.text:
        outcome.refused = "the file changed while it was being linted"
        return outcome

    text = document.text
    splices: list[tuple[int, int, str, Fix]] = []
    taken: list[tuple[int, int]] = []
    chosen: list[Fix] = []
    for fix in fixes:
        try:
            pieces = [_splice(text, document, edit) for edit in fix.edits]
        except CannotFix as exc:
            outcome.skipped.append((fix, str(exc)))
            continue
        if any((start < stop and begin < end) or start == end == begin == stop  # overlapping, or one insertion point
               for start, end, _ in pieces for begin, stop in taken):
            outcome.skipped.append((fix, "another fix changes the same place"))
            continue
        taken.extend((start, end) for start, end, _ in pieces)
        splices.extend((start, end, new, fix) for start, end, new in pieces)
        chosen.append(fix)
    if not chosen:
        return outcome
    fixed = text
    for start, end, new, _ in sorted(splices, key=lambda s: (s[0], s[1]), reverse=True):
        fixed = fixed[:start] + new + fixed[end:]

    expected = copy.deepcopy(document.data)
    for fix in chosen:
        for edit in fix.edits:
            _expected(expected, edit)
    try:
        again = parse(fixed, document.path)
    except LoadError as error:
        outcome.refused = f"the fixed file would not read as YAML ({error.finding.message}); nothing was written"
        return outcome
    if again.data != expected:
        outcome.refused = "the fixed file would not hold exactly the intended change; nothing was written"
        return outcome
    again.resolved = document.resolved
    before = _errors(Validator(options).check_document(document)[0])
    after = _errors(Validator(options).check_document(again)[0])
    new_errors = sorted(after - before)
    if new_errors:
        code, pointer, message = new_errors[0]
        outcome.refused = (f"the fixed file would not validate ({code} at {pointer or '/'}: {message}); "
                           "nothing was written")
        return outcome
    outcome.fixed = fixed
    outcome.applied = chosen
    return outcome


def plan(result, *, unsafe: bool = False, options: Options | None = None) -> list[FileFix]:
    """For each file with fixable findings, what fixing it would do. ``result`` is a LintResult."""
    by_file: dict[str, list[Fix]] = {}
    for finding in result.findings:
        if finding.fix is not None and (finding.fix.safe or unsafe) and finding.file in result.documents:
            wanted = by_file.setdefault(finding.file, [])
            if finding.fix not in wanted:
                wanted.append(finding.fix)
    return [fix_file(result.documents[path], fixes, options) for path, fixes in sorted(by_file.items())]


def write(outcomes: list[FileFix]) -> int:
    """Write every file whose fixes passed their checks, atomically. Returns how many fixes were applied."""
    count = 0
    for outcome in outcomes:
        if not outcome.changed:
            continue
        payload = outcome.fixed.encode("utf-8")  # type: ignore[union-attr]
        write_atomic(outcome.target or Path(outcome.path), (b"\xef\xbb\xbf" if outcome.bom else b"") + payload)
        count += len(outcome.applied)
    return count


def unsafe_available(result) -> int:
    """How many findings have a fix that only --unsafe-fixes applies."""
    return sum(1 for finding in result.findings if finding.fix is not None and not finding.fix.safe)
