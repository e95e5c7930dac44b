"""A mutated copy of an example fails with exit 1, and the message points at the right line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from openplan.loader import load_document
from openplan.validation import Validator

from .conftest import EXAMPLES, assert_no_traceback, run_openplan

PLANS = ["business-plan-2020-21-final.yaml", "shared-ambitions-milestones-2022-23.yaml"]


def _copy(tmp_path: Path, name: str) -> Path:
    for source in (EXAMPLES / "london-councils").glob("*.yaml"):  # registries and editions it names
        shutil.copy(source, tmp_path / source.name)
    (tmp_path / ".git").mkdir()  # the copy is its own project
    return tmp_path / name


def _first_reference(path: Path):
    validator = Validator()
    document = load_document(path)
    _, index = validator.check_document(document)
    for reference in index.references:
        if reference.document is document and reference.field in ("ref", "objectives", "relative_to", "same_as"):
            line, _ = document.position(reference.parts)
            if document.line_text(line).count(reference.target) == 1:
                return reference, line
    raise AssertionError("no reference to mutate")


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def _located(run, path: Path, line: int, code: str) -> bool:
    return re.search(rf"{re.escape(path.name)}:{line}:\d+: error {code} ", run.stdout) is not None


@pytest.mark.parametrize("name", PLANS)
def test_reference_to_a_missing_id(tmp_path, name):
    path = _copy(tmp_path, name)
    reference, line = _first_reference(path)
    lines = _lines(path)
    lines[line - 1] = lines[line - 1].replace(reference.target, "no.such.item")
    path.write_text("\n".join(lines), encoding="utf-8")
    run = run_openplan("validate", str(path))
    assert_no_traceback(run)
    assert run.code == 1, run.output
    assert _located(run, path, line, "I002"), run.stdout
    assert '"no.such.item"' in run.stdout


@pytest.mark.parametrize("name", PLANS)
def test_required_field_removed(tmp_path, name):
    path = _copy(tmp_path, name)
    document = load_document(path)
    area = document.data["areas"][1]
    title_line, _ = document.position(["areas", 1, "title"], key=True)
    area_line, _ = document.position(["areas", 1])
    lines = _lines(path)
    assert lines[title_line - 1].strip().startswith("title:")
    assert not lines[title_line].startswith(" " * (lines[title_line - 1].index("title") + 2)), "single-line title"
    del lines[title_line - 1]
    path.write_text("\n".join(lines), encoding="utf-8")
    expected_line = area_line if area_line < title_line else area_line - 1
    run = run_openplan("validate", str(path))
    assert_no_traceback(run)
    assert run.code == 1, run.output
    assert _located(run, path, expected_line, "S001"), run.stdout
    assert f'area "{area["id"]}"' in run.stdout and 'required field "title"' in run.stdout


@pytest.mark.parametrize("name", PLANS)
def test_value_of_the_wrong_type(tmp_path, name):
    path = _copy(tmp_path, name)
    document = load_document(path)
    line, column = document.position(["areas", 0, "id"])
    lines = _lines(path)
    before = lines[line - 1]
    lines[line - 1] = before[: column - 1] + "[not, an, id]"
    path.write_text("\n".join(lines), encoding="utf-8")
    run = run_openplan("validate", str(path))
    assert_no_traceback(run)
    assert run.code == 1, run.output
    assert _located(run, path, line, "S003"), run.stdout
    assert "should be text, not a list" in run.stdout
