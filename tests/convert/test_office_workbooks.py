"""Workbooks as office programs save them: LibreOffice Calc, and Excel's way of storing text (xlsxwriter).

The committed workbooks under data/ were made by data/make_office_fixtures.py, which documents the officer's
edits and how each program wrote the file.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from datetime import datetime

import openpyxl
import pytest

from openplan.convert import ConvertError, convert, from_xlsx, load, to_xlsx
from openplan.convert.reading import read_path
from openplan.loader import load_document

from ..conftest import EXAMPLES, ROOT
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
# Schema 1.1's columns: the plan with a value in every one of them, and every plan and registry of the 1.1
# examples (their progress reports have no workbook: see the last test of this part)
ROUND_TRIPS_1_1 = [made.SOURCE_1_1, *(path for folder in ("louisville-metro", "pittsburgh", "hart-district-council")
                                      for path in sorted((EXAMPLES / folder).glob("*.yaml"))
                                      if "\nkind: report" not in path.read_text(encoding="utf-8"))]
NEEDS_LIBREOFFICE = pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                                       reason="LibreOffice (soffice) is not installed; .ci/run installs "
                                              "libreoffice-calc-nogui")


@pytest.fixture(scope="module")
def libreoffice_saved() -> dict:
    """Every round trip's export saved again by LibreOffice, in one run of it (starting it is the slow part)."""
    paths = ROUND_TRIPS + ROUND_TRIPS_1_1
    return dict(zip(paths, made.all_through_libreoffice([convert(load(path), "xlsx").content for path in paths])))


@pytest.mark.parametrize("program", [pytest.param("libreoffice", marks=NEEDS_LIBREOFFICE), "excel-style"])
@pytest.mark.parametrize("path", ROUND_TRIPS + ROUND_TRIPS_1_1, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_workbook_saved_again_by_an_office_program_imports_unchanged(path, program, tmp_path, request):
    (tmp_path / ".git").mkdir()
    for beside in path.parent.glob("*.yaml"):  # the registries and the parent plans the plan names
        shutil.copy(beside, tmp_path / beside.name)
    source = load(path)
    if program == "libreoffice":
        saved = request.getfixturevalue("libreoffice_saved")[path]
    else:
        saved = made.through_xlsxwriter(convert(source, "xlsx").content)
    application = zipfile.ZipFile(io.BytesIO(saved)).read("docProps/app.xml")
    assert (b"LibreOffice" in application) == (program == "libreoffice")
    (tmp_path / "plan.xlsx").write_bytes(saved)
    assert canonical_json(read_path(tmp_path / "plan.xlsx").data) == canonical_json(source.data)


def test_the_1_1_plan_fills_every_field_1_1_added_to_the_workbook():
    """Each field schema 1.1 added, in each type it was added to, has a filled column in the 1.1 plan's export
    (a field of a type new in 1.1, such as a confidence's level, is filled in at least one place)."""
    from openplan.convert import tables

    old, new = (json.loads((ROOT / "schema" / version / "plan.schema.json").read_text(encoding="utf-8"))
                for version in ("1.0", "1.1"))
    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx(load_document(made.SOURCE_1_1).data)))
    added: dict[tuple[str, str], list[str]] = {}  # a field 1.1 added -> the columns through it
    filled: set[str] = set()
    plan_rows = list(workbook[tables.MAIN_SHEET["plan"]].values)[1:]
    filled |= {f"Plan: {field}" for field, value, *_ in plan_rows if value not in (None, "")}
    for column in tables.main_fields("plan"):
        for step in _added_in_1_1(None, column.path, old, new):
            added.setdefault(step, []).append(f"Plan: {column.heading}")
    for spec in tables.sheets_for("plan"):
        rows = list(workbook[spec.name].values) if spec.name in workbook.sheetnames else [()]
        filled |= {f"{spec.name}: {heading}" for number, heading in enumerate(rows[0])
                   if any(row[number] not in (None, "") for row in rows[1:])}
        for column in tables.columns(spec, "plan"):
            if column.role == "field":
                for step in _added_in_1_1(spec.type_name, column.path, old, new):
                    added.setdefault(step, []).append(f"{spec.name}: {column.heading}")
    assert len(added) > 50  # the walk found 1.1's fields
    assert {step: columns for step, columns in added.items() if not filled.intersection(columns)} == {}


def _added_in_1_1(type_name: str | None, path: tuple[str, ...], old: dict, new: dict) -> list[tuple[str, str]]:
    """The (type, field) steps of a column's path that schema 1.0 does not have; None is the plan itself."""
    steps = []
    for name in path:
        before = old if type_name is None else old["$defs"].get(type_name, {})
        if name not in before.get("properties", {}):
            steps.append((type_name or "Plan", name))
        field = (new if type_name is None else new["$defs"][type_name])["properties"][name]
        refs = [field.get("$ref"), (field.get("items") or {}).get("$ref"),
                *(choice.get("$ref") for choice in field.get("anyOf", []))]
        type_name = next((ref.rsplit("/", 1)[-1] for ref in refs if ref), None)
    return steps


@pytest.mark.parametrize("program", PROGRAMS)
def test_a_1_1_workbook_saved_by_an_office_program_imports_unchanged(program):
    """The committed workbooks, so this runs without LibreOffice: numbers with decimals, 0 beside empty cells,
    percentages, a bare year, days, lists as JSON, true (LibreOffice stores it as the formula TRUE() with its
    value) and long text all come back as they were."""
    raw = (DATA / f"{program}-1.1.xlsx").read_bytes()
    archive = zipfile.ZipFile(io.BytesIO(raw))
    assert ("LibreOffice" in archive.read("docProps/app.xml").decode()) == (program == "libreoffice")
    sheets = b"".join(archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/sheet"))
    assert b't="b"' in sheets  # true was stored as true, not as the number 1
    assert canonical_json(from_xlsx(raw)) == canonical_json(load_document(made.SOURCE_1_1).data)


def test_progress_reports_have_no_workbook_to_save_again():
    """If the converter learns to write a report's workbook, its office round trip belongs in ROUND_TRIPS_1_1."""
    report = EXAMPLES / "hart-district-council" / "report-2014-15-q1.yaml"
    with pytest.raises(ValueError, match="progress report"):
        convert(load(report), "xlsx")


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


# An officer who types 50% into Percent complete, or into the Value of an indicator in per cent, means 50; the
# spreadsheet program stores 0.5 and shows it as a percentage. A per cent sign in quotes or after \ is only shown.
PERCENTAGES = [(0.5, "0%", 50), (0.333, "0.0%", 33.3), (0.125, "#,##0.00%;[Red]-#,##0.00%", 12.5),
               (50, '0"%"', 50), (50, "0\\%", 50)]


@pytest.mark.parametrize("stored, number_format, shown", PERCENTAGES)
def test_a_number_shown_as_a_percentage_is_read_as_the_per_cent_shown(stored, number_format, shown):
    def edit(book, name, sheet):
        if name == "Progress":  # E: Percent complete, F: Value
            style = book.add_format({"num_format": number_format})
            sheet.write_number("E2", stored, style)
            sheet.write_number("F2", stored, style)
    update = from_xlsx(_excel_style(edit))["areas"][0]["objectives"][0]["outputs"][0]["progress"][0]
    assert (update["percent_complete"], update["value"]) == (shown, shown)
    assert type(update["percent_complete"]) is type(shown)


@NEEDS_LIBREOFFICE
def test_a_percentage_typed_in_libreoffice_is_read_as_the_per_cent_shown():
    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx(load_document(made.SOURCE).data)))
    progress = workbook["Progress"]
    assert (progress["E1"].value, progress["F1"].value) == ("Percent complete", "Value")
    progress["E2"].value, progress["E2"].number_format = 0.5, "0%"
    progress["F2"].value, progress["F2"].number_format = 0.333, "0.0%"
    stream = io.BytesIO()
    workbook.save(stream)
    saved = made.through_libreoffice(stream.getvalue())
    update = from_xlsx(saved)["areas"][0]["objectives"][0]["outputs"][0]["progress"][0]
    assert (update["percent_complete"], update["value"]) == (50, 33.3)


def test_a_percentage_in_an_extension_column_is_the_number_stored_and_writes_as_yaml():
    """An extension's number has no per cent of OpenPlan's to mean: it is read as stored, a plain number."""
    from openplan.convert import to_yaml

    def edit(book, name, sheet):
        if name == "Outputs":
            sheet.write_string("Z1", "council:share")
            sheet.write_number("Z2", 0.25, book.add_format({"num_format": "0%"}))
    back = from_xlsx(_excel_style(edit))
    share = back["areas"][0]["objectives"][0]["outputs"][0]["council:share"]
    assert share == 0.25 and type(share) is float
    assert "council:share: 0.25\n" in to_yaml(back)
