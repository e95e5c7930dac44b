"""Fixes for validation findings the linter can repair: dates given only in words.

A draft often has ``due: {text: "Autumn 2022"}`` (S008: the date has no
value) or ``due: Autumn 2022`` (S003: a date written as plain text). Both
are fixed by reading the wording with :mod:`openplan.lint.datewords` and
filling in ``value`` (or ``tbc: true``) while keeping the wording in
``text``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..checks.period import plan_period
from ..dates import Span
from ..index import ROOTS, shapes
from ..loader import Document, from_pointer
from ..report import Finding
from .datewords import read
from .edits import Fix, ReplaceValue, SetKey

FIXABLE = ("S003", "S008")


def type_at(document: Document, parts: list[str]) -> str | None:
    """The schema type of the object at ``parts``, following the schema's fields (FuzzyDate, Output ...)."""
    kind = document.data.get("kind") if document.data.get("kind") in ROOTS else "plan"
    table = shapes(kind)
    current = ROOTS[kind]
    expect_entry = False
    for part in parts:
        if expect_entry:
            if not part.isdigit():
                return None
            expect_entry = False
            continue
        shape = table.get(current)
        if shape is None or part not in shape.children:
            return None
        current, many = shape.children[part]
        expect_entry = many
    return None if expect_entry else current


def _value_at(data: Any, parts: list[str]) -> Any:
    for part in parts:
        if isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        elif isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return None
    return data


def _period(document: Document) -> Span | None:
    bounds = plan_period(document.data)
    return Span(*bounds) if bounds and bounds[0] <= bounds[1] else None


def fix_for(finding: Finding, document: Document) -> Fix | None:
    """A fix for an S003 or S008 finding about a date written only in words, if the words can be read."""
    if finding.code not in FIXABLE or finding.file != document.path:
        return None
    parts = from_pointer(finding.pointer)
    if type_at(document, parts) != "FuzzyDate":
        return None
    value = _value_at(document.data, parts)
    calendar = str(document.data.get("calendar") or "financial-april")
    path = tuple(int(p) if p.isdigit() else p for p in parts)
    if finding.code == "S008" and isinstance(value, dict) and isinstance(value.get("text"), str):
        reading = read(value["text"], calendar, _period(document))
        if reading is None:
            return None
        if reading.tbc:
            return Fix(f'mark the date "{value["text"]}" as to be confirmed', True,
                       (SetKey(path, "tbc", True, after="text"),))
        return Fix(f'set the value "{reading.value}" from the wording "{value["text"]}"', reading.safe,
                   (SetKey(path, "value", reading.value, after="text"),))
    if finding.code == "S003" and isinstance(value, str):
        reading = read(value, calendar, _period(document))
        if reading is None:
            return None
        new = {"text": value, "tbc": True} if reading.tbc else {"text": value, "value": reading.value}
        what = "as to be confirmed" if reading.tbc else f'with the value "{reading.value}"'
        return Fix(f'write the date "{value}" as a date object {what}, keeping the wording', reading.safe,
                   (ReplaceValue(path, new),))
    return None


def attach(finding: Finding, document: Document) -> Finding:
    fix = fix_for(finding, document)
    return replace(finding, fix=fix) if fix is not None else finding
