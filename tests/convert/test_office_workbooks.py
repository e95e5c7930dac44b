"""Workbooks as office programs save them: LibreOffice Calc, and Excel's way of storing text (xlsxwriter).

The committed workbooks under data/ were made by data/make_office_fixtures.py, which documents the officer's
edits and how each program wrote the file.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import datetime

import pytest

from openplan.convert import ConvertError, convert, from_xlsx, load, to_xlsx
from openplan.convert.reading import read_path
from openplan.loader import load_document

from ..conftest import ROOT
from .data import make_office_fixtures as made
from .helpers import DATA, LONDON, canonical_json

PROGRAMS = ("libreoffice", "excel-style")


def _leaves(value, pointer=""):
    """Every value of a plan by its JSON pointer, so two plans compare field by field."""
    if isinstance(value, dict):
        for key, entry in value.items():
            yield from _leaves(entry, f"{pointer}/{key}")
    elif isinstance(value, list):
        for position, entry in enumerate(value):
            yield from _leaves(entry, f"{pointer}/{position}")
    else:
        yield pointer, value


def _differences(old: dict, new: dict) -> dict[str, tuple]:
    before, after = dict(_leaves(old)), dict(_leaves(new))
    return {key: (before.get(key), after.get(key)) for key in before.keys() | after.keys()
            if before.get(key) != after.get(key)}


@pytest.mark.parametrize("program", PROGRAMS)
def test_the_fixture_was_written_by_its_program(program):
    archive = zipfile.ZipFile(DATA / f"{program}-edited.xlsx")
    names = archive.namelist()
    assert "xl/sharedStrings.xml" in names  # text in the shared-strings table, as Excel and LibreOffice store it
    application = archive.read("docProps/app.xml").decode()
    assert ("LibreOffice" in application) == (program == "libreoffice")


@pytest.mark.parametrize("program", PROGRAMS)
def test_an_officers_edits_arrive_and_nothing_else_changes(program):
    source = load_document(made.SOURCE).data
    imported = from_xlsx(DATA / f"{program}-edited.xlsx", f"{program}-edited.xlsx")
    output = "/areas/0/objectives/0/outputs"
    expected = {
        "/title": (source["title"], made.TITLE),
        f"{output}/0/progress/0/rag": (None, made.RAG),
        f"{output}/2/id": (None, "out.streets.gritting"),
        f"{output}/2/number": (None, "c"),
        f"{output}/2/text": (None, "Grit every school route before 8am"),
        f"{output}/2/due/text": (None, "Winter 2025"),
        f"{output}/2/due/value": (None, "2025-24"),
    }
    assert _differences(source, imported) == expected


@pytest.mark.parametrize("program", PROGRAMS)
def test_a_date_typed_into_a_wording_column_is_refused_naming_the_cell(program):
    with pytest.raises(ConvertError) as excinfo:
        from_xlsx(DATA / f"{program}-typed-date.xlsx", "plan.xlsx")
    [finding] = excinfo.value.findings
    assert finding.code == "V008" and (finding.line, finding.column) == (2, 5)
    assert "Outputs!E2" in finding.message and "the date 2026-03-01" in finding.message
    assert "Format the column as Text" in finding.message or "format the column as Text" in finding.message
    assert excinfo.value.exit_code == 1


ROUND_TRIPS = [made.SOURCE, ROOT / "examples" / "extensions" / "budget-plan.yaml",
               LONDON / "business-plan-2017-18.yaml"]


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice (soffice) is not installed; .ci/run installs libreoffice-calc-nogui")
@pytest.mark.parametrize("path", ROUND_TRIPS, ids=lambda p: p.name)
def test_a_workbook_saved_again_by_libreoffice_imports_unchanged(path, tmp_path):
    (tmp_path / ".git").mkdir()
    for name in ("registry.yaml", "pledges.yaml"):  # the London plans' registries, beside the workbook
        shutil.copy(LONDON / name, tmp_path / name)
    source = load(path)
    saved = made.through_libreoffice(convert(source, "xlsx").content)
    assert b"LibreOffice" in zipfile.ZipFile(io.BytesIO(saved)).read("docProps/app.xml")
    (tmp_path / "plan.xlsx").write_bytes(saved)
    assert canonical_json(read_path(tmp_path / "plan.xlsx").data) == canonical_json(source.data)


# --- what office programs store, built here with xlsxwriter --------------------------------------------------


def _excel_style(edit) -> bytes:
    """The export of the office plan written again as Excel stores it, after ``edit(sheet_name, worksheet)``."""
    import openpyxl
    import xlsxwriter

    source = openpyxl.load_workbook(io.BytesIO(to_xlsx(load_document(made.SOURCE).data)))
    stream = io.BytesIO()
    target = xlsxwriter.Workbook(stream, {"in_memory": True})
    for sheet in source.worksheets:
        out = target.add_worksheet(sheet.title)
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    out.write(cell.row - 1, cell.column - 1, cell.value)
        edit(target, sheet.title, out)
    for prop in source.custom_doc_props.props:
        target.set_custom_property(prop.name, prop.value)
    target.close()
    return stream.getvalue()


def test_a_formula_is_read_from_its_saved_value_and_never_calculated():
    def edit(book, name, sheet):
        if name == "Outputs":  # the saved value differs from what the formula would give: the saved one is read
            sheet.write_formula("D2", '=UPPER("ignored")', None, "Replace every street bin")
    assert from_xlsx(_excel_style(edit)) == from_xlsx(to_xlsx(load_document(made.SOURCE).data))


def test_a_hidden_sheet_and_reordered_columns_are_read():
    def edit(book, name, sheet):
        if name == "Milestones":
            sheet.hide()
        if name == "Outputs":  # swap the Text and Display number columns, headings and all
            sheet.write_string("C1", "Text")
            sheet.write_string("D1", "Display number")
            sheet.write_string("C2", "Replace every street bin")
            sheet.write_string("D2", "a")
            sheet.write_string("C3", "Review street cleaning contracts")
            sheet.write_string("D3", "b")
    assert from_xlsx(_excel_style(edit)) == from_xlsx(to_xlsx(load_document(made.SOURCE).data))


def test_a_day_stored_as_a_date_serial_in_a_day_column_is_read_as_that_day():
    def edit(book, name, sheet):
        if name == "Progress":
            sheet.write_datetime("B2", datetime(2025, 6, 30), book.add_format({"num_format": "dd/mm/yyyy"}))
    back = from_xlsx(_excel_style(edit))
    assert back["areas"][0]["objectives"][0]["outputs"][0]["progress"][0]["date"] == "2025-06-30"


def test_an_extra_column_is_read_when_empty_and_refused_when_it_holds_values():
    def spare(book, name, sheet):
        if name == "Outputs":
            sheet.write_string("Z1", "Comments")
    assert from_xlsx(_excel_style(spare)) == from_xlsx(to_xlsx(load_document(made.SOURCE).data))

    def used(book, name, sheet):
        if name == "Outputs":
            sheet.write_string("Z1", "Comments")
            sheet.write_string("Z2", "check with the contractor")
    with pytest.raises(ConvertError) as excinfo:
        from_xlsx(_excel_style(used), "plan.xlsx")
    first = excinfo.value.findings[0]
    assert first.code == "V005" and '"Comments"' in first.message and (first.line, first.column) == (1, 26)
