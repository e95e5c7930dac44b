"""Rules that look across every file of a run (``check_project``), run once all files are linted."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..loader import Document
from ..report import Finding
from .context import RuleContext


# The kinds of object the built-in rules across files look up in an index (`nodes_of`). A plan linted in a worker
# process comes back with only these; a rule across files from a plugin makes lint keep to one process.
NODES_READ = frozenset({"PledgeLink"})


class RuleFailed(Exception):
    """A rule stopped with an error. A fault in the rule (often a third-party one), not in the plan."""


@dataclass
class Project:
    """Every file of a run, for rules that look across files (``check_project``)."""

    contexts: list[RuleContext]
    enabled_files: set[str]
    # Files whose lint rules were skipped: indexed though they do not match the schema, or not indexed at all
    # (their document, or None when the file could not be read). Rules that count uses across files need both.
    partial: list[Any] = field(default_factory=list)
    unindexed: list[Document | None] = field(default_factory=list)

    def enabled(self, ctx: RuleContext) -> bool:
        return ctx.path in self.enabled_files


def run(rules: dict, states: list) -> list[Finding]:
    """The findings of every project rule that some linted file turns on; ``states`` are the run's files."""
    ready = [state for state in states if state.context is not None]
    found: list[Finding] = []
    for code, entry in rules.items():
        if entry.check_project is None:
            continue
        wanted = {state.document.path: state for state in ready if code in state.settings.enabled}
        if not wanted:
            continue
        for state in wanted.values():
            state.ran.add(code)
        project = Project([RuleContext(state.context, entry.rule, state.settings.options.get(code, {}))
                           for state in ready], set(wanted),
                          [state.partial for state in states if state.partial is not None],
                          [state.document for state in states if state.context is None and state.partial is None])
        try:
            results = list(entry.check_project(project) or ())
        except Exception as exc:  # a fault in a rule must not become a traceback
            raise RuleFailed(f"the rule {entry.code} ({entry.origin}) failed: {type(exc).__name__}: {exc}") \
                from exc
        for finding in results:
            state = wanted.get(finding.file or "")
            if state is None:
                continue
            level = state.settings.severity.get(code)
            found.append(replace(finding, severity=level) if level else finding)
    return found


def wanted(rules: dict, settings: list) -> bool:
    """Whether any project rule is turned on for any of these files' settings."""
    return any(entry.check_project is not None and any(code in each.enabled for each in settings)
               for code, entry in rules.items())
