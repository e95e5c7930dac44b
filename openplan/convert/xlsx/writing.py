"""Writing a workbook for officers: Instructions first, text columns as Text, drop-downs for closed
codelists, rows tall enough to read, print set-up, and the Registry data sheet.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any, Iterator

from .. import tables
from ..losses import LossReport
from .extension_sheets import write_extension_sheets
from .layout import FIELD_NAME, INSTRUCTIONS, ITEM, REGISTRY_DATA, REGISTRY_HEADINGS, SHEETS_PROPERTY

_TEXT_FORMAT = "@"  # Text: what an officer types stays as typed, never turned into a date or a number
_LINE_HEIGHT = 15  # points per line of wrapped text
_MAX_HEIGHT = 409  # the tallest row Excel allows


def write(data: dict[str, Any], index=None) -> bytes:
    """The plan as an XLSX workbook: an instructions sheet, then one sheet per kind of item the plan has.

    With the plan's ``index``, the registry entries the plan uses travel with it on the Registry data sheet, so
    the workbook is complete on its own.
    """
    from openpyxl import Workbook
    from openpyxl.packaging.custom import StringProperty

    workbook = Workbook(write_only=True)
    style = _Styles()
    sheets = list(_useful(tables.to_sheets(data), tables.document_kind(data)))
    sheets, extension_sheets = write_extension_sheets(sheets)
    # With registries, the sheet is written even when empty: it says the workbook carries all the plan uses.
    carry = index is not None and bool(data.get("registries"))
    carried = registry_entries(index) if carry else []
    _write_instructions(workbook, data, sheets + extension_sheets, style, carry)
    for sheet, rows in sheets + extension_sheets:
        _write_sheet(workbook, sheet, rows, style)
    if carry:
        _write_registry_data(workbook, carried, style)
    workbook.custom_doc_props.append(StringProperty(name=SHEETS_PROPERTY, value=",".join(
        sheet.name for sheet, _ in sheets + extension_sheets)))
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _useful(sheets: list[tables.Sheet], root: str) -> Iterator[tuple[tables.Sheet, Iterator[list[Any]]]]:
    """The sheets worth giving an officer: the main sheet, every sheet with rows, and Progress for a plan."""
    import itertools

    for number, sheet in enumerate(sheets):
        rows = iter(sheet.rows)
        first = next(rows, None)
        if first is None and number and not (root == "plan" and sheet.name == "Progress"):
            continue
        yield sheet, (itertools.chain([first], rows) if first is not None else iter(()))


class _Styles:
    def __init__(self):
        from openpyxl.styles import Alignment, Font, PatternFill

        self.bold = Font(bold=True)
        self.title = Font(bold=True, size=14)
        self.fill = PatternFill("solid", fgColor="DDE7F0")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.top = Alignment(vertical="top")


def _is_text(column: tables.Column) -> bool:
    """Columns whose cells are always text: wording, ids, codes, display numbers, dates written as text."""
    if column.role in ("parent", "label"):
        return True
    item = column.field
    return item is not None and item.kind in ("text", "texts", "text-or-integer", "text-or-texts")


# What XML 1.0 cannot hold (control characters, U+FFFE, U+FFFF, lone surrogates): shown as U+FFFD instead.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _illegal():
    return _NOT_XML


def _write_sheet(workbook, sheet: tables.Sheet, rows: Iterator[list[Any]], style: _Styles) -> None:
    from copy import copy

    from openpyxl.cell import WriteOnlyCell

    worksheet = workbook.create_sheet(sheet.name)
    worksheet.freeze_panes = "A2"
    widths = [_width(column) for column in sheet.columns]
    text = [_is_text(column) for column in sheet.columns]
    for number, column in enumerate(sheet.columns, 1):
        dimension = worksheet.column_dimensions[tables.column_letter(number)]
        dimension.width = widths[number - 1]
        if text[number - 1]:
            dimension.number_format = _TEXT_FORMAT  # rows an officer adds are text too
        _add_choice(worksheet, column.field, f"{tables.column_letter(number)}2:{tables.column_letter(number)}1048576")
    _print_setup(worksheet)
    header = []
    for heading in sheet.headings:
        cell = WriteOnlyCell(worksheet, value=heading)
        cell.font, cell.fill, cell.alignment = style.bold, style.fill, style.wrap
        header.append(cell)
    worksheet.row_dimensions[1].height = _height(sheet.headings, widths)
    worksheet.append(header)
    main = sheet.name in tables.MAIN_SHEET.values()
    roots = {name: root for root, name in tables.MAIN_SHEET.items()}
    by_heading = {column.heading: column for column in tables.main_fields(roots[sheet.name])} if main else {}
    row_number = 1
    looks: dict[tuple[bool, bool], Any] = {}
    for row in rows:
        row_number += 1
        cells = []
        for position, value in enumerate(row):
            is_text = text[position]
            if main and position == 1:  # the Value column of the Plan sheet: the row's field says what it is
                field_column = by_heading.get(row[0])
                is_text = field_column is not None and _is_text(field_column)
                if field_column is not None:
                    _add_choice(worksheet, field_column.field, f"B{row_number}")
            if value is None:
                cells.append(None)
                continue
            if isinstance(value, str):
                value = _NOT_XML.sub("\ufffd", value)
            cell = WriteOnlyCell(worksheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
            key = (is_text, widths[position] >= 40)
            if key not in looks:  # styles are made once a sheet and copied: setting them per cell is slow
                looks[key] = WriteOnlyCell(worksheet)
                looks[key].alignment = style.wrap if key[1] else style.top
                if is_text:
                    looks[key].number_format = _TEXT_FORMAT
            cell._style = copy(looks[key]._style)
            cells.append(cell)
        height = _height(row, widths)
        if height > _LINE_HEIGHT:
            worksheet.row_dimensions[row_number].height = height
        worksheet.append(cells)
    worksheet.auto_filter.ref = f"A1:{tables.column_letter(max(len(sheet.columns), 1))}{max(row_number, 2)}"


def _add_choice(worksheet, item, cells: str) -> None:
    """A drop-down of a closed codelist: other values are refused, and the prompt explains the choice."""
    from openpyxl.worksheet.datavalidation import DataValidation

    if item is None or not item.enum or item.open_codelist or len(",".join(item.enum)) >= 250:
        return
    choices = ", ".join(item.enum)
    about = item.description.rstrip(".")
    prompt = f"{about}. Choose one: {choices}." if about else f"Choose one: {choices}."
    check = DataValidation(type="list", formula1='"' + ",".join(item.enum) + '"', allow_blank=True,
                           showErrorMessage=True, errorStyle="stop", errorTitle=item.title[:32],
                           error=f"Choose one of: {choices}"[:255], showInputMessage=True,
                           promptTitle=item.title[:32], prompt=prompt[:255])
    check.add(cells)
    worksheet.data_validations.append(check)


def _print_setup(worksheet) -> None:
    worksheet.page_setup.orientation = "landscape"
    worksheet.page_setup.paperSize = 9  # A4
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True
    worksheet.print_title_rows = "1:1"  # the headings on every printed page


def _height(row: list[Any], widths: list[float]) -> float:
    """A row tall enough for its wrapped text, estimated from the characters that fit the column's width."""
    lines = 1
    for value, width in zip(row, widths):
        if not isinstance(value, str) or not value:
            continue
        per_line = max(int(width * 1.1), 8)
        count = sum(max(1, -(-len(part) // per_line)) for part in value.split("\n"))
        lines = max(lines, count)
    return min(lines * _LINE_HEIGHT, _MAX_HEIGHT)


def registry_entries(index) -> list[tuple[str, str, str, dict[str, Any]]]:
    """The registry entries a plan uses, and those they use in turn: (registry file, list, id, entry).

    The registry file is named as from the plan's folder, as the plan's ``registries`` names it.
    """
    main = index.main
    base = main.resolved.parent if main.resolved is not None else Path.cwd()
    found: dict[tuple[int, str, int], tuple[str, str, str, dict[str, Any]]] = {}
    within: dict[tuple[int, tuple], list] = {}  # the references written inside each registry entry
    for ref in index.references:
        if ref.document is not main:
            within.setdefault((id(ref.document), tuple(ref.parts[:2])), []).append(ref)
    todo = [ref for ref in index.references if ref.document is main]
    while todo:
        ref = todo.pop()
        item = index.items.get(ref.target)
        if item is None or item.document is main or item.document.resolved is None or len(item.parts) < 2:
            continue
        name, position = item.parts[0], item.parts[1]
        key = (id(item.document), name, position)
        if key in found or not isinstance(position, int):
            continue
        entry = item.document.data[name][position]
        label = Path(os.path.relpath(item.document.resolved, base)).as_posix()
        found[key] = (label, name, str(entry.get("id", "")), entry)
        todo.extend(within.get((id(item.document), (name, position)), ()))
    return sorted(found.values(), key=lambda row: (row[0], row[1], row[2]))


def _write_registry_data(workbook, carried, style: _Styles) -> None:
    import json

    from openpyxl.cell import WriteOnlyCell

    worksheet = workbook.create_sheet(REGISTRY_DATA)
    worksheet.sheet_properties.tabColor = "808080"  # grey: reference data, not the plan
    worksheet.freeze_panes = "A2"
    for letter, width in zip("ABCD", (24, 16, 32, 100)):
        worksheet.column_dimensions[letter].width = width
        worksheet.column_dimensions[letter].number_format = _TEXT_FORMAT
    _print_setup(worksheet)
    header = []
    for heading in REGISTRY_HEADINGS:
        cell = WriteOnlyCell(worksheet, value=heading)
        cell.font, cell.fill = style.bold, style.fill
        header.append(cell)
    worksheet.append(header)
    for row, (label, name, ident, entry) in enumerate(carried, 2):
        values = [label, name, ident, json.dumps(entry, ensure_ascii=False, separators=(", ", ": "))]
        cells = []
        for value in values:
            cell = WriteOnlyCell(worksheet, value=value)
            cell.data_type, cell.number_format, cell.alignment = "s", _TEXT_FORMAT, style.wrap
            cells.append(cell)
        worksheet.row_dimensions[row].height = _height(values, [24, 16, 32, 100])
        worksheet.append(cells)
    worksheet.auto_filter.ref = f"A1:D{max(len(carried) + 1, 2)}"


def _write_instructions(workbook, data: dict[str, Any], sheets, style: _Styles, carried: bool = False) -> None:
    from openpyxl.cell import WriteOnlyCell

    worksheet = workbook.create_sheet(INSTRUCTIONS)
    worksheet.column_dimensions["A"].width = 24
    worksheet.column_dimensions["B"].width = 100
    _print_setup(worksheet)
    root = tables.document_kind(data)
    what = "plan" if root == "plan" else "registry"
    title = data.get("title") if isinstance(data.get("title"), str) else data.get("id", "")
    lines: list[tuple[Any, Any, bool]] = [
        (_illegal().sub("\ufffd", f"OpenPlan workbook: {title}"[:250]), None, True),  # no control characters
        (None, None, False),
        ("What this is", f"This workbook holds an OpenPlan {what}. Edit it here, then import it back with: "
                         "openplan convert THIS-FILE.xlsx --to yaml -o plan.yaml", False),
        ("One row per item", "Each sheet holds one kind of item, one per row. The first column says which item "
                             "a row belongs to, by its Identifier (an output's objective, an owner's item).", False),
        ("Headings", "Do not rename, merge or delete the headings. You may reorder columns, hide them, sort and "
                     "filter rows, and add rows.", False),
        ("Identifiers", "Identifiers stay the same from year to year; display numbers may change. A new item needs "
                        "a new Identifier that no other item has.", False),
        ("Text and dates", "Text columns are formatted as Text, so what you type stays as typed. Write dates as "
                           "the plan says them (Published wording) and as a value (2025-10, 2025-23 for autumn "
                           "2025, FY2025-Q1). Formulas are never calculated: OpenPlan reads the value your "
                           "spreadsheet program saved with each one.", False),
        ("Drop-down lists", "Columns of codes (status, RAG rating, role ...) offer their codes in a drop-down "
                            "list; other values are refused.", False),
        ("Level", "On outline sheets (sub-items, commitments) the Level column says how deep each row sits under "
                  "the row above it.", False),
        ("Sheets left out", "Sheets with nothing on them are left out. To add the first item of such a kind, "
                            "add it in the plan file and export the workbook again.", False),
        (None, None, False),
        ("Sheet", "What it holds", True),
    ]
    for sheet, _ in sheets:
        lines.append((sheet.name, _about(sheet, root), False))
    if carried:
        lines.append((REGISTRY_DATA, "Registry data, not part of the plan: the entries of the shared registry files "
                      "(owners, themes, pledges, events) that this plan uses, one per row, so the workbook is "
                      "complete on its own. Change them in the registry files, or here and import with "
                      "--registries to write the changes back.", False))
    for number, (label, text, strong) in enumerate(lines, 1):
        title = strong and text is None
        row = []
        for value in (label, text):
            cell = WriteOnlyCell(worksheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            cell.alignment = style.top if title else style.wrap  # the title runs on across the sheet
            if strong:
                cell.font = style.title if title else style.bold
            row.append(cell)
        if not title:
            worksheet.row_dimensions[number].height = _height([label, text], [24, 100])
        worksheet.append(row)


def _about(sheet: tables.Sheet, root: str) -> str:
    if sheet.name in tables.MAIN_SHEET.values():
        return f"The {root}'s own fields (title, period, edition ...), one per row: Field and Value."
    spec = next((spec for spec in tables.SHEETS if spec.name == sheet.name), None)
    if spec is None:
        return (f"Extension data: one row per entry of an extension field ({FIELD_NAME}), under the item it "
                f"belongs to ({ITEM}, empty for the {root} itself); a column per field of the entries.")
    singular = {"Progress": "progress update", "Glossary": "glossary entry", "People": "person",
                "Bodies": "body", "Post holders": "post holder"}
    text = f"One row per {singular.get(spec.name, spec.name.lower().removesuffix('s'))}"
    if spec.parent_heading:
        text += f"; the {spec.parent_heading} column names the item it belongs to"
    if spec.outline:
        text += "; Level nests rows under the row above"
    return text + "."


def _width(column: tables.Column) -> float:
    item = column.field
    if column.role in ("label",):
        return 36
    if column.role in ("value",):
        return 90
    if column.role in ("parent",):
        return 30
    if column.role in ("level",):
        return 7
    if item is None:
        return 20
    if item.name in ("text", "title", "outcome", "description", "note", "summary", "what", "method", "definition",
                     "expansion", "reason", "name"):
        return 60
    if item.name in ("id", "ref", "pledge", "where") or item.references is not None:
        return 30
    return 16


def render(data: dict[str, Any], index=None) -> bytes:
    """The converter interface of :mod:`openplan.convert.registry`: :func:`write`."""
    return write(data, index)


def losses(data: dict[str, Any], index=None, document=None) -> LossReport:
    return tables.sheet_losses(data, "xlsx", typed=True, document=document)
