"""The one report model: every finding from loading, validation and checks.

Every output format (text, JSON, and any reporter added later) is built from
:class:`Finding` and :class:`Result` alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .rules import Severity

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_ERROR = 2



class _NoValue:
    """What a finding about a missing or unknown field holds as its value: there is none to show."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NO_VALUE"

    def __reduce__(self) -> str:
        return "NO_VALUE"  # pickled by name, so a finding sent back from a worker process keeps "no value"


NO_VALUE = _NoValue()
_NO_VALUE = NO_VALUE


@dataclass(frozen=True)
class Finding:
    """One problem found in one file, at one place."""

    code: str
    message: str
    severity: Severity
    file: str | None = None
    line: int | None = None
    column: int | None = None
    pointer: str = ""
    value: Any = NO_VALUE
    hint: str | None = None
    item: str | None = None  # id of the nearest enclosing item, a stable key for baselines
    # Set by `openplan lint` only: a repair for the finding, and a key that survives edits to the file.
    fix: Any = field(default=None, compare=False, repr=False)
    fingerprint: str | None = field(default=None, compare=False, repr=False)

    @property
    def has_value(self) -> bool:
        return self.value is not NO_VALUE

    @property
    def key(self) -> tuple:
        """The same as :func:`dedup_key`."""
        return dedup_key(self)

    @property
    def fatal(self) -> bool:
        """The same as :func:`is_fatal`."""
        return is_fatal(self)

    def location(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "pointer": self.pointer,
        }
        if self.has_value:
            data["value"] = self.value
        if self.hint:
            data["hint"] = self.hint
        if self.item:
            data["item"] = self.item
        if self.fix is not None:
            data["fix"] = {"description": self.fix.description, "safe": self.fix.safe}
        if self.fingerprint:
            data["fingerprint"] = self.fingerprint
        return data


def is_fatal(finding: Finding) -> bool:
    """Whether the finding says a file could not be read or parsed at all: its code is a load rule (L001…).

    A fatal finding stops the checks of that file (there is nothing to check) and makes `validate` and
    `lint` exit with 2 rather than 1. Only the load rules of the catalogue count, so a local lint rule whose
    code happens to start with L is never fatal.
    """
    return finding.code[:1] == "L" and finding.code in _load_codes()


def _load_codes() -> frozenset[str]:
    global _LOAD_CODES
    if _LOAD_CODES is None:
        from .catalogue import by_family  # at first use: the catalogue imports the modules that use this one

        _LOAD_CODES = frozenset(rule.code for rule in by_family("load"))
    return _LOAD_CODES


_LOAD_CODES: frozenset[str] | None = None


def dedup_key(finding: Finding) -> tuple:
    """What makes two findings one problem, reported once by `validate` and `lint`: a registry's findings
    reach a run once for every plan that uses it."""
    return (finding.code, finding.file, finding.line, finding.column, finding.pointer, finding.message)


def sort_key(finding: Finding) -> tuple:
    return (finding.file or "", finding.line or 0, finding.column or 0, finding.code)


@dataclass
class Result:
    """The outcome of validating one or more files."""

    files: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def extend(self, findings) -> None:
        self.findings.extend(findings)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def exit_code(self) -> int:
        if any(f.fatal for f in self.findings):
            return EXIT_ERROR
        return EXIT_INVALID if self.errors else EXIT_OK

    def files_with_errors(self) -> list[str]:
        return sorted({f.file or "" for f in self.errors})

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=sort_key)
