"""CSV: the spreadsheet layout as a folder (or zip) of CSV files, one per sheet.

Each sheet of :mod:`openplan.convert.tables` becomes one file named after it
(``plan.csv``, ``areas.csv``, ``sub-items.csv``, ``pledge-links.csv`` ...),
in UTF-8 with a byte-order mark so that Excel opens it with the right
characters, with the same headings and rows as the workbook.

CSV has no types, so a display number or year written in the plan as a number
(``number: 12``) reads back as text (``"12"``); the loss report lists each one.

A text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is written with a leading apostrophe (``'=SUM(A1)``) so that a spreadsheet
program opening the file shows it as text instead of running it as a formula;
reading removes one leading apostrophe from every cell, so a text that really
starts with an apostrophe is written with two.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from pathlib import Path
from typing import Any

from . import errors as rules
from . import tables
from ..loader import is_folder
from ..wording import display_path
from .errors import ConvertError, error
from .imported import Imported
from .losses import LossReport
from .xlsx import DEFAULT_LIMITS, Limits, check_archive

MAX_FIELD = 10 * 1024 * 1024


def guard(value: Any) -> str:
    """A cell's text, with an apostrophe in front of text a spreadsheet program would run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return tables.number_text(value)
    return tables.formula_guard(str(value))


unguard = tables.formula_unguard


def write(data: dict[str, Any]) -> dict[str, bytes]:
    """The plan as CSV files: file name -> content."""
    files: dict[str, bytes] = {}
    for sheet in tables.to_sheets(data):
        stream = io.StringIO()
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(sheet.headings)
        for row in sheet.rows:
            writer.writerow([guard(value) for value in row])
        files[sheet.file_name] = ("\ufeff" + stream.getvalue()).encode("utf-8")
    return files


def zipped(files: dict[str, bytes]) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))  # the same plan gives the same bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return stream.getvalue()


def render(data: dict[str, Any], index=None) -> dict[str, bytes]:
    """The converter interface of :mod:`openplan.convert.registry`; CSV files carry no registry entries."""
    return write(data)


def losses(data: dict[str, Any], index=None, document=None) -> LossReport:
    return tables.sheet_losses(data, "csv", typed=False, document=document)


# --- reading ------------------------------------------------------------------------------------------------


def _sheet_names() -> dict[str, str]:
    """CSV file stem (as written) -> sheet name, for every sheet of either kind of file."""
    names = {name.lower(): name for name in tables.MAIN_SHEET.values()}
    names.update({spec.file_name[:-4]: spec.name for spec in tables.SHEETS})
    return names


def _stem(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower()).strip("-")


def read_files(source: str | os.PathLike | bytes, file: str, limits: Limits = DEFAULT_LIMITS, *,
               allow_outside: bool = False) -> dict[str, bytes]:
    """The CSV files of a folder or a zip archive: name -> content.

    A file in the folder that is a symbolic link out of the project folder is refused, unread, as a registry
    outside it is (unless ``allow_outside``): a checkout's CSV folder must not make openplan read /etc/passwd.
    """
    if isinstance(source, (bytes, bytearray)) or not is_folder(Path(source)):  # a name too long is no folder
        return _from_zip(source, file, limits)
    folder = Path(source)
    root = _project_root(folder)
    files: dict[str, bytes] = {}
    total = 0
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() != ".csv":
            continue
        if not allow_outside and not _resolved(path).is_relative_to(root):
            from ..loader import OUTSIDE_PROJECT

            raise ConvertError([error(OUTSIDE_PROJECT, f'"{path.name}" is a link to a file outside the project '
                                      f"folder {display_path(root)}; it was not read", f"{file}/{path.name}")])
        if not path.is_file():
            continue
        if len(files) >= limits.max_entries:
            raise ConvertError([error(rules.LIMIT, f"the folder holds more than {limits.max_entries:,} CSV files",
                                      file)])
        size = path.stat().st_size
        total += size
        if total > limits.max_unpacked:
            raise ConvertError([error(rules.LIMIT, f"the CSV files add up to more than {limits.max_unpacked:,} "
                                      "bytes", file)])
        files[path.name] = rules.read_input(path, f"{file}/{path.name}", limits.max_unpacked)
    if not files:
        raise ConvertError([error(rules.UNREADABLE, "the folder holds no CSV files", file)])
    return files


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: reading it reports the loop
        return path.absolute()


def _project_root(folder: Path) -> Path:
    """The project folder the CSV folder lies in: the nearest with a project marker, else the CSV folder."""
    from ..validation import project_root

    return _resolved(project_root(_resolved(folder) / "plan.csv"))


def _from_zip(source: str | os.PathLike | bytes, file: str, limits: Limits) -> dict[str, bytes]:
    # Bounded, regular files only: an archive linked to /dev/zero or a named pipe is refused.
    raw = bytes(source) if isinstance(source, (bytes, bytearray)) else rules.read_input(source, file, limits.max_bytes)
    if len(raw) > limits.max_bytes:
        raise ConvertError([error(rules.LIMIT, f"the file is larger than the limit of {limits.max_bytes:,} bytes",
                                  file)])
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ConvertError([error(rules.UNREADABLE, "this is neither a folder of CSV files nor a zip archive of "
                                  "them", file)]) from None
    with archive:
        check_archive(archive, file, limits, what="zip archive")
        files = {}
        for entry in archive.infolist():
            if entry.is_dir() or not entry.filename.lower().endswith(".csv") or "__MACOSX" in entry.filename:
                continue
            files[Path(entry.filename).name] = archive.read(entry)
    if not files:
        raise ConvertError([error(rules.UNREADABLE, "the zip archive holds no CSV files", file)])
    return files


def sheets_from_files(files: dict[str, bytes], file: str) -> dict[str, tables.SheetInput]:
    names = _sheet_names()
    sheets: dict[str, tables.SheetInput] = {}
    findings = []
    csv.field_size_limit(MAX_FIELD)
    for name, content in files.items():
        sheet_name = names.get(_stem(name))
        if sheet_name is None:
            continue  # not a sheet of the layout: ignored, like an extra sheet in a workbook
        label = f'{name} (sheet "{sheet_name}")'
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            findings.append(error(rules.UNREADABLE, f"{label} is not UTF-8 text (byte {exc.start + 1}); save it as "
                                  "'CSV UTF-8'", file))
            continue
        try:
            records = list(csv.reader(io.StringIO(text, newline="")))
        except csv.Error as exc:
            findings.append(error(rules.UNREADABLE, f"{label} is not valid CSV: {exc}", file))
            continue
        if not records:
            findings.append(error(rules.MISSING_COLUMN, f"{label} is empty: it needs at least its heading row", file))
            continue
        headings = [(number, unguard(value)) for number, value in enumerate(records[0], 1)]
        rows = [(number, [(column, unguard(value)) for column, value in enumerate(record, 1) if value != ""])
                for number, record in enumerate(records[1:], 2)]
        sheets[tables.normalise(sheet_name)] = tables.SheetInput(sheet_name, headings, rows, label)
    if findings:
        raise ConvertError(findings)
    return sheets


def read_input(source: Path | bytes, display: str, *, allow_outside: bool = False) -> Imported:
    """The reader interface of :mod:`openplan.convert.registry`: a folder or zip of CSV files. Its registries
    lie beside it, so it carries no registry entries. Raises ConvertError naming file, row and column."""
    data, reader = read(source, display, allow_outside=allow_outside)
    return Imported(data, reader.locate)


def read(source: str | os.PathLike | bytes, file: str | None = None,
         limits: Limits = DEFAULT_LIMITS, *, allow_outside: bool = False) -> tuple[dict[str, Any], tables.Reader]:
    """Plan data from a folder or zip of CSV files. Raises ConvertError naming file, row and column."""
    shown = file or (str(source) if not isinstance(source, (bytes, bytearray)) else "<csv>")
    files = read_files(source, shown, limits, allow_outside=allow_outside)
    return tables.from_sheets(sheets_from_files(files, shown), shown, typed=False)
