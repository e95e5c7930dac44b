"""The index of a progress report: the report's own entries, joined to the items of the plan it reports on.

The plan is loaded through the workspace, like a registry or a previous edition (a relative path inside the
project folder, never a web address), and read and indexed once per run with its registries, however many
reports name it: each report then costs what its own entries cost. The report's references (updates,
observations, owners, committees) resolve into the plan and its registries.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from ..checks import report_items, report_plan
from ..index import PlanIndex, build
from ..loader import Document
from ..report import Finding
from .workspace import Workspace, resolve_path

# stages.registries: the registries a file uses, with the findings of loading them (passed in: stages imports us)
Registries = Callable[[Workspace, Document], tuple[list[Document], list[Finding]]]


def is_report(document: Document) -> bool:
    return isinstance(document.data, dict) and document.data.get("kind") == "report"


def plan_of(workspace: Workspace, report: Document) -> tuple[Document | None, list[Finding]]:
    """The plan ``report`` names, or None with the findings that say why it cannot be used (L001, L015,
    L016, I040)."""
    target = report_plan.named(report)
    if target is None:
        return None, []  # the schema reports the missing field
    plan, problems = workspace.load_reference(report, report_plan.PATH, target)
    if plan is None:
        return None, problems
    problem = report_plan.mismatch(report, plan)
    return (None, [problem]) if problem is not None else (plan, [])


def previous_of(workspace: Workspace, report: Document) -> tuple[Document | None, list[Finding]]:
    """The report before ``report``, when it names one on disk, or None with the findings that say why it
    cannot be used (L001, L015, L016, I045)."""
    target = report_plan.previous_named(report)
    if target is None:
        return None, []
    previous, problems = workspace.load_reference(report, report_plan.PREVIOUS_PATH, target)
    if previous is None:
        return None, problems
    problem = report_plan.previous_mismatch(report, previous)
    return (None, [problem]) if problem is not None else (previous, [])


def plan_index(workspace: Workspace, plan: Document, used: list[Document]) -> PlanIndex:
    """The index of ``plan`` with the registries it ``used``. When a progress report of the run sits in the plan's
    folder or below it (and so, most likely, names the plan), the index is built once for the plan and its
    reports, and the plan stays loaded however the run releases files."""
    key = plan.resolved or Path(plan.path)
    if key in workspace.plan_indexes:
        return workspace.plan_indexes[key]
    index = build(plan, used)
    if any(folder.is_relative_to(key.parent) for folder in report_folders(workspace)):
        workspace.plan_indexes[key] = index
        workspace.shared.add(key)
    return index


def report_folders(workspace: Workspace) -> tuple[Path, ...]:
    """The folders of the run's files that look like progress reports (`kind: report` near the top), worked
    out once per run. Outside a run (a file checked through the API, standard input) there are none."""
    if workspace.report_folders is None:
        workspace.report_folders = tuple(sorted({resolve_path(path).parent for path, _display in workspace.run_files
                                                 if looks_like_report(path)}))
    return workspace.report_folders


# `kind: report` as a YAML line, or as a key of a JSON (or flow) mapping.
_REPORT_HEAD = re.compile(rb"(?m)^(?:kind|\"kind\"|'kind')\s*:\s*[\"']?report\b|[{,]\s*\"kind\"\s*:\s*\"report\"")


def looks_like_report(path: Path) -> bool:
    try:
        if not path.is_file():
            return False  # a pipe or a device is never opened here: reading it may block (loading reports it)
        with open(path, "rb") as handle:
            return bool(_REPORT_HEAD.search(handle.read(8192)))
    except OSError:
        return False


def index(workspace: Workspace, report: Document, registries: Registries) -> tuple[PlanIndex, list[Finding]]:
    """The report's index, with the plan's items, and the findings of loading its plan and registries."""
    plan, findings = plan_of(workspace, report)
    own, problems = registries(workspace, report)
    findings.extend(problems)
    result = build(report, own)
    result.plan = plan
    result.previous, problems = previous_of(workspace, report)
    findings.extend(problems)
    if plan is None:
        # Without the plan nothing the report names can be looked up: the finding on `plan` says why.
        result.references = [reference for reference in result.references if reference.document is not report]
        return result, findings
    key = plan.resolved or Path(plan.path)
    if key not in workspace.plan_indexes:
        workspace.plan_indexes[key] = build(plan, registries(workspace, plan)[0])  # reported when it is checked
    result.plan_registries = workspace.plan_indexes[key].documents[1:]
    for ident, item in workspace.plan_indexes[key].items.items():
        result.items.setdefault(ident, item)
    # An update or observation naming nothing in the plan is I041, which says so in the plan's terms.
    result.references = [reference for reference in result.references
                         if not (reference.document is report and len(reference.parts) == 3
                                 and reference.parts[0] in report_items.NAMED
                                 and reference.target not in result.items)]
    return result, findings
