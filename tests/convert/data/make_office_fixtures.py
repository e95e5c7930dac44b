"""Make the workbooks that office programs wrote, which the spreadsheet tests import.

Run from the repository root: ``python tests/convert/data/make_office_fixtures.py``. It needs openpyxl,
xlsxwriter and, for the LibreOffice files, LibreOffice Calc (``soffice``; on Debian
``apt-get install libreoffice-calc-nogui``). The results are committed, so the tests do not need LibreOffice.

Each workbook starts as ``openplan convert office-plan.yaml --to xlsx``. An officer then:

* changes the plan's title (Plan sheet);
* adds an output row (Outputs sheet): OUTPUT below;
* picks "amber" from the RAG rating drop-down of the progress row (Progress sheet);

and, in the ``-typed-date`` workbooks only, types "March 2026" into the published wording of the first
output's due date (Outputs!E2), which the spreadsheet program stores as the day number 46082 shown as a date.

Two programs write the result:

* ``libreoffice-*.xlsx``: the edits are made with openpyxl, then LibreOffice Calc opens the workbook and saves
  it (``soffice --headless --convert-to xlsx:"Calc MS Excel 2007 XML"``), so every byte is LibreOffice's:
  shared strings, its styles, its data validations and its document properties.
* ``excel-style-*.xlsx``: every sheet is written again with xlsxwriter, which stores text in the shared-strings
  table as Excel does, keeps the data validations and the workbook's custom property, and writes the new
  output's text as rich text (one word in bold), as Excel does when an officer formats part of a cell.

``libreoffice-1.1.xlsx`` and ``excel-style-1.1.xlsx`` are ``openplan convert office-plan-1.1.yaml --to xlsx``,
a plan with a value in every column schema 1.1 added, saved again by each program with no edits: the import
must give back the plan exactly.

``password-protected.xlsx`` is ``libreoffice-edited.xlsx`` encrypted with the password "council" in the
ECMA-376 agile encryption Excel uses for "Encrypt with Password", made once with msoffcrypto-tool (MIT):
``msoffcrypto-tool -e -p council libreoffice-edited.xlsx password-protected.xlsx``.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SOURCE = HERE / "office-plan.yaml"
SOURCE_1_1 = HERE / "office-plan-1.1.yaml"
TITLE = "Small Council Plan 2025/26 (revised July 2025)"
OUTPUT = ["obj.streets", "out.streets.gritting", "c", "Grit every school route before 8am", "Winter 2025",
          "2025-24"]
RAG = "amber"
TYPED_DATE = 46082  # "March 2026" as LibreOffice and Excel store it: 1 March 2026
TYPED_DATE_CELL = "E2"


def exported(source: Path = SOURCE) -> bytes:
    sys.path.insert(0, str(ROOT))
    from openplan.convert import to_xlsx
    from openplan.loader import load_document

    return to_xlsx(load_document(source).data)


def edit(workbook, typed_date: bool) -> None:
    """The officer's edits, on an openpyxl workbook."""
    plan = workbook["Plan"]
    for row in plan.iter_rows(min_row=2):
        if row[0].value == "Title":
            row[1].value = TITLE
    outputs = workbook["Outputs"]
    headings = [cell.value for cell in outputs[1]]
    new_row = outputs.max_row + 1
    for heading, value in zip(["Objective", "Identifier", "Display number", "Text", "Due: published wording",
                               "Due: value"], OUTPUT):
        cell = outputs.cell(new_row, headings.index(heading) + 1, value)
        cell.number_format = "@"
    progress = workbook["Progress"]
    headings = [cell.value for cell in progress[1]]
    progress.cell(2, headings.index("RAG rating") + 1, RAG)
    if typed_date:
        cell = outputs[TYPED_DATE_CELL]
        assert outputs.cell(1, cell.column).value == "Due: published wording"
        cell.value = TYPED_DATE
        cell.number_format = "MMMM YYYY"


def edited(typed_date: bool) -> bytes:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(exported()))
    edit(workbook, typed_date)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def through_libreoffice(raw: bytes) -> bytes:
    """Open and save a workbook with LibreOffice Calc, headless, in a profile of its own."""
    return all_through_libreoffice([raw])[0]


def all_through_libreoffice(raws: list[bytes]) -> list[bytes]:
    """Open and save each workbook with LibreOffice Calc, in one run: starting it takes most of the time."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "in").mkdir()
        names = [work / "in" / f"plan-{number}.xlsx" for number in range(len(raws))]
        for name, raw in zip(names, raws):
            name.write_bytes(raw)
        subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={(work / 'profile').as_uri()}",
                        "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(work / "out"),
                        *map(str, names)], check=True, capture_output=True, timeout=180 + 60 * len(raws))
        return [(work / "out" / name.name).read_bytes() for name in names]


def through_xlsxwriter(raw: bytes) -> bytes:
    """Write every sheet again with xlsxwriter: shared strings, rich text, validations and properties kept."""
    import openpyxl
    import xlsxwriter

    source = openpyxl.load_workbook(io.BytesIO(raw))
    stream = io.BytesIO()
    target = xlsxwriter.Workbook(stream, {"in_memory": True})
    bold, text = target.add_format({"bold": True}), target.add_format({"num_format": "@"})
    formats: dict[str, object] = {}
    for sheet in source.worksheets:
        out = target.add_worksheet(sheet.title)
        out.freeze_panes(1, 0)
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                style = formats.setdefault(cell.number_format, target.add_format({"num_format": cell.number_format}))
                if sheet.title == "Outputs" and cell.value == OUTPUT[3]:
                    out.write_rich_string(cell.row - 1, cell.column - 1, "Grit ", bold, "every",
                                          " school route before 8am", text)
                elif isinstance(cell.value, str):
                    out.write_string(cell.row - 1, cell.column - 1, cell.value, style)
                elif isinstance(cell.value, bool):  # TRUE and FALSE, as Excel stores them, not 1 and 0
                    out.write_boolean(cell.row - 1, cell.column - 1, cell.value, style)
                elif cell.is_date:
                    out.write_datetime(cell.row - 1, cell.column - 1, cell.value, style)
                else:
                    out.write_number(cell.row - 1, cell.column - 1, cell.value, style)
        for check in sheet.data_validations.dataValidation:
            for ranged in check.sqref.ranges:
                out.data_validation(ranged.coord, {"validate": "list", "source": check.formula1.strip('"').split(","),
                                                   "error_type": "stop", "input_message": check.prompt or ""})
    for prop in source.custom_doc_props.props:
        target.set_custom_property(prop.name, prop.value)
    target.close()
    return stream.getvalue()


def main() -> None:
    made, office = {}, {}
    for typed_date in (False, True):
        name = "typed-date" if typed_date else "edited"
        raw = edited(typed_date)
        made[f"excel-style-{name}.xlsx"] = through_xlsxwriter(raw)
        office[f"libreoffice-{name}.xlsx"] = raw
    raw = exported(SOURCE_1_1)
    made["excel-style-1.1.xlsx"] = through_xlsxwriter(raw)
    office["libreoffice-1.1.xlsx"] = raw
    made.update(zip(office, all_through_libreoffice(list(office.values()))))
    for name, content in made.items():
        (HERE / name).write_bytes(content)
        print(f"wrote {name} ({len(content):,} bytes)")


if __name__ == "__main__":
    main()
