"""Generated files: render, compare with what is committed, write, and ``--check``.

Each generator (schema, reference pages, rule pages) only says what it renders: a :class:`Generator` with a
function from the repository root to ``{relative path: text}``, and the patterns of the files it owns there,
so that a file it no longer renders is found and removed. This module does the rest, the same way for all::

    python -m tools.docgen            # write what changed, list it
    python -m tools.docgen --check    # exit 1, listing each out-of-date file with a short diff
"""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TextIO

from openplan.atomic import write_atomic

ROOT = Path(__file__).resolve().parent.parent
# Enough of a diff to see what changed; the rest is one regeneration away.
DIFF_LINES = 12


@dataclass(frozen=True)
class Generator:
    module: str  # how it is run: python -m <module>
    render: Callable[[Path], dict[str, str]]  # repository root -> {path relative to it: text}
    owns: tuple[str, ...]  # glob patterns, relative to the root, of every file it writes there

    def files(self, root: Path = ROOT) -> dict[str, str]:
        return self.render(root)

    def stray(self, root: Path, expected: dict[str, str]) -> list[str]:
        """Files the generator owns but no longer renders."""
        found = {path.relative_to(root).as_posix() for pattern in self.owns for path in root.glob(pattern)
                 if path.is_file()}
        return sorted(found - set(expected))


@dataclass(frozen=True)
class Problem:
    path: str  # relative to the root
    what: str  # "missing", "out of date" or "no longer generated"
    diff: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.path} is {self.what}"


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


def stale(generator: Generator, root: Path = ROOT) -> list[Problem]:
    """What differs between the committed files and what the generator renders, by path."""
    expected = generator.files(root)
    problems = []
    for relative, text in sorted(expected.items()):
        committed = _read(root / relative)
        if committed is None:
            problems.append(Problem(relative, "missing"))
        elif committed != text:
            diff = difflib.unified_diff(committed.splitlines(), text.splitlines(), f"{relative} (committed)",
                                        f"{relative} (generated)", n=1, lineterm="")
            problems.append(Problem(relative, "out of date", tuple(diff)))
    problems += [Problem(relative, "no longer generated") for relative in generator.stray(root, expected)]
    return sorted(problems, key=lambda problem: problem.path)


def write(generator: Generator, root: Path = ROOT) -> list[str]:
    """Write every file that is missing or different, remove those no longer generated; the paths changed."""
    expected = generator.files(root)
    changed = []
    for relative, text in sorted(expected.items()):
        path = root / relative
        if _read(path) != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, text)
            changed.append(relative)
    for relative in generator.stray(root, expected):
        (root / relative).unlink()
        changed.append(relative)
    return sorted(changed)


def report(problems: list[Problem], module: str, out: TextIO) -> None:
    for problem in problems:
        out.write(f"{problem}\n")
        shown = problem.diff[:DIFF_LINES]
        out.writelines(f"    {line}\n" for line in shown)
        if len(problem.diff) > len(shown):
            out.write(f"    ... {len(problem.diff) - len(shown)} more lines of difference\n")
    if problems:
        out.write(f"Run `python -m {module}` to regenerate.\n")


def main(generator: Generator, argv: list[str] | None = None, root: Path = ROOT) -> int:
    """The command line of every generator: no argument writes, ``--check`` checks (exit 1 when stale)."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--check"]:
        problems = stale(generator, root)
        report(problems, generator.module, sys.stderr)
        return 1 if problems else 0
    if args:
        sys.stderr.write(f"usage: python -m {generator.module} [--check]\n")
        return 2
    changed = write(generator, root)
    for relative in changed:
        sys.stdout.write(f"{relative}\n")
    sys.stdout.write(f"{len(changed)} file{'' if len(changed) == 1 else 's'} changed\n")
    return 0
