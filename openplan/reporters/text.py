"""Plain text for people: ``file:line:col: severity CODE message``, then the source line and a hint."""

from __future__ import annotations

import re
from pathlib import Path

from ..report import Result


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


# Control characters from a file (in a value, a source line or a file name) could drive the terminal: show them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(text: str) -> str:
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


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
        noun = "file" if checked == 1 else "files"
        if not checked and errors:
            line = "0 files checked: no OpenPlan files found"
        elif errors:
            line = f"{checked} {noun} checked: {bad} with errors ({errors} error{'s' if errors != 1 else ''}"
            line += f", {warnings} warning{'s' if warnings != 1 else ''})" if warnings else ")"
        else:
            line = f"{checked} {noun} checked: all valid"
            if warnings:
                line += f" ({warnings} warning{'s' if warnings != 1 else ''})"
        out.append(line)
    return _visible("\n".join(out)) + "\n"
