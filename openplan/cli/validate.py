"""`openplan validate` and `openplan stats`."""

from __future__ import annotations

from typing import List, Optional

import typer

from .output import Format, emit, emit_error, stdin


def validate(
    paths: List[str] = typer.Argument(..., help="Plan or registry files, or folders to search; '-' reads stdin."),
    output_format: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    allow_outside: bool = typer.Option(False, "--allow-outside",
                                       help="Let registries and previous editions lie outside the project folder."),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", min=1, help="Largest file to read, in bytes."),
    max_depth: Optional[int] = typer.Option(None, "--max-depth", min=1, help="Deepest nesting of lists and mappings."),
    max_values: Optional[int] = typer.Option(None, "--max-values", min=1,
                                             help="Most values one file may expand to, aliases counted per use."),
    max_files: Optional[int] = typer.Option(None, "--max-files", min=1, help="Most files to check in one run."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                       help="Worker processes for many files (default: one per core when it pays; "
                                            "never more than one per core or one per file)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print findings only, without hints and source lines."),
) -> None:
    """Validate plans against the OpenPlan schema and check their integrity.

    Exit codes: 0 all valid; 1 some file is invalid; 2 a file cannot be read or parsed.
    """
    from dataclasses import replace

    from .. import validation
    from ..reporters import render

    options = validation.Options(allow_outside=allow_outside, jobs=jobs)
    limits = {name: value for name, value in (("max_bytes", max_bytes), ("max_depth", max_depth),
                                              ("max_values", max_values), ("max_files", max_files))
              if value is not None}
    if limits:
        options = replace(options, limits=replace(options.limits, **limits))
    if paths == ["-"]:
        result = validation.validate_stream(stdin(), "<stdin>", options)
    else:
        result = validation.validate(*paths, options=options)
    if output_format is Format.text:
        emit(render(result, "text", snippets=not quiet, hints=not quiet))
    else:
        emit(render(result, "json"))
    raise typer.Exit(result.exit_code)


def stats(
    paths: List[str] = typer.Argument(..., help="Plan files, or folders to search for plans."),
    output_format: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    allow_outside: bool = typer.Option(False, "--allow-outside",
                                       help="Let registries lie outside the project folder."),
) -> None:
    """Count what each plan holds: themes, areas, objectives, outputs, sub-items, milestones, owners, pledge
    links and events.

    Exit codes: 0 counted; 2 a file cannot be read or is not a valid plan, or no plan was found.
    """
    from .. import stats as counting
    from ..validation import Options

    result = counting.stats(*paths, options=Options(allow_outside=allow_outside))
    for finding in result.errors:
        emit_error(f"openplan stats: {finding.location()}: {finding.message}\n")
    if not result.plans and not result.errors:
        skipped = f" (registry files hold no plan: {', '.join(result.skipped)})" if result.skipped else ""
        emit_error(f"openplan stats: no plans found in {', '.join(paths)}{skipped}\n")
    if output_format is Format.json:
        import json

        emit(json.dumps(counting.as_data(result), indent=2, ensure_ascii=False) + "\n")
    elif result.plans:
        emit(counting.table(result))
    raise typer.Exit(result.exit_code)
