"""The `openplan` command: a thin typer layer over the library.

Every command calls one library function, prints what a reporter renders and
exits with the documented code: 0 valid, 1 invalid, 2 unreadable input or a
usage error. No traceback reaches the user.

One module per command group: :mod:`.validate` (validate, stats), :mod:`.diff`,
:mod:`.adopt` (init, import, schema, lint-schema, upgrade), :mod:`.convert`, :mod:`.site`,
:mod:`.lint` (lint, rules, rule), and :mod:`.output` (formats, and writing to
the terminal through the one escaper). This module holds the app, the order
the commands are listed in, and what a signal does.
"""

from __future__ import annotations

import sys

import typer

from ..report import EXIT_ERROR
from . import adopt, convert, diff, lint, site, validate
from .output import emit, emit_error

app = typer.Typer(
    name="openplan",
    help="Check, lint and convert OpenPlan local-government business plans.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from ..version import SCHEMA_VERSION, __version__

        emit(f"openplan {__version__} (schema {SCHEMA_VERSION})\n")
        raise typer.Exit(0)


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the package and schema versions and exit."),
) -> None:
    """OpenPlan: an open standard for local-government business plans."""


# Registered here, in the order `openplan --help` lists them.
for _command, _name in ((validate.validate, None), (diff.diff, None), (validate.stats, None), (adopt.init, None),
                        (adopt.import_document, "import"), (adopt.schema, None), (adopt.lint_schema, "lint-schema"),
                        (adopt.upgrade, None), (convert.convert, None), (site.site, None), (lint.lint, None),
                        (lint.list_rules, "rules"), (lint.explain_rule, "rule")):
    app.command(_name)(_command)


class _Stopped(BaseException):
    """Ctrl-C or a termination signal, raised where the program is so that every cleanup runs (a temporary
    file is removed, a file being rewritten is put back). Not a KeyboardInterrupt: typer turns that into a
    silent exit."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, _frame) -> None:
    import signal

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):  # once stopping, let the cleanup finish
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    raise _Stopped(signum)


def _catch_signals() -> None:
    import signal

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        try:  # a signal the caller ignores (a background job's Ctrl-C) stays ignored
            if number is not None and signal.getsignal(number) in (signal.SIG_DFL, signal.default_int_handler):
                signal.signal(number, _stop)
        except (ValueError, OSError):  # not the main thread, or not allowed here
            pass


def run() -> None:
    """Console-script entry point: typer's own errors exit 2; anything unexpected is one line, exit 2.

    Ctrl-C prints "interrupted" and exits 130; a termination signal exits 128 + its number, as shells do."""
    import signal

    _catch_signals()
    try:
        app(standalone_mode=True)
    except (KeyboardInterrupt, _Stopped) as exc:
        signum = getattr(exc, "signum", signal.SIGINT)
        try:
            emit_error("openplan: interrupted\n" if signum == signal.SIGINT else
                        f"openplan: stopped by {signal.Signals(signum).name}\n")
        except (OSError, ValueError):  # stderr closed: the exit code still says it
            pass
        sys.exit(128 + signum)
    except Exception as exc:  # pragma: no cover - a bug; never show a traceback to an officer
        emit_error(f"openplan: internal error: {type(exc).__name__}: {exc}\n"
                         "Please report this at the OpenPlan issue tracker.\n")
        sys.exit(EXIT_ERROR)
