"""Run `openplan` on a pseudo-terminal, as an officer does, answering its prompts (POSIX only)."""

from __future__ import annotations

import os
import select
import sys
import time
from importlib import metadata
from pathlib import Path

from .conftest import ROOT

# A clean install with a recent typer has no click (typer no longer installs it): hide any click this environment
# happens to have, unless the installed typer still needs it (older releases within pyproject.toml's bounds).
_TYPER_NEEDS_CLICK = any(requirement.split(";")[0].strip().lower().startswith("click")
                         for requirement in metadata.requires("typer") or [])
_RUN = ("import sys; " if _TYPER_NEEDS_CLICK else "import sys; sys.modules['click'] = None; ") + \
    "sys.argv = ['openplan', *sys.argv[1:]]; from openplan.cli import run; run()"


def run_in_terminal(argv: list[str], answers: list[tuple[str, str]] = (), *, cwd: Path | None = None,
                    timeout: float = 60) -> tuple[int, str]:
    """Exit code and everything the terminal showed. ``answers``: (text to wait for, line to type), in order."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: stdin, stdout and stderr are the terminal
        try:
            if cwd is not None:
                os.chdir(cwd)
            env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1", COLUMNS="200", PYTHONIOENCODING="utf-8")
            os.execve(sys.executable, [sys.executable, "-c", _RUN, *argv], env)
        finally:
            os._exit(127)
    seen, waiting, searched = "", list(answers), 0
    deadline = time.monotonic() + timeout
    finished = False
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:  # the child closed the terminal
                    chunk = b""
                if not chunk:
                    finished = True
                    break
                seen += chunk.decode("utf-8", "surrogateescape")
            if waiting and waiting[0][0] in seen[searched:]:
                searched = seen.index(waiting[0][0], searched) + len(waiting[0][0])
                os.write(fd, (waiting.pop(0)[1] + "\n").encode("utf-8"))
        if not finished:
            os.kill(pid, 9)
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    if not finished:
        raise AssertionError(f"openplan {' '.join(argv)} did not finish; the terminal showed:\n{seen}")
    if waiting:
        raise AssertionError(f"never asked {waiting[0][0]!r}; the terminal showed:\n{seen}")
    return os.waitstatus_to_exitcode(status), seen
