"""Unflatten: sheets of rows become plan data, each value remembered with the sheet, row and column it came from.

Headings match whatever their case and spacing, or by field path; parents are read before their children; an
unknown heading, a missing sheet, a parent id that does not exist or a cell of the wrong type is an error
naming the sheet, the row and the column (raised together, as one :class:`..errors.ConvertError`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Sequence

from ...loader import to_pointer
from .. import errors as rules
from ..canonical import canonical
from ..errors import ConvertError, error
from ..fields import ROOTS
from .cells import CellError, cell_text, cell_name, column_letter, read_cell, shown
from .layout import (FIELD, LEVEL, MAIN_SHEET, MAX_LEVEL, ROOT, VALUE, Column, SheetSpec, columns, main_fields,
                     nested_prefixes, normalise, sheets_for)

_EXTENSION = re.compile(r"^[a-z][a-z0-9-]*:[A-Za-z][A-Za-z0-9_-]*$")
_NOTE_PLACE = re.compile(r"^(?:(\S+)\s+)?note\s+([0-9]+)$", re.IGNORECASE)


@dataclass
class SheetInput:
    """A sheet as read from a workbook or a CSV file: its heading row and its data rows with their numbers."""

    name: str
    headings: list[tuple[int, Any]]  # (1-based column number, heading)
    rows: list[tuple[int, list[tuple[int, Any]]]]  # (1-based row number, [(column number, raw value)])
    label: str = ""  # how errors name the sheet, e.g. 'sheet "Outputs"' or 'outputs.csv'


class Reader:
    """Builds plan data from sheets, remembering where each value came from."""

    def __init__(self, file: str, typed: bool):
        self.file = file
        self.typed = typed  # a workbook's cells have types; CSV cells are all text
        self.findings = []
        self.places: dict[str, tuple[str, int, int, str]] = {}  # pointer -> (sheet label, row, column, heading)
        self.objects: dict[str, tuple[str, dict, tuple]] = {}  # id or note place -> (type, object, parts)

    # errors
    def fail(self, rule, sheet: SheetInput, row: int | None, column: int | None, heading: str | None,
             message: str, hint: str | None = None) -> None:
        where = [sheet.label or f'sheet "{sheet.name}"']
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f'column {column_letter(column)}' + (f' "{heading}"' if heading else ""))
        self.findings.append(error(rule, f"{', '.join(where)}: {message}", self.file, row, column, hint=hint))

    def locate(self, pointer: str):
        best = None
        for length in range(len(pointer), -1, -1):
            if length < len(pointer) and pointer[length] != "/":
                continue
            place = self.places.get(pointer[:length])
            if place is not None:
                best = place
                break
        if best is None:
            return None
        label, row, column, heading = best
        where = f"{label}, row {row}" + (f', column {column_letter(column)} "{heading}"' if column else "")
        return self.file, row, column, where

    # headings
    def match_headings(self, sheet: SheetInput, expected: list[Column], type_name: str, root: str
                       ) -> dict[int, Column] | None:
        known: dict[str, Column] = {}
        for column in expected:
            known[normalise(column.heading)] = column
            if column.path:
                known.setdefault(normalise(".".join(column.path)), column)
            elif column.role == "parent":
                known.setdefault("parent", column)
        prefixes = nested_prefixes(type_name, root)
        found: dict[int, Column] = {}
        seen: dict[str, int] = {}
        ok = True
        for number, heading in sheet.headings:
            if heading is None or (isinstance(heading, str) and not heading.strip()):
                continue
            text = str(heading)
            key = normalise(text)
            column = known.get(key) or _extension_heading(text, prefixes)
            if column is None and self.typed and not _holds_values(sheet, number):
                continue  # a workbook's extra column with nothing in it (a spare one an officer added): nothing lost
            if column is None:
                names = ", ".join(f'"{c.heading}"' for c in expected if c.role != "extension")
                self.fail(rules.UNKNOWN_HEADING, sheet, 1, number, text,
                          f'the heading "{text}" is not one this sheet understands; its headings are: {names}')
                ok = False
                continue
            if column.heading in seen:
                self.fail(rules.DUPLICATE_HEADING, sheet, 1, number, text,
                          f'"{text}" is also the heading of column {column_letter(seen[column.heading])}')
                ok = False
                continue
            seen[column.heading] = number
            found[number] = column
        for column in expected:
            if column.role in ("parent", "level") and column.heading not in seen:
                self.fail(rules.MISSING_COLUMN, sheet, 1, None, None,
                          f'the column "{column.heading}" is missing: it says where each row belongs')
                ok = False
        return found if ok else None

    def value(self, sheet: SheetInput, row: int, number: int, column: Column, raw: Any) -> Any:
        try:
            return read_cell(column, raw, self.typed)
        except CellError as exc:
            cell = f"cell {cell_name(sheet.name, number, row)} holds " if self.typed else ""
            self.fail(rules.BAD_CELL, sheet, row, number, column.heading, f"{cell}{shown(raw)}, which {exc}"
                      if cell else f"{shown(raw)} {exc}")
            return None


def _holds_values(sheet: SheetInput, number: int) -> bool:
    """Whether any row of the sheet has something in column ``number``."""
    return any(n == number and not (value is None or (isinstance(value, str) and not value.strip()))
               for _, cells in sheet.rows for n, value in cells)


def _extension_heading(text: str, prefixes: dict[str, tuple]) -> Column | None:
    parts = [part.strip() for part in text.split(": ")]
    name = parts[-1]
    if not _EXTENSION.match(name):
        return None
    prefix = normalise(": ".join(parts[:-1])) if len(parts) > 1 else ""
    if prefix not in prefixes:
        return None
    return Column(text.strip(), prefixes[prefix] + (name,), role="extension")


def _put(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for name in path[:-1]:
        target = target.setdefault(name, {})
    target[path[-1]] = value


def from_sheets(sheets: dict[str, SheetInput], file: str, *, typed: bool,
                written: Sequence[str] | None = None) -> tuple[dict[str, Any], Reader]:
    """Plan data from sheets keyed by normalised sheet name. Raises ConvertError naming sheet, row and column.

    ``written`` names the sheets a workbook's export wrote (it leaves out empty ones): only those must be there.
    """
    reader = Reader(file, typed)
    main = sheets.get(normalise(MAIN_SHEET["plan"])) or sheets.get(normalise(MAIN_SHEET["registry"]))
    if main is None:
        reader.findings.append(error(rules.MISSING_SHEET, 'the workbook has no sheet "Plan" (or "Registry"), '
                                     "which holds the plan's own fields", file))
        raise ConvertError(reader.findings)
    root = "registry" if normalise(main.name) == normalise(MAIN_SHEET["registry"]) else "plan"
    data = _read_main(reader, main, root)
    specs = sheets_for(root)
    expected = None if written is None else {normalise(name) for name in written}
    missing = [spec.name for spec in specs if normalise(spec.name) not in sheets
               and (expected is None or normalise(spec.name) in expected)]
    for name in missing:
        reader.findings.append(error(rules.MISSING_SHEET, f'the workbook has no sheet "{name}"', file))
    if reader.findings:
        raise ConvertError(reader.findings)
    reader.objects[""] = (ROOTS[root], data, ())
    for spec in _processing_order(specs):
        if normalise(spec.name) in sheets:  # a sheet the export left out held no rows
            _read_sheet(reader, sheets[normalise(spec.name)], spec, root, data)
    if reader.findings:
        raise ConvertError(reader.findings)
    return canonical(data), reader


def _processing_order(specs: list[SheetSpec]) -> list[SheetSpec]:
    """Parents before children: a sheet comes after every sheet whose rows can be its parents."""
    produces = defaultdict(list)
    for spec in specs:
        produces[spec.type_name].append(spec)
    order: list[SheetSpec] = []
    done: set[str] = set()

    def add(spec: SheetSpec, trail: tuple[str, ...] = ()) -> None:
        if spec.name in done or spec.name in trail:
            return
        for parent in spec.parent_types:
            for producer in produces.get(parent, []):
                if producer is not spec:
                    add(producer, trail + (spec.name,))
        done.add(spec.name)
        order.append(spec)

    for spec in specs:
        add(spec)
    return order


def _read_main(reader: Reader, sheet: SheetInput, root: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    label = sheet.label or f'sheet "{sheet.name}"'
    head = {normalise(str(h)): n for n, h in sheet.headings if h is not None}
    field_col, value_col = head.get(normalise(FIELD)), head.get(normalise(VALUE))
    if field_col is None or value_col is None:
        reader.fail(rules.MISSING_COLUMN, sheet, 1, None, None,
                    f'the headings must be "{FIELD}" and "{VALUE}" (the plan\'s fields, one per row)')
        return data
    extra = [(n, h) for n, h in sheet.headings if n not in (field_col, value_col) and h not in (None, "")]
    for number, heading in extra:
        reader.fail(rules.UNKNOWN_HEADING, sheet, 1, number, str(heading),
                    f'the heading "{heading}" is not one this sheet understands; its headings are "{FIELD}" and '
                    f'"{VALUE}"')
    expected = main_fields(root)
    known = {normalise(c.heading): c for c in expected}
    known.update({normalise(".".join(c.path)): c for c in expected})
    prefixes = nested_prefixes(ROOTS[root], root)
    seen: dict[str, int] = {}
    for row, cells in sheet.rows:
        values = dict(cells)
        name, raw = values.get(field_col), values.get(value_col)
        if name is None or not str(name).strip():
            if raw not in (None, ""):
                reader.fail(rules.BAD_CELL, sheet, row, field_col, FIELD, "a value without a field name")
            continue
        column = known.get(normalise(str(name))) or _extension_heading(str(name), prefixes)
        if column is None:
            names = ", ".join(f'"{c.heading}"' for c in expected)
            reader.fail(rules.UNKNOWN_HEADING, sheet, row, field_col, FIELD,
                        f'"{name}" is not a field of the {root}; the fields are: {names}')
            continue
        many = column.field is not None and column.field.kind == "texts"
        if column.heading in seen and not many:
            reader.fail(rules.DUPLICATE_HEADING, sheet, row, field_col, FIELD,
                        f'"{name}" is also given in row {seen[column.heading]}')
            continue
        seen.setdefault(column.heading, row)
        if many:
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue
            entry = raw if isinstance(raw, str) else cell_text(raw)
            target = data
            for part in column.path[:-1]:
                target = target.setdefault(part, {})
            entries = target.setdefault(column.path[-1], [])
            reader.places[to_pointer(column.path + (len(entries),))] = (label, row, value_col, str(name))
            entries.append(entry)
            continue
        value = reader.value(sheet, row, value_col, column, raw)
        if value is None:
            continue
        _put(data, column.path, value)
        reader.places[to_pointer(column.path)] = (label, row, value_col, str(name))
    return data


def _read_sheet(reader: Reader, sheet: SheetInput, spec: SheetSpec, root: str, data: dict[str, Any]) -> None:
    label = sheet.label or f'sheet "{sheet.name}"'
    mapping = reader.match_headings(sheet, columns(spec, root), spec.type_name, root)
    if mapping is None:
        return
    parent_col = next((n for n, c in mapping.items() if c.role == "parent"), None)
    level_col = next((n for n, c in mapping.items() if c.role == "level"), None)
    stacks: dict[str, list[tuple[dict, tuple]]] = {}
    note_counts: dict[str, int] = defaultdict(int)
    too_deep = False  # a level past MAX_LEVEL was reported: one error a sheet is enough
    for row, cells in sheet.rows:
        present = [(n, v) for n, v in cells if v is not None and not (isinstance(v, str) and not v.strip())]
        if not present:
            continue
        stray = [n for n, _ in present if n not in mapping]
        if stray:
            reader.fail(rules.UNKNOWN_HEADING, sheet, row, stray[0], None,
                        f"a value in column {column_letter(stray[0])}, which has no heading")
            continue
        values = dict(present)
        parent_name = ""
        if parent_col is not None:
            parent_name = reader.value(sheet, row, parent_col, mapping[parent_col], values.get(parent_col)) or ""
        place = _parent(reader, sheet, spec, row, parent_col, parent_name, data)
        if place is None:
            continue
        parent_type, parent_obj, parent_parts = place
        list_field = spec.field_for(parent_type)
        obj: dict[str, Any] = {}
        row_parts: tuple
        if spec.outline:
            level = reader.value(sheet, row, level_col, mapping[level_col], values.get(level_col))
            if level is None or level < 1:
                if level is not None or values.get(level_col) is None:
                    reader.fail(rules.BAD_LEVEL, sheet, row, level_col, LEVEL, "the level must be 1 or more")
                continue
            stack = stacks.setdefault(parent_name, [])
            if level > MAX_LEVEL:
                # Deeper outlines are no real plan's, and would nest past what the loader reads back.
                if not too_deep:
                    reader.fail(rules.BAD_LEVEL, sheet, row, level_col, LEVEL,
                                f"level {level} is deeper than the {MAX_LEVEL} levels an outline may have; "
                                "this row and any deeper ones were not read")
                    too_deep = True
                continue
            if level > len(stack) + 1:
                reader.fail(rules.BAD_LEVEL, sheet, row, level_col, LEVEL,
                            f"level {level} follows level {len(stack)}; a row can be at most one level deeper "
                            "than the row above it")
                continue
            if level == 1:
                siblings = parent_obj.setdefault(list_field, [])
                row_parts = parent_parts + (list_field, len(siblings))
            else:
                above, above_parts = stack[level - 2]
                siblings = above.setdefault("items", [])
                row_parts = above_parts + ("items", len(siblings))
            del stack[level - 1:]
            stack.append((obj, row_parts))
        else:
            siblings = parent_obj.setdefault(list_field, [])
            row_parts = parent_parts + (list_field, len(siblings))
        siblings.append(obj)
        reader.places[to_pointer(row_parts)] = (label, row, min(n for n, _ in present), "")
        for number, raw in present:
            column = mapping[number]
            if column.role in ("parent", "level"):
                continue
            value = reader.value(sheet, row, number, column, raw)
            if value is None:
                continue
            _put(obj, column.path, value)
            reader.places[to_pointer(row_parts + column.path)] = (label, row, number, column.heading)
        ident = obj.get("id")
        if isinstance(ident, str) and spec.type_name != "Statement":
            reader.objects.setdefault(ident, (spec.type_name, obj, row_parts))
        if spec.type_name == "Note":
            note_counts[parent_name] += 1
            reader.objects[f"{parent_name} note {note_counts[parent_name]}".strip()] = ("Note", obj, row_parts)


def _parent(reader: Reader, sheet: SheetInput, spec: SheetSpec, row: int, column: int | None, name: str,
            data: dict[str, Any]):
    """The object a row belongs to: (its parent key, the object, its parts), or None after recording an error."""
    if column is None:
        parent, _ = spec.parents[0]
        if parent == ROOT:
            return ROOT, data, ()
        key = parent[len(ROOT):]
        return parent, data.setdefault(key, {}), (key,)
    if not name:
        if ROOT in spec.parent_types:
            return ROOT, data, ()
        reader.fail(rules.UNKNOWN_PARENT, sheet, row, column, spec.parent_heading,
                    f"the {spec.parent_heading.lower()} is empty: every row here belongs to {_kinds(spec)}")
        return None
    found = reader.objects.get(name)
    if found is None and spec.type_name == "Statement" and "Note" in spec.parent_types:
        match = _NOTE_PLACE.match(name)
        if match:
            found = reader.objects.get(f"{match.group(1) or ''} note {int(match.group(2))}".strip())
    if found is None:
        reader.fail(rules.UNKNOWN_PARENT, sheet, row, column, spec.parent_heading,
                    f'"{name}" is not the id of {_kinds(spec)} in the workbook')
        return None
    type_name, obj, parts = found
    if type_name not in spec.parent_types:
        reader.fail(rules.UNKNOWN_PARENT, sheet, row, column, spec.parent_heading,
                    f'"{name}" is {_article(_label(type_name))}; rows here belong to {_kinds(spec)}')
        return None
    return type_name, obj, parts


def _label(type_name: str) -> str:
    return {"PledgeSet": "pledge set", "ProgressUpdate": "progress update", "OwnerLink": "owner"}.get(
        type_name, type_name.lower())


def _article(word: str) -> str:
    from ...wording import a as with_article

    return with_article(word)


def _kinds(spec: SheetSpec) -> str:
    names = [_label(parent) for parent in spec.parent_types if not parent.startswith(ROOT)]
    if ROOT in spec.parent_types:
        names.append("the plan (an empty cell)")
    words = [_article(name) if not name.startswith("the ") else name for name in names]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
