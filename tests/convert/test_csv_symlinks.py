"""A CSV folder is read like a plan's registries: a file in it that is a symbolic link out of the project folder
is refused unread (L016), so its content never appears in a message; `--allow-outside` reads it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from openplan.convert import ConvertError, from_csv, to_csv
from openplan.convert.source import load

from ..conftest import assert_no_traceback, run_openplan

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="needs symbolic links")

SECRET = "root:x:0:0:SECRET-LINE-FROM-OUTSIDE:/root:/bin/bash\n"
PLAN = """openplan: "1.0"
id: plan.sheets
title: Sheets
organisation: org.example
period: {start: "2025-04-01", end: "2026-03-31"}
edition: {status: draft}
organisations:
  - {id: org.example, name: Example Council}
areas:
  - {id: area.housing, title: Housing}
"""


def _sheets(tmp_path: Path, link_to: Path | None) -> Path:
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (project / "plan.yaml").write_text(PLAN, encoding="utf-8")
    sheets = project / "sheets"
    sheets.mkdir()
    for name, content in to_csv(load(project / "plan.yaml").data).items():
        (sheets / name).write_bytes(content)
    if link_to is not None:
        (sheets / "areas.csv").unlink()
        os.symlink(link_to, sheets / "areas.csv")
    return sheets


@pytest.fixture
def outside(tmp_path) -> Path:
    path = tmp_path / "elsewhere" / "passwd"
    path.parent.mkdir()
    path.write_text(SECRET, encoding="utf-8")
    return path


def test_a_link_out_of_the_project_is_refused_unread(tmp_path, outside):
    sheets = _sheets(tmp_path, outside)
    with pytest.raises(ConvertError) as caught:
        from_csv(sheets, "sheets")
    [finding] = caught.value.findings
    assert finding.code == "L016" and finding.file == "sheets/areas.csv"
    assert "outside the project folder" in finding.message and "SECRET" not in finding.message


@pytest.mark.parametrize("argv", [["convert", "sheets", "--to", "json", "-o", "out.json"],
                                  ["convert", "sheets", "--to", "yaml"]])
def test_convert_refuses_it_and_quotes_nothing_from_it(tmp_path, outside, argv):
    sheets = _sheets(tmp_path, outside)
    run = run_openplan(*argv, cwd=sheets.parent)
    assert_no_traceback(run)
    assert run.code == 2, run.output
    assert "L016" in run.output and "sheets/areas.csv" in run.output
    assert "SECRET" not in run.output  # before the fix its first line was quoted as a heading
    assert not (sheets.parent / "out.json").exists()


def test_allow_outside_reads_it(tmp_path, outside):
    sheets = _sheets(tmp_path, outside)
    run = run_openplan("convert", "sheets", "--to", "json", "--allow-outside", cwd=sheets.parent)
    assert_no_traceback(run)
    assert "L016" not in run.output and "SECRET-LINE-FROM-OUTSIDE" in run.output  # read, so it is a bad heading


def test_a_link_inside_the_project_is_read(tmp_path):
    project = tmp_path / "project"
    sheets = _sheets(tmp_path, None)
    (project / "kept-areas.csv").write_bytes((sheets / "areas.csv").read_bytes())
    (sheets / "areas.csv").unlink()
    os.symlink(project / "kept-areas.csv", sheets / "areas.csv")
    data = from_csv(sheets, "sheets")
    assert data["areas"][0]["id"] == "area.housing"
