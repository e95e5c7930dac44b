"""Extension fields holding a list of objects (``budget:amounts``): a sheet of their own, both ways."""

from __future__ import annotations

from typing import Any, Iterator

from .. import errors as rules
from .. import tables
from ..errors import ConvertError, error
from .layout import FIELD_NAME, INSTRUCTIONS, ITEM, REGISTRY_DATA


def _entries(cell: Any) -> list[dict[str, Any]] | None:
    value = tables.decode_extension(cell) if isinstance(cell, str) else None
    if isinstance(value, list) and value and all(isinstance(entry, dict) and entry for entry in value):
        return value
    return None


def _flat(entry: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in entry.items():
        name = f"{prefix}: {key}" if prefix else key
        if isinstance(value, dict) and value and ": " not in key and all(": " not in k for k in value):
            yield from _flat(value, name)
        else:
            yield name, value


def write_extension_sheets(sheets):
    """Move extension lists of objects out of their JSON cells into sheets of their own."""
    taken = {tables.normalise(name) for name in [spec.name for spec in tables.SHEETS] + [
        *tables.MAIN_SHEET.values(), INSTRUCTIONS, REGISTRY_DATA]}  # an extension sheet never takes these names
    found: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    kept = []
    for sheet, rows in sheets:
        main = sheet.name in tables.MAIN_SHEET.values()
        moving = [n for n, column in enumerate(sheet.columns) if column.role == "extension" and len(column.path) == 1
                  and tables.normalise(column.path[0].replace(":", " ")) not in taken]
        ident = next((n for n, column in enumerate(sheet.columns) if column.path == ("id",)), None)
        if not main and (not moving or ident is None):
            kept.append((sheet, rows))
            continue
        rows = [list(row) for row in rows]  # extension data is small: this sheet is held in memory
        for row in rows:
            if main:
                name = row[0]
                entries = _entries(row[1]) if isinstance(name, str) and ":" in name and ": " not in name else None
                if entries is not None and tables.normalise(name.replace(":", " ")) not in taken:
                    found.setdefault(name, []).extend(("", entry) for entry in entries)
                    row[1] = None
                continue
            for n in moving:
                entries = _entries(row[n])
                if entries is not None and isinstance(row[ident], str):
                    found.setdefault(sheet.columns[n].path[0], []).extend((row[ident], e) for e in entries)
                    row[n] = None
        if main:
            rows = [row for row in rows if row[1] is not None or not (isinstance(row[0], str) and row[0] in found)]
        else:
            empty = [n for n in moving if all(row[n] is None for row in rows)]
            if empty:
                sheet = tables.Sheet(sheet.name, sheet.file_name, [c for n, c in enumerate(sheet.columns)
                                                                   if n not in empty])
                rows = [[v for n, v in enumerate(row) if n not in empty] for row in rows]
        kept.append((sheet, iter(rows)))
    extra = []
    for name, owned in found.items():
        headings: list[str] = []
        for _, entry in owned:
            for key, _ in _flat(entry):
                if key not in headings:
                    headings.append(key)
        columns = [tables.Column(ITEM, role="parent"), tables.Column(FIELD_NAME, role="parent")]
        columns += [tables.Column(key, role="extension") for key in headings]
        sheet = tables.Sheet(name.replace(":", " ")[:31], "", columns)
        rows = []
        for owner, entry in owned:
            values = dict(_flat(entry))
            rows.append([owner or None, name] + [None if key not in values else tables.encode_extension(values[key])
                                                 for key in headings])
        extra.append((sheet, iter(rows)))
    return kept, extra


def read_extension_sheets(sheets: dict[str, tables.SheetInput], file: str) -> None:
    """Put the rows of extension sheets back into the cells their export took them from, as JSON."""
    import json

    layout = {tables.normalise(spec.name) for spec in tables.SHEETS} | {tables.normalise(n) for n in
                                                                         tables.MAIN_SHEET.values()}
    owners: dict[str, tuple[tables.SheetInput, list]] = {}
    for key, sheet in sheets.items():
        if key not in layout:
            continue
        ident = next((n for n, h in sheet.headings if tables.normalise(str(h)) in ("identifier", "id")), None)
        if ident is None:
            continue
        for _, cells in sheet.rows:
            value = dict(cells).get(ident)
            if isinstance(value, str):
                owners.setdefault(value.strip(), (sheet, cells))
    main = sheets.get(tables.normalise(tables.MAIN_SHEET["plan"])) or sheets.get(
        tables.normalise(tables.MAIN_SHEET["registry"]))
    findings = []
    for key in list(sheets):
        sheet = sheets[key]
        names = [tables.normalise(str(h)) for _, h in sheet.headings[:2]]
        if key in layout or names != [tables.normalise(ITEM), tables.normalise(FIELD_NAME)]:
            continue
        item_col, field_col = sheet.headings[0][0], sheet.headings[1][0]
        keys = [(n, str(h)) for n, h in sheet.headings[2:] if h is not None]
        grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
        where: dict[tuple[str, str], int] = {}
        for row, cells in sheet.rows:
            values = dict(cells)
            owner = values.get(item_col)
            owner = owner.strip() if isinstance(owner, str) else ""
            name = values.get(field_col)
            if not isinstance(name, str) or ":" not in name:
                findings.append(error(rules.BAD_CELL, f'sheet "{sheet.name}", row {row}: the {FIELD_NAME} column '
                                      "must name the extension field, such as budget:amounts", file, row, field_col))
                continue
            entry: dict[str, Any] = {}
            for number, heading in keys:
                if values.get(number) is None:
                    continue
                target = entry
                parts = [part.strip() for part in heading.split(": ")]
                for part in parts[:-1]:
                    target = target.setdefault(part, {})
                target[parts[-1]] = tables.decode_extension(values[number])
            grouped.setdefault((owner, name.strip()), []).append(entry)
            where.setdefault((owner, name.strip()), row)
        for (owner, name), entries in grouped.items():
            text = json.dumps(entries, ensure_ascii=False)
            if not owner:
                if main is not None:
                    main.rows.append((max([r for r, _ in main.rows] + [1]) + 1,
                                      [(main.headings[0][0], name), (main.headings[1][0], text)]))
                continue
            if owner not in owners:
                findings.append(error(rules.UNKNOWN_PARENT, f'sheet "{sheet.name}", row {where[(owner, name)]}: '
                                      f'"{owner}" is not the Identifier of an item in the workbook', file,
                                      where[(owner, name)], item_col))
                continue
            target_sheet, cells = owners[owner]
            column = next((n for n, h in target_sheet.headings if str(h).strip() == name), None)
            if column is None:
                column = max([n for n, _ in target_sheet.headings] + [0]) + 1
                target_sheet.headings.append((column, name))
            cells.append((column, text))
            cells.sort(key=lambda cell: cell[0])
    if findings:
        raise ConvertError(findings)
