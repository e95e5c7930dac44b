"""Hostile and broken workbooks through `openplan convert`: one clear line, exit 2, bounded time and memory.

Each case runs the real command in its own process and records the process's peak memory, so a workbook that
claims a million rows or a merge down to row 1,048,576 shows up here as memory, not as a stalled machine.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from openplan.convert import ConvertError, from_xlsx, to_xlsx, xlsx
from openplan.loader import parse

from ..conftest import ROOT
from .helpers import SMALL, canonical_json

MEMORY_MB = 1024
SECONDS = 30
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _sheet_part(raw: bytes, name: str) -> str:
    """The archive path of the sheet called ``name``."""
    archive = zipfile.ZipFile(io.BytesIO(raw))
    book = archive.read("xl/workbook.xml").decode()
    rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(r'<sheet[^>]*name="%s"[^>]*r:id="([^"]+)"' % re.escape(name), book).group(1)
    target = re.search(r'<Relationship[^>]*Id="%s"[^>]*Target="([^"]+)"' % rid, rels) or \
        re.search(r'<Relationship[^>]*Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
    path = target.group(1)
    return path.lstrip("/") if path.startswith("/") else "xl/" + path


def _rewrite(raw: bytes, changes: dict[str, bytes], extra: dict[str, bytes] | None = None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(raw))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(entry.filename, changes.get(entry.filename, source.read(entry)))
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return stream.getvalue()


def _exported() -> bytes:
    return to_xlsx(parse(SMALL).data)


def _with_sheet_xml(edit) -> bytes:
    raw = _exported()
    part = _sheet_part(raw, "Outputs")
    sheet = zipfile.ZipFile(io.BytesIO(raw)).read(part).decode()
    return _rewrite(raw, {part: edit(sheet).encode()})


def _merged(ref: str) -> bytes:
    return _with_sheet_xml(lambda sheet: sheet.replace(
        "</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>', 1))


def _million_rows() -> bytes:
    def edit(sheet: str) -> str:
        rows = "".join(f'<row r="{n}"><c r="B{n}" t="inlineStr"><is><t>out.{n}</t></is></c></row>'
                       for n in range(4, 1_000_004))
        return sheet.replace("</sheetData>", rows + "</sheetData>", 1)
    return _with_sheet_xml(edit)


def _run(tmp_path: Path, name: str, content: bytes) -> tuple[subprocess.CompletedProcess, float, float]:
    """`openplan convert NAME --to yaml` in a process of its own: the result, seconds and peak memory in MB."""
    (tmp_path / ".git").mkdir(exist_ok=True)
    path = tmp_path / name
    path.write_bytes(content)
    probe = tmp_path / "peak.json"
    code = ("import json, resource, runpy, sys\n"
            f"sys.argv = ['openplan', 'convert', {str(path)!r}, '--to', 'yaml', '-o', {str(tmp_path / 'out.yaml')!r}]\n"
            "try:\n    runpy.run_module('openplan', run_name='__main__')\nfinally:\n"
            f"    json.dump(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, open({str(probe)!r}, 'w'))\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8", NO_COLOR="1", COLUMNS="200")
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env=env)
    seconds = time.monotonic() - started
    peak_mb = json.loads(probe.read_text()) / 1024  # ru_maxrss is in kilobytes on Linux
    return done, seconds, peak_mb


def _encrypted() -> bytes:
    """The start of an encrypted workbook: an OLE compound file holding EncryptionInfo and EncryptedPackage."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    directory = "EncryptionInfo".encode("utf-16-le") + b"\0" * 50 + "EncryptedPackage".encode("utf-16-le")
    return header + directory + b"\0" * 4096


def _macro_enabled() -> bytes:
    raw = _exported()
    types = zipfile.ZipFile(io.BytesIO(raw)).read("[Content_Types].xml").decode().replace(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    return _rewrite(raw, {"[Content_Types].xml": types.encode()},
                    {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 Attribute VB_Name = \"Module1\"\nSub Auto_Open()\n"
                                          b"Shell \"calc.exe\"\nEnd Sub\n"})


def _corrupt_zip() -> bytes:
    raw = _exported()
    return raw[: len(raw) // 2]  # a download cut short: no central directory


CASES = {
    "encrypted.xlsx": (_encrypted, "protected with a password"),
    "macros.xlsm": (_macro_enabled, "holds macros"),
    "cut-short.xlsx": (_corrupt_zip, "damaged"),
    "million-rows.xlsx": (_million_rows, "rows; the limit is"),
    "merged-down-to-the-last-row.xlsx": (lambda: _merged("D2:D1048576"), None),
    "merged-across-2000-columns.xlsx": (lambda: _merged("A2:BXX2"), "merged across columns"),
}


@pytest.mark.parametrize("name", CASES)
def test_a_hostile_workbook_gets_one_clear_line_in_bounded_time_and_memory(tmp_path, name):
    make, message = CASES[name]
    done, seconds, peak_mb = _run(tmp_path, name, make())
    assert "Traceback" not in done.stderr, done.stderr
    assert seconds < SECONDS and peak_mb < MEMORY_MB, (seconds, peak_mb)
    print(name, round(seconds, 1), "s", round(peak_mb), "MB")
    errors = [line for line in done.stderr.splitlines() if " error V0" in line]
    if message is None:  # read as it should be: the merge repeats D2 only as far as the sheet has rows
        assert done.returncode == 0, done.stderr
        return
    assert done.returncode == 2 if name != "merged-across-2000-columns.xlsx" else done.returncode == 1
    assert len(errors) == 1 and message in errors[0] and errors[0].startswith(str(tmp_path / name)), done.stderr


def test_a_workbook_encrypted_with_a_password_as_excel_does_it_is_refused(tmp_path):
    """A real encrypted workbook (see data/make_office_fixtures.py), not only the container's signature."""
    raw = (ROOT / "tests" / "convert" / "data" / "password-protected.xlsx").read_bytes()
    done, seconds, peak_mb = _run(tmp_path, "password-protected.xlsx", raw)
    assert "Traceback" not in done.stderr and seconds < SECONDS and peak_mb < MEMORY_MB, done.stderr
    errors = [line for line in done.stderr.splitlines() if " error V0" in line]
    assert done.returncode == 2 and len(errors) == 1 and "protected with a password" in errors[0], done.stderr


def test_a_merge_down_to_the_last_row_repeats_its_value_only_over_rows_the_sheet_has():
    data = parse(SMALL).data
    raw = _with_sheet_xml(lambda sheet: sheet.replace(
        "</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="A2:A1048576"/></mergeCells>', 1))
    assert canonical_json(from_xlsx(raw)) == canonical_json(data)  # both outputs belong to obj.streets


def test_many_merged_ranges_are_refused_before_they_are_checked():
    refs = "".join(f'<mergeCell ref="E{n}:F{n}"/>' for n in range(2, 60_003))
    raw = _with_sheet_xml(lambda sheet: sheet.replace(
        "</sheetData>", f'</sheetData><mergeCells count="60001">{refs}</mergeCells>', 1))
    with pytest.raises(ConvertError) as excinfo:
        from_xlsx(raw, "merges.xlsx")
    assert [f.code for f in excinfo.value.findings] == ["V002"] and excinfo.value.exit_code == 2
    assert "merged ranges" in excinfo.value.findings[0].message


def test_a_cell_limit_counts_the_rows_a_merge_repeats_on():
    rows = "".join(f'<row r="{n}"><c r="H{n}" t="inlineStr"><is><t>x</t></is></c></row>' for n in range(4, 2004))
    raw = _with_sheet_xml(lambda sheet: sheet.replace("</sheetData>", rows + "</sheetData>", 1).replace(
        "</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="A2:A2003"/></mergeCells>', 1))
    with pytest.raises(ConvertError) as excinfo:
        xlsx.read(raw, "cells.xlsx", xlsx.Limits(max_cells=1500))
    assert [f.code for f in excinfo.value.findings] == ["V002"] and "filled cells" in excinfo.value.findings[0].message


def test_a_sheet_protected_against_editing_is_read():
    raw = _with_sheet_xml(lambda sheet: sheet.replace(
        "</sheetData>", '</sheetData><sheetProtection sheet="1" password="CC1A"/>', 1))
    assert canonical_json(from_xlsx(raw)) == canonical_json(parse(SMALL).data)


def test_an_external_link_is_never_followed(tmp_path, monkeypatch):
    import socket

    secret = tmp_path / "secret.txt"
    secret.write_text("never read")
    link = (f'<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="{MAIN_NS}"><externalBook '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1">'
            '<sheetNames><sheetName val="Sheet1"/></sheetNames></externalBook></externalLink>').encode()
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/externalLinkPath" Target="{secret.as_uri()}" TargetMode="External"/>'
            '</Relationships>').encode()
    raw = _with_sheet_xml(lambda sheet: re.sub(
        r'<c r="D2"[^>]*>.*?</c>', '<c r="D2" t="str"><f>[1]Sheet1!A1</f><v>Replace every street bin</v></c>', sheet,
        count=1))
    raw = _rewrite(raw, {}, {"xl/externalLinks/externalLink1.xml": link,
                             "xl/externalLinks/_rels/externalLink1.xml.rels": rels})
    opened = []
    real_open = open

    def watching_open(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    def no_network(*args, **kwargs):
        raise AssertionError("the reader opened a network connection")

    monkeypatch.setattr("builtins.open", watching_open)
    monkeypatch.setattr(socket, "socket", no_network)
    back = from_xlsx(raw, "linked.xlsx")
    assert back["areas"][0]["objectives"][0]["outputs"][0]["text"] == "Replace every street bin"
    assert str(secret) not in opened
