"""Inline suppressions: a YAML comment that silences a rule in one place, and says why.

At the end of a line, a suppression covers that line::

    text: Work with LOTI boroughs.  # openplan: disable=W501 reason="defined in the appendix"

On a line of its own, it covers the block that starts on the next line: the
list entry or key, and everything indented under it::

    # openplan: disable=C102,C105 reason="owners are agreed at the September Executive"
    - id: obj.homes
      title: More affordable homes

Anywhere in the file, ``disable-file`` covers the whole file::

    # openplan: disable-file=W507 reason="the council's own terms of art"

Codes are separated by commas. The reason is required, in double or single
quotes. A suppression without a reason (X901), one that silences nothing
(X902), and one naming a code no rule has (X903) are reported. Validation
errors cannot be suppressed: a plan with one does not validate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

_ANY = re.compile(r"#\s*openplan:\s*disable")
_COMMENT = re.compile(r"(?:^|(?<=\s))#\s*openplan:\s*(disable-file|disable)\b(.*)$")
_CODES = re.compile(r"^\s*=\s*([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)(.*)$")
_REASON = re.compile(r"""^\s*reason\s*=\s*(?:"([^"]*)"|'([^']*)')\s*$""")


@dataclass
class Suppression:
    line: int
    column: int
    codes: tuple[str, ...]
    reason: str | None
    first: int
    last: int
    file_wide: bool = False
    used: set[str] = field(default_factory=set)

    def covers(self, line: int | None) -> bool:
        if self.file_wide:
            return True
        return line is not None and self.first <= line <= self.last


@dataclass(frozen=True)
class Problem:
    """A comment that looks like a suppression but cannot be read."""

    line: int
    column: int
    message: str


def _scalar_spans(node, lines: set[int]) -> list[tuple[int, int]]:
    """Character spans of the scalars that touch ``lines`` (0-based), so a '#' inside text is not a comment."""
    spans = []
    stack = [node]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, ScalarNode):
            if any(current.start_mark.line <= line <= current.end_mark.line for line in lines):
                spans.append((current.start_mark.index, current.end_mark.index))
        elif isinstance(current, MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
        elif isinstance(current, SequenceNode):
            stack.extend(current.value)
    return spans


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block(lines: list[str], start: int) -> tuple[int, int]:
    """1-based first and last line of the block starting at the first content line from index ``start``."""
    first = start
    while first < len(lines) and (not lines[first].strip() or lines[first].lstrip().startswith("#")):
        first += 1
    if first >= len(lines):
        return start + 1, start + 1
    depth = _indent(lines[first])
    last = first
    for number in range(first + 1, len(lines)):
        text = lines[number]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if _indent(text) <= depth:
            break
        last = number
    return first + 1, last + 1


def parse(text: str, node=None) -> tuple[list[Suppression], list[Problem]]:
    """The suppressions in a file's text. ``node`` (the parsed YAML) tells comments from text containing '#'."""
    if _ANY.search(text) is None:
        return [], []
    lines = text.splitlines()
    candidates = []
    offsets = []
    position = 0
    for number, line in enumerate(lines):
        offsets.append(position)
        position += len(line) + 1
        if "openplan:" in line and "disable" in line:
            match = _COMMENT.search(line)
            if match:
                candidates.append((number, match))
    if not candidates:
        return [], []
    spans = _scalar_spans(node, {number for number, _ in candidates}) if node is not None else []
    # Line offsets above assume "\n"; with "\r\n" the marks count one more character per line.
    crlf = "\r\n" in text
    found: list[Suppression] = []
    problems: list[Problem] = []
    for number, match in candidates:
        index = offsets[number] + match.start() + (number if crlf else 0)
        if any(start <= index < end for start, end in spans):
            continue  # a '#' inside quoted or block text, not a comment
        column = match.start() + 1
        verb, rest = match.group(1), match.group(2)
        codes_match = _CODES.match(rest)
        if not codes_match:
            problems.append(Problem(number + 1, column, f'cannot read this suppression: write "# openplan: {verb}='
                                    'CODE reason=\\"why\\"" with one or more codes separated by commas'))
            continue
        codes = tuple(code.strip().upper() for code in codes_match.group(1).split(","))
        remainder = codes_match.group(2).strip()
        reason = None
        if remainder:
            reason_match = _REASON.match(remainder)
            if not reason_match:
                problems.append(Problem(number + 1, column, f'cannot read the reason "{remainder}": write '
                                        'reason="why" after the codes'))
                continue
            reason = (reason_match.group(1) if reason_match.group(1) is not None else reason_match.group(2)).strip()
            reason = reason or None
        if verb == "disable-file":
            found.append(Suppression(number + 1, column, codes, reason, 1, len(lines), file_wide=True))
        elif lines[number][: match.start()].strip():
            found.append(Suppression(number + 1, column, codes, reason, number + 1, number + 1))
        else:
            first, last = _block(lines, number + 1)
            found.append(Suppression(number + 1, column, codes, reason, first, last))
    return found, problems


def apply(findings: Iterable, suppressions: list[Suppression], suppressible) -> tuple[list, list]:
    """Split findings into those kept and those suppressed (with the suppression that silenced each)."""
    kept, silenced = [], []
    for finding in findings:
        hit = None
        if suppressible(finding):
            for suppression in suppressions:
                if finding.code in suppression.codes and suppression.covers(finding.line):
                    hit = suppression
                    break
        if hit is None:
            kept.append(finding)
        else:
            hit.used.add(finding.code)
            silenced.append((finding, hit))
    return kept, silenced
