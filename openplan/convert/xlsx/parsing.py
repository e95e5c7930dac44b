"""Parsing a checked workbook: each sheet's XML streamed and dropped as it is read, within the limits."""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterator

from .. import errors as rules
from .. import tables
from ..errors import ConvertError, error
from .layout import SHEETS_PROPERTY
from .limits import DEFAULT_LIMITS, Limits, Budget, refusal, not_a_zip, open_archive, check_archive, check_xml_parts


def read_sheets(source: str | os.PathLike | bytes | BinaryIO, file: str,
                limits: Limits = DEFAULT_LIMITS) -> dict[str, tables.SheetInput]:
    """Every sheet of a workbook as headings and rows, after the safety checks. Raises ConvertError."""
    return read_workbook(source, file, limits)[0]


def read_workbook(source: str | os.PathLike | bytes | BinaryIO, file: str, limits: Limits = DEFAULT_LIMITS
                  ) -> tuple[dict[str, tables.SheetInput], list[str] | None]:
    """The sheets of a workbook, and the names of the sheets its export wrote (None if it does not say)."""
    stream = open_archive(source, file, limits)
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise not_a_zip(stream.getvalue(), file) from None
    with archive:
        check_archive(archive, file, limits)
        try:
            check_xml_parts(archive, file)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
            raise refusal(rules.UNREADABLE, f"the workbook is damaged: {_reason(exc)}", file) from None
        names = {name.lower() for name in archive.namelist()}
        if "xl/workbook.xml" not in names:
            raise refusal(rules.UNREADABLE, "this zip archive is not an Excel workbook (it has no xl/workbook.xml)",
                          file)
        if any(name.endswith("vbaproject.bin") for name in names):
            raise refusal(rules.UNREADABLE, "the workbook holds macros (a macro-enabled .xlsm workbook); OpenPlan "
                          "never runs macros and does not read such workbooks: save a copy as an Excel workbook "
                          "(.xlsx), which leaves the macros out, and import that", file)
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
        self.percent_styles = _percent_styles(reader.wb)
        self.sheets = [_Sheet(sheet.name, rel.target) for sheet, rel in reader.parser.find_sheets()
                       if rel.target in reader.valid_files and "chartsheet" not in (rel.Type or "")]

    def close(self) -> None:
        self.archive.close()


def _percent_styles(workbook) -> set[int]:
    """The cell styles whose number format shows a percentage (0%, 0.0% ...): typing 50% stores 0.5."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    found = set()
    for number, style in enumerate(workbook._cell_styles):
        code = BUILTIN_FORMATS.get(style.numFmtId) if style.numFmtId < BUILTIN_FORMATS_MAX_SIZE else None
        if code is None and 0 <= style.numFmtId - BUILTIN_FORMATS_MAX_SIZE < len(workbook._number_formats):
            code = workbook._number_formats[style.numFmtId - BUILTIN_FORMATS_MAX_SIZE]
        # a % in quotes, after \ or _ or *, or in [brackets] is shown as it is: it does not make a percentage
        if isinstance(code, str) and "%" in _LITERAL.sub("", code):
            found.add(number)
    return found


_LITERAL = re.compile(r'"[^"]*"|[\\_*].|\[[^\]]*\]')
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
                    raise refusal(rules.LIMIT, f"the workbook has more than {limits.max_rows:,} rows; the limit is "
                                  f"{limits.max_rows:,}", file)
                if cells > limits.max_cells:
                    raise refusal(rules.LIMIT, f"the workbook has more than {limits.max_cells:,} filled cells; the "
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
        raise refusal(rules.UNREADABLE, f"the workbook cannot be read: {_reason(exc)}", file) from None
    sheets: dict[str, tables.SheetInput] = {}
    findings = []
    budget = Budget(limits, file)
    try:
        try:
            _count_rows(book, file, limits)
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
            raise refusal(rules.UNREADABLE, f"the workbook is damaged ({_reason(exc)}); save it again from your "
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
                raise refusal(rules.UNREADABLE, f"{label} cannot be read: the workbook is damaged ({_reason(exc)}); "
                              "save it again from your spreadsheet program", file) from None
            except IndexError:
                raise refusal(rules.UNREADABLE, f"{label} cannot be read: a cell refers to text that is not in the "
                              "workbook's table of shared text; the workbook is damaged", file) from None
            except Exception as exc:  # a damaged sheet: name it
                raise refusal(rules.UNREADABLE, f"{label} cannot be read: {_reason(exc)}", file) from None
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


def _cells(book: _Book, worksheet: _Sheet, budget: Budget, merges: list[str]) -> Iterator[tuple[int, list[dict]]]:
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


def _read_sheet(book: _Book, worksheet: _Sheet, file: str, label: str, budget: Budget):
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
            if kind == "n" and cell["style_id"] in book.percent_styles and not isinstance(value, bool):
                value = tables.Percentage(value)  # the per cent shown is read in a number column
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
