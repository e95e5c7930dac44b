"""What sheets cannot carry: the kinds of loss of the XLSX and CSV converters, and the report of them."""

from __future__ import annotations

from typing import Any

from ..canonical import canonical
from ..fields import ROOTS, document_kind, fields
from ..losses import LossKind, LossReport, item_of

EMPTY_VALUE = LossKind(
    "V101", "empty-value", "empty text, lists and objects cannot be told from an empty cell and read back as absent",
    "Delete the empty value from the plan, or write something in it.")
NUMBER_AS_TEXT = LossKind(
    "V102", "number-read-as-text", "CSV has no types: a display number or year written as a number reads back "
                                   "as the same digits in text",
    "Quote the value in the plan (\"12\") to keep it as text.")
LONG_TEXT = LossKind(
    "V103", "text-too-long-for-excel", "Excel holds at most 32,767 characters in a cell: longer text is kept in "
                                       "the file but Excel cuts it if the workbook is edited and saved")
CONTROL_CHARACTER = LossKind(
    "V104", "control-character", "control characters (other than tab and new line) cannot be stored in a "
                                 "workbook and are replaced by \ufffd")
CARRIAGE_RETURN = LossKind(
    "V105", "carriage-return", "a carriage return inside text reads back from a workbook as a new line")
# The kinds of loss this converter declares, listed for the catalogue (openplan/catalogue.py).
LOSSES: tuple[LossKind, ...] = (EMPTY_VALUE, NUMBER_AS_TEXT, LONG_TEXT, CONTROL_CHARACTER, CARRIAGE_RETURN)


def _empty_values(data: Any, root: str, report: LossReport, parts: tuple = ()) -> None:
    """Record the values a cell cannot carry: empty or blank text, empty lists and objects."""
    stack = [(data, parts)]
    while stack:
        value, here = stack.pop()
        if isinstance(value, dict):
            if not value and here:
                report.add(EMPTY_VALUE, here, "an empty object", item=item_of(here, data))
            stack.extend((entry, here + (key,)) for key, entry in value.items())
        elif isinstance(value, list):
            if not value:
                report.add(EMPTY_VALUE, here, "an empty list", item=item_of(here, data))
            stack.extend((entry, here + (position,)) for position, entry in enumerate(value))
        elif isinstance(value, str) and not value.strip():
            report.add(EMPTY_VALUE, here, f"the text {value!r}", item=item_of(here, data), value=value)


def sheet_losses(data: dict[str, Any], target: str, *, typed: bool, document=None) -> LossReport:
    """What the sheets of ``target`` (xlsx or csv) cannot carry."""
    report = LossReport(target, document)
    root = document_kind(data)
    _empty_values(data, root, report)
    stack: list[tuple[Any, tuple, str | None, str | None]] = [(canonical(data), (), ROOTS[root], None)]
    while stack:
        value, parts, type_name, kind = stack.pop()
        if isinstance(value, dict):
            known = {f.name: f for f in fields(type_name, root)} if type_name else {}
            for key, entry in value.items():
                item = known.get(key)
                stack.append((entry, parts + (key,), item.type_name if item else None, item.kind if item else None))
        elif isinstance(value, list):
            stack.extend((entry, parts + (position,), type_name, kind) for position, entry in enumerate(value))
        elif isinstance(value, str):
            if typed:
                if len(value) > 32767:
                    report.add(LONG_TEXT, parts, f"{len(value):,} characters", item=item_of(parts, data))
                if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in value):
                    report.add(CONTROL_CHARACTER, parts, "control characters replaced by \ufffd",
                               item=item_of(parts, data))
                if "\r" in value:
                    report.add(CARRIAGE_RETURN, parts, "carriage return read back as a new line",
                               item=item_of(parts, data))
        elif isinstance(value, int) and not isinstance(value, bool) and kind == "text-or-integer" and not typed:
            report.add(NUMBER_AS_TEXT, parts, f"{value} reads back as the text \"{value}\"",
                       item=item_of(parts, data), value=value)
    return report
