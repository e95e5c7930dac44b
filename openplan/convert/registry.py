"""The formats ``openplan convert`` writes and reads, as one table: the CLI, the docs and the tests read it.

Each row says the format's name (and other names it answers to), its file extensions, whether it is written
as text, bytes or several files, its media type, whether it can also be read, the settings a user may give it,
and the module whose kinds of loss it reports.

Every converter module has the same interface::

    render(data, index=None, **options) -> str | bytes | dict[str, bytes]   # dict: several files by name
    losses(data, index=None, document=None, **options) -> LossReport
    problem(data, index=None, **options) -> str | None   # optional: why this plan makes no useful output

where ``options`` are the row's fixed ``options`` and the user's ``settings``. Every readable format that the
plan loader does not read (YAML and JSON are read as text, keeping each value's line and column) has a reader::

    read_input(source: Path | bytes, display: str, *, allow_outside: bool = False) -> Imported

where ``source`` is a file or folder, or the bytes of standard input, ``display`` names it in messages, and
``allow_outside`` lets a file it links to lie outside the project folder. A reader checks its own limits before
reading, raises ConvertError, and returns :class:`openplan.convert.imported.Imported`: the plan data, where each
value came from, the registry entries a workbook carries and what the import left out. Modules are imported on
first use so that ``openplan --version`` stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import Any

from ..index import PlanIndex
from .losses import LossKind, LossReport


@dataclass(frozen=True)
class Setting:
    """A choice a user can make for one format, such as what else an iCalendar file holds."""

    name: str  # the keyword the converter's render and losses take
    values: tuple[str, ...]  # what may be chosen; several are separated by commas


@dataclass(frozen=True)
class Format:
    name: str
    title: str
    extensions: tuple[str, ...]
    module: str
    media_type: str
    kind: str = "text"  # text, bytes, files (several files: a folder, or a zip archive)
    readable: bool = False  # also an input format
    loader: bool = False  # read by the plan loader (YAML, JSON); another readable format's module has read_input
    plan_only: bool = False  # needs a plan, not a registry file
    aliases: tuple[str, ...] = ()
    options: tuple[tuple[str, Any], ...] = ()  # fixed keyword arguments for the module's render and losses
    settings: tuple[Setting, ...] = ()  # keyword arguments a user may give
    loss_module: str | None = None  # the module declaring the kinds of loss (LOSSES) this format reports

    @property
    def binary(self) -> bool:
        return self.kind != "text"

    def converter(self) -> ModuleType:
        return import_module(f"openplan.convert.{self.module}")

    def loss_kinds(self) -> tuple[LossKind, ...]:
        """The kinds of loss a conversion to this format can report."""
        if self.loss_module is None:
            return ()
        return tuple(import_module(f"openplan.convert.{self.loss_module}").LOSSES)

    def setting(self, name: str) -> Setting | None:
        return next((setting for setting in self.settings if setting.name == name), None)


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS: tuple[Format, ...] = (
    Format("json", "canonical JSON", (".json",), "canonical", "application/json", readable=True,
           loader=True, options=(("style", "json"),)),
    Format("yaml", "YAML", (".yaml", ".yml"), "canonical", "application/yaml", readable=True,
           loader=True, options=(("style", "yaml"),)),
    Format("html", "a self-contained HTML page", (".html", ".htm"), "html_page", "text/html", plan_only=True,
           loss_module="view"),
    Format("markdown", "Markdown", (".md", ".markdown"), "markdown", "text/markdown", plan_only=True,
           aliases=("md",), loss_module="view"),
    Format("xlsx", "an Excel workbook", (".xlsx",), "xlsx", _XLSX, kind="bytes", readable=True,
           aliases=("excel",), loss_module="tables"),
    Format("csv", "CSV files, one per sheet (a folder, or a .zip)", (".zip",), "csv_folder", "text/csv",
           kind="files", readable=True, loss_module="tables"),
    Format("datapackage", "a Frictionless Data Package (a folder, or a .zip)", (), "datapackage",
           "application/json", kind="files", plan_only=True, aliases=("frictionless",), loss_module="datapackage"),
    Format("ical", "iCalendar", (".ics", ".ical", ".ifb"), "ical", "text/calendar", kind="bytes", plan_only=True,
           aliases=("ics", "icalendar"), settings=(Setting("include", ("outputs", "objectives")),),
           loss_module="ical"),
    Format("stratml1", "StratML Part 1 (strategic plan)", (".xml",), "stratml", "application/xml", kind="bytes",
           readable=True, plan_only=True, aliases=("stratml", "stratml-part1"), options=(("part", 1),),
           loss_module="stratml"),
    Format("stratml2", "StratML Part 2 (performance plan)", (), "stratml", "application/xml", kind="bytes",
           plan_only=True, aliases=("stratml-part2",), options=(("part", 2),), loss_module="stratml"),
)
# The names ``--from`` takes, as reading reports them; each is a readable format above (a test checks).
INPUTS = ("yaml", "json", "xlsx", "csv", "stratml")
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
    """The output; ``extra`` holds the user's settings, such as ical's ``include``."""
    return fmt.converter().render(data, index, **dict(fmt.options, **extra))


def losses(fmt: Format, data: dict[str, Any], index: PlanIndex | None = None, document=None,
           **extra: Any) -> LossReport:
    return fmt.converter().losses(data, index, document=document, **dict(fmt.options, **extra))


def problem(fmt: Format, data: dict[str, Any], index: PlanIndex | None = None, **extra: Any) -> str | None:
    """Why the plan cannot make this format (a calendar with no entries), or None."""
    check = getattr(fmt.converter(), "problem", None)
    return check(data, index, **dict(fmt.options, **extra)) if check is not None else None


def markdown_table() -> str:
    """The format table as Markdown, for the documentation: one row per format, as ``openplan convert`` sees it."""
    rows = ["| format | also called | file extensions | direction | output | media type | settings | losses |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for fmt in FORMATS:
        settings = ", ".join(f"`--{s.name}` ({', '.join(s.values)})" for s in fmt.settings)
        rows.append("| " + " | ".join([
            f"`{fmt.name}`: {fmt.title}", ", ".join(f"`{alias}`" for alias in fmt.aliases),
            ", ".join(f"`{ext}`" for ext in fmt.extensions), "write and read" if fmt.readable else "write",
            {"text": "text", "bytes": "binary", "files": "several files"}[fmt.kind], f"`{fmt.media_type}`",
            settings, ", ".join(kind.code for kind in fmt.loss_kinds()) or "none"]) + " |")
    return "\n".join(rows) + "\n"
