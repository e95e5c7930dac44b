"""Excel workbooks (XLSX): the spreadsheet layout of :mod:`openplan.convert.tables`, both ways.

Writing streams each sheet to the file (openpyxl's write-only mode), so memory
does not grow with the size of the workbook. The workbook is made for officers:
an Instructions sheet first, then only the sheets the plan has rows for (and
Progress); text columns formatted as Text, so nothing typed turns into a date;
closed codelists as drop-downs that refuse other values and explain the choice;
wrapped rows tall enough to read; headings frozen and filterable; landscape
printing, fitted to the page width, with the headings on every page. Text cells
are always stored as text, so a title that starts with ``=`` stays a title.
The sheets written are named in a custom document property (and listed on the
Instructions sheet), so a sheet deleted later is still noticed (V004). An
extension field holding a list of objects (``budget:amounts``) gets a sheet of
its own with a column per field. With the plan's index, the registry entries
the plan uses travel on a Registry data sheet, so the workbook imports anywhere
(see :mod:`openplan.convert.registry_data`).

Reading treats the workbook as hostile until it has been checked:

* the archive's entry count, its total unpacked size and the size of the
  shared-strings table are checked against :class:`Limits` before anything is
  unpacked (zipfile never unpacks more than an entry declares);
* an XML part that declares a DTD or entities is refused, and the sheets are
  parsed with defusedxml, which refuses entity expansion;
* encrypted workbooks, old .xls files and macro-enabled workbooks are refused
  with a plain reason; macros and external links are never run or followed;
* each sheet's XML is streamed and dropped as it is read, with limits on rows,
  filled cells and merged ranges, so memory stays bounded whatever the sheet
  claims (a merge down to row 1,048,576 repeats its value only as far as the
  sheet has rows).

Text is read however the program stored it: in the shared-strings table (as
Excel and LibreOffice do), inline, or as rich text (its formatting dropped).

Tolerances, documented for officers:

* **formulas** are never calculated: a formula's saved value (which Excel and
  LibreOffice store when they save) is read; a formula with no saved value is
  an error (V009);
* cells **merged** down one column give every row of the merge the value of
  the top cell; cells merged across columns are an error (V010);
* **dates**: a cell Excel shows as a date is read as that day; in a day column
  (Period start, progress Date ...) and in a date Value a plain number is read
  as an Excel day number (45123 is 2023-07-16), except that a Value from 1000
  to 9999 is a year; UK dates typed as text (01/04/2025) are read as days. A
  date or a fraction in a wording column is an error naming the cell
  (Outputs!E7): the words that were typed cannot be recovered from it;
* **headings** match whatever their case and spacing, in any order; hidden
  sheets are read; sheets the layout does not use are ignored; a missing
  sheet or an unknown heading is an error;
* empty rows are skipped.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from . import errors as rules
from . import tables
from .errors import ConvertError, error
from .losses import LossReport

MAX_CELL = 32767
SHEETS_PROPERTY = "OpenPlan sheets"  # custom document property: the sheets an export wrote, so none is missing


@dataclass(frozen=True)
class Limits:
    """Bounds on what a workbook may unpack to. The defaults hold a 100,000-output plan with room to spare."""

    max_bytes: int = 100 * 1024 * 1024  # the file itself
    max_entries: int = 1_000  # files inside the archive
    max_unpacked: int = 1024 * 1024 * 1024  # all entries, unpacked
    max_shared_strings: int = 64 * 1024 * 1024  # xl/sharedStrings.xml, unpacked: parsed whole, so kept well under 1 GB
    max_ratio: int = 200  # unpacked size / packed size of any entry larger than 1 MB unpacked
    max_rows: int = 500_000  # rows stored in all sheets together
    max_cells: int = 3_000_000  # filled cells in all sheets, with each row a merge repeats a value on
    max_merges: int = 50_000  # merged ranges in all sheets


DEFAULT_LIMITS = Limits()
_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


# --- writing ------------------------------------------------------------------------------------------------


INSTRUCTIONS = "Instructions"
_TEXT_FORMAT = "@"  # Text: what an officer types stays as typed, never turned into a date or a number
_LINE_HEIGHT = 15  # points per line of wrapped text
_MAX_HEIGHT = 409  # the tallest row Excel allows


REGISTRY_DATA = "Registry data"
REGISTRY_HEADINGS = ("Registry file", "List", "Identifier", "Entry")


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
    sheets, extension_sheets = _extension_sheets(sheets)
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


# --- extension lists: a sheet of their own ------------------------------------------------------------------
#
# An extension field holding a list of objects (budget:amounts) gets a sheet with a column per field of its
# objects ("period: value" for a nested one), one row per object, under Item (the id of the item holding it,
# empty for the plan) and Field (budget:amounts). Objects without an id keep the JSON cell.

ITEM, FIELD_NAME = "Item", "Field"


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


def _extension_sheets(sheets):
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


def _read_extension_sheets(sheets: dict[str, tables.SheetInput], file: str) -> None:
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
    return item is not None and item.kind in ("text", "texts", "text-or-integer")


def _write_sheet(workbook, sheet: tables.Sheet, rows: Iterator[list[Any]], style: _Styles) -> None:
    from copy import copy

    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

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
                value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
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
        (f"OpenPlan workbook: {title}"[:250], None, True),
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


def losses(data: dict[str, Any], document=None) -> LossReport:
    return tables.sheet_losses(data, "xlsx", typed=True, document=document)


# --- reading ------------------------------------------------------------------------------------------------


def _fail(rule, message: str, file: str) -> ConvertError:
    return ConvertError([error(rule, message, file)])


def check_archive(archive: zipfile.ZipFile, file: str, limits: Limits, *, what: str = "workbook") -> None:
    """Refuse zip bombs before unpacking anything: count, total size, ratio and shared strings."""
    entries = archive.infolist()
    if len(entries) > limits.max_entries:
        raise _fail(rules.LIMIT, f"the {what} holds {len(entries):,} files; the limit is {limits.max_entries:,}", file)
    total = 0
    for entry in entries:
        total += entry.file_size
        if entry.file_size > 1024 * 1024 and entry.file_size > limits.max_ratio * max(entry.compress_size, 1):
            raise _fail(rules.LIMIT, f"{entry.filename} in the {what} unpacks {entry.file_size // max(entry.compress_size, 1):,}"
                        " times larger than it is packed, as a zip bomb does", file)
        if entry.filename.lower().endswith("sharedstrings.xml") and entry.file_size > limits.max_shared_strings:
            raise _fail(rules.LIMIT, f"the shared-strings table of the {what} unpacks to {entry.file_size:,} bytes; "
                        f"the limit is {limits.max_shared_strings:,}", file)
    if total > limits.max_unpacked:
        raise _fail(rules.LIMIT, f"the {what} unpacks to {total:,} bytes; the limit is {limits.max_unpacked:,}", file)


def check_xml_parts(archive: zipfile.ZipFile, file: str) -> None:
    """Refuse XML parts that declare a DTD or entities; real workbooks never do."""
    for entry in archive.infolist():
        if not entry.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(entry) as stream:
            head = stream.read(65536)
        probe = head
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            probe = head.decode("utf-16", "replace").encode("utf-8", "replace")
        if _DECLARATION.search(probe):
            raise _fail(rules.UNSAFE_XML, f"{entry.filename} in the workbook declares a DTD or XML entities, "
                        "which workbooks never need; it is refused as unsafe", file)


def _open(source: str | os.PathLike | bytes | BinaryIO, file: str, limits: Limits) -> io.BytesIO:
    if isinstance(source, (bytes, bytearray)):
        raw = bytes(source)
    elif hasattr(source, "read"):
        raw = source.read(limits.max_bytes + 1)
    else:  # bounded, regular files only: a workbook linked to /dev/zero or a named pipe is refused
        raw = rules.read_input(source, file, limits.max_bytes)
    if len(raw) > limits.max_bytes:
        raise _fail(rules.LIMIT, f"the file is larger than the limit of {limits.max_bytes:,} bytes", file)
    return io.BytesIO(raw)


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of encrypted workbooks and of old .xls files
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")


def _not_a_zip(raw: bytes, file: str) -> ConvertError:
    if raw.startswith(_OLE):
        if _ENCRYPTED in raw:
            return _fail(rules.UNREADABLE, "the workbook is protected with a password to open (encrypted), so "
                         "OpenPlan cannot read it; save a copy without the password and import that", file)
        return _fail(rules.UNREADABLE, "this is an old-style Excel workbook (.xls); save it as an Excel workbook "
                     "(.xlsx) and import that", file)
    if raw.startswith(b"PK"):
        return _fail(rules.UNREADABLE, "the workbook is damaged: its zip archive is broken or cut short (as by an "
                     "interrupted download or copy); save it again from your spreadsheet program", file)
    return _fail(rules.UNREADABLE, "this is not an Excel workbook (.xlsx): it is not a zip archive", file)


def read_sheets(source: str | os.PathLike | bytes | BinaryIO, file: str,
                limits: Limits = DEFAULT_LIMITS) -> dict[str, tables.SheetInput]:
    """Every sheet of a workbook as headings and rows, after the safety checks. Raises ConvertError."""
    return read_workbook(source, file, limits)[0]


def read_workbook(source: str | os.PathLike | bytes | BinaryIO, file: str, limits: Limits = DEFAULT_LIMITS
                  ) -> tuple[dict[str, tables.SheetInput], list[str] | None]:
    """The sheets of a workbook, and the names of the sheets its export wrote (None if it does not say)."""
    stream = _open(source, file, limits)
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise _not_a_zip(stream.getvalue(), file) from None
    with archive:
        check_archive(archive, file, limits)
        try:
            check_xml_parts(archive, file)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
            raise _fail(rules.UNREADABLE, f"the workbook is damaged: {_reason(exc)}", file) from None
        names = {name.lower() for name in archive.namelist()}
        if "xl/workbook.xml" not in names:
            raise _fail(rules.UNREADABLE, "this zip archive is not an Excel workbook (it has no xl/workbook.xml)", file)
        if any(name.endswith("vbaproject.bin") for name in names):
            raise _fail(rules.UNREADABLE, "the workbook holds macros (a macro-enabled .xlsm workbook); OpenPlan never "
                        "runs macros and does not read such workbooks: save a copy as an Excel workbook (.xlsx), "
                        "which leaves the macros out, and import that", file)
    stream.seek(0)
    return _read_workbook(stream, file, limits)


@dataclass
class _Sheet:
    title: str
    path: str  # inside the archive


class _Book:
    """What reading needs of a workbook: its sheets, shared text, date styles and custom properties.

    openpyxl's reader does the work, but its read-only worksheets are not made: each of them parses its whole
    sheet once just to learn its size when the sheet does not say it.
    """

    def __init__(self, stream: io.BytesIO):
        from openpyxl.reader.excel import ExcelReader
        from openpyxl.styles.stylesheet import apply_stylesheet

        # keep_vba=False and keep_links=False: macros and external links are dropped, never run or followed
        reader = ExcelReader(stream, read_only=True, keep_vba=False, data_only=True, keep_links=False,
                             rich_text=False)
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        try:
            reader.read_custom()
        except Exception:  # custom properties are a convenience: a damaged set is ignored, never fatal
            pass
        apply_stylesheet(reader.archive, reader.wb)
        self.archive = reader.archive
        self.shared_strings = reader.shared_strings
        self.epoch = reader.wb.epoch
        self.date_formats = reader.wb._date_formats
        self.timedelta_formats = reader.wb._timedelta_formats
        self.custom_doc_props = reader.wb.custom_doc_props
        self.sheets = [_Sheet(sheet.name, rel.target) for sheet, rel in reader.parser.find_sheets()
                       if rel.target in reader.valid_files and "chartsheet" not in (rel.Type or "")]

    def close(self) -> None:
        self.archive.close()


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")


def _count_rows(book: _Book, file: str, limits: Limits) -> None:
    """Count the rows and cells of every sheet from its raw XML, which is fast, before parsing any of it."""
    rows = cells = 0
    for sheet in book.sheets:
        with book.archive.open(sheet.path) as source:
            carry = b""
            while True:
                chunk = source.read(1 << 20)
                data = carry + chunk
                cut = data.rfind(b"<") if chunk else len(data)
                cut = cut if cut >= 0 else len(data)
                rows += len(_ROW_TAG.findall(data, 0, cut))
                cells += len(_CELL_TAG.findall(data, 0, cut))
                carry = data[cut:]
                if rows > limits.max_rows:
                    raise _fail(rules.LIMIT, f"the workbook has more than {limits.max_rows:,} rows; the limit is "
                                f"{limits.max_rows:,}", file)
                if cells > limits.max_cells:
                    raise _fail(rules.LIMIT, f"the workbook has more than {limits.max_cells:,} filled cells; the "
                                f"limit is {limits.max_cells:,}", file)
                if not chunk:
                    break


def _read_workbook(stream: io.BytesIO, file: str, limits: Limits
                   ) -> tuple[dict[str, tables.SheetInput], list[str] | None]:
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it drops (e.g. data validation)
            book = _Book(stream)
    except Exception as exc:  # openpyxl raises many kinds of error for a damaged workbook
        raise _fail(rules.UNREADABLE, f"the workbook cannot be read: {_reason(exc)}", file) from None
    sheets: dict[str, tables.SheetInput] = {}
    findings = []
    budget = _Budget(limits, file)
    try:
        try:
            _count_rows(book, file, limits)
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
            raise _fail(rules.UNREADABLE, f"the workbook is damaged ({_reason(exc)}); save it again from your "
                        "spreadsheet program", file) from None
        for worksheet in book.sheets:
            label = f'sheet "{worksheet.title}"'
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # a date out of range becomes an error cell, reported below
                    headings, rows, problems = _read_sheet(book, worksheet, file, label, budget)
            except ConvertError:
                raise
            except zipfile.BadZipFile as exc:
                raise _fail(rules.UNREADABLE, f"{label} cannot be read: the workbook is damaged ({_reason(exc)}); "
                            "save it again from your spreadsheet program", file) from None
            except IndexError:
                raise _fail(rules.UNREADABLE, f"{label} cannot be read: a cell refers to text that is not in the "
                            "workbook's table of shared text; the workbook is damaged", file) from None
            except Exception as exc:  # a damaged sheet: name it
                raise _fail(rules.UNREADABLE, f"{label} cannot be read: {_reason(exc)}", file) from None
            findings.extend(problems)
            sheets[tables.normalise(worksheet.title)] = tables.SheetInput(worksheet.title, headings, rows, label)
        written = _written_sheets(book)
    finally:
        book.close()
    if findings:
        raise ConvertError(findings)
    return sheets, written


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) < 200 else text[:197] + "..."


class _Budget:
    """Rows, cells and merged ranges read so far from the whole workbook, refused past the limits."""

    def __init__(self, limits: Limits, file: str):
        self.limits, self.file = limits, file
        self.rows = self.cells = self.merges = 0

    def row(self) -> None:
        self.rows += 1
        if self.rows > self.limits.max_rows:
            raise _fail(rules.LIMIT, f"the workbook has more than {self.limits.max_rows:,} rows; the limit is "
                        f"{self.limits.max_rows:,}", self.file)

    def cell(self, count: int = 1) -> None:
        self.cells += count
        if self.cells > self.limits.max_cells:
            raise _fail(rules.LIMIT, f"the workbook has more than {self.limits.max_cells:,} filled cells (counting "
                        f"each row of a merged cell); the limit is {self.limits.max_cells:,}", self.file)

    def merge(self) -> None:
        self.merges += 1
        if self.merges > self.limits.max_merges:
            raise _fail(rules.LIMIT, f"the workbook has more than {self.limits.max_merges:,} merged ranges; the "
                        f"limit is {self.limits.max_merges:,}", self.file)


def _cells(book: _Book, worksheet: _Sheet, budget: _Budget, merges: list[str]) -> Iterator[tuple[int, list[dict]]]:
    """Rows of a sheet as they are stored, with cached values for formulas; merged ranges go into ``merges``.

    openpyxl's read-only worksheet pads every row to the widest column and fills missing rows, which a hostile
    sheet can turn into billions of empty cells, so the sheet's XML is streamed here with openpyxl's cell parser,
    and every element is dropped once read: memory does not grow with the sheet.
    """
    from openpyxl.worksheet._reader import CELL_TAG, FORMULA_TAG, ROW_TAG, WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse  # defusedxml's, which refuses entities

    merge_tag = "{%s}mergeCell" % SHEET_MAIN_NS
    parser = WorkSheetParser(None, book.shared_strings, data_only=True, epoch=book.epoch,
                             date_formats=book.date_formats, timedelta_formats=book.timedelta_formats)
    row_number = 0
    with book.archive.open(worksheet.path) as source:
        stack: list = []
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                stack.append(element)
                continue
            stack.pop()
            if len(stack) == 2:  # a child of sheetData, mergeCells ...: read it, then let it go
                if element.tag == ROW_TAG:
                    budget.row()
                    row_number = _row_number(element.get("r"), row_number)
                    parser.row_counter, parser.col_counter = row_number, 0
                    cells = []
                    for child in element:
                        if child.tag != CELL_TAG:
                            continue
                        cell = parser.parse_cell(child)
                        cell["formula"] = child.find(FORMULA_TAG) is not None
                        if cell["value"] is not None or cell["formula"]:
                            budget.cell()
                            cells.append(cell)
                    if cells:
                        yield row_number, cells
                elif element.tag == merge_tag and element.get("ref"):
                    budget.merge()
                    merges.append(element.get("ref"))
                del stack[-1][:]
            elif len(stack) == 1:
                del stack[0][:]


def _row_number(text: str | None, previous: int) -> int:
    number = previous + 1 if text is None else int(float(text))
    if not 1 <= number <= 1_048_576:
        raise ValueError(f"a row is numbered {text}, outside the rows a workbook can have")
    return number


def _read_sheet(book: _Book, worksheet: _Sheet, file: str, label: str, budget: _Budget):
    from bisect import bisect_left

    from openpyxl.utils.cell import range_boundaries

    problems = []
    rows: dict[int, dict[int, Any]] = {}
    merges: list[str] = []
    for number, cells in _cells(book, worksheet, budget, merges):
        values: dict[int, Any] = {}
        for cell in cells:
            value, kind, column = cell["value"], cell["data_type"], cell["column"]
            where = f"{label}, row {number}, column {tables.column_letter(column)}"
            if kind == "e":
                problems.append(error(rules.BAD_CELL, f"{where}: the cell holds the error {value}",
                                      file, number, column))
                continue
            if value is None:  # a formula with no saved value: never calculated here
                problems.append(error(rules.FORMULA, f"{where}: the cell holds a formula with no saved value; "
                                      "OpenPlan reads values only and never calculates formulas", file, number, column))
                continue
            values[column] = value
        if values:
            rows[number] = values
    if not rows:
        return [], [], problems
    row_numbers = sorted(rows)
    last_row = row_numbers[-1]
    by_column: dict[int, list[int]] = {}
    for number in row_numbers:
        for column in rows[number]:
            by_column.setdefault(column, []).append(number)
    columns = sorted(by_column)

    def holds_value(low_col: int, low_row: int, high_col: int, high_row: int) -> bool:
        for column in columns[bisect_left(columns, low_col):bisect_left(columns, high_col + 1)]:
            found = by_column[column]
            at = bisect_left(found, low_row)
            if at < len(found) and found[at] <= high_row:
                return True
        return False

    for ref in merges:
        try:
            low_col, low_row, high_col, high_row = range_boundaries(ref)
        except (TypeError, ValueError):
            raise ValueError(f"the merged range {ref[:40]!r} is not a range of cells") from None
        if None in (low_col, low_row, high_col, high_row):
            continue  # whole rows or columns: nothing to repeat
        if low_col != high_col or low_row == 1:
            if not holds_value(low_col, low_row, high_col, high_row):
                continue  # merged but empty: harmless
            where = "across columns" if low_col != high_col else "down from the heading row"
            shown_ref = ref if len(ref) <= 40 else ref[:37] + "..."
            problems.append(error(rules.MERGED_CELLS, f"{label}, cells {shown_ref}: cells are merged {where}; "
                                  "unmerge them and put each value in its own cell", file, low_row, low_col))
            if len(problems) > 100:
                break
            continue
        top = rows.get(low_row, {}).get(low_col)
        if top is None:
            continue
        # rows past the last row with data are empty anyway: a merge down to row 1,048,576 stops there
        stop = min(high_row, last_row)
        budget.cell(max(stop - low_row, 0))
        for number in range(low_row + 1, stop + 1):
            rows.setdefault(number, {}).setdefault(low_col, top)
    heading_row = rows.pop(1, {})
    headings = sorted(heading_row.items())
    data_rows = [(number, sorted(values.items())) for number, values in sorted(rows.items())]
    return headings, data_rows, problems


def _written_sheets(book: _Book) -> list[str] | None:
    """The sheets an export wrote, from the workbook's custom property, or None for a workbook without it."""
    try:
        props = book.custom_doc_props
        prop = next((p for p in props.props if p.name == SHEETS_PROPERTY), None)
    except Exception:  # a damaged or absent property: check every sheet, as for an old export
        return None
    if prop is None or not isinstance(prop.value, str):
        return None
    return [name.strip() for name in prop.value.split(",") if name.strip()]


def read(source: str | os.PathLike | bytes | BinaryIO, file: str | None = None,
         limits: Limits = DEFAULT_LIMITS) -> tuple[dict[str, Any], tables.Reader]:
    """Plan data from a workbook, and the reader that knows where each value came from. Raises ConvertError."""
    shown = file or (str(source) if isinstance(source, (str, Path)) else "<workbook>")
    sheets, written = read_workbook(source, shown, limits)
    if written is None:
        written = _listed_sheets(sheets.get(tables.normalise(INSTRUCTIONS)))
    carried = _read_registry_data(sheets.get(tables.normalise(REGISTRY_DATA)), shown)
    _read_extension_sheets(sheets, shown)
    data, reader = tables.from_sheets(sheets, shown, typed=True, written=written)
    reader.registry_data = carried
    return data, reader


RegistryData = dict[str, dict[str, list[dict[str, Any]]]]  # registry file -> list name -> entries


def _read_registry_data(sheet: tables.SheetInput | None, file: str) -> RegistryData | None:
    """The registry entries a workbook carries, by registry file and list (None: it has no Registry data sheet).

    Raises ConvertError naming the cell."""
    import json

    from .fields import fields

    carried: RegistryData = {}
    if sheet is None:
        return None
    lists = {item.name for item in fields("Registry", "registry") if item.kind == "objects"}
    head = {tables.normalise(str(h)): n for n, h in sheet.headings if h is not None}
    columns = [head.get(tables.normalise(heading)) for heading in REGISTRY_HEADINGS]
    findings = []
    if None in columns:
        missing = [h for h, n in zip(REGISTRY_HEADINGS, columns) if n is None]
        raise ConvertError([error(rules.MISSING_COLUMN, f'sheet "{sheet.name}": the column "{missing[0]}" is missing; '
                                  f"its headings are: {', '.join(REGISTRY_HEADINGS)}", file, 1)])
    file_col, list_col, _, entry_col = columns
    for row, cells in sheet.rows:
        values = dict(cells)
        name, kind, raw = values.get(file_col), values.get(list_col), values.get(entry_col)
        if name is None and kind is None and raw is None:
            continue
        where = f'sheet "{sheet.name}", row {row}: cell {tables.cell_name(sheet.name, entry_col, row)}'
        try:
            entry = json.loads(raw) if isinstance(raw, str) else None
        except ValueError as exc:
            findings.append(error(rules.BAD_CELL, f"{where} is not a registry entry written as JSON ({exc.msg} at "
                                  f"character {exc.pos + 1})", file, row, entry_col))
            continue
        if not isinstance(entry, dict) or not isinstance(name, str) or kind not in lists:
            findings.append(error(rules.BAD_CELL, f"{where}: each row needs a registry file, a list (one of "
                                  f"{', '.join(sorted(lists))}) and the entry written as JSON", file, row, entry_col))
            continue
        carried.setdefault(name.strip(), {}).setdefault(kind, []).append(entry)
    if findings:
        raise ConvertError(findings)
    return carried


def _listed_sheets(instructions: tables.SheetInput | None) -> list[str] | None:
    """The sheets the instructions sheet lists, for a program that drops the workbook's custom properties."""
    if instructions is None:
        return None
    listed = None
    for _, cells in instructions.rows:
        values = dict(cells)
        if listed is None:
            if values.get(1) == "Sheet" and values.get(2) == "What it holds":
                listed = []
        elif isinstance(values.get(1), str):
            listed.append(values[1])
    return listed
