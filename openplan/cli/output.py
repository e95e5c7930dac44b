"""What every command shares: the output formats, and writing to the terminal safely."""

from __future__ import annotations

import sys
from enum import Enum

import typer

from ..report import EXIT_ERROR
from ..visible import visible


class Format(str, Enum):
    text = "text"
    json = "json"


def emit(text: str) -> None:
    sys.stdout.write(visible(text))


def emit_error(text: str) -> None:
    sys.stderr.write(visible(text))
    sys.stderr.flush()
    sys.stdout.flush()


def stdin():
    """Standard input as bytes, or None when it is closed; the library reads it within the size limit."""
    return getattr(sys.stdin, "buffer", None)


def fail(command: str, message: str, code: int = EXIT_ERROR) -> None:
    emit_error(f"openplan {command}: {message}\n")
    raise typer.Exit(code)
