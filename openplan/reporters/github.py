"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request's changed lines.

``openplan lint`` chooses this format by itself when ``GITHUB_ACTIONS=true``.
:func:`summary` gives the Markdown job summary the command writes to
``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

import os
import stat
from collections import Counter

from ..report import Finding, Result
from ..rules import Severity
from ..wording import counted, plural

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    properties = []
    if finding.file:
        properties.append(f"file={_property(finding.file)}")
    if finding.line:
        properties.append(f"line={finding.line}")
        if finding.column:
            properties.append(f"col={finding.column}")
    properties.append(f"title={_property(finding.code)}")
    message = finding.message + (f"\n{finding.hint}" if finding.hint else "")
    return f"::{_COMMANDS[finding.severity]} {','.join(properties)}::{_data(message)}"


def render(result: Result, **_options) -> str:
    return "".join(annotation(finding) + "\n" for finding in result.sorted())


def log(result: Result) -> str:
    """Plain lines for the job log beside the annotations: each file that could not be read, then the counts.

    An annotation shows on the pull request; in the raw log a reader needs the place and the reason in words.
    """
    lines = [f"{f.location()}: {f.severity.value} {f.code} {f.message}" for f in result.sorted() if f.fatal]
    summary = getattr(result, "summary", None)
    if callable(summary):
        lines.append(summary())
    return "".join(line + "\n" for line in lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def summary(result: Result, *, limit: int = 50) -> str:
    """A Markdown job summary: counts by rule, then the first findings."""
    findings = result.sorted()
    lines = ["## openplan lint", ""]
    if not findings:
        lines.append(f"No findings in {counted(len(result.files), 'file')}.")
    else:
        levels = Counter(f.severity for f in findings)
        lines.append(", ".join(f"**{levels[s]}** {plural(levels[s], s.value)}"
                               for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if levels[s]) +
                     f" in {counted(len(result.files), 'file')}.")
        lines += ["", "| rule | findings |", "| --- | ---: |"]
        for code, count in sorted(Counter(f.code for f in findings).items()):
            lines.append(f"| {code} | {count} |")
        lines += ["", "| where | rule | message |", "| --- | --- | --- |"]
        for finding in findings[:limit]:
            lines.append(f"| `{_cell(finding.location())}` | {finding.code} | {_cell(finding.message)} |")
        if len(findings) > limit:
            lines.append(f"\n… and {len(findings) - limit} more.")
    extra = []
    if getattr(result, "suppressed", None):
        extra.append(f"{len(result.suppressed)} suppressed inline")
    if getattr(result, "baselined", None):
        extra.append(f"{len(result.baselined)} accepted in the baseline")
    if extra:
        lines += ["", f"Not counted: {', '.join(extra)}."]
    return "\n".join(lines) + "\n"


def append_summary(path: str | os.PathLike, text: str) -> None:
    """Add ``text`` to the job summary file at ``path``, appending as GitHub documents; never reading it.

    The path comes from the environment, so only a regular file (or a new one) is written: a named pipe could
    block and a device is no summary. Raises OSError.
    """
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0), 0o644)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(f"{os.fspath(path)} is not a regular file")
        data = text.encode("utf-8")
        while data:
            data = data[os.write(descriptor, data):]
    finally:
        os.close(descriptor)
