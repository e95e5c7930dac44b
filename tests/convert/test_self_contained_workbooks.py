"""Workbooks that carry the registry entries their plan uses, so they import anywhere, and `--registries`."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from openplan import validate
from openplan.convert import ConvertError, convert, load
from openplan.convert.reading import read_path

from ..conftest import EXAMPLES, assert_no_traceback, run_openplan
from .helpers import LONDON, canonical_json

PLAN = LONDON / "business-plan-2017-18.yaml"


def _project(folder: Path) -> Path:
    (folder / ".git").mkdir(parents=True, exist_ok=True)
    return folder


def _workbook() -> bytes:
    return convert(load(PLAN), "xlsx").content


def _registry_rows(raw: bytes) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(raw))
    return [row for row in book["Registry data"].iter_rows(min_row=2, values_only=True)]


def _edited(raw: bytes, edit) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(raw))
    edit(book["Registry data"])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def test_the_registry_entries_the_plan_uses_travel_on_a_sheet_marked_as_registry_data():
    raw = _workbook()
    book = openpyxl.load_workbook(io.BytesIO(raw))
    assert book.sheetnames[-1] == "Registry data"
    rows = _registry_rows(raw)
    keys = {(row[0], row[1], row[2]) for row in rows}
    assert ("registry.yaml", "organisations", "org.london-councils") in keys  # the plan's organisation
    assert ("registry.yaml", "organisations", "org.nhs") not in keys  # in the registry, unused by this plan
    entry = next(json.loads(row[3]) for row in rows if row[2] == "org.london-councils")
    assert entry["name"] == "London Councils"
    instructions = [row[0] for row in book["Instructions"].iter_rows(values_only=True)]
    assert "Registry data" in instructions


def test_a_workbook_moved_to_an_empty_folder_imports_into_a_plan_that_validates(tmp_path):
    folder = _project(tmp_path / "elsewhere")
    (folder / "plan.xlsx").write_bytes(_workbook())
    run = run_openplan("convert", "plan.xlsx", "-o", "plan.yaml", cwd=folder)
    assert_no_traceback(run)
    assert run.code == 0, run.output
    assert "V014" in run.stderr and "registry.yaml" in run.stderr
    assert validate(folder / "plan.yaml").valid


@pytest.mark.parametrize("example", sorted(path.name for path in LONDON.glob("business-plan-*.yaml")))
def test_every_example_s_workbook_imports_in_an_empty_folder_into_a_plan_that_validates(tmp_path, example):
    """The 2020/21 final also names its previous edition by path: that path is left out (V018), its id kept."""
    folder = _project(tmp_path / "elsewhere")
    (folder / "plan.xlsx").write_bytes(convert(load(LONDON / example), "xlsx").content)
    run = run_openplan("convert", "plan.xlsx", "-o", "plan.yaml", cwd=folder)
    assert_no_traceback(run)
    assert run.code == 0, run.output
    result = validate(folder / "plan.yaml")
    assert result.valid, [finding.message for finding in result.findings]
    previous = (load(LONDON / example).data.get("edition") or {}).get("previous")
    if previous:
        assert "V018" in run.stderr and previous["path"] in run.stderr
        assert load(folder / "plan.yaml").data["edition"]["previous"] == {"id": previous["id"]}


def test_beside_its_registries_a_workbook_imports_to_the_same_plan_and_names_them(tmp_path):
    folder = _project(tmp_path)
    for name in ("registry.yaml", "pledges.yaml"):
        shutil.copy(LONDON / name, folder / name)
    (folder / "plan.xlsx").write_bytes(_workbook())
    source = read_path(folder / "plan.xlsx")
    assert canonical_json(source.data) == canonical_json(load(PLAN).data)
    assert not [f for f in source.findings if f.code.startswith("V")]


def _with_new_name(sheet) -> None:
    for row in sheet.iter_rows(min_row=2):
        if row[2].value == "org.london-councils":
            entry = json.loads(row[3].value)
            entry["name"] = "London Councils (renamed)"
            row[3].value = json.dumps(entry)


def test_a_changed_registry_entry_is_reported_and_the_file_is_left_alone(tmp_path):
    folder = _project(tmp_path)
    for name in ("registry.yaml", "pledges.yaml"):
        shutil.copy(LONDON / name, folder / name)
    before = (folder / "registry.yaml").read_bytes()
    (folder / "plan.xlsx").write_bytes(_edited(_workbook(), _with_new_name))
    source = read_path(folder / "plan.xlsx")
    [note] = [f for f in source.findings if f.code == "V015"]
    assert "org.london-councils" in note.message and "registry.yaml" in note.message
    assert (folder / "registry.yaml").read_bytes() == before


def test_with_registries_a_changed_entry_is_written_back_in_place_and_reported(tmp_path):
    folder = _project(tmp_path)
    for name in ("registry.yaml", "pledges.yaml"):
        shutil.copy(LONDON / name, folder / name)
    before = (folder / "registry.yaml").read_text(encoding="utf-8")
    (folder / "plan.xlsx").write_bytes(_edited(_workbook(), _with_new_name))
    run = run_openplan("convert", "plan.xlsx", "-o", "plan.yaml", "--registries", cwd=folder)
    assert run.code == 0, run.output
    assert "V016" in run.stderr and "org.london-councils" in run.stderr
    after = (folder / "registry.yaml").read_text(encoding="utf-8")
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert len(changed) == 1 and "London Councils (renamed)" in changed[0]  # the rest of the file as it was
    assert "# Shared registry for London Councils" in after  # comments kept
    assert validate(folder / "registry.yaml").valid


def test_with_registries_an_entry_that_would_make_the_file_invalid_is_not_written(tmp_path):
    folder = _project(tmp_path)
    for name in ("registry.yaml", "pledges.yaml"):
        shutil.copy(LONDON / name, folder / name)
    before = (folder / "registry.yaml").read_bytes()

    def add_event_without_date(sheet):
        sheet.append(["registry.yaml", "events", "event.new", json.dumps({"id": "event.new", "title": "New",
                                                                          "kind": "fiscal-event"})])

    (folder / "plan.xlsx").write_bytes(_edited(_workbook(), add_event_without_date))
    source = read_path(folder / "plan.xlsx", registries=True)
    [note] = [f for f in source.findings if f.code == "V015"]
    assert "would not be valid" in note.message and '"date"' in note.message
    assert (folder / "registry.yaml").read_bytes() == before


def test_a_registry_entry_that_is_not_json_is_refused_naming_its_cell(tmp_path):
    def broken(sheet):
        sheet["D2"] = "{not json"

    (_project(tmp_path) / "plan.xlsx").write_bytes(_edited(_workbook(), broken))
    with pytest.raises(ConvertError) as excinfo:
        read_path(tmp_path / "plan.xlsx")
    [finding] = excinfo.value.findings
    assert finding.code == "V008" and "'Registry data'!D2" in finding.message


def test_convert_writes_the_output_and_reports_what_does_not_resolve_from_its_folder(tmp_path):
    out = tmp_path / "elsewhere" / "plan.yaml"
    run = run_openplan("convert", str(PLAN), "-o", str(out))
    assert run.code == 0, run.output
    assert out.exists()
    notes = [line for line in run.stderr.splitlines() if "V017" in line]
    assert len(notes) == 2 and '"registry.yaml"' in notes[0] and '"pledges.yaml"' in notes[1]


def test_registries_is_refused_for_anything_but_a_workbook():
    run = run_openplan("convert", str(PLAN), "--to", "json", "--registries")
    assert_no_traceback(run)
    assert run.code == 2 and "--registries works when importing an Excel workbook" in run.stderr


def test_convert_reports_parent_plans_and_a_reports_files_that_do_not_resolve_from_its_folder(tmp_path):
    louisville = EXAMPLES / "louisville-metro" / "public-health-strategic-plan-fy13-19.yaml"
    run = run_openplan("convert", str(louisville), "-o", str(tmp_path / "plan.yaml"))
    assert run.code == 0, run.output
    notes = [line for line in run.stderr.splitlines() if "V017" in line]
    assert any('"metro-strategic-objectives.yaml" under parents: path' in note for note in notes), notes
    report = EXAMPLES / "hart-district-council" / "report-2014-15-q2.yaml"
    run = run_openplan("convert", str(report), "-o", str(tmp_path / "report.yaml"))
    assert run.code == 0, run.output
    notes = [line for line in run.stderr.splitlines() if "V017" in line]
    assert len(notes) == 2, notes
    assert 'the report names "service-plans-2014-15.yaml" under plan: path' in notes[0]
    assert '"report-2014-15-q1.yaml" under previous: path' in notes[1]
    for name in ("service-plans-2014-15.yaml", "report-2014-15-q1.yaml"):  # beside it, nothing to say
        shutil.copy(report.with_name(name), tmp_path / name)
    run = run_openplan("convert", str(report), "-o", str(tmp_path / "report-again.yaml"))
    assert run.code == 0 and "V017" not in run.stderr, run.output
