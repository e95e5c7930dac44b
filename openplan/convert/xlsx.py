"""Excel workbooks (XLSX): the spreadsheet layout of :mod:`openplan.convert.tables`, both ways.

Writing streams each sheet to the file (openpyxl's write-only mode), so memory
does not grow with the size of the workbook. Text cells are always stored as
text, so a title that starts with ``=`` stays a title and never becomes a
formula. Columns of codes offer their codes in a drop-down list.

Reading treats the workbook as hostile until it has been checked:

* the archive's entry count, its total unpacked size and the size of the
  shared-strings table are checked against :class:`Limits` before anything is
  unpacked (zipfile never unpacks more than an entry declares);
* an XML part that declares a DTD or entities is refused, and openpyxl parses
  with defusedxml, which refuses entity expansion;
* sheets are read in openpyxl's streaming mode, cell by cell.

Tolerances, documented for officers:

* **formulas** are refused (error V009), never evaluated and never read from
  their cached value, which may be stale or missing;
* cells **merged** down one column give every row of the merge the value of
  the top cell; cells merged across columns are an error (V010);
* **dates**: a cell Excel shows as a date is read as that day; in a day column
  (Period start, progress Date ...) and in a date Value a plain number is read
  as an Excel day number (45123 is 2023-07-16), except that a Value from 1000
  to 9999 is a year; UK dates typed as text (01/04/2025) are read as days;
* **headings** match whatever their case and spacing; sheets the layout does
  not use are ignored; a missing sheet or an unknown heading is an error;
* empty rows are skipped.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from . import errors as rules
from . import tables
from .errors import ConvertError, error
from .losses import LossReport

MAX_CELL = 32767


@dataclass(frozen=True)
class Limits:
    """Bounds on what a workbook may unpack to. The defaults hold a 100,000-output plan with room to spare."""

    max_bytes: int = 100 * 1024 * 1024  # the file itself
    max_entries: int = 1_000  # files inside the archive
    max_unpacked: int = 1024 * 1024 * 1024  # all entries, unpacked
    max_shared_strings: int = 256 * 1024 * 1024  # xl/sharedStrings.xml, unpacked
    max_ratio: int = 200  # unpacked size / packed size of any entry larger than 1 MB unpacked


DEFAULT_LIMITS = Limits()
_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


# --- writing ------------------------------------------------------------------------------------------------


def write(data: dict[str, Any]) -> bytes:
    """The plan as an XLSX workbook, one sheet per kind of item."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F0")
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    workbook = Workbook(write_only=True)
    for sheet in tables.to_sheets(data):
        worksheet = workbook.create_sheet(sheet.name)
        worksheet.freeze_panes = "A2"
        for number, column in enumerate(sheet.columns, 1):
            worksheet.column_dimensions[tables.column_letter(number)].width = _width(column)
            item = column.field
            if item is not None and item.enum and len(",".join(item.enum)) < 250:
                letter = tables.column_letter(number)
                check = DataValidation(type="list", formula1='"' + ",".join(item.enum) + '"', allow_blank=True)
                check.add(f"{letter}2:{letter}1048576")
                worksheet.data_validations.append(check)
        header = []
        for heading in sheet.headings:
            cell = WriteOnlyCell(worksheet, value=heading)
            cell.font, cell.fill = bold, fill
            header.append(cell)
        worksheet.append(header)
        wide = [_width(column) >= 40 for column in sheet.columns]
        for row in sheet.rows:
            cells = []
            for value, is_wide in zip(row, wide):
                if value is None:
                    cells.append(None)
                    continue
                if isinstance(value, str):
                    value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
                cell = WriteOnlyCell(worksheet, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text, never a formula, whatever it starts with
                cell.alignment = wrap if is_wide else top
                cells.append(cell)
            worksheet.append(cells)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


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
    else:
        try:
            with open(source, "rb") as handle:
                raw = handle.read(limits.max_bytes + 1)
        except OSError as exc:
            raise _fail(rules.UNREADABLE, f"the file cannot be read ({exc.strerror or exc})", file) from None
    if len(raw) > limits.max_bytes:
        raise _fail(rules.LIMIT, f"the file is larger than the limit of {limits.max_bytes:,} bytes", file)
    return io.BytesIO(raw)


def read_sheets(source: str | os.PathLike | bytes | BinaryIO, file: str,
                limits: Limits = DEFAULT_LIMITS) -> dict[str, tables.SheetInput]:
    """Every sheet of a workbook as headings and rows, after the safety checks. Raises ConvertError."""
    stream = _open(source, file, limits)
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _fail(rules.UNREADABLE, "this is not an Excel workbook (.xlsx): it is not a zip archive", file) from None
    with archive:
        check_archive(archive, file, limits)
        check_xml_parts(archive, file)
        names = {name.lower() for name in archive.namelist()}
        if "xl/workbook.xml" not in names:
            raise _fail(rules.UNREADABLE, "this zip archive is not an Excel workbook (it has no xl/workbook.xml)", file)
    stream.seek(0)
    return _read_workbook(stream, file)


def _read_workbook(stream: io.BytesIO, file: str) -> dict[str, tables.SheetInput]:
    import warnings

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it drops (e.g. data validation)
            workbook = load_workbook(stream, read_only=True, data_only=False, keep_links=False, rich_text=False)
    except Exception as exc:  # openpyxl raises many kinds of error for a damaged workbook
        raise _fail(rules.UNREADABLE, f"the workbook cannot be read: {_reason(exc)}", file) from None
    sheets: dict[str, tables.SheetInput] = {}
    findings = []
    try:
        for worksheet in workbook.worksheets:
            label = f'sheet "{worksheet.title}"'
            try:
                headings, rows, problems = _read_sheet(workbook, worksheet, file, label)
            except ConvertError:
                raise
            except Exception as exc:  # a damaged sheet: name it
                raise _fail(rules.UNREADABLE, f"{label} cannot be read: {_reason(exc)}", file) from None
            findings.extend(problems)
            sheets[tables.normalise(worksheet.title)] = tables.SheetInput(worksheet.title, headings, rows, label)
    finally:
        workbook.close()
    if findings:
        raise ConvertError(findings)
    return sheets


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) < 200 else text[:197] + "..."


def _cells(workbook, worksheet) -> Iterator[tuple[int, list[dict]]]:
    """Rows as openpyxl's streaming parser yields them: only the cells the sheet holds, nothing padded.

    (openpyxl's read-only worksheet pads every row to the widest column and fills missing rows, which a hostile
    sheet can turn into billions of empty cells; its parser, which that worksheet uses, does not.)
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    with workbook._archive.open(worksheet._worksheet_path) as source:
        parser = WorkSheetParser(source, workbook.shared_strings, data_only=False, epoch=workbook.epoch,
                                 date_formats=workbook._date_formats, timedelta_formats=workbook._timedelta_formats)
        yield from parser.parse()
        worksheet._openplan_merged = parser.merged_cells


def _read_sheet(workbook, worksheet, file: str, label: str):
    from openpyxl.utils.cell import range_boundaries

    problems = []
    rows: dict[int, dict[int, Any]] = {}
    for number, cells in _cells(workbook, worksheet):
        values: dict[int, Any] = {}
        for cell in cells:
            value, kind, column = cell["value"], cell["data_type"], cell["column"]
            if value is None:
                continue
            if kind == "f":
                problems.append(error(rules.FORMULA, f"{label}, row {number}, column "
                                      f"{tables.column_letter(column)}: the cell holds the formula {value}; OpenPlan "
                                      "reads values only", file, number, column))
                continue
            if kind == "e":
                problems.append(error(rules.BAD_CELL, f"{label}, row {number}, column "
                                      f"{tables.column_letter(column)}: the cell holds the error {value}",
                                      file, number, column))
                continue
            values[column] = value
        if values:
            rows[number] = values
    merged = getattr(worksheet, "_openplan_merged", None)
    for ref in [str(cell.ref) for cell in getattr(merged, "mergeCell", None) or ()]:
        low_col, low_row, high_col, high_row = range_boundaries(ref)
        if low_col != high_col or low_row == 1:
            if not any(rows.get(r, {}).get(c) is not None
                       for r in range(low_row, min(high_row, low_row + 1000) + 1)
                       for c in range(low_col, min(high_col, low_col + 100) + 1)):
                continue  # merged but empty: harmless
            where = "across columns" if low_col != high_col else "down from the heading row"
            problems.append(error(rules.MERGED_CELLS, f"{label}, cells {ref}: cells are merged {where}; unmerge them "
                                  "and put each value in its own cell", file, low_row, low_col))
            continue
        top = rows.get(low_row, {}).get(low_col)
        if top is None:
            continue
        for number in range(low_row + 1, high_row + 1):
            rows.setdefault(number, {}).setdefault(low_col, top)
    heading_row = rows.pop(1, {})
    headings = sorted(heading_row.items())
    data_rows = [(number, sorted(values.items())) for number, values in sorted(rows.items())]
    return headings, data_rows, problems


def read(source: str | os.PathLike | bytes | BinaryIO, file: str | None = None,
         limits: Limits = DEFAULT_LIMITS) -> tuple[dict[str, Any], tables.Reader]:
    """Plan data from a workbook, and the reader that knows where each value came from. Raises ConvertError."""
    shown = file or (str(source) if isinstance(source, (str, Path)) else "<workbook>")
    sheets = read_sheets(source, shown, limits)
    return tables.from_sheets(sheets, shown, typed=True)
