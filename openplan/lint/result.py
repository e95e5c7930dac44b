"""What a lint run gives back: the findings left, and what was suppressed, accepted or not shown."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..loader import Document
from ..report import Finding, Result, is_fatal, sort_key
from ..rules import Rule, Severity
from ..wording import counted
from .baseline import Key
from .registry import validation_rules

NOT_SHOWN = "X905"


@dataclass
class LintResult(Result):
    """The outcome of a lint run: the findings left, and what was suppressed or accepted by the baseline."""

    fail_on: Severity | None = Severity.ERROR
    suppressed: list[tuple[Finding, str]] = field(default_factory=list)
    baselined: list[tuple[Finding, str]] = field(default_factory=list)  # with the baseline's reason
    stale: int = 0  # baseline entries that matched nothing
    baseline_path: Path | None = None
    accepted: list[tuple[Finding, Key]] = field(default_factory=list)  # what --write-baseline would record
    # Files linted in worker processes come back without their node graph (node None, text ""): --fix reads
    # such a file again before it edits it.
    documents: dict[str, Document] = field(default_factory=dict, repr=False)
    rules: dict[str, Rule] = field(default_factory=dict, repr=False)
    inputs: list[Path] = field(default_factory=list, repr=False)  # every file read: plans, registries, settings
    hidden: list[Finding] = field(default_factory=list, repr=False)  # past max_per_rule; an X905 note counts them

    @property
    def exit_code(self) -> int:
        if any(is_fatal(f) for f in self.findings):
            return 2
        if self.fail_on is None:
            return 0
        # Findings not shown count too: capping what is printed must not change whether the run fails.
        return 1 if any(f.severity.rank >= self.fail_on.rank for f in (*self.findings, *self.hidden)) else 0

    def sorted(self) -> list[Finding]:
        """Findings by file; in each file validation findings first, then the rest by position."""
        validation = validation_rules()
        return sorted(self.findings, key=lambda f: (f.file or "", f.code not in validation, *sort_key(f)[1:]))

    def summary(self) -> str:
        counts = Counter(f.severity for f in (*self.findings, *self.hidden) if f.code != NOT_SHOWN)
        parts = [counted(counts[level], level.value)
                 for level in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[level]]
        line = f"{counted(len(self.files), 'file')} linted: " + (", ".join(parts) if parts else "no findings")
        extra = []
        if self.suppressed:
            extra.append(f"{len(self.suppressed)} suppressed inline")
        if self.baselined:
            extra.append(f"{len(self.baselined)} accepted in the baseline")
        if self.hidden:
            extra.append(f"{len(self.hidden):,} not shown")
        if extra:
            line += f" ({', '.join(extra)})"
        if self.stale:
            line += (f"\n{self.stale} baseline entr{'ies' if self.stale != 1 else 'y'} no longer match any finding; "
                     "write the baseline again to drop them")
        return line


def cap(result: LintResult, limit: int) -> None:
    """Keep the first ``limit`` findings of each rule in each file (by position); count the rest in a note.

    After suppressions and the baseline, so both still see (and key) every finding; ``result.accepted`` keeps
    them all for --write-baseline, and ``result.hidden`` for --fix.
    """
    if not limit or len(result.findings) <= limit:
        return
    groups: dict[tuple[str | None, str], list[Finding]] = {}
    for finding in result.findings:
        groups.setdefault((finding.file, finding.code), []).append(finding)
    if all(len(group) <= limit for group in groups.values()):
        return
    from .registry import catalogue

    rule = catalogue(False)[NOT_SHOWN].rule
    kept: list[Finding] = []
    for (file, code), group in groups.items():
        if len(group) <= limit or code.startswith("X9") or is_fatal(group[0]):
            kept.extend(group)
            continue
        group.sort(key=sort_key)
        kept.extend(group[:limit])
        rest = group[limit:]
        result.hidden.extend(rest)
        first = rest[0]
        kept.append(Finding(rule.code, f"{len(rest):,} more finding{'s' if len(rest) != 1 else ''} of {code} in "
                            f"this file not shown (at most {limit:,} of one rule a file); the first is at line "
                            f"{first.line}", rule.severity, file, first.line, first.column, hint=rule.fix,
                            value=code, fingerprint=Key(file or "", rule.code, "", "", code).fingerprint()))
    result.findings = kept
