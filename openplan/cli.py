"""The `openplan` command: a thin typer layer over the library.

Every command calls one library function, prints what a reporter renders and
exits with the documented code: 0 valid, 1 invalid, 2 unreadable input or a
usage error. No traceback reaches the user.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .report import EXIT_ERROR

app = typer.Typer(
    name="openplan",
    help="Check, lint and convert OpenPlan local-government business plans.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(str, Enum):
    text = "text"
    json = "json"


def _emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _version(value: bool) -> None:
    if value:
        from .version import SCHEMA_VERSION, __version__

        _emit(f"openplan {__version__} (schema {SCHEMA_VERSION})\n")
        raise typer.Exit(0)


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the package and schema versions and exit."),
) -> None:
    """OpenPlan: an open standard for local-government business plans."""


@app.command()
def validate(
    paths: List[str] = typer.Argument(..., help="Plan or registry files, or folders to search; '-' reads stdin."),
    output_format: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    allow_outside: bool = typer.Option(False, "--allow-outside",
                                       help="Let registries and previous editions lie outside the project folder."),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", help="Largest file to read, in bytes."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print findings only, without hints and source lines."),
) -> None:
    """Validate plans against the OpenPlan schema and check their integrity.

    Exit codes: 0 all valid; 1 some file is invalid; 2 a file cannot be read or parsed.
    """
    from dataclasses import replace

    from . import validation
    from .reporters import render

    options = validation.Options(allow_outside=allow_outside)
    if max_bytes is not None:
        options = replace(options, limits=replace(options.limits, max_bytes=max_bytes))
    if paths == ["-"]:
        result = validation.validate_text(sys.stdin.read(), "<stdin>", options)
    else:
        result = validation.validate(*paths, options=options)
    if output_format is Format.text:
        _emit(render(result, "text", snippets=not quiet, hints=not quiet))
    else:
        _emit(render(result, "json"))
    raise typer.Exit(result.exit_code)


def run() -> None:
    """Console-script entry point: typer's own errors exit 2; anything unexpected is one line, exit 2."""
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:
        sys.stderr.write("openplan: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # pragma: no cover - a bug; never show a traceback to an officer
        sys.stderr.write(f"openplan: internal error: {type(exc).__name__}: {exc}\n"
                         "Please report this at the OpenPlan issue tracker.\n")
        sys.exit(EXIT_ERROR)
