"""The spreadsheet round trips (XLSX and CSV), their layout, their tolerances and their errors."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import openpyxl
import pytest

from openplan.convert import errors as rules
from openplan.convert import csv_folder, from_csv, from_xlsx, losses, tables, to_csv, to_xlsx, xlsx
from openplan.convert.errors import ConvertError
from openplan.loader import load_document, parse

from .helpers import ALL_FILES, SMALL, canonical_json, small


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_every_example_survives_yaml_to_xlsx_to_yaml(path):
    data = load_document(path).data
    assert canonical_json(from_xlsx(to_xlsx(data))) == canonical_json(data)
    assert losses("xlsx", data).lossless


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_every_example_survives_yaml_to_csv_to_yaml(path):
    data = load_document(path).data
    files = to_csv(data)
    assert canonical_json(from_csv(csv_folder.zipped(files))) == canonical_json(data)
    assert losses("csv", data).lossless


def test_the_layout_has_a_sheet_for_every_list_in_the_schema():
    assert tables.check_layout("plan") == []
    assert tables.check_layout("registry") == []


def _workbook(data: dict) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(to_xlsx(data)))


def _save(workbook: openpyxl.Workbook) -> bytes:
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def test_one_sheet_per_kind_of_item_with_human_headings_and_parent_ids():
    workbook = _workbook(parse(SMALL).data)
    for name in ("Plan", "Areas", "Objectives", "Outputs", "Sub-items", "Milestones", "Themes", "Commitments",
                 "Owners", "Pledge links", "Indicators", "Targets", "Glossary"):
        assert name in workbook.sheetnames
    outputs = workbook["Outputs"]
    headings = [cell.value for cell in outputs[1]]
    assert headings[:4] == ["Objective", "Identifier", "Display number", "Text"]
    assert "Due: published wording" in headings and "Due: value" in headings
    assert [c.value for c in outputs[2]][:4] == ["obj.streets", "out.streets.bins", "a", "Replace every street bin"]
    sub_items = [[c.value for c in row] for row in workbook["Sub-items"].iter_rows(min_row=2)]
    assert [row[:2] + row[3:5] for row in sub_items] == [
        ["out.streets.bins", 1, "i", "North ward"], ["out.streets.bins", 2, None, "High Street"],
        ["out.streets.bins", 1, "ii", "South ward"]]
    milestones = workbook["Milestones"]
    column = [c.value for c in milestones[1]].index("Objectives")
    assert milestones.cell(4, column + 1).value == "obj.streets"
    plan = {row[0].value: row[1].value for row in workbook["Plan"].iter_rows(min_row=2)}
    assert plan["Title"] == "Small Council Plan 2025/26" and plan["Period: start"] == "2025-04-01"


HOSTILE_TEXT = ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-2", "@SUM(A1)", "'quoted", "''two", "\tTab", "line\nbreak",
                "<b>&amp;</b>", "caf\u00e9 \U0001f600", "[not, json]", "12"]


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_awkward_text_comes_back_the_same_from_both_formats(text):
    data = parse(small(**{"text: Replace every street bin": f"text: {_quoted(text)}"})).data
    assert data["areas"][0]["objectives"][0]["outputs"][0]["text"] == text
    assert canonical_json(from_xlsx(to_xlsx(data))) == canonical_json(data)
    assert canonical_json(from_csv(csv_folder.zipped(to_csv(data)))) == canonical_json(data)


def _quoted(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def test_csv_guards_formulas_and_xlsx_stores_them_as_text():
    data = parse(small(**{"text: Replace every street bin": 'text: "=1+1"'})).data
    assert b"'=1+1" in to_csv(data)["outputs.csv"]
    sheet = _workbook(data)["Outputs"]
    assert sheet.cell(2, 4).value == "=1+1" and sheet.cell(2, 4).data_type == "s"


def test_extension_fields_get_their_own_columns():
    data = parse(small(**{"    title: Environment\n": "    title: Environment\n    budget:revenue: 1200\n"
                                                         "    budget:notes: {lines: [1, 2]}\n",
                          "value: \"2025-23\"}": "value: \"2025-23\", local:why: \"[x]\"}"})).data
    workbook = _workbook(data)
    assert "budget:revenue" in [c.value for c in workbook["Areas"][1]]
    assert "Due: local:why" in [c.value for c in workbook["Outputs"][1]]
    for back in (from_xlsx(to_xlsx(data)), from_csv(csv_folder.zipped(to_csv(data)))):
        assert canonical_json(back) == canonical_json(data)


def test_csv_reports_numbers_it_will_read_back_as_text_and_empty_values():
    data = parse(small(**{'number: "1.1"': "number: 11", "text: We will plant trees": 'text: " "'})).data
    report = losses("csv", data)
    assert {"V101", "V102"} <= report.codes()
    pointers = {f.pointer for f in report.findings}
    assert "/areas/0/objectives/0/number" in pointers and "/themes/0/commitments/0/text" in pointers
    assert "V102" not in losses("xlsx", data).codes()  # a workbook keeps the number a number
    back = from_xlsx(to_xlsx(data))
    assert back["areas"][0]["objectives"][0]["number"] == 11


def test_xlsx_reports_text_excel_cannot_hold():
    data = parse(small(**{"text: Replace every street bin": 'text: "bell\\u0007 and\\rreturn"'})).data
    assert {"V104", "V105"} <= losses("xlsx", data).codes()


# --- import errors and tolerances -------------------------------------------------------------------


def _codes(excinfo) -> list[str]:
    return [finding.code for finding in excinfo.value.findings]


def test_a_missing_sheet_is_an_error():
    workbook = _workbook(parse(SMALL).data)
    del workbook["Outputs"]
    with pytest.raises(ConvertError) as excinfo:
        from_xlsx(_save(workbook), "plan.xlsx")
    assert _codes(excinfo) == ["V004"]
    assert 'no sheet "Outputs"' in excinfo.value.findings[0].message


def test_a_renamed_heading_is_an_error_naming_sheet_row_and_column():
    workbook = _workbook(parse(SMALL).data)
    workbook["Outputs"]["D1"] = "Output text"
    with pytest.raises(ConvertError) as excinfo:
        from_xlsx(_save(workbook), "plan.xlsx")
    finding = excinfo.value.findings[0]
    assert finding.code == "V005" and (finding.line, finding.column) == (1, 4)
    assert 'sheet "Outputs", row 1, column D' in finding.message and '"Text"' in finding.message


def test_headings_match_whatever_their_case_and_spacing():
    data = parse(SMALL).data
    workbook = _workbook(data)
    workbook["Outputs"]["D1"] = "  text "
    workbook["Outputs"]["F1"] = "due.value"
    assert canonical_json(from_xlsx(_save(workbook))) == canonical_json(data)


def test_formulas_are_refused():
    workbook = _workbook(parse(SMALL).data)
    workbook["Outputs"]["D2"] = '=UPPER("a")'
    with pytest.raises(ConvertError) as excinfo:
        from_xlsx(_save(workbook), "plan.xlsx")
    assert _codes(excinfo) == ["V009"]
    assert "row 2, column D" in excinfo.value.findings[0].message


def test_cells_merged_down_a_column_repeat_their_value():
    data = parse(SMALL).data
    workbook = _workbook(data)
    sheet = workbook["Outputs"]
    sheet["A3"] = None
    sheet.merge_cells("A2:A3")  # one objective for both outputs, as officers lay it out
    assert canonical_json(from_xlsx(_save(workbook))) == canonical_json(data)


def test_cells_merged_across_columns_are_an_error():
    workbook = _workbook(parse(SMALL).data)
    workbook["Outputs"].merge_cells("D2:E2")
    with pytest.raises(ConvertError) as excinfo:
        from_xlsx(_save(workbook), "plan.xlsx")
    assert _codes(excinfo) == ["V010"] and "D2:E2" in excinfo.value.findings[0].message


def test_dates_as_excel_day_numbers_and_date_cells_are_read_as_days():
    data = parse(SMALL).data
    workbook = _workbook(data)
    plan = workbook["Plan"]
    rows = {row[0].value: row[0].row for row in plan.iter_rows(min_row=2)}
    plan.cell(rows["Period: start"], 2).value = 45748  # 2025-04-01 as Excel stores it
    plan.cell(rows["Period: end"], 2).value = datetime(2026, 3, 31)
    outputs = workbook["Outputs"]
    outputs["F2"] = datetime(2025, 10, 1)
    back = from_xlsx(_save(workbook))
    assert back["period"]["start"] == "2025-04-01" and back["period"]["end"] == "2026-03-31"
    assert back["areas"][0]["objectives"][0]["outputs"][0]["due"]["value"] == "2025-10-01"


def test_uk_dates_typed_as_text_are_read_as_days():
    files = to_csv(parse(SMALL).data)
    files["plan.csv"] = files["plan.csv"].replace(b"Period: start,2025-04-01", b"Period: start,01/04/2025")
    assert from_csv(csv_folder.zipped(files))["period"]["start"] == "2025-04-01"


def test_a_cell_of_the_wrong_type_names_its_place():
    workbook = _workbook(parse(SMALL).data)
    sheet = workbook["Targets"]
    sheet["B2"] = "four hundred"
    with pytest.raises(ConvertError) as excinfo:
        from_xlsx(_save(workbook), "plan.xlsx")
    finding = excinfo.value.findings[0]
    assert finding.code == "V008" and 'sheet "Targets", row 2, column B "Value"' in finding.message


def test_invalid_values_are_reported_at_their_cell_after_import(tmp_path):
    from openplan.convert.reading import read_path

    workbook = _workbook(parse(SMALL).data)
    workbook["Outputs"]["F2"] = "Autumn"  # not an OpenPlan date value
    path = tmp_path / "plan.xlsx"
    path.write_bytes(_save(workbook))
    (tmp_path / ".git").mkdir()
    with pytest.raises(ConvertError) as excinfo:
        read_path(path)
    placed = [f for f in excinfo.value.findings if f.line is not None]
    assert placed and placed[0].line == 2 and placed[0].column == 6
    assert 'sheet "Outputs", row 2, column F "Due: value"' in placed[0].message


def test_empty_rows_are_skipped_and_extra_sheets_ignored():
    data = parse(SMALL).data
    workbook = _workbook(data)
    workbook["Outputs"].insert_rows(3)
    workbook.create_sheet("My notes")["A1"] = "not part of the plan"
    assert canonical_json(from_xlsx(_save(workbook))) == canonical_json(data)


# --- hostile workbooks --------------------------------------------------------------------------------


def _rewrite(raw: bytes, changes: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(raw))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(entry.filename, changes.pop(entry.filename, source.read(entry)))
        for name, content in changes.items():
            target.writestr(name, content)
    return stream.getvalue()


BOMB = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">' +
        b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10)
                 for i in range(1, 10)) + b"]>\n")


def test_an_entity_bomb_is_refused():
    raw = to_xlsx(parse(SMALL).data)
    sheet = zipfile.ZipFile(io.BytesIO(raw)).read("xl/worksheets/sheet1.xml")
    bombed = _rewrite(raw, {"xl/worksheets/sheet1.xml": BOMB + sheet.replace(b"Small Council", b"&lol9;", 1)})
    with pytest.raises(ConvertError) as excinfo:
        from_xlsx(bombed, "bomb.xlsx")
    assert _codes(excinfo) == ["V003"] and excinfo.value.exit_code == 2


def test_an_entity_hidden_past_the_first_bytes_is_still_never_expanded():
    raw = to_xlsx(parse(SMALL).data)
    sheet = zipfile.ZipFile(io.BytesIO(raw)).read("xl/worksheets/sheet1.xml")
    padding = b"<!--" + b" " * 70000 + b"-->"
    bombed = _rewrite(raw, {"xl/worksheets/sheet1.xml": b'<?xml version="1.0"?>' + padding + BOMB[21:]
                            + sheet.replace(b"Small Council", b"&lol9;", 1)})
    with pytest.raises(ConvertError) as excinfo:
        from_xlsx(bombed, "bomb.xlsx")
    assert excinfo.value.exit_code == 2 and _codes(excinfo)[0] in ("V001", "V003")


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    raw = _rewrite(to_xlsx(parse(SMALL).data), {"xl/media/padding.bin": b"\0" * (20 * 1024 * 1024)})
    assert len(raw) < 200_000
    with pytest.raises(ConvertError) as excinfo:
        from_xlsx(raw, "bomb.xlsx")
    assert _codes(excinfo) == ["V002"] and "zip bomb" in excinfo.value.findings[0].message


def test_too_much_unpacked_data_or_too_many_entries_is_refused():
    raw = to_xlsx(parse(SMALL).data)
    with pytest.raises(ConvertError) as excinfo:
        xlsx.read(raw, "big.xlsx", xlsx.Limits(max_unpacked=10_000))
    assert _codes(excinfo) == ["V002"]
    with pytest.raises(ConvertError) as excinfo:
        xlsx.read(raw, "many.xlsx", xlsx.Limits(max_entries=3))
    assert _codes(excinfo) == ["V002"]


def test_a_huge_shared_strings_table_is_refused():
    import random

    words = random.Random(1).choices(["alpha", "bravo", "charlie", "delta", "echo"], k=400_000)
    table = (b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             + b"".join(b"<si><t>%s %d</t></si>" % (w.encode(), i) for i, w in enumerate(words)) + b"</sst>")
    raw = _rewrite(to_xlsx(parse(SMALL).data), {"xl/sharedStrings.xml": table})
    with pytest.raises(ConvertError) as excinfo:
        xlsx.read(raw, "strings.xlsx", xlsx.Limits(max_shared_strings=1024 * 1024))
    assert _codes(excinfo) == ["V002"] and "shared-strings" in excinfo.value.findings[0].message


@pytest.mark.parametrize("content", [b"", b"not a workbook", b"PK\x03\x04broken"])
def test_a_file_that_is_not_a_workbook_is_refused(content):
    with pytest.raises(ConvertError) as excinfo:
        from_xlsx(content, "fake.xlsx")
    assert _codes(excinfo) == ["V001"] and excinfo.value.exit_code == 2


def test_a_zip_that_is_not_a_workbook_is_refused():
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ConvertError) as excinfo:
        from_xlsx(stream.getvalue(), "fake.xlsx")
    assert _codes(excinfo) == ["V001"]


# --- the import rules (their failing and passing cases run in tests/rules/test_rule_cases.py) -----------------


def test_every_import_rule_has_its_data():
    assert len({rule.code for rule in rules.RULES}) == len(rules.RULES)
    for rule in rules.RULES:
        for name in ("code", "name", "summary", "rationale", "fix", "failing", "passing"):
            assert getattr(rule, name) or (name == "failing" and rule.code == "V004"), (rule.code, name)


def test_a_csv_folder_round_trips_through_the_file_system(tmp_path):
    data = parse(SMALL).data
    for name, content in to_csv(data).items():
        (tmp_path / name).write_bytes(content)
    assert canonical_json(from_csv(tmp_path)) == canonical_json(data)
