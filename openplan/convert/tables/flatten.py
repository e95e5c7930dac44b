"""Flatten: a plan (or registry) becomes sheets of rows, walked in document order.

The plan is walked in place and rows are made one at a time, as the writer asks for them, so memory stays
that of the plan itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from ..fields import ROOTS, document_kind, fields, is_extension
from .cells import cell_value
from .layout import FIELD, MAIN_SHEET, ROOT, VALUE, Column, SheetSpec, columns, main_fields, sheets_for


@dataclass
class Sheet:
    """A sheet ready to write: headings and rows of cell values (None for an empty cell), made as they are read."""

    name: str
    file_name: str
    columns: list[Column]
    rows: Iterable[list[Any]] = field(default_factory=list)

    @property
    def headings(self) -> list[str]:
        return [column.heading for column in self.columns]


def _extensions_in(value: dict[str, Any], type_name: str, root: str, path: tuple[str, ...] = ()) -> Iterator[tuple]:
    for key, entry in value.items():
        if is_extension(key):
            yield path + (key,)
    for item in fields(type_name, root):
        if item.kind == "object" and isinstance(value.get(item.name), dict):
            yield from _extensions_in(value[item.name], item.type_name, root, path + (item.name,))


def _get(value: dict[str, Any], path: tuple[str, ...]) -> Any:
    for name in path:
        if not isinstance(value, dict) or name not in value:
            return None
        value = value[name]
    return value


@dataclass(slots=True)
class _Row:
    spec: SheetSpec
    data: dict[str, Any]
    parts: tuple[str | int, ...]
    parent: str
    level: int | None


def _walk_rows(data: dict[str, Any], root: str) -> dict[str, list[_Row]]:
    """Every object of every sheet, in document order, with the name of its parent."""
    specs = sheets_for(root)
    by_list = {(parent, name): spec for spec in specs for parent, name in spec.parents}
    rows: dict[str, list[_Row]] = defaultdict(list)
    main = ROOTS[root]

    def outline(spec: SheetSpec, items: list, parts: tuple, parent: str, level: int) -> None:
        for position, entry in enumerate(items):
            if not isinstance(entry, dict):
                continue
            here = parts + (position,)
            rows[spec.name].append(_Row(spec, entry, here, parent, level))
            if isinstance(entry.get("items"), list):
                outline(spec, entry["items"], here + ("items",), parent, level + 1)

    def visit(type_name: str, value: dict[str, Any], parts: tuple, name_here: str, parent_key: str) -> None:
        for item in fields(type_name, root):
            child = value.get(item.name)
            if item.kind == "object" and isinstance(child, dict) and type_name == main:
                visit_root_object(item.name, item.type_name, child, parts + (item.name,))
            if item.kind != "objects" or not isinstance(child, list):
                continue
            spec = by_list.get((parent_key, item.name))
            if spec is None:
                continue
            if spec.outline:
                outline(spec, child, parts + (item.name,), name_here, 1)
                continue
            for position, entry in enumerate(child):
                if not isinstance(entry, dict):
                    continue
                here = parts + (item.name, position)
                rows[spec.name].append(_Row(spec, entry, here, name_here, None))
                ident = entry.get("id") if isinstance(entry.get("id"), str) else None
                if spec.type_name == "Note" and ident is None:
                    ident = f"{name_here} note {position + 1}".strip()
                visit(spec.type_name, entry, here, ident or "", spec.type_name)

    def visit_root_object(name: str, type_name: str, value: dict[str, Any], parts: tuple) -> None:
        for item in fields(type_name, root):
            child = value.get(item.name)
            spec = by_list.get((ROOT + name, item.name))
            if spec is None or not isinstance(child, list):
                continue
            if spec.outline:
                outline(spec, child, parts + (item.name,), "", 1)
            else:
                for position, entry in enumerate(child):
                    if isinstance(entry, dict):
                        rows[spec.name].append(_Row(spec, entry, parts + (item.name, position), "", None))

    visit(main, data, (), "", ROOT)
    return rows


def to_sheets(data: dict[str, Any]) -> list[Sheet]:
    """The sheets of a plan or registry, main sheet first, every sheet present even when empty."""
    # The plan is walked in place, not copied: memory stays that of the plan itself.
    root = document_kind(data)
    sheets = [_main_sheet(data, root)]
    rows = _walk_rows(data, root)
    for spec in sheets_for(root):
        found = rows.get(spec.name, [])
        extensions: list[tuple] = []
        for row in found:
            for path in _extensions_in(row.data, spec.type_name, root):
                if path not in extensions:
                    extensions.append(path)
        sheet = Sheet(spec.name, spec.file_name, columns(spec, root, extensions))
        sheet.rows = _cells(found, sheet.columns)  # made one row at a time, as the writer asks for them
        sheets.append(sheet)
    return sheets


def _cells(rows: list[_Row], columns: list[Column]) -> Iterator[list[Any]]:
    for row in rows:
        cells = []
        for column in columns:
            if column.role == "parent":
                cells.append(row.parent or None)
            elif column.role == "level":
                cells.append(row.level)
            else:
                value = _get(row.data, column.path)
                cells.append(None if value is None else cell_value(column, value))
        yield cells


def _main_sheet(data: dict[str, Any], root: str) -> Sheet:
    extensions = list(_extensions_in(data, ROOTS[root], root))
    sheet = Sheet(MAIN_SHEET[root], MAIN_SHEET[root].lower() + ".csv",
                  [Column(FIELD, role="label"), Column(VALUE, role="value")])
    for column in main_fields(root, extensions):
        value = _get(data, column.path)
        if column.field is not None and column.field.kind == "texts":
            for entry in value or [None]:
                sheet.rows.append([column.heading, entry])
            continue
        sheet.rows.append([column.heading, None if value is None else cell_value(column, value)])
    return sheet
