"""Plain text for people: ``file:line:col: severity CODE message``, then the source line and a hint."""

from __future__ import annotations

from pathlib import Path

from ..report import Result


def _source_line(path: str | None, line: int | None, cache: dict) -> str | None:
    if not path or not line:
        return None
    if path not in cache:
        try:
            cache[path] = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
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
        noun = "file" if checked == 1 else "files"
        if errors:
            line = f"{checked} {noun} checked: {bad} with errors ({errors} error{'s' if errors != 1 else ''}"
            line += f", {warnings} warning{'s' if warnings != 1 else ''})" if warnings else ")"
        else:
            line = f"{checked} {noun} checked: all valid"
            if warnings:
                line += f" ({warnings} warning{'s' if warnings != 1 else ''})"
        out.append(line)
    return "\n".join(out) + "\n"
