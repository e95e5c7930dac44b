"""Reading a plan in any readable format, validated: YAML, JSON, XLSX, CSV (folder or zip) and StratML.

The input format comes from ``--from``, else from the path (a folder is CSV;
.xlsx, .zip, .xml, .json, anything else YAML), else, for standard input, from
the first bytes (a zip archive, an XML document, or YAML/JSON text). YAML and
JSON go to the plan loader; every other format goes to the ``read_input`` of
its row's module in :mod:`openplan.convert.registry`, and what it gives back is
validated here the same way whatever the format.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..loader import is_folder
from . import errors as rules
from .errors import ConvertError, error
from .imported import Imported
from .registry import INPUTS, get
from .source import Source, from_data, load, load_text

READABLE = INPUTS  # the names --from takes, from the format table


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


def _validated(imported: Imported, display: str, at: Path, options, registries: bool = False) -> Source:
    """Validate what a reader gave back, with its findings on the sheet, row and column they came from."""
    notes = []
    if imported.registry_data is not None:  # a workbook that carries the registry entries its plan uses
        from .registry_data import place

        data, notes = place(imported.data, imported.registry_data, display, at.parent, write=registries)
    else:
        data = imported.data
    try:
        source = from_data(data, display, at=at, locate=imported.locate, options=options)
    except ConvertError as problem:
        problem.findings[:0] = notes
        raise
    source.findings[:0] = notes
    source.import_losses = imported.losses
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
    row = get(name)
    if row.loader:
        source = load(path, display=display, options=options)
    else:  # registries a workbook does not carry lie beside the file, folder or zip
        imported = row.converter().read_input(path, display, allow_outside=_allow_outside(options))
        source = _validated(imported, display, path, options, registries)
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
    row = get(_normal(fmt) or sniff(raw))
    if row.loader:
        from ..loader import DEFAULT_LIMITS, LIMIT, LoadError, decode

        limit = (options.limits if options is not None else DEFAULT_LIMITS).max_bytes
        if len(raw) > limit:
            raise ConvertError([error(LIMIT, f"the input is larger than the limit of {limit:,} bytes", display)])
        try:
            text = decode(raw, display)
        except LoadError as exc:
            raise ConvertError([exc.finding]) from None
        return load_text(text, display, options=options, json=row.name == "json")
    imported = row.converter().read_input(raw, display, allow_outside=_allow_outside(options))
    return _validated(imported, display, Path.cwd() / display, options)


def _allow_outside(options) -> bool:
    return bool(options and options.allow_outside)
