"""The text of a fix: each edit of :mod:`openplan.lint.edits` as a splice of the original text.

An edit is made at the position the loader recorded for the value it changes, so everything around it
(comments, key order, quoting, indentation, blank lines) stays as written. ruamel.yaml renders each new value
in valid YAML, one line at a time. :mod:`openplan.lint.fixes` checks and writes the result.
"""

from __future__ import annotations

import io
from bisect import bisect_left, bisect_right
from typing import Any

from yaml.nodes import MappingNode, ScalarNode

from ..loader import Document
from .edits import Edit, InsertInText, ReplaceValue, SetKey


class CannotFix(Exception):
    """An edit that cannot be made in this file's text; the message says why."""


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
        at = _whole_word(text, edit.word, edit.occurrence, start, end)
        if at < 0:
            raise CannotFix(f'"{edit.word}" is not where it was')
        return at, at + len(edit.word), _escaped(edit.new, node.style)
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


def _expected(data: Any, edits: list[Edit]) -> None:
    """Apply edits to plain data, to compare with what the fixed text reads as.

    Words are found in each text as it was, as the splices find them, and each text is rebuilt once: a text
    with thousands of acronyms spelt out is not copied once for each.
    """
    inserts: dict[tuple, list[InsertInText]] = {}
    for edit in edits:
        if isinstance(edit, InsertInText):
            inserts.setdefault(tuple(edit.parts), []).append(edit)
            continue
        *head, last = edit.parts if not isinstance(edit, SetKey) else (*edit.parts, edit.key)
        target = data
        for part in head:
            target = target[part]
        target[last] = edit.value
    for parts, group in inserts.items():
        *head, last = parts
        target = data
        for part in head:
            target = target[part]
        old = target[last]
        # A word not found in the value (written with escapes in the file) is left out here, so the check
        # below refuses the file instead of guessing.
        places = sorted(((_whole_word(old, edit.word, edit.occurrence), number, edit)
                         for number, edit in enumerate(group)), key=lambda place: place[:2])
        pieces, done = [], 0
        for at, _, edit in places:
            if at < done:
                continue
            pieces += (old[done:at], edit.new)
            done = at + len(edit.word)
        target[last] = "".join(pieces) + old[done:]


def _whole_word(text: str, word: str, occurrence: int, start: int = 0, end: int | None = None) -> int:
    """Where the ``occurrence``-th whole-word ``word`` starts in ``text[start:end]`` (-1 if it is not there),
    counted from ``text``'s start: the matches of ``(?<![\\w&-])WORD(?![\\w&])`` in that slice, found without
    compiling a pattern for every word of 20,000 fixes or copying the slice for each."""
    end = len(text) if end is None else end
    found = -1
    at = text.find(word, start, end)
    while at >= 0:
        before = text[at - 1] if at > start else ""
        after = text[at + len(word)] if at + len(word) < end else ""
        if not (before and (before.isalnum() or before in "_&-")) and not (after and (after.isalnum()
                                                                                  or after in "_&")):
            found += 1
            if found == occurrence:
                return at
            at = text.find(word, at + len(word), end)
        else:
            at = text.find(word, at + 1, end)
    return -1


class _Taken:
    """The spans of text that accepted fixes change, for finding a clash without comparing every pair.

    Spans never overlap one another, so sorted by (start, end) their ends are in order too: the spans that
    start before ``end`` are a prefix, those that end after ``start`` a suffix, and they clash if the two meet.
    """

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []
        self.ends: list[int] = []
        self.points: set[int] = set()  # insertions (empty spans), which clash with another at the same place

    def clashes(self, start: int, end: int) -> bool:
        if start == end and start in self.points:
            return True
        before_end = bisect_left(self.spans, (end, -1))  # spans starting before `end`
        return bisect_right(self.ends, start) < before_end  # ... and ending after `start`

    def add(self, start: int, end: int) -> None:
        at = bisect_left(self.spans, (start, end))
        self.spans.insert(at, (start, end))
        self.ends.insert(at, end)
        if start == end:
            self.points.add(start)

