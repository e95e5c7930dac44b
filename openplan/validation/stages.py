"""Validation of one file, as a list of stages run in order over one shared :class:`Context`.

:data:`STAGES` is the whole flow:

1. load: read and parse the file (L rules);
2. structure: the JSON Schema, in plain language (S rules), or the version it cannot read (L014);
3. index: follow the registries the file names (I009, I010) and its previous edition (I011, I012), then
   index the file with its registries, and check its links to its parent plans (I020 to I022);
   a progress report is indexed with the plan it names and its previous report (I040, I045; see
   :mod:`.reports`);
4. extension references: the fields of the extensions the file declares (L017 to L019, X001, X002); the
   references inside them are added to the index here, through :meth:`PlanIndex.add_reference`;
5. integrity: the checks over the index (I001 to I008);
6. deprecations: fields to be removed at the next major version (U001).

A fatal finding (see :func:`openplan.report.is_fatal`) from the load or structure stage stops the file's
later stages: there is nothing to check. A registry or an extension that cannot be used is reported, and the
stages after it go on without it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, NamedTuple

from .. import extensions, structure as schema_structure
from ..checks import all_checks
from ..checks import cascade
from ..checks import previous_edition as edition_link
from ..checks.registries import not_a_registry, registry_cycle
from ..findings import finding_at
from ..index import PlanIndex, build
from ..loader import UNKNOWN_VERSION, Document, LoadError, parse
from ..migrations import deprecation
from ..report import Finding, is_fatal
from ..version import SUPPORTED_SCHEMA_VERSIONS
from . import reports
from .workspace import Workspace

_VERSION = re.compile(r"^[0-9]+\.[0-9]+$")


@dataclass
class Context:
    """One file on its way through the stages: what they read, and the findings they add."""

    workspace: Workspace  # loads files, and resolves every file reference under the run's options
    document: Document | None = None  # None until the load stage has read it
    path: Path | None = None  # the file to load, or
    text: str | None = None  # the text to parse (standard input)
    display: str | None = None  # the name findings give the file
    registries: list[Document] = field(default_factory=list)
    index: PlanIndex | None = None
    findings: list[Finding] = field(default_factory=list)


# -- the stages ------------------------------------------------------------------------------------------------


def load(context: Context) -> None:
    if context.document is not None:
        return  # the caller loaded it
    try:
        if context.text is not None:
            display = context.display or "<stdin>"
            context.document = parse(context.text, display, context.workspace.options.limits,
                                     json=display.lower().endswith(".json"))
            context.document.resolved = Path.cwd() / "<stdin>"  # references resolve from the working folder
        else:
            assert context.path is not None
            context.document = context.workspace.load(context.path, context.display)
    except LoadError as error:
        context.findings.append(error.finding)


def structure(context: Context) -> None:
    assert context.document is not None
    context.findings.extend(structural(context.workspace, context.document))


def index(context: Context) -> None:
    document = context.document
    assert document is not None
    if reports.is_report(document):  # a progress report: indexed with the plan it reports on
        context.index, problems = reports.index(context.workspace, document, registries)
        context.findings.extend(problems)
        return
    context.registries, problems = registries(context.workspace, document)
    context.findings.extend(problems)
    context.findings.extend(previous_edition(context.workspace, document))
    context.index = reports.plan_index(context.workspace, document, context.registries)
    on_disk, problems = parent_plans(context.workspace, document)
    context.findings.extend(problems)
    context.findings.extend(cascade.check(context.index, on_disk))


def extension_references(context: Context) -> None:
    assert context.document is not None and context.index is not None
    context.findings.extend(extensions.apply(context.document, context.index, context.workspace))


def integrity(context: Context) -> None:
    assert context.index is not None
    for _rule, check in all_checks():
        context.findings.extend(check(context.index))


def deprecations(context: Context) -> None:
    assert context.index is not None
    context.findings.extend(deprecation.check(context.index))


class Stage(NamedTuple):
    name: str
    run: Callable[[Context], None]
    stops_when_fatal: bool  # a fatal finding of this stage leaves nothing for the later stages to check


STAGES: tuple[Stage, ...] = (
    Stage("load", load, True),
    Stage("structure", structure, True),
    Stage("index", index, False),
    Stage("extension references", extension_references, False),
    Stage("integrity", integrity, False),
    Stage("deprecations", deprecations, False),
)


def run(context: Context) -> Context:
    """Run the stages in order over ``context``, stopping early as :data:`STAGES` says."""
    for stage in STAGES:
        before = len(context.findings)
        stage.run(context)
        if stage.stops_when_fatal and any(is_fatal(f) for f in context.findings[before:]):
            break
    return context


# -- what the stages use ---------------------------------------------------------------------------------------


def _version_problem(document: Document) -> Finding | None:
    version = document.data.get("openplan")
    if isinstance(version, str) and _VERSION.match(version) and version not in SUPPORTED_SCHEMA_VERSIONS:
        return finding_at(UNKNOWN_VERSION, document, ["openplan"],
                          f"this file is OpenPlan {version}; this openplan package reads "
                          f"{', '.join(SUPPORTED_SCHEMA_VERSIONS)}", value=version)
    return None


def structural(workspace: Workspace, document: Document) -> list[Finding]:
    """The structural findings of a file, worked out once per run (a registry is checked once)."""
    key = document.resolved or Path(document.path)
    if key not in workspace.structure:
        problem = _version_problem(document)
        workspace.structure[key] = [problem] if problem else list(schema_structure.check(document))
    return workspace.structure[key]


def registries(workspace: Workspace, document: Document) -> tuple[list[Document], list[Finding]]:
    """Every registry ``document`` uses, directly or through other registries, in order, with the findings
    of loading them and their structural findings."""
    found: list[Document] = []
    findings: list[Finding] = []
    seen: set[Path] = {document.resolved} if document.resolved else set()
    chain: list[Document] = [document]

    def entries(current: Document) -> Iterator[tuple[int, Any]]:
        names = current.data.get("registries")
        return iter(enumerate(names)) if isinstance(names, list) else iter(())

    # Depth first with a stack, not recursion: a chain of thousands of registries must not overflow it.
    stack = [entries(document)]
    while stack:
        step = next(stack[-1], None)
        if step is None:
            stack.pop()
            chain.pop()
            continue
        position, target = step
        current = chain[-1]
        if not isinstance(target, str):
            continue
        parts = ("registries", position)
        registry, problems = workspace.load_reference(current, parts, target)
        findings.extend(problems)
        if registry is None:
            continue
        start = next((at for at, link in enumerate(chain) if link.resolved == registry.resolved), None)
        if start is not None:
            findings.append(registry_cycle(current, parts, target, chain[start:] + [registry]))
            continue
        if registry.resolved in seen:
            continue
        seen.add(registry.resolved)
        if registry.data.get("kind") != "registry":
            findings.append(not_a_registry(current, parts, target))
            continue
        findings.extend(structural(workspace, registry))
        found.append(registry)
        chain.append(registry)
        stack.append(entries(registry))
    return found, findings


def previous_edition(workspace: Workspace, document: Document) -> list[Finding]:
    """The file ``document`` names as its previous edition, loaded and compared (I011, I012)."""
    target = edition_link.named(document)
    if target is None:
        return []
    other, problems = workspace.load_reference(document, edition_link.PATH, target)
    if other is None:
        return problems
    return edition_link.check(document, other)


def parent_plans(workspace: Workspace, document: Document) -> tuple[dict[str, Document], list[Finding]]:
    """The parent plans ``document`` names that are on disk, by id (its `parents[].path`, else a plan with that
    id among the run's files), and the findings of loading them. One level only: a parent's own parents are
    not read, so plans naming each other in a circle cannot loop."""
    found: dict[str, Document] = {}
    findings: list[Finding] = []
    for position, entry in cascade.parents(document):
        target = entry.get("path")
        if isinstance(target, str):
            other, problems = workspace.load_reference(document, ("parents", position, "path"), target)
            findings.extend(problems)
            problem = cascade.mismatch(document, position, entry, other) if other is not None else None
            if problem is not None:
                findings.append(problem)
            elif other is not None:
                found[entry["id"]] = other
        else:
            other = workspace.plan_named(entry["id"])
            if other is not None:
                found[entry["id"]] = other
    return found, findings
