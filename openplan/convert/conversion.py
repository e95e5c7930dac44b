"""One conversion, as ``openplan convert`` runs it: read and validate the input, convert, write, and report.

:func:`run` returns a :class:`Conversion`: the output, what the format cannot carry, the plan's warnings and
what the import did, and the payload ``--report json`` writes. It never prints and never exits; a request
that cannot be carried out (an unknown format, a setting the format does not take, an output that would
overwrite an input) raises :class:`Refused` with the message to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ..report import Finding, Result
from . import registry
from .errors import ConvertError
from .losses import LossReport
from .registry import Format, UnknownFormat, get
from .source import Source


class Refused(ValueError):
    """The conversion was not attempted or could not be written; the message says why (exit code 2)."""


@dataclass
class Conversion:
    """What a conversion gave: its output, or why the input could not be converted."""

    source: str  # the input as it was named ('-' for standard input)
    output: str | None  # where the output was written; None or '-': standard output
    format: Format
    content: str | bytes | dict[str, bytes] | None = None
    losses: LossReport | None = None
    import_losses: LossReport | None = None  # what an import (from StratML) could not bring in
    notes: list[Finding] = field(default_factory=list)  # what the import did; files not beside the output
    warnings: list[Finding] = field(default_factory=list)  # the plan's own warnings
    problem: ConvertError | None = None  # the input could not be read, or is not a valid plan

    @property
    def converted(self) -> bool:
        return self.problem is None

    @property
    def exit_code(self) -> int:
        return 0 if self.problem is None else self.problem.exit_code

    @property
    def to_stdout(self) -> bool:
        return not self.output or self.output == "-"

    def failure(self) -> Result:
        """The findings that stopped the conversion, as a result to render."""
        return Result(files=[self.source], findings=self.problem.findings if self.problem else [])

    def payload(self) -> dict[str, Any]:
        """The report ``--report json`` writes: the outcome, the findings and the losses."""
        if self.problem is not None:
            return {"converted": False, "message": str(self.problem),
                    "findings": [f.to_dict() for f in self.failure().sorted()]}
        payload = {"converted": True, "format": self.format.name, "output": self.output or "-",
                   "findings": [f.to_dict() for f in self.notes + self.warnings], **self.losses.to_dict()}
        if self.import_losses is not None:
            payload["import_losses"] = self.import_losses.to_dict()
        return payload


@dataclass
class Converted:
    """A conversion's output (text, bytes, or files by name) and its loss report."""

    format: Format
    content: str | bytes | dict[str, bytes]
    losses: LossReport


# The formats that carry a progress report (kind: report); the others hold a plan's items, which a report has not.
REPORT_FORMATS = ("json", "yaml", "html", "markdown", "datapackage")


def convert(source: Source, fmt: str | Format, **extra: Any) -> Converted:
    """Convert a loaded plan to a format: the output and its loss report.

    ``extra`` holds a format's own settings (ical: ``include=("outputs", "objectives")``). Raises ValueError when
    the plan cannot make the format: a registry for a plan-only format, or a calendar with no entries.
    """
    target = get(fmt) if isinstance(fmt, str) else fmt
    if target.plan_only and source.data.get("kind") == "registry":
        raise ValueError(f"{target.name} is made from a plan; {source.document.path} is a registry file")
    if source.data.get("kind") == "report" and target.name not in REPORT_FORMATS:
        raise ValueError(f"{target.name} is made from a plan; {source.document.path} is a progress report, which "
                         f"converts to {', '.join(REPORT_FORMATS)}: convert the plan it reports on for {target.name}")
    content = registry.render(target, source.data, source.index, **extra)
    problem = registry.problem(target, source.data, source.index, **extra)
    if problem:
        raise ValueError(f"{source.document.path}: {problem}")
    return Converted(target, content, registry.losses(target, source.data, source.index, source.document, **extra))


def output_format(to: str | None, output: str | None) -> Format:
    """The output format: named, or else from the output file's extension."""
    try:
        fmt = registry.get(to) if to else (registry.from_path(output) if output and output != "-" else None)
    except UnknownFormat as problem:
        raise Refused(str(problem)) from None
    if fmt is None:
        raise Refused("name the output format with --to, or an output file whose extension says it; the formats "
                      f"are: {', '.join(registry.names())}")
    return fmt


def settings(fmt: Format, include: str | None) -> dict[str, Any]:
    """The user's settings for the format, checked against what the format table says it takes."""
    if include is None:
        return {}
    choices = registry.get("ical").setting("include").values
    kinds = tuple(kind.strip() for kind in include.split(",") if kind.strip())
    if fmt.setting("include") is None or not kinds or not set(kinds) <= set(choices):
        raise Refused(f"--include takes {', '.join(choices)} (or both, separated by a comma) and works with "
                      "--to ical only")
    return {"include": kinds}


def run(source: str, *, to: str | None = None, output: str | None = None, source_format: str | None = None,
        allow_outside: bool = False, include: str | None = None, write_registries: bool = False,
        stdin: BinaryIO | None = None, include_internal: bool = False) -> Conversion:
    """Convert the plan at ``source`` ('-': read ``stdin``) and write it to ``output`` (unless standard output).

    ``include``: for ical, the dated items to add ("outputs", "objectives", or both with a comma).
    ``include_internal``: for html, add the file's provenance and repairs as an appendix.
    ``write_registries``: importing a workbook, write registry entries changed on its Registry data sheet back
    to their files. Raises :class:`Refused`; an input that cannot be read or is invalid is returned, with
    its findings, as a conversion whose ``problem`` is set.
    """
    from ..atomic import WriteRefused
    from ..validation import Options
    from .errors import RULES as IMPORT_RULES
    from .output import write
    from .reading import input_format, read_path, read_stream
    from .source import unresolved_from

    fmt = output_format(to, output)
    extra = settings(fmt, include)
    if include_internal:  # the HTML page's appendix of provenance and repairs
        if fmt.name != "html":
            raise Refused("--include-internal works with --to html only")
        extra["include_internal"] = True
    if write_registries:
        named = (source_format or "").strip().lower()
        workbook = named in ("xlsx", "excel") or (not named and source != "-" and input_format(Path(source)) == "xlsx")
        if not workbook:
            raise Refused("--registries works when importing an Excel workbook (.xlsx): it writes registry entries "
                          "changed on the workbook's Registry data sheet back to their registry files")
    options = Options(allow_outside=allow_outside)
    try:
        if source == "-":
            loaded = read_stream(stdin, "<stdin>", source_format, options)
        else:
            loaded = read_path(Path(source), source_format, display=source, options=options,
                               registries=write_registries)
    except ConvertError as problem:
        return Conversion(source, output, fmt, problem=problem)
    try:
        done = convert(loaded, fmt, **extra)
    except ValueError as problem:
        raise Refused(str(problem)) from None
    if output and output != "-":
        try:
            write(done.content, output, protect=[p for p in loaded.inputs if p is not None])
        except WriteRefused as problem:
            raise Refused(str(problem)) from None
        except OSError as problem:
            raise Refused(f"cannot write {output} ({problem.strerror or problem})") from None
    warnings = [f for f in loaded.findings if f.severity.value != "info"]
    # What the import did (registry entries placed or written) and paths that do not resolve from the output's
    # folder are always shown: they are about this conversion, not the plan's everyday warnings.
    import_codes = {rule.code for rule in IMPORT_RULES}
    notes = [f for f in warnings if f.code in import_codes]
    warnings = [f for f in warnings if f.code not in import_codes]
    if output and output != "-" and fmt.name in ("yaml", "json", "csv"):
        notes.extend(unresolved_from(loaded.data, output))
    return Conversion(source, output, fmt, done.content, done.losses, loaded.import_losses, notes, warnings)
