"""A workbook whose plan names its parent plans by path imports in any folder (V019), keeping the path where the
parent plan's file is beside it."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import openpyxl
import pytest

from openplan.convert import ConvertError, load
from openplan.convert.reading import read_path
from openplan.validation import validate

from ..conftest import EXAMPLES, assert_no_traceback, run_openplan

LOUISVILLE = EXAMPLES / "louisville-metro"
PLAN = LOUISVILLE / "public-health-strategic-plan-fy13-19.yaml"
PARENT = "metro-strategic-objectives.yaml"


def _project(folder: Path) -> Path:
    (folder / ".git").mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> bytes:
    """The plan exported as officers get it, by the command, into a folder of its own."""
    folder = _project(tmp_path_factory.mktemp("exported"))
    run = run_openplan("convert", str(PLAN), "--to", "xlsx", "-o", str(folder / "book.xlsx"))
    assert run.code == 0, run.output
    return (folder / "book.xlsx").read_bytes()


def _parents(path: Path) -> list[dict]:
    return load(path).data["parents"]


def test_the_exported_plan_names_its_parent_by_path():
    """The premise: without a path on the parent, these tests would test nothing."""
    assert [entry.get("path") for entry in _parents(PLAN)] == [PARENT]


def test_moved_to_an_empty_folder_the_workbook_imports_without_the_parent_s_path_and_says_so(tmp_path, workbook):
    folder = _project(tmp_path / "elsewhere")
    (folder / "book.xlsx").write_bytes(workbook)
    run = run_openplan("convert", "book.xlsx", "--to", "yaml", "-o", "plan.yaml", cwd=folder)
    assert_no_traceback(run)
    assert run.code == 0, run.output
    [note] = [line for line in run.stderr.splitlines() if "V019" in line]
    assert "warning" in note and f'"{PARENT}"' in note and '"louisville-metro-strategic-plan"' in note
    result = validate(folder / "plan.yaml")
    assert result.valid, [finding.message for finding in result.findings]
    [original] = _parents(PLAN)
    [imported] = _parents(folder / "plan.yaml")
    assert imported == {key: value for key, value in original.items() if key != "path"}


def test_the_library_reports_the_left_out_path_as_a_finding_of_its_own(tmp_path, workbook):
    folder = _project(tmp_path)
    (folder / "book.xlsx").write_bytes(workbook)
    source = read_path(folder / "book.xlsx")
    [note] = [finding for finding in source.findings if finding.code == "V019"]
    assert PARENT in note.message and note.hint
    assert not [finding for finding in source.findings if finding.code == "V018"]  # not the previous edition's


def test_beside_the_parent_plan_the_workbook_keeps_its_path(tmp_path, workbook):
    folder = _project(tmp_path)
    for name in (PARENT, "registry.yaml"):
        shutil.copy(LOUISVILLE / name, folder / name)
    (folder / "book.xlsx").write_bytes(workbook)
    run = run_openplan("convert", "book.xlsx", "--to", "yaml", "-o", "plan.yaml", cwd=folder)
    assert run.code == 0, run.output
    assert "V019" not in run.stderr
    assert _parents(folder / "plan.yaml") == _parents(PLAN)
    assert validate(folder / "plan.yaml").valid


def test_a_parent_with_a_path_but_no_id_keeps_the_path_and_the_import_is_refused(tmp_path, workbook):
    """Without an id the path is all that names the parent plan: it is not left out, and the plan that would be
    invalid is not written; validation says what is missing, on the Parent plans sheet."""
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    sheet = book["Parent plans"]
    assert sheet["A1"].value == "Plan identifier" and sheet["B2"].value == PARENT
    sheet["A2"] = None
    book.save(_project(tmp_path) / "book.xlsx")
    with pytest.raises(ConvertError) as excinfo:
        read_path(tmp_path / "book.xlsx")
    codes = [finding.code for finding in excinfo.value.findings]
    assert "V019" not in codes
    [missing] = [finding for finding in excinfo.value.findings if finding.code == "S001"]
    assert '"id"' in missing.message and "Parent plans" in missing.message
    assert excinfo.value.exit_code == 1
