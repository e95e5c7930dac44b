"""The workbook an officer edits: instructions, only useful sheets, text columns, drop-downs, rows, printing."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from openplan.convert import ConvertError, from_xlsx, to_xlsx
from openplan.convert.canonical import canonical
from openplan.loader import load_document, parse

from ..conftest import ROOT

from .data import make_office_fixtures as made
from .helpers import SMALL, canonical_json, small


def _plan() -> dict:
    return load_document(made.SOURCE).data


def _book(data: dict | None = None) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(to_xlsx(data or _plan())))


def _save(workbook: openpyxl.Workbook) -> bytes:
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _column(sheet, heading: str) -> str:
    return openpyxl.utils.get_column_letter([cell.value for cell in sheet[1]].index(heading) + 1)


def test_the_instructions_come_first_and_empty_sheets_are_left_out():
    book = _book()
    assert book.sheetnames[:2] == ["Instructions", "Plan"]
    assert "Notes" not in book.sheetnames and "Sections" not in book.sheetnames  # the plan has none
    assert "Progress" in book.sheetnames
    listed = [row[0] for row in book["Instructions"].iter_rows(values_only=True)]
    start = listed.index("Sheet") + 1
    assert listed[start:] == book.sheetnames[1:]


def test_a_workbook_without_its_empty_sheets_reads_back_the_same():
    data = parse(SMALL).data
    assert canonical_json(from_xlsx(to_xlsx(data))) == canonical_json(data)


def test_a_sheet_the_export_wrote_and_the_officer_deleted_is_still_missed():
    book = _book()
    del book["Outputs"]
    with pytest.raises(ConvertError) as excinfo:
        from_xlsx(_save(book), "plan.xlsx")
    assert [f.code for f in excinfo.value.findings] == ["V004"]
    assert 'no sheet "Outputs"' in excinfo.value.findings[0].message


def test_without_the_custom_property_the_instructions_sheet_says_which_sheets_were_written():
    raw = to_xlsx(_plan())
    source = zipfile.ZipFile(io.BytesIO(raw))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as target:  # as a program that drops custom document properties would
        for entry in source.infolist():
            if entry.filename != "docProps/custom.xml":
                target.writestr(entry, source.read(entry))
    assert canonical_json(from_xlsx(stream.getvalue())) == canonical_json(_plan())


def test_text_columns_are_formatted_as_text_and_number_columns_are_not():
    book = _book()
    outputs = book["Outputs"]
    for heading in ("Identifier", "Display number", "Text", "Due: published wording", "Due: value"):
        letter = _column(outputs, heading)
        assert outputs.column_dimensions[letter].number_format == "@", heading  # rows the officer adds
        assert outputs[f"{letter}2"].number_format == "@", heading
    targets = book["Targets"]
    assert targets.column_dimensions[_column(targets, "Value")].number_format == "General"
    plan = book["Plan"]
    title_row = next(row for row in plan.iter_rows(min_row=2) if row[0].value == "Title")
    assert title_row[1].number_format == "@"


def test_a_fraction_typed_into_a_wording_column_is_refused_naming_the_cell():
    book = _book()
    book["Outputs"]["D3"] = 0.5
    with pytest.raises(ConvertError) as excinfo:
        from_xlsx(_save(book), "plan.xlsx")
    [finding] = excinfo.value.findings
    assert finding.code == "V008" and "Outputs!D3" in finding.message and "wording" in finding.message


def test_a_whole_number_in_a_wording_column_reads_back_as_its_digits():
    book = _book()
    book["Outputs"]["D3"] = 2025
    back = from_xlsx(_save(book))
    assert back["areas"][0]["objectives"][0]["outputs"][1]["text"] == "2025"


def test_closed_codelists_are_drop_downs_that_refuse_other_values_and_explain_the_choice():
    book = _book()
    progress = book["Progress"]
    rag = _column(progress, "RAG rating")
    [check] = [dv for dv in progress.data_validations.dataValidation if str(dv.sqref).startswith(rag + "2")]
    assert check.formula1 == '"red,amber,green"'
    assert check.showErrorMessage and check.errorStyle == "stop" and "red, amber, green" in check.error
    assert check.showInputMessage and "Red, amber or green" in check.prompt
    plan = book["Plan"]
    status_row = next(row[0].row for row in plan.iter_rows(min_row=2) if row[0].value == "Edition: status")
    assert any(str(dv.sqref) == f"B{status_row}" and "approved" in dv.formula1
               for dv in plan.data_validations.dataValidation)


def test_rows_of_long_wrapped_text_are_tall_enough_and_short_rows_are_left_alone():
    long_text = "Replace every street bin " + "in every ward of the borough, " * 12
    book = _book(parse(small(**{"text: Replace every street bin": f"text: {long_text.strip()}"})).data)
    outputs = book["Outputs"]
    assert outputs.row_dimensions[2].height >= 4 * 15
    assert outputs.row_dimensions[3].height is None


def test_headings_are_frozen_and_filterable_and_the_sheet_prints_landscape_to_the_page_width():
    book = _book()
    for name in ("Plan", "Outputs", "Progress"):
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(sheet.max_column)}{sheet.max_row}"
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
        assert sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows == "$1:$1"


EXTENSIONS = sorted((ROOT / "examples" / "extensions").glob("*.yaml"))


@pytest.mark.parametrize("path", EXTENSIONS, ids=lambda p: p.name)
def test_every_extension_example_survives_the_workbook(path):
    data = load_document(path).data
    assert from_xlsx(to_xlsx(data)) == canonical(data)


def test_extension_lists_get_a_sheet_with_a_column_per_field_not_json_in_one_cell():
    data = load_document(ROOT / "examples" / "extensions" / "budget-plan.yaml").data
    book = _book(data)
    amounts = book["budget amounts"]
    headings = [cell.value for cell in amounts[1]]
    assert headings[:5] == ["Item", "Field", "kind", "measure", "amount"] and "period: value" in headings
    first = dict(zip(headings, [cell.value for cell in amounts[2]]))
    assert first["Item"] == "area.place" and first["Field"] == "budget:amounts"
    assert first["amount"] == 24800000 and first["period: value"] == "FY2025" and first["text"] == "£24.8m"
    assert "budget:amounts" not in [cell.value for cell in book["Areas"][1]]
    assert not any(isinstance(cell.value, str) and cell.value.startswith("[{")
                   for sheet in book.worksheets if sheet.title != "Registry data"
                   for row in sheet.iter_rows() for cell in row)


def test_an_officer_adds_a_row_to_an_extension_sheet():
    data = load_document(ROOT / "examples" / "extensions" / "budget-plan.yaml").data
    book = _book(data)
    amounts = book["budget amounts"]
    headings = [cell.value for cell in amounts[1]]
    row = [None] * len(headings)
    for heading, value in {"Item": "obj.cleaner-streets", "Field": "budget:amounts", "kind": "capital",
                           "amount": 50000, "period: value": "FY2025"}.items():
        row[headings.index(heading)] = value
    amounts.append(row)
    back = from_xlsx(_save(book))
    objective = back["areas"][0]["objectives"][0]
    assert objective["budget:amounts"][-1] == {"kind": "capital", "amount": 50000, "period": {"value": "FY2025"}}


def test_an_extension_row_for_an_item_that_does_not_exist_is_an_error_naming_the_row():
    data = load_document(ROOT / "examples" / "extensions" / "budget-plan.yaml").data
    book = _book(data)
    book["budget amounts"]["A2"] = "area.nowhere"
    with pytest.raises(ConvertError) as excinfo:
        from_xlsx(_save(book), "plan.xlsx")
    [finding] = excinfo.value.findings
    assert finding.code == "V011" and 'sheet "budget amounts", row 2' in finding.message


def test_an_extension_list_of_the_plan_itself_has_an_empty_item():
    data = parse(small(**{"organisation: org.small\n": "organisation: org.small\n"
                          "local:lines: [{a: 1, b: {c: x}}, {a: 2}]\n"})).data
    book = _book(data)
    rows = list(book["local lines"].iter_rows(values_only=True))
    assert rows == [("Item", "Field", "a", "b: c"), (None, "local:lines", 1, "x"), (None, "local:lines", 2, None)]
    assert from_xlsx(_save(book)) == canonical(data)
