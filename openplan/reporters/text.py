"""Plain text for people: ``file:line:col: severity CODE message``, then the source line and a hint."""

from __future__ import annotations

from pathlib import Path

from ..report import Result
from ..visible import visible
from ..wording import counted


def _source_line(path: str | None, line: int | None, cache: dict) -> str | None:
    if not path or not line:
        return None
    if path not in cache:
        try:  # only regular files: reading a named pipe again would wait for ever
            file = Path(path)
            cache[path] = file.read_text(encoding="utf-8", errors="replace").splitlines() if file.is_file() else []
        except OSError:
            cache[path] = []
    lines = cache[path]
    return lines[line - 1] if 0 < line <= len(lines) else None


def render(result: Result, *, snippets: bool = True, hints: bool = True, summary: bool = True) -> str:
    out: list[str] = []
    cache: dict = {}
    for finding in result.sorted():
        out.append(f"{finding.location()}: {finding.severity.value} {finding.code} {finding.message}")
        if snippets:
            source = _source_line(finding.file, finding.line, cache)
            if source is not None and len(source) <= 400:
                out.append(f"    {source.rstrip()}")
                if finding.column:
                    out.append("    " + " " * (finding.column - 1) + "^")
        if hints and finding.hint:
            out.append(f"    hint: {finding.hint}")
    if summary:
        checked = len(result.files)
        errors = len(result.errors)
        warnings = len(result.findings) - errors
        bad = len(result.files_with_errors())
        if not checked and errors:
            line = "0 files checked: no OpenPlan files found"
        elif errors:
            line = f"{counted(checked, 'file')} checked: {bad} with errors ({counted(errors, 'error')}"
            line += f", {counted(warnings, 'warning')})" if warnings else ")"
        else:
            line = f"{counted(checked, 'file')} checked: all valid"
            if warnings:
                line += f" ({counted(warnings, 'warning')})"
        out.append(line)
    # Control characters from a file (in a value, a source line or a file name) could drive the terminal.
    return visible("\n".join(out)) + "\n"
