"""`openplan diff`: what changed between two plans."""

from __future__ import annotations

from enum import Enum

import typer

from ..report import EXIT_ERROR
from .output import emit, emit_error


class DiffFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


class MatchMode(str, Enum):
    auto = "auto"
    id = "id"
    text = "text"


def diff(
    old: str = typer.Argument(..., help="The older plan, for example the draft."),
    new: str = typer.Argument(..., help="The newer plan, for example the final edition."),
    output_format: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f",
                                             help="text, markdown (to paste into a committee report) or json."),
    match: MatchMode = typer.Option(MatchMode.auto, "--match",
                                    help="Pair items by: auto (ids, then wording), id (ids only) or text (wording "
                                         "only, ignoring ids)."),
    threshold: int = typer.Option(60, "--threshold", min=1, max=100,
                                  help="Least similarity of wording, in per cent, for two items to be matched."),
    full: bool = typer.Option(False, "--full", help="Show reworded texts in full, not just around the changes."),
    allow_outside: bool = typer.Option(False, "--allow-outside",
                                       help="Let registries lie outside the project folder."),
) -> None:
    """Show what changed between two plans: items added, removed, reworded, renumbered and moved, date slips
    and pull-ins, owner and status changes, with the reasons the newer plan records.

    Given two progress reports (last quarter's and this one), or a plan and its report: RAG moves, new
    slippage, status, stage and percent-complete changes, indicator figures against target with the trend and
    the RAG the tolerance gives, and items that stopped being reported.

    Exit codes: 0 the plans are the same; 1 they differ; 2 a plan cannot be read or compared.
    """
    from .. import diff as diffing
    from ..validation import Options

    try:
        result = diffing.compare(old, new, mode=match.value, threshold=threshold / 100,
                                 options=Options(allow_outside=allow_outside))
    except diffing.DiffError as error:
        emit_error(f"openplan diff: {error.message}\n")
        raise typer.Exit(EXIT_ERROR)
    emit(diffing.render(result, output_format.value, full=full))
    raise typer.Exit(result.exit_code)
