"""Converters: publish and exchange plans in the formats people and other tools use.

Every converter works on validated plan data (a dict) and, where names must be
resolved, its index (:func:`openplan.index.build`, or :func:`load` below,
which validates and indexes a file with its registries)::

    from openplan import convert

    source = convert.load("plan.yaml")              # refuses an invalid plan (ConvertError)
    page = convert.to_html(source.data, source.index)
    report = convert.losses("html", source.data, source.index)  # what the page leaves out

    workbook = convert.to_xlsx(source.data)         # bytes
    data = convert.from_xlsx(workbook)              # the same canonical data back

A whole conversion as ``openplan convert`` runs it (read, validate, convert, write; the output, the losses,
the warnings and the ``--report json`` payload) is :func:`run`. The formats are one table,
:data:`openplan.convert.registry.FORMATS`, every converter module answers to the same ``render`` and
``losses`` functions, and every reader of a format other than YAML and JSON to the same ``read_input``.

Writers: :func:`to_json`, :func:`to_yaml`, :func:`to_html`, :func:`to_markdown`,
:func:`to_xlsx`, :func:`to_csv`, :func:`to_datapackage`, :func:`to_ical`,
:func:`to_stratml`. Readers: :func:`from_xlsx`, :func:`from_csv`,
:func:`from_stratml` (and YAML or JSON through :func:`load`). Every writer
has a loss report, :func:`losses`, listing what the format cannot carry.

The library never prints and never exits.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from .conversion import Conversion, Converted, Refused, convert, run
from .errors import ConvertError
from .losses import LossReport
from .registry import FORMATS, Format, UnknownFormat, get
from .source import Source, from_data, load, load_text

__all__ = ["ConvertError", "LossReport", "Source", "Converted", "UnknownFormat", "FORMATS", "load", "load_text",
           "from_data", "to_json", "to_yaml", "to_html", "to_markdown", "to_xlsx", "to_csv", "to_datapackage",
           "to_ical", "to_stratml", "from_xlsx", "from_csv", "from_stratml", "losses", "convert", "run", "Conversion",
           "Refused"]


def to_json(data: dict[str, Any]) -> str:
    """Canonical JSON: keys in schema order, stable for diffs and for tools."""
    from .canonical import to_json_text

    return to_json_text(data)


def to_yaml(data: dict[str, Any]) -> str:
    """YAML in canonical key order, which reads back to the same data."""
    from .canonical import to_yaml_text

    return to_yaml_text(data)


def to_html(data: dict[str, Any], index=None, **options: Any) -> str:
    """The page residents read; ``include_internal=True`` adds provenance and repairs as an appendix, ``today``
    places the timeline's today line, ``language="cy"`` gives the page's own texts in Welsh."""
    from .html_page import render

    return render(data, index, **options)


def to_markdown(data: dict[str, Any], index=None) -> str:
    from .markdown import render

    return render(data, index)


def to_xlsx(data: dict[str, Any], index=None) -> bytes:
    """A workbook; with the plan's index, the registry entries the plan uses travel in it."""
    from .xlsx import write

    return write(data, index)


def to_csv(data: dict[str, Any]) -> dict[str, bytes]:
    """CSV files, one per sheet: file name -> content. Zip them with :func:`openplan.convert.csv_folder.zipped`."""
    from .csv_folder import write

    return write(data)


def to_datapackage(data: dict[str, Any], index=None) -> dict[str, bytes]:
    from .datapackage import render

    return render(data, index)


def to_ical(data: dict[str, Any], index=None, *, now: datetime | None = None, include: tuple[str, ...] = ()) -> bytes:
    """Milestones and external events; ``include`` adds dated "outputs" and "objectives"."""
    from .ical import render

    return render(data, index, now=now, include=include)


def to_stratml(data: dict[str, Any], index=None, *, part: int = 1) -> bytes:
    from .stratml import render

    return render(data, index, part=part)


def from_xlsx(source: str | os.PathLike | bytes | BinaryIO, file: str | None = None) -> dict[str, Any]:
    """Plan data (canonical) from a workbook. Raises ConvertError naming sheet, row and column."""
    from .xlsx import read

    return read(source, file)[0]


def from_csv(source: str | os.PathLike | bytes, file: str | None = None) -> dict[str, Any]:
    """Plan data (canonical) from a folder or zip of CSV files."""
    from .csv_folder import read

    return read(source, file)[0]


def from_stratml(raw: bytes, file: str = "<stratml>") -> tuple[dict[str, Any], LossReport]:
    """An OpenPlan draft from StratML Part 1, and what was not imported."""
    from .stratml import read

    return read(raw, file)


def losses(fmt: str | Format, data: dict[str, Any], index=None, document=None, **extra: Any) -> LossReport:
    """What format ``fmt`` cannot carry of this plan (``extra``: the format's own settings, as for convert)."""
    from .registry import losses as _losses

    return _losses(get(fmt) if isinstance(fmt, str) else fmt, data, index, document, **extra)


def read(path: str | Path, fmt: str | None = None, *, display: str | None = None, options=None) -> Source:
    """Read and validate a plan in any readable format: YAML, JSON, XLSX, CSV (folder or zip) or StratML."""
    from .reading import read_path

    return read_path(Path(path), fmt, display=display or str(path), options=options)
