"""One `openplan lint` run as asked for: lint, or write a baseline, or fix the files and lint them again.

The library never prints: what a person should be told along the way (a file not fixed, a fix skipped, how
many fixes were applied, how many baseline entries were written) goes to ``tell``, in the order it happens,
so that nothing is lost when a later write fails. Errors are raised: ConfigError, BaselineError,
PluginError, RuleFailed, and ReadOnly, WriteRefused or OSError from a write.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from ..report import EXIT_ERROR
from ..wording import counted
from . import engine, fixes


@dataclass
class Asked:
    """What the command line asks of one run, beyond the lint options."""

    paths: Sequence[str]
    stream: Any = None  # standard input as bytes, for the path "-"
    write_baseline: Optional[Path] = None
    baseline: Optional[Path] = None  # the --baseline file, whose reasons a new baseline keeps
    reason: Optional[str] = None
    fix: bool = False
    unsafe_fixes: bool = False
    show_diff: bool = False
    force: bool = False


@dataclass
class Outcome:
    result: "engine.LintResult"
    exit_code: int
    report: bool = True  # False when the run wrote a baseline or showed a diff: there is no report to show
    diff: str = ""  # with --diff: what --fix would change


def usage_problem(asked: Asked) -> Optional[str]:
    """Why the options cannot be combined, or None."""
    if asked.write_baseline is not None and (asked.fix or asked.show_diff):
        return "--write-baseline cannot be combined with --fix or --diff"
    if list(asked.paths) == ["-"] and (asked.fix or asked.show_diff):
        return "--fix and --diff need files, not standard input"
    return None


def lint_once(options: "engine.LintOptions", asked: Asked) -> "engine.LintResult":
    linter = engine.Linter(options)
    return linter.lint_stream(asked.stream) if list(asked.paths) == ["-"] else linter.lint(*asked.paths)


def run(options: "engine.LintOptions", asked: Asked, tell: Callable[[str], None] = lambda note: None) -> Outcome:
    result = lint_once(options, asked)
    if asked.write_baseline is not None:
        count = write_baseline(result, asked)
        tell(f"wrote {counted(count, 'entry', 'entries')} to {asked.write_baseline}")
        return Outcome(result, EXIT_ERROR if result.exit_code == EXIT_ERROR else 0, report=False)
    if not (asked.fix or asked.show_diff):
        return Outcome(result, result.exit_code)
    outcomes = fixes.plan(result, unsafe=asked.unsafe_fixes, options=options.validation)
    for outcome in outcomes:
        if outcome.refused:
            tell(f"{outcome.path}: not fixed: {outcome.refused}")
        for skipped, why in outcome.skipped:
            tell(f"{outcome.path}: skipped \"{skipped.description}\": {why}")
    if asked.show_diff:
        return Outcome(result, 1 if any(outcome.changed for outcome in outcomes) else 0, report=False,
                       diff="".join(outcome.diff() for outcome in outcomes))
    ready = [outcome for outcome in outcomes if outcome.changed]
    applied = fixes.write(ready, force=asked.force)
    for outcome in ready:  # a file edited on disk meanwhile is left as saved
        if outcome.refused:
            tell(f"{outcome.path}: not fixed: {outcome.refused}")
    changed = sum(1 for outcome in ready if outcome.changed)
    tell(f"applied {counted(applied, 'fix', 'fixes')} in {counted(changed, 'file')}")
    result = lint_once(options, asked)
    return Outcome(result, result.exit_code)


def write_baseline(result: "engine.LintResult", asked: Asked) -> int:
    """Write every current finding to the --write-baseline file, keeping the reasons it or --baseline gave."""
    from ..atomic import is_stream, refuse_inputs
    from .baseline import read, write

    target = asked.write_baseline
    refuse_inputs(target, result.inputs)  # before it is read as a baseline: a plan is not one
    # A stream has nothing to keep; a link is refused by the write, so it is not read either.
    keep = target.exists() and not is_stream(target) and not target.is_symlink()
    previous = read(target) if keep else None
    if previous is None and asked.baseline is not None:
        previous = read(asked.baseline)
    return write(target, [key for _, key in result.accepted], previous, asked.reason,
                 protect=result.inputs, force=asked.force)


def fixable_note(result: "engine.LintResult") -> str:
    """The line under a text report that says how many findings --fix (and --unsafe-fixes) would fix."""
    safe = sum(1 for f in result.findings if f.fix is not None and f.fix.safe)
    unsafe = fixes.unsafe_available(result)
    if not (safe or unsafe):
        return ""
    return (f"{counted(safe, 'finding')} can be fixed with --fix"
            + (f" ({unsafe} more with --unsafe-fixes)" if unsafe else "") + "\n")
