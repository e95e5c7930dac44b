"""Reading a plan in any readable format, validated: YAML, JSON, XLSX, CSV (folder or zip) and StratML.

The input format comes from ``--from``, else from the path (a folder is CSV;
.xlsx, .zip, .xml, .json, anything else YAML), else, for standard input, from
the first bytes (a zip archive, an XML document, or YAML/JSON text).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..loader import is_folder
from . import errors as rules
from .errors import ConvertError, error
from .source import Source, from_data, load, load_text

READABLE = ("yaml", "json", "xlsx", "csv", "stratml")


def input_format(path: Path) -> str:
    if is_folder(path):
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


def _imported(data, reader, display: str, at: Path | None, options, registries: bool = False) -> Source:
    notes = []
    carried = getattr(reader, "registry_data", None)
    if carried is not None:  # a workbook that carries the registry entries its plan uses
        from .registry_data import place

        data, notes = place(data, carried, display, at.parent if at is not None else Path.cwd(), write=registries)
    try:
        source = from_data(data, display, at=at, locate=reader.locate, options=options)
    except ConvertError as problem:
        problem.findings[:0] = notes
        raise
    source.findings[:0] = notes
    return source


def read_path(path: Path, fmt: str | None = None, *, display: str | None = None, options=None,
              registries: bool = False) -> Source:
    """Read and validate a plan. ``registries``: write registry entries a workbook changed back to their files."""
    display = display or str(path)
    name = _normal(fmt) or input_format(path)
    try:
        exists = path.exists()
    except (OSError, ValueError):
        exists = True  # a name too long to be a file, or holding a NUL: reading it reports that
    if not exists:
        from ..loader import FILE_NOT_FOUND

        raise ConvertError([error(FILE_NOT_FOUND, "no such file or folder", display)])
    if is_folder(path) and (path / "datapackage.json").exists():
        raise ConvertError([error(rules.UNREADABLE, "this folder is a data package, which openplan writes but does "
                                  "not read; convert from the plan, its workbook or its CSV sheets", display)])
    if name in ("yaml", "json"):
        source = load(path, display=display, options=options)
    elif name == "xlsx":
        from .xlsx import read

        data, reader = read(path, display)
        source = _imported(data, reader, display, path, options, registries)
    elif name == "csv":
        from .csv_folder import read

        data, reader = read(path, display, allow_outside=bool(options and options.allow_outside))
        source = _imported(data, reader, display, path, options)  # registries lie beside the folder or zip
    else:
        from .stratml import MAX_BYTES, read

        data, losses = read(rules.read_input(path, display, MAX_BYTES), display)  # checked before it is read
        source = from_data(data, display, at=path, options=options)
        source.import_losses = losses
    source.inputs.append(path.resolve())
    return source


def read_stream(stream, display: str = "<stdin>", fmt: str | None = None, options=None) -> Source:
    """Read a plan from an open binary stream such as standard input (None: closed), bounded like a file."""
    from ..loader import DEFAULT_LIMITS, LoadError, read_stream as read_bounded
    from .xlsx import DEFAULT_LIMITS as WORKBOOK_LIMITS

    limits = options.limits if options is not None else DEFAULT_LIMITS
    try:  # as much as the largest format allows; each format checks its own limit
        raw = read_bounded(stream, display, max(limits.max_bytes, WORKBOOK_LIMITS.max_bytes))
    except LoadError as exc:
        raise ConvertError([exc.finding]) from None
    return read_bytes(raw, display, fmt, options)


def read_bytes(raw: bytes, display: str = "<stdin>", fmt: str | None = None, options=None) -> Source:
    name = _normal(fmt) or sniff(raw)
    at = Path.cwd() / display
    if name in ("yaml", "json"):
        from ..loader import DEFAULT_LIMITS, LIMIT, LoadError, decode

        limit = (options.limits if options is not None else DEFAULT_LIMITS).max_bytes
        if len(raw) > limit:
            raise ConvertError([error(LIMIT, f"the input is larger than the limit of {limit:,} bytes", display)])
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
