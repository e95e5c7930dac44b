"""`openplan convert`: a plan to another format, with the report of what it cannot carry."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from .output import emit, emit_error, fail, stdin


class LossFormat(str, Enum):
    text = "text"
    json = "json"
    none = "none"


def convert(
    source: str = typer.Argument(..., help="The plan: YAML, JSON, an .xlsx workbook, a folder or .zip of CSV "
                                           "sheets, or a StratML .xml file; '-' reads stdin."),
    to: Optional[str] = typer.Option(None, "--to", "-t", help="Output format (default: from -o's extension): json, "
                                     "yaml, html, markdown, xlsx, csv, datapackage, ical, stratml1, stratml2."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Output file or folder; '-' or none for "
                                         "stdout. Several files (csv, datapackage) go in a folder, or a .zip."),
    source_format: Optional[str] = typer.Option(None, "--from", help="Input format when the name does not say: "
                                                "yaml, json, xlsx, csv, stratml."),
    report: LossFormat = typer.Option(LossFormat.text, "--report", help="The loss report (on stderr): text, json "
                                      "or none."),
    allow_outside: bool = typer.Option(False, "--allow-outside",
                                       help="Let registries lie outside the project folder."),
    include: Optional[str] = typer.Option(None, "--include", help="ical only: also put dated outputs and "
                                          "objectives in the calendar: outputs, objectives, or both with a comma."),
    include_internal: bool = typer.Option(False, "--include-internal", help="html only: add the file's "
                                          "provenance, repairs and file names to the page as an appendix."),
    verbose: bool = typer.Option(False, "--verbose", help="List the plan's validation warnings, not only how "
                                 "many there are."),
    write_registries: bool = typer.Option(False, "--registries", help="Importing a workbook: write registry "
                                          "entries changed on its Registry data sheet back to their registry "
                                          "files, reporting each change."),
) -> None:
    """Convert a plan to another format, listing on stderr what the format cannot carry.

    Exit codes: 0 converted; 1 the plan is invalid (warnings alone do not stop it); 2 the input cannot be read,
    the format is unknown, the output would overwrite an input, or a calendar would have no entries.
    """
    import json as _json

    from ..convert import Refused, run
    from ..reporters import render
    from ..report import Result

    try:
        done = run(source, to=to, output=output, source_format=source_format, allow_outside=allow_outside,
                   include=include, write_registries=write_registries, stdin=stdin() if source == "-" else None,
                   include_internal=include_internal)
    except Refused as problem:
        fail("convert", str(problem))
    if not done.converted:
        if report is LossFormat.json:
            emit_error(_json.dumps(done.payload(), indent=2) + "\n")
        else:
            emit_error(render(done.failure(), "text", snippets=False, hints=True))
            emit_error(f"openplan convert: {source} was not converted\n")
        raise typer.Exit(done.exit_code)
    if done.to_stdout:
        target = done.format
        if target.binary and sys.stdout.isatty():  # a zip or a workbook would garble the terminal
            example = f"plan{target.extensions[0]}" if target.extensions else "plan-files"
            fail("convert", f"{target.name} output ({target.title}) is a file to save, not text for the screen; "
                             f"name where to write it with -o, for example -o {example}")
        from ..convert.output import as_bytes

        if sys.stdout.isatty():  # shown, not kept: the plan's control characters must not drive the terminal
            emit(as_bytes(done.content).decode("utf-8", "replace"))
        else:
            sys.stdout.buffer.write(as_bytes(done.content))
        sys.stdout.flush()
    if done.notes and report is LossFormat.text:
        emit_error(render(Result(files=[source], findings=done.notes), "text", snippets=False, hints=True))
    if report is LossFormat.json:
        emit_error(_json.dumps(done.payload(), indent=2, ensure_ascii=False) + "\n")
    elif report is LossFormat.text:
        if done.warnings and verbose:
            emit_error(render(Result(files=[source], findings=done.warnings), "text", snippets=False, hints=False))
        elif done.warnings:  # validate's job to list them; repeating them on every conversion buries the loss report
            emit_error(_warning_summary(len(done.warnings), source) + "\n")
        if done.import_losses is not None and not done.import_losses.lossless:
            emit_error(done.import_losses.render_text())
        emit_error(done.losses.render_text())


def _warning_summary(count: int, source: str) -> str:
    import shlex

    noun = "warning" if count == 1 else "warnings"
    see = "it" if count == 1 else "them"
    if source != "-" and Path(source).suffix.lower() in (".yaml", ".yml", ".json"):
        return (f"{count} {noun} in the plan; run `openplan validate {shlex.quote(source)}` to see {see}, "
                "or add --verbose")
    return f"{count} {noun} in the plan; add --verbose to see {see}"
