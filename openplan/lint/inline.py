"""Inline suppressions applied to a run's findings, file by file, and the notes on the suppressions
themselves: no reason (X901), unused (X902), not a rule or not suppressible (X903)."""

from __future__ import annotations

from typing import Any, Iterable

from ..loader import Document
from ..report import Finding
from ..rules import Severity
from .keys import suppressible
from .registry import validation_rules
from .suppressions import parse as parse_suppressions, apply as apply_suppressions


def parsed(document: Document) -> tuple[list, list]:
    """The suppressions written in a file, and the problems with how they are written."""
    return parse_suppressions(document.text, document.node)


def silence(findings: list[Finding], documents: dict[str, Document], states: dict[str, Any],
            known: set[str], result) -> list[Finding]:
    """The findings no suppression silences, with the notes on the suppressions; the silenced ones go to
    ``result.suppressed`` with their reasons.

    ``states`` are the files of the run by display name: their settings, the rules that ran on them, and the
    suppressions of a file linted in a worker process (whose document comes back without its text).
    """
    validation = validation_rules()
    kept: list[Finding] = []
    grouped: dict[str | None, list[Finding]] = {}
    for state in states.values():  # a file with no findings may still hold suppressions, all of them unused
        if state.document is not None:
            grouped.setdefault(state.document.path, [])
    for finding in findings:
        grouped.setdefault(finding.file, []).append(finding)
    for file, group in grouped.items():
        document = documents.get(file or "")
        if document is None:
            kept.extend(group)
            continue
        state = states.get(file or "")
        written = state.suppressions if state is not None and state.suppressions is not None else parsed(document)
        suppressions, problems = written
        if not suppressions and not problems:
            kept.extend(group)
            continue
        group_kept, silenced = apply_suppressions(group, suppressions,
                                                  lambda finding: suppressible(finding, validation))
        kept.extend(group_kept)
        result.suppressed.extend((finding, hit.reason or "") for finding, hit in silenced)
        if state is not None:
            kept.extend(notes(state, document.path, suppressions, problems, known, validation))
    return kept


def notes(state, path: str, suppressions, problems, known: set[str], validation: dict) -> Iterable[Finding]:
    """X901, X902 and X903 for the suppressions of one file, as its settings turn them on."""
    rules = state.settings.rules
    enabled = state.settings.enabled

    def make(code: str, line: int, column: int, message: str) -> Finding | None:
        if code not in enabled:
            return None
        rule = rules[code].rule
        return Finding(code, message, state.settings.severity.get(code, rule.severity), path, line,
                       column, hint=rule.fix)

    out = []
    for problem in problems:
        out.append(make("X903", problem.line, problem.column, problem.message))
    for suppression in suppressions:
        if suppression.reason is None:
            out.append(make("X901", suppression.line, suppression.column,
                            f"the suppression of {', '.join(suppression.codes)} gives no reason"))
        for code in suppression.codes:
            if code not in known:
                out.append(make("X903", suppression.line, suppression.column,
                                f'"{code}" is not a rule code; `openplan rules` lists them'))
            elif code in validation and validation[code].severity is Severity.ERROR:
                out.append(make("X903", suppression.line, suppression.column,
                                f"{code} is a validation error and cannot be suppressed; fix the plan"))
            elif code not in suppression.used and (code in state.ran or code in validation):
                where = "in this file" if suppression.file_wide else (
                    f"on line {suppression.first}" if suppression.first == suppression.last
                    else f"on lines {suppression.first} to {suppression.last}")
                out.append(make("X902", suppression.line, suppression.column,
                                f"the suppression of {code} is unused: {code} found nothing {where}"))
    return [finding for finding in out if finding is not None]
