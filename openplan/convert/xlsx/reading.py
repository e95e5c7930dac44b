"""Reading a workbook back into plan data: its sheets, extension sheets and the Registry data sheet."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, BinaryIO

from .. import errors as rules
from .. import tables
from ..errors import ConvertError, error
from ..imported import Imported, RegistryData
from .extension_sheets import read_extension_sheets
from .layout import INSTRUCTIONS, REGISTRY_DATA, REGISTRY_HEADINGS
from .limits import DEFAULT_LIMITS, Limits
from .parsing import read_workbook


def read_input(source: Path | bytes, display: str, *, allow_outside: bool = False) -> Imported:
    """The reader interface of :mod:`openplan.convert.registry`. A workbook opens no other file, so
    ``allow_outside`` changes nothing. Raises ConvertError naming sheet, row and column."""
    data, reader, carried = _read(source, display, DEFAULT_LIMITS)
    return Imported(data, reader.locate, carried)


def read(source: str | os.PathLike | bytes | BinaryIO, file: str | None = None,
         limits: Limits = DEFAULT_LIMITS) -> tuple[dict[str, Any], tables.Reader]:
    """Plan data from a workbook, and the reader that knows where each value came from. Raises ConvertError."""
    data, reader, _ = _read(source, file or (str(source) if isinstance(source, (str, Path)) else "<workbook>"),
                            limits)
    return data, reader


def _read(source, shown: str, limits: Limits) -> tuple[dict[str, Any], tables.Reader, RegistryData | None]:
    sheets, written = read_workbook(source, shown, limits)
    if written is None:
        written = _listed_sheets(sheets.get(tables.normalise(INSTRUCTIONS)))
    carried = _read_registry_data(sheets.get(tables.normalise(REGISTRY_DATA)), shown)
    read_extension_sheets(sheets, shown)
    data, reader = tables.from_sheets(sheets, shown, typed=True, written=written)
    return data, reader, carried


def _read_registry_data(sheet: tables.SheetInput | None, file: str) -> RegistryData | None:
    """The registry entries a workbook carries, by registry file and list (None: it has no Registry data sheet).

    Raises ConvertError naming the cell."""
    import json

    from ..fields import fields

    carried: RegistryData = {}
    if sheet is None:
        return None
    lists = {item.name for item in fields("Registry", "registry") if item.kind == "objects"}
    head = {tables.normalise(str(h)): n for n, h in sheet.headings if h is not None}
    columns = [head.get(tables.normalise(heading)) for heading in REGISTRY_HEADINGS]
    findings = []
    if None in columns:
        missing = [h for h, n in zip(REGISTRY_HEADINGS, columns) if n is None]
        raise ConvertError([error(rules.MISSING_COLUMN, f'sheet "{sheet.name}": the column "{missing[0]}" is missing; '
                                  f"its headings are: {', '.join(REGISTRY_HEADINGS)}", file, 1)])
    file_col, list_col, _, entry_col = columns
    for row, cells in sheet.rows:
        values = dict(cells)
        name, kind, raw = values.get(file_col), values.get(list_col), values.get(entry_col)
        if name is None and kind is None and raw is None:
            continue
        where = f'sheet "{sheet.name}", row {row}: cell {tables.cell_name(sheet.name, entry_col, row)}'
        try:
            entry = json.loads(raw) if isinstance(raw, str) else None
        except ValueError as exc:
            findings.append(error(rules.BAD_CELL, f"{where} is not a registry entry written as JSON ({exc.msg} at "
                                  f"character {exc.pos + 1})", file, row, entry_col))
            continue
        if not isinstance(entry, dict) or not isinstance(name, str) or kind not in lists:
            findings.append(error(rules.BAD_CELL, f"{where}: each row needs a registry file, a list (one of "
                                  f"{', '.join(sorted(lists))}) and the entry written as JSON", file, row, entry_col))
            continue
        carried.setdefault(name.strip(), {}).setdefault(kind, []).append(entry)
    if findings:
        raise ConvertError(findings)
    return carried


def _listed_sheets(instructions: tables.SheetInput | None) -> list[str] | None:
    """The sheets the instructions sheet lists, for a program that drops the workbook's custom properties."""
    if instructions is None:
        return None
    listed = None
    for _, cells in instructions.rows:
        values = dict(cells)
        if listed is None:
            if values.get(1) == "Sheet" and values.get(2) == "What it holds":
                listed = []
        elif isinstance(values.get(1), str):
            listed.append(values[1])
    return listed
