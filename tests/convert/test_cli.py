"""`openplan convert` as a user runs it: formats, stdin and stdout, loss reports, refusals and exit codes."""

from __future__ import annotations

import json
import shutil

import pytest

from openplan.convert import from_xlsx
from openplan.loader import load_document, parse

from ..conftest import assert_no_traceback, run_openplan
from .helpers import LONDON, SMALL, canonical_json, write_plan


@pytest.fixture
def project(tmp_path):
    """A copy of the London Councils examples in a project folder of its own."""
    shutil.copytree(LONDON, tmp_path / "plans")
    (tmp_path / ".git").mkdir()
    return tmp_path / "plans"


def test_the_format_comes_from_the_output_extension(project):
    plan = project / "business-plan-2020-21-final.yaml"
    for name, check in (("plan.html", b"<!DOCTYPE html>"), ("plan.md", b"# London Councils"),
                        ("plan.ics", b"BEGIN:VCALENDAR"), ("plan.xml", b"<StrategicPlan"),
                        ("plan.json", b'{\n  "openplan": "1.0"'), ("plan.xlsx", b"PK")):
        run = run_openplan("convert", str(plan), "-o", str(project / name))
        assert_no_traceback(run)
        assert run.code == 0, run.output
        assert check in (project / name).read_bytes()[:400], name


def test_a_workbook_converts_back_to_the_same_plan(project):
    plan = project / "business-plan-2020-21-final.yaml"
    assert run_openplan("convert", str(plan), "-o", str(project / "plan.xlsx")).code == 0
    run = run_openplan("convert", str(project / "plan.xlsx"), "--to", "yaml", "-o", str(project / "back.yaml"))
    assert run.code == 0, run.output
    assert canonical_json(load_document(project / "back.yaml").data) == canonical_json(load_document(plan).data)


def test_csv_goes_to_a_folder_or_a_zip_and_comes_back(project):
    plan = project / "shared-ambitions-milestones-2022-23.yaml"
    assert run_openplan("convert", str(plan), "--to", "csv", "-o", str(project / "sheets")).code == 0
    assert (project / "sheets" / "milestones.csv").exists()
    assert run_openplan("convert", str(plan), "-o", str(project / "sheets.zip")).code == 0
    for given in ("sheets", "sheets.zip"):
        run = run_openplan("convert", str(project / given), "--to", "json")
        assert run.code == 0, run.output
        assert canonical_json(json.loads(run.stdout)) == canonical_json(load_document(plan).data)


def test_stdin_and_stdout(tmp_path):
    write_plan(tmp_path, SMALL)
    run = run_openplan("convert", "-", "--to", "json", cwd=tmp_path, stdin=SMALL)
    assert run.code == 0, run.output
    assert json.loads(run.stdout)["id"] == "plan.small"
    run = run_openplan("convert", "-", "--to", "yaml", "-o", "-", cwd=tmp_path, stdin=run.stdout)
    assert run.code == 0 and parse(run.stdout).data == parse(SMALL).data


def test_an_unknown_format_lists_the_formats_that_exist(tmp_path):
    path = write_plan(tmp_path, SMALL)
    run = run_openplan("convert", str(path), "--to", "pdf")
    assert run.code == 2 and "unknown format" in run.stderr
    for name in ("json", "yaml", "html", "markdown", "xlsx", "csv", "datapackage", "ical", "stratml1", "stratml2"):
        assert name in run.stderr
    run = run_openplan("convert", str(path), "-o", str(tmp_path / "plan.pdf"))
    assert run.code == 2 and "stratml2" in run.stderr
    assert_no_traceback(run)


def test_output_never_overwrites_an_input(project):
    plan = project / "business-plan-2020-21-final.yaml"
    before = {path.name: path.read_bytes() for path in project.iterdir()}
    for target in (plan, project / "registry.yaml"):
        run = run_openplan("convert", str(plan), "--to", "yaml", "-o", str(target))
        assert run.code == 2 and "input" in run.stderr, run.output
    assert {path.name: path.read_bytes() for path in project.iterdir()} == before  # nothing changed, nothing left


def test_an_invalid_plan_is_not_converted(tmp_path):
    path = write_plan(tmp_path, SMALL.replace("ref: post.leader", "ref: post.mayor"))
    run = run_openplan("convert", str(path), "-o", str(tmp_path / "plan.html"))
    assert run.code == 1 and "I002" in run.stderr and "was not converted" in run.stderr
    assert not (tmp_path / "plan.html").exists()
    assert_no_traceback(run)


def test_warnings_alone_do_not_stop_a_conversion(project):
    plan = project / "shared-ambitions-milestones-2022-23.yaml"
    note = ("      note: >-\n        Before the 27 July 2022 meeting: the paper was drafted in spring 2022\n"
            "        (see the provenance note); the date is kept as published.\n")
    text = plan.read_text(encoding="utf-8")
    assert note in text
    plan.write_text(text.replace(note, "", 1), encoding="utf-8")  # a milestone before the period, unexplained
    run = run_openplan("convert", str(plan), "--to", "ical", "-o", str(project / "ms.ics"))
    assert run.code == 0 and "1 warning in the plan" in run.stderr and "--verbose" in run.stderr
    assert "V301" in run.stderr  # and the loss report: TBC left out


def test_the_loss_report_as_json(project):
    run = run_openplan("convert", str(project / "shared-ambitions-milestones-2022-23.yaml"), "--to", "ical",
                       "-o", str(project / "ms.ics"), "--report", "json")
    report = json.loads(run.stderr)
    assert report["converted"] and report["format"] == "ical" and not report["lossless"]
    codes = {loss["code"] for loss in report["losses"]}
    assert {"V301", "V302", "V303"} <= codes
    tbc = next(loss for loss in report["losses"] if loss["code"] == "V301")["occurrences"][0]
    assert tbc["item"] == "ms.transport-mobility-contracts.london-tribunals" and tbc["line"]


def test_an_import_error_names_sheet_row_and_column(project, tmp_path):
    import openpyxl

    plan = project / "business-plan-2017-18.yaml"
    assert run_openplan("convert", str(plan), "-o", str(project / "plan.xlsx")).code == 0
    workbook = openpyxl.load_workbook(project / "plan.xlsx")
    workbook["Objectives"]["A3"] = "area.nowhere"
    workbook.save(project / "plan.xlsx")
    run = run_openplan("convert", str(project / "plan.xlsx"), "--to", "yaml", "--report", "json")
    assert run.code == 1
    finding = json.loads(run.stderr)["findings"][0]
    assert finding["code"] == "V011" and finding["line"] == 3 and finding["column"] == 1
    assert 'sheet "Objectives", row 3, column A "Area"' in finding["message"]


def test_a_registry_converts_to_sheets_but_not_to_a_page(project):
    registry = project / "registry.yaml"
    run = run_openplan("convert", str(registry), "-o", str(project / "registry.xlsx"))
    assert run.code == 0, run.output
    assert canonical_json(from_xlsx(project / "registry.xlsx")) == canonical_json(load_document(registry).data)
    run = run_openplan("convert", str(registry), "--to", "html")
    assert run.code == 2 and "registry" in run.stderr


def test_several_files_on_standard_output_are_a_zip(tmp_path):
    import io
    import os
    import subprocess
    import sys
    import zipfile

    from ..conftest import ROOT

    path = write_plan(tmp_path, SMALL)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "openplan", "convert", str(path), "--to", "csv", "--report", "none"],
                          capture_output=True, timeout=120, env=env)
    assert done.returncode == 0 and done.stderr == b""
    names = zipfile.ZipFile(io.BytesIO(done.stdout)).namelist()
    assert "plan.csv" in names and "outputs.csv" in names


def _convert_to_a_terminal(plan, to: str) -> tuple[int, bytes, str]:
    """Run convert with standard output on a pseudo-terminal, so that isatty() is really true."""
    import os
    import select
    import subprocess
    import sys

    pty = pytest.importorskip("pty")
    from ..conftest import ROOT

    master, slave = pty.openpty()
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    process = subprocess.Popen([sys.executable, "-m", "openplan", "convert", str(plan), "--to", to, "--report",
                                "none"], stdout=slave, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
    os.close(slave)
    shown = b""
    try:
        while select.select([master], [], [], 60)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal closed when the command ended (Linux)
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(master)
    code = process.wait(timeout=60)
    return code, shown, process.stderr.read().decode("utf-8")


@pytest.mark.parametrize("to", ["csv", "xlsx", "datapackage"])
def test_binary_output_is_never_written_to_a_terminal(project, to):
    code, shown, message = _convert_to_a_terminal(project / "business-plan-2020-21-final.yaml", to)
    assert code == 2, message
    assert b"PK" not in shown and len(shown) < 200, shown[:200]  # no zip or workbook bytes on the screen
    assert message.startswith("openplan convert: ") and "-o" in message and "Traceback" not in message


def test_text_output_still_goes_to_a_terminal(project):
    code, shown, message = _convert_to_a_terminal(project / "business-plan-2020-21-final.yaml", "markdown")
    assert code == 0, message
    assert b"# London Councils" in shown
