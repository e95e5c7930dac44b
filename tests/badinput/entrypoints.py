"""Every `openplan` command that reads plans, found at test time, and how to run each on one input file.

Commands land at different times (validate first; lint, convert, diff, upgrade
and import later), so the tests ask ``openplan --help`` which commands exist
and run the bad-input corpus, the write-safety and the security tests through
each. A command unknown to this module is run as ``openplan COMMAND FILE``
when its help names a file or folder argument; add it to ``KNOWN`` when it
needs other arguments.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

from .runner import ROOT

# Commands that never read a plan given on the command line.
NOT_READERS = {"init", "version", "help", "rules", "rule", "explain", "schema", "formats", "completion",
               "lint-schema"}  # lint-schema reads extension folders, not plans
# Commands that read other documents (Word, Markdown, spreadsheets), for which a broken plan file is just a
# document they cannot use: they must still settle with a documented code and name the file.
NOT_PLAN_READERS = {"import"}


@dataclass
class Place:
    """Where a run happens: its folder, a valid plan to compare against, a folder for anything written."""

    cwd: Path
    good: Path
    out: Path
    counter: list[int] = field(default_factory=lambda: [0])

    def output(self, suffix: str) -> Path:
        self.counter[0] += 1
        return self.out / f"out-{self.counter[0]}{suffix}"


@dataclass(frozen=True)
class EntryPoint:
    name: str
    help: str
    argv: Callable[[str, Place], list[str]]
    codes: frozenset[int]  # the exit codes its help documents
    folders: bool  # whether it searches folders for plans (its help says "folders to search")
    plans: bool = True  # whether its input is an OpenPlan file (so a file validate cannot read must give 2)

    def options(self) -> set[str]:
        return set(re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*)", self.help))

    def run_argv(self, file: str, place: Place, extra: list[str] = ()) -> list[str]:
        argv = self.argv(file, place)
        return [argv[0], *extra, *argv[1:]]


def _help(*command: str) -> str:
    completed = subprocess.run([sys.executable, "-m", "openplan", *command, "--help"], cwd=ROOT, capture_output=True,
                               text=True, timeout=120, env=_env())
    return completed.stdout


def _env() -> dict:
    import os

    return dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1", COLUMNS="200", PYTHONIOENCODING="utf-8")


@lru_cache(maxsize=None)
def commands() -> tuple[str, ...]:
    """Command names listed by ``openplan --help``."""
    text = _help()
    listed = text.split("Commands:", 1)[1] if "Commands:" in text else ""
    return tuple(re.findall(r"^\s{2}([a-z][a-z0-9-]*)\s", listed, flags=re.MULTILINE))


def documented_codes(help_text: str) -> frozenset[int]:
    """The codes in a help text's "Exit codes: 0 ...; 1 ...; 2 ..." sentence (all three if it has none)."""
    flat = " ".join(help_text.split())
    found = re.search(r"Exit codes?:(.*?)(?:\.\s|\.$|Arguments:|Options:|$)", flat)
    codes = {int(code) for code in re.findall(r"(?:^|[;,:])\s*(\d+)\s", found.group(1))} if found else set()
    return frozenset(codes or {0, 1, 2})


def _convert_argv(help_text: str) -> Callable[[str, Place], list[str]]:
    options = set(re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", help_text))
    to = next((name for name in ("--to", "--format", "-t", "-f") if name in options), None)
    out = next((name for name in ("--output", "-o") if name in options), None)

    def argv(file: str, place: Place) -> list[str]:
        line = ["convert", file]
        if to:
            line += [to, "json"]
        if out:
            line += [out, str(place.output(".json"))]
        return line

    return argv


def _import_argv(help_text: str) -> Callable[[str, Place], list[str]]:
    out = "--output" if "--output" in help_text else "-o" if re.search(r"(?<![\w-])-o[ ,]", help_text) else None

    def argv(file: str, place: Place) -> list[str]:
        return ["import", file, *([out, str(place.output(".yaml"))] if out else [])]

    return argv


def _simple(name: str) -> Callable[[str, Place], list[str]]:
    return lambda file, place: [name, file]


KNOWN: dict[str, Callable[[str], Callable[[str, Place], list[str]]]] = {
    "validate": lambda _help_text: _simple("validate"),
    "lint": lambda _help_text: _simple("lint"),
    "stats": lambda _help_text: _simple("stats"),
    "diff": lambda _help_text: lambda file, place: ["diff", file, str(place.good)],
    "convert": _convert_argv,
    # Builds into a new folder, which must be outside the folder of plans (so beside the corpus, not in it); a
    # bad plan is listed on the site and reported, with the documented exit code.
    "site": lambda _help_text: lambda file, place: ["site", file, "-o",
                                                    str(place.cwd.parent / place.output("-site").name)],
    "import": _import_argv,
    # Run as a preview, which reads and upgrades but writes nothing; the write-safety tests cover its writing.
    "upgrade": lambda help_text: next((lambda file, place, flag=flag: ["upgrade", flag, file])
                                      for flag in ("--diff", "--check", "--dry-run", "") if flag in help_text),
}


@lru_cache(maxsize=None)
def entry_points() -> tuple[EntryPoint, ...]:
    """Every command that reads plan files, with how to run it."""
    found = []
    for name in commands():
        if name in NOT_READERS:
            continue
        text = _help(name)
        if name not in KNOWN and not re.search(r"\b(file|files|folder|folders|path|paths|plan|plans)\b",
                                               text, flags=re.IGNORECASE):
            continue
        build = KNOWN.get(name, lambda _help_text, n=name: _simple(n))
        found.append(EntryPoint(name=name, help=text, argv=build(text), codes=documented_codes(text),
                                folders="folders to search" in " ".join(text.split()),
                                plans=name not in NOT_PLAN_READERS))
    return tuple(found)


def entry_point(name: str) -> EntryPoint | None:
    return next((entry for entry in entry_points() if entry.name == name), None)

