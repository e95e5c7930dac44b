"""The format table is the one list of formats, every converter answers to the same interface, and
``openplan.convert.run`` does what ``openplan convert`` does, without printing."""

from __future__ import annotations

import inspect
import json
import shutil
import typing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from openplan import convert
from openplan.cli import app
from openplan.cli import convert as convert_command
from openplan.convert import registry

from .helpers import ALL_FILES, LONDON, MILESTONES, PLANS, canonical_json, loaded

FORMAT_NAMES = [fmt.name for fmt in registry.FORMATS]
PYTHON_TYPE = {"text": str, "bytes": bytes, "files": dict}


@pytest.mark.parametrize("name", FORMAT_NAMES)
def test_every_converter_renders_and_reports_losses_through_the_same_interface(name):
    fmt = registry.get(name)
    plan = loaded(MILESTONES)
    module = fmt.converter()
    for function in (module.render, module.losses):
        parameters = list(inspect.signature(function).parameters)
        assert parameters[:2] == ["data", "index"], (name, function.__name__, parameters)
    assert "document" in inspect.signature(module.losses).parameters
    content = registry.render(fmt, plan.data, plan.index)
    assert isinstance(content, PYTHON_TYPE[fmt.kind])
    assert fmt.binary == (fmt.kind != "text")
    report = registry.losses(fmt, plan.data, plan.index, plan.document)
    assert report.target == name and report.document is plan.document
    assert report.codes() <= {kind.code for kind in fmt.loss_kinds()}, "a loss the table does not declare"


def test_the_table_declares_each_kind_of_loss_the_catalogue_lists():
    from openplan.catalogue import rules

    declared = {kind.code for fmt in registry.FORMATS for kind in fmt.loss_kinds()}
    assert declared == {rule.code for rule in rules(("convert-loss",))}


def test_every_name_reading_accepts_is_a_readable_format_of_the_table():
    from openplan.convert.reading import READABLE

    assert READABLE == registry.INPUTS
    assert {registry.get(name).name for name in registry.INPUTS} == {fmt.name for fmt in registry.FORMATS
                                                                      if fmt.readable}


def test_every_readable_format_has_the_same_reader_unless_the_plan_loader_reads_it():
    from openplan.convert.imported import Imported

    readable = [fmt for fmt in registry.FORMATS if fmt.readable]
    assert {fmt.name for fmt in readable if fmt.loader} == {"yaml", "json"}
    assert not any(fmt.loader for fmt in registry.FORMATS if not fmt.readable)
    readers = [fmt for fmt in readable if not fmt.loader]
    assert {fmt.name for fmt in readers} == {"xlsx", "csv", "stratml1"}
    for fmt in readers:
        read_input = fmt.converter().read_input
        parameters = inspect.signature(read_input).parameters
        assert [(p.name, p.kind) for p in parameters.values()] == [
            ("source", inspect.Parameter.POSITIONAL_OR_KEYWORD), ("display", inspect.Parameter.POSITIONAL_OR_KEYWORD),
            ("allow_outside", inspect.Parameter.KEYWORD_ONLY)], fmt.name
        assert parameters["allow_outside"].default is False
        assert typing.get_type_hints(read_input) == {"source": Path | bytes, "display": str, "allow_outside": bool,
                                                     "return": Imported}, fmt.name


def _written(fmt: str, data: dict, index, where: Path) -> Path:
    content = registry.render(registry.get(fmt), data, index)
    if isinstance(content, dict):  # CSV: a folder of files, as `openplan convert -o folder/` writes it
        where.mkdir()
        for name, part in content.items():
            (where / name).write_bytes(part)
    else:
        where.write_bytes(content)
    return where


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_every_example_reads_back_through_the_format_table_as_the_format_readers_read_it(path, tmp_path):
    from openplan.convert.reading import read_path

    for example in LONDON.glob("*.yaml"):  # the registries the plans name, beside what is read
        shutil.copy(example, tmp_path / example.name)
    plan = loaded(path)
    workbook = _written("xlsx", plan.data, plan.index, tmp_path / "plan.xlsx")
    read = read_path(workbook)
    assert canonical_json(read.data) == canonical_json(convert.from_xlsx(workbook)) == canonical_json(plan.data)
    assert read.import_losses is None and read.findings == [] and workbook.resolve() in read.inputs
    folder = _written("csv", plan.data, plan.index, tmp_path / "plan-csv")
    read = read_path(folder)
    assert canonical_json(read.data) == canonical_json(convert.from_csv(folder)) == canonical_json(plan.data)
    assert read.import_losses is None and read.findings == []
    if path not in PLANS:
        return  # StratML is made from plans only
    xml = _written("stratml1", plan.data, plan.index, tmp_path / "plan.xml")
    read = read_path(xml)
    data, report = convert.from_stratml(xml.read_bytes(), str(xml))
    assert read.data == data and read.data["edition"]["status"] == "draft"
    assert read.import_losses.target == "stratml-import" and read.import_losses.to_dict() == report.to_dict()


def test_the_command_help_lists_the_formats_of_the_table():
    parameters = inspect.signature(convert_command.convert).parameters
    assert parameters["to"].default.help.endswith(": " + ", ".join(registry.names()) + ".")
    assert parameters["source_format"].default.help.endswith(": " + ", ".join(registry.INPUTS) + ".")


def test_ical_takes_the_dated_items_the_table_lists():
    from openplan.convert.ical import INCLUDE

    assert registry.get("ical").setting("include").values == INCLUDE == ("outputs", "objectives")
    assert all(fmt.setting("include") is None for fmt in registry.FORMATS if fmt.name != "ical")


def test_run_writes_the_output_and_returns_the_payload_the_command_prints(tmp_path, monkeypatch):
    monkeypatch.chdir(MILESTONES.parent)
    out = tmp_path / "plan.ics"
    done = convert.run(MILESTONES.name, output=str(out), include="outputs")
    assert done.converted and done.exit_code == 0 and not done.to_stdout
    assert done.format.name == "ical" and out.read_bytes() == done.content
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
    result = CliRunner().invoke(app, ["convert", MILESTONES.name, "-o", str(tmp_path / "again.ics"),
                                      "--include", "outputs", "--report", "json"])
    assert result.exit_code == 0
    printed = json.loads(result.stderr)
    payload = done.payload()
    printed["output"] = payload["output"] = "-"  # the two runs wrote to different files
    assert printed == payload and payload["format"] == "ical" and payload["converted"] is True


def test_run_refuses_what_the_command_refuses_with_the_same_message():
    with pytest.raises(convert.Refused, match='unknown format "docx"; the formats are: json, yaml, html'):
        convert.run(str(MILESTONES), to="docx")
    with pytest.raises(convert.Refused, match="--include takes outputs, objectives .* --to ical only"):
        convert.run(str(MILESTONES), to="html", include="outputs")
    with pytest.raises(convert.Refused, match="name the output format with --to"):
        convert.run(str(MILESTONES))


def test_run_returns_an_invalid_plan_with_its_findings_and_exit_code(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text('openplan: "1.0"\nid: plan.x\n', encoding="utf-8")
    done = convert.run(str(plan), to="json")
    assert not done.converted and done.exit_code == 1 and done.content is None
    payload = done.payload()
    assert payload["converted"] is False and payload["findings"]
    assert all(finding["file"] == str(plan) for finding in payload["findings"])


def test_the_documentation_table_has_a_row_per_format_saying_what_it_does():
    table = registry.markdown_table().splitlines()
    assert len(table) == 2 + len(registry.FORMATS)
    ical = next(row for row in table if row.startswith("| `ical`"))
    assert "`--include` (outputs, objectives)" in ical and "| binary |" in ical and "V301" in ical
    xlsx = next(row for row in table if row.startswith("| `xlsx`"))
    assert "| write and read |" in xlsx and "`excel`" in xlsx
    assert "| none |" in next(row for row in table if row.startswith("| `json`"))
