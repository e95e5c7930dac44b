"""Every CSV file OpenPlan writes (the CSV export and the data package's tables) shows text that a spreadsheet
would run as a formula as text, with one shared guard, and the data package says so."""

from __future__ import annotations

import csv
import io
import json

import pytest
from frictionless import validate

from openplan.convert import csv_folder, from_csv, load_text, to_csv, to_datapackage
from openplan.convert.tables import formula_guard, formula_unguard

HOSTILE = ['=HYPERLINK("http://evil.example","Click")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\r=1", "'quoted"]

PLAN = """openplan: "1.0"
id: plan.formulas
title: Formulas
organisation: org.example
period: {start: "2025-04-01", end: "2026-03-31"}
edition: {status: draft}
organisations:
  - {id: org.example, name: "@Example Council"}
areas:
  - id: area.housing
    title: "=1+1"
    objectives:
      - id: obj.homes
        number: "1.1"
        title: %s
        outputs:
%s
"""


def _plan() -> str:
    outputs = "".join(f"          - {{id: out.homes.o{n}, number: o{n}, text: {json.dumps(text)}}}\n"
                      for n, text in enumerate(HOSTILE))
    return PLAN % (json.dumps(HOSTILE[0]), outputs)


def _cells(files: dict[str, bytes]) -> list[str]:
    cells = []
    for name, content in files.items():
        if name.endswith(".csv"):
            for row in csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")):
                cells.extend(row)
    return cells


@pytest.mark.parametrize("text", HOSTILE + ["plain", "", "a=b", "1.1"])
def test_the_guard_is_undone_by_removing_one_apostrophe(text):
    guarded = formula_guard(text)
    assert not guarded.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert formula_unguard(guarded) == text


def test_the_csv_export_uses_the_shared_guard():
    assert csv_folder.unguard is formula_unguard
    assert csv_folder.guard("=1+1") == formula_guard("=1+1") == "'=1+1"


@pytest.mark.parametrize("writer", ["csv", "datapackage"])
def test_no_csv_cell_starts_like_a_formula(writer):
    source = load_text(_plan(), "plan.yaml")
    files = to_csv(source.data) if writer == "csv" else to_datapackage(source.data, source.index)
    cells = _cells(files)
    for text in HOSTILE:
        assert formula_guard(text) in cells, (writer, text)
    risky = [cell for cell in cells if cell.startswith(("=", "+", "@", "\t", "\r"))]
    assert risky == [], f"{writer}: cells a spreadsheet would run: {risky}"


def test_the_data_package_stays_valid_and_says_how_text_is_guarded(tmp_path):
    source = load_text(_plan(), "plan.yaml")
    files = to_datapackage(source.data, source.index)
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, [error.message for task in report.tasks for error in task.errors][:5]
    description = json.loads(files["datapackage.json"])["description"]
    assert "remove one leading apostrophe" in description
    assert "remove one leading apostrophe" in files["README.md"].decode("utf-8")


def test_the_csv_export_still_reads_back():
    source = load_text(_plan(), "plan.yaml")
    back = from_csv(csv_folder.zipped(to_csv(source.data)))
    texts = [output["text"] for output in back["areas"][0]["objectives"][0]["outputs"]]
    assert texts == [" ".join(text.split()) if text.startswith(("\t", "\r")) else text for text in HOSTILE] \
        or texts == HOSTILE
