"""Reading a plan in any readable format, validated: YAML, JSON, XLSX, CSV (folder or zip) and StratML.

The input format comes from ``--from``, else from the path (a folder is CSV;
.xlsx, .zip, .xml, .json, anything else YAML), else, for standard input, from
the first bytes (a zip archive, an XML document, or YAML/JSON text).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from . import errors as rules
from .errors import ConvertError, error
from .source import Source, from_data, load, load_text

READABLE = ("yaml", "json", "xlsx", "csv", "stratml")


def input_format(path: Path) -> str:
    if path.is_dir():
        return "csv"
    suffix = path.suffix.lower()
    return {".xlsx": "xlsx", ".xlsm": "xlsx", ".zip": "csv", ".xml": "stratml", ".json": "json"}.get(suffix, "yaml")


def sniff(raw: bytes) -> str:
    if raw.startswith(b"PK"):
        try:
            names = zipfile.ZipFile(io.BytesIO(raw)).namelist()
        except (zipfile.BadZipFile, ValueError):
            return "xlsx"
        return "xlsx" if any(name.lower() == "xl/workbook.xml" for name in names) else "csv"
    head = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head == b"<":
        return "stratml"
    return "json" if head in (b"{", b"[") else "yaml"


def _normal(fmt: str | None) -> str | None:
    if fmt is None:
        return None
    name = fmt.strip().lower()
    name = {"yml": "yaml", "excel": "xlsx", "stratml1": "stratml", "stratml-part1": "stratml"}.get(name, name)
    if name not in READABLE:
        raise ConvertError([error(rules.UNREADABLE, f'cannot read the format "{fmt}"; readable formats are: '
                                  f'{", ".join(READABLE)}', None)])
    return name


def _imported(data, reader, display: str, at: Path | None, options) -> Source:
    return from_data(data, display, at=at, locate=reader.locate, options=options)


def read_path(path: Path, fmt: str | None = None, *, display: str | None = None, options=None) -> Source:
    display = display or str(path)
    name = _normal(fmt) or input_format(path)
    if not path.exists():
        from ..loader import FILE_NOT_FOUND

        raise ConvertError([error(FILE_NOT_FOUND, "no such file or folder", display)])
    if path.is_dir() and (path / "datapackage.json").exists():
        raise ConvertError([error(rules.UNREADABLE, "this folder is a data package, which openplan writes but does "
                                  "not read; convert from the plan, its workbook or its CSV sheets", display)])
    if name in ("yaml", "json"):
        source = load(path, display=display, options=options)
    elif name == "xlsx":
        from .xlsx import read

        data, reader = read(path, display)
        source = _imported(data, reader, display, path, options)
    elif name == "csv":
        from .csv_folder import read

        data, reader = read(path, display)
        source = _imported(data, reader, display, path, options)  # registries lie beside the folder or zip
    else:
        from .stratml import read

        data, losses = read(path.read_bytes(), display)
        source = from_data(data, display, at=path, options=options)
        source.import_losses = losses
    source.inputs.append(path.resolve())
    return source


def read_bytes(raw: bytes, display: str = "<stdin>", fmt: str | None = None, options=None) -> Source:
    name = _normal(fmt) or sniff(raw)
    at = Path.cwd() / display
    if name in ("yaml", "json"):
        from ..loader import LoadError, decode

        try:
            text = decode(raw, display)
        except LoadError as exc:
            raise ConvertError([exc.finding]) from None
        return load_text(text, display, options=options, json=name == "json")
    if name == "xlsx":
        from .xlsx import read

        data, reader = read(raw, display)
        return _imported(data, reader, display, at, options)
    if name == "csv":
        from .csv_folder import read

        data, reader = read(raw, display)
        return _imported(data, reader, display, at, options)
    from .stratml import read

    data, losses = read(raw, display)
    source = from_data(data, display, at=at, options=options)
    source.import_losses = losses
    return source
