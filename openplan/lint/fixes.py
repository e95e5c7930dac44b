"""``openplan lint --fix`` and ``--diff``: apply the fixes findings carry, keeping the file as written.

Each fix is a list of edits named by path (:mod:`openplan.lint.edits`). They
are spliced into the original text at the positions the loader recorded, so
comments, key order, quoting, indentation and blank lines stay exactly as
they were. (ruamel.yaml's round-trip dumper re-indents a whole file whose
lists are indented in more than one way, as some of the shipped plans are,
so it is used to render each new value in valid YAML rather than to write
the whole file.)

Then the fixed text is checked twice before anything is written:

1. it is read again and must hold exactly the original data with the
   edits applied, and nothing else changed;
2. it is validated and must have no validation error the original did not.

If either check fails, that file is left untouched. Files are read and written
back through :mod:`openplan.textfile`, keeping their encoding, byte-order mark
and line endings; a file edited on disk while the fixes were worked out is
left as the user saved it. Only safe fixes are applied unless unsafe ones are
asked for; only YAML files are fixed.
"""

from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import textfile
from ..atomic import FileChanged
from ..loader import Document, LoadError, load_document, parse
from ..report import Finding, Severity
from ..validation import Options, Validator
from .edits import Fix
from .splices import (CannotFix, _escaped, _expected, _splice, _Taken, _whole_word,  # noqa: F401 - their old home
                      render)


@dataclass
class FileFix:
    """What fixing one file would do."""

    path: str
    original: str
    target: Path | None = None  # the file on disk
    fixed: str | None = None
    applied: list[Fix] = field(default_factory=list)
    skipped: list[tuple[Fix, str]] = field(default_factory=list)
    refused: str | None = None  # why nothing will be written
    file: textfile.TextFile | None = None  # the file as read, to write it back the same way

    @property
    def changed(self) -> bool:
        return self.refused is None and self.fixed is not None and self.fixed != self.original

    def diff(self) -> str:
        if not self.changed:
            return ""
        return "".join(difflib.unified_diff(self.original.splitlines(keepends=True),
                                            self.fixed.splitlines(keepends=True),  # type: ignore[union-attr]
                                            fromfile=f"a/{self.path}", tofile=f"b/{self.path}"))


# -- a whole file --------------------------------------------------------------------


def _errors(findings: list[Finding]) -> set[tuple[str, str, str]]:
    return {(f.code, f.pointer, f.message) for f in findings if f.severity is Severity.ERROR}


def fix_file(document: Document, fixes: list[Fix], options: Options | None = None) -> FileFix:
    """Work out the fixed text of one file and check it; writes nothing."""
    outcome = FileFix(document.path, document.text, document.resolved)
    path = document.resolved
    if path is None or path.suffix.lower() not in (".yaml", ".yml"):
        outcome.refused = "only YAML files are fixed"
        return outcome
    try:
        outcome.file = textfile.read(path, document.path)
    except LoadError as error:
        outcome.refused = f"cannot be read again: {error.finding.message}"
        return outcome
    if outcome.file.text != document.text:
        outcome.refused = "the file changed while it was being linted"
        return outcome

    text = document.text
    splices: list[tuple[int, int, str]] = []
    taken = _Taken()
    chosen: list[Fix] = []
    for fix in fixes:
        try:
            pieces = [_splice(text, document, edit) for edit in fix.edits]
        except CannotFix as exc:
            outcome.skipped.append((fix, str(exc)))
            continue
        if any(taken.clashes(start, end) for start, end, _ in pieces):
            outcome.skipped.append((fix, "another fix changes the same place"))
            continue
        for start, end, _ in pieces:
            taken.add(start, end)
        splices.extend(pieces)
        chosen.append(fix)
    if not chosen:
        return outcome
    # One pass in order of offset: splicing each edit into the whole text copied it once per fix.
    parts: list[str] = []
    done = 0
    for start, end, new in sorted(splices, key=lambda splice: (splice[0], splice[1])):
        parts += (text[done:start], new)
        done = end
    fixed = "".join(parts) + text[done:]

    expected = copy.deepcopy(document.data)
    _expected(expected, [edit for fix in chosen for edit in fix.edits])
    try:
        again = parse(fixed, document.path)
    except LoadError as error:
        outcome.refused = f"the fixed file would not read as YAML ({error.finding.message}); nothing was written"
        return outcome
    if again.data != expected:
        outcome.refused = "the fixed file would not hold exactly the intended change; nothing was written"
        return outcome
    again.resolved = document.resolved
    before = _errors(Validator(options).check_document(document)[0])
    after = _errors(Validator(options).check_document(again)[0])
    new_errors = sorted(after - before)
    if new_errors:
        code, pointer, message = new_errors[0]
        outcome.refused = (f"the fixed file would not validate ({code} at {pointer or '/'}: {message}); "
                           "nothing was written")
        return outcome
    outcome.fixed = fixed
    outcome.applied = chosen
    return outcome


def plan(result, *, unsafe: bool = False, options: Options | None = None) -> list[FileFix]:
    """For each file with fixable findings, what fixing it would do. ``result`` is a LintResult."""
    by_file: dict[str, dict[Any, Fix]] = {}
    # Findings a report does not show (past --max-per-rule) are fixed too.
    for finding in (*result.findings, *getattr(result, "hidden", ())):
        if finding.fix is not None and (finding.fix.safe or unsafe) and finding.file in result.documents:
            # Each fix once, however many findings carry it; keyed, not searched, so 20,000 fixes stay linear.
            by_file.setdefault(finding.file, {}).setdefault(_identity(finding.fix), finding.fix)
    by_file = {path: list(found.values()) for path, found in by_file.items()}  # type: ignore[misc]
    return [fix_file(_whole(result.documents[path], options), fixes, options)
            for path, fixes in sorted(by_file.items())]


def _whole(document: Document, options: Options | None) -> Document:
    """The document with its node graph: a file linted in a worker process comes back without it, and is
    read again here (a file changed since is then refused, as it is when the text differs)."""
    if document.node is not None or document.resolved is None:
        return document
    try:
        again = load_document(document.resolved, document.path, (options or Options()).limits)
    except LoadError:
        return document
    again.resolved = document.resolved
    return again


def write(outcomes: list[FileFix], *, force: bool = False) -> int:
    """Write every file whose fixes passed their checks, atomically. Returns how many fixes were applied.

    A file that changed on disk since it was read is not written: its ``refused`` says so. A read-only file
    is refused (:class:`openplan.atomic.ReadOnly`) unless ``force``.
    """
    count = 0
    for outcome in outcomes:
        if not outcome.changed or outcome.file is None:
            continue
        try:
            outcome.file.write(outcome.fixed, force=force)  # type: ignore[arg-type]
        except FileChanged:
            outcome.refused = "the file changed on disk while it was being fixed; it was left as saved"
            continue
        count += len(outcome.applied)
    return count


def _identity(fix: Fix) -> Any:
    """A key equal for equal fixes: the fix itself, or its text when a new value (a mapping) is unhashable."""
    try:
        hash(fix)
    except TypeError:
        return repr(fix)
    return fix


def unsafe_available(result) -> int:
    """How many findings have a fix that only --unsafe-fixes applies."""
    return sum(1 for finding in (*result.findings, *getattr(result, "hidden", ()))
               if finding.fix is not None and not finding.fix.safe)
