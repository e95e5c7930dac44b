"""The formats ``openplan convert`` writes and reads: names, file extensions and converters, as data.

Each format names the module that converts to it; modules are imported on
first use so that ``openplan --version`` stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any

from ..index import PlanIndex
from .losses import LossReport


@dataclass(frozen=True)
class Format:
    name: str
    title: str
    extensions: tuple[str, ...]
    module: str
    media_type: str
    kind: str = "text"  # text, bytes, files (several files: a folder, or a zip archive)
    readable: bool = False  # also an input format
    plan_only: bool = False  # needs a plan, not a registry file
    aliases: tuple[str, ...] = ()
    options: tuple[tuple[str, Any], ...] = ()  # keyword arguments for the module's render and losses


FORMATS: tuple[Format, ...] = (
    Format("json", "canonical JSON", (".json",), "canonical", "application/json", readable=True),
    Format("yaml", "YAML", (".yaml", ".yml"), "canonical", "application/yaml", readable=True),
    Format("html", "a self-contained HTML page", (".html", ".htm"), "html_page", "text/html", plan_only=True),
    Format("markdown", "Markdown", (".md", ".markdown"), "markdown", "text/markdown", plan_only=True,
           aliases=("md",)),
    Format("xlsx", "an Excel workbook", (".xlsx",), "xlsx",
           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", kind="bytes", readable=True,
           aliases=("excel",)),
    Format("csv", "CSV files, one per sheet (a folder, or a .zip)", (".zip",), "csv_folder", "text/csv",
           kind="files", readable=True),
    Format("datapackage", "a Frictionless Data Package (a folder, or a .zip)", (), "datapackage",
           "application/json", kind="files", plan_only=True, aliases=("frictionless",)),
    Format("ical", "iCalendar", (".ics", ".ical", ".ifb"), "ical", "text/calendar", kind="bytes", plan_only=True,
           aliases=("ics", "icalendar")),
    Format("stratml1", "StratML Part 1 (strategic plan)", (".xml",), "stratml", "application/xml", kind="bytes",
           readable=True, plan_only=True, aliases=("stratml", "stratml-part1"), options=(("part", 1),)),
    Format("stratml2", "StratML Part 2 (performance plan)", (), "stratml", "application/xml", kind="bytes",
           plan_only=True, aliases=("stratml-part2",), options=(("part", 2),)),
)
_BY_NAME = {name: fmt for fmt in FORMATS for name in (fmt.name, *fmt.aliases)}


class UnknownFormat(ValueError):
    """A format name or file extension that no converter handles; the message lists those that exist."""


def names() -> list[str]:
    return [fmt.name for fmt in FORMATS]


def describe() -> str:
    return "; ".join(f"{fmt.name} ({fmt.title})" for fmt in FORMATS)


def get(name: str) -> Format:
    fmt = _BY_NAME.get(name.strip().lower())
    if fmt is None:
        raise UnknownFormat(f'unknown format "{name}"; the formats are: {", ".join(names())}')
    return fmt


def from_path(path: str) -> Format | None:
    """The format an output path asks for, by its extension; a folder (a trailing slash) is CSV."""
    if path.endswith(("/", "\\")):
        return get("csv")
    name = Path(path).name.lower()
    if name == "datapackage.json":
        return get("datapackage")
    suffix = Path(path).suffix.lower()
    for fmt in FORMATS:
        if suffix in fmt.extensions:
            return fmt
    return None


def render(fmt: Format, data: dict[str, Any], index: PlanIndex | None = None,
           **extra: Any) -> str | bytes | dict[str, bytes]:
    """The output; ``extra`` holds a format's own settings, such as ical's ``include``."""
    module = import_module(f"openplan.convert.{fmt.module}")
    options = dict(fmt.options, **extra)
    if fmt.name == "json":
        return module.to_json_text(data)
    if fmt.name == "yaml":
        return module.to_yaml_text(data)
    if fmt.name == "xlsx":
        return module.write(data, index)  # the index: the registry entries the plan uses travel in the workbook
    if fmt.name == "csv":
        return module.write(data)
    return module.render(data, index, **options)


def losses(fmt: Format, data: dict[str, Any], index: PlanIndex | None = None, document=None,
           **extra: Any) -> LossReport:
    module = import_module(f"openplan.convert.{fmt.module}")
    options = dict(fmt.options, **extra)
    if fmt.name in ("json", "yaml"):
        report = LossReport(fmt.name, document)
        return report
    if fmt.name in ("xlsx", "csv", "html", "markdown", "datapackage"):
        return module.losses(data, document=document)
    return module.losses(data, index, document=document, **options)

