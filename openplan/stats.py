"""Counts of what each plan holds: the library behind `openplan stats`.

Counts are taken from the plan file itself (not from its registries), through
the same index that validation builds. Two counts come in pairs, because plans
nest some things in ways their published documents count differently:

* ``areas`` counts every area in the file; ``top_level_areas`` only those
  with no parent area. A document that lists portfolios 1 to 12, one of which
  has a sub-heading encoded as an area within it, has 12 top-level areas and 13
  areas; a document of 2 directorates holding 13 policy areas and services has
  2 top-level areas and 15 areas.
* ``milestones`` counts milestones as published; ``milestone_parts`` counts
  the dated parts of a milestone (those with ``part_of``), which are encoded as
  milestones of their own.

The library never prints and never exits.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .index import PlanIndex
from .loader import Document, LoadError
from .report import EXIT_ERROR, EXIT_OK, Finding
from .rules import Severity
from .validation import Options, Validator, discover

# Every count, in the order tables show them, with the label people read.
COUNTS = {
    "themes": "themes",
    "commitments": "commitments",
    "principles": "principles",
    "areas": "areas",
    "top_level_areas": "top-level areas",
    "objectives": "objectives",
    "outputs": "outputs",
    "sub_items": "sub-items",
    "milestones": "milestones",
    "milestone_parts": "milestone parts",
    "owner_links": "owner links",
    "distinct_owners": "distinct owners",
    "pledge_links": "pledge links",
    "events": "events",
}


@dataclass
class PlanStats:
    """The counts for one plan file."""

    path: str
    id: str
    title: str
    edition: str | None
    period: str | None
    counts: dict[str, int]

    def to_dict(self) -> dict:
        return {"path": self.path, "id": self.id, "title": self.title, "edition_status": self.edition,
                "period": self.period, "counts": dict(self.counts)}


@dataclass
class StatsResult:
    """Counts for every plan found, the registries skipped, and the files that could not be counted."""

    plans: list[PlanStats] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # registry files: they hold no plan to count
    errors: list[Finding] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return EXIT_ERROR if self.errors or not self.plans else EXIT_OK


def _statement_field(parts: tuple) -> str | None:
    """The list a statement sits in, ignoring the `items` nesting of statements within statements."""
    for part in reversed(parts):
        if isinstance(part, str) and part != "items":
            return part
    return None


def count(index: PlanIndex) -> dict[str, int]:
    """Counts for the plan in ``index`` (its main document only)."""
    areas = list(index.nodes_of("Area"))
    milestones = list(index.nodes_of("Milestone"))
    statements = [_statement_field(node.parts) for node in index.nodes_of("Statement")]
    owner_links = [node for node in index.nodes_of("OwnerLink") if len(node.parts) >= 2 and node.parts[-2] == "owners"]
    return {
        "themes": sum(1 for _ in index.nodes_of("Theme")),
        "commitments": statements.count("commitments"),
        "principles": statements.count("principles"),
        "areas": len(areas),
        "top_level_areas": sum(1 for node in areas if not node.data.get("parent")),
        "objectives": sum(1 for _ in index.nodes_of("Objective")),
        "outputs": sum(1 for _ in index.nodes_of("Output")),
        "sub_items": statements.count("sub_items"),
        "milestones": sum(1 for node in milestones if not node.data.get("part_of")),
        "milestone_parts": sum(1 for node in milestones if node.data.get("part_of")),
        "owner_links": len(owner_links),
        "distinct_owners": len({node.data.get("ref") for node in owner_links}),
        "pledge_links": sum(1 for _ in index.nodes_of("PledgeLink")),
        "events": sum(1 for _ in index.nodes_of("Event")),
    }


def _describe(index: PlanIndex) -> PlanStats:
    data = index.main.data
    edition = data.get("edition") if isinstance(data.get("edition"), dict) else {}
    period = data.get("period") if isinstance(data.get("period"), dict) else {}
    return PlanStats(path=index.main.path, id=str(data.get("id", "")), title=str(data.get("title", "")),
                     edition=edition.get("status"), period=period.get("text"), counts=count(index))


def _not_a_plan(document: Document, findings: list[Finding]) -> Finding | None:
    """Why ``document`` cannot be counted, in one finding, or None."""
    # Only a broken structure stops counting; a broken reference or a missing registry does not.
    errors = [f for f in findings
              if f.severity is Severity.ERROR and f.code.startswith("S") and f.file == document.path]
    if not errors:
        return None
    if "openplan" not in document.data:
        return replace(errors[0], message="not an OpenPlan plan: it has no `openplan:` version line at the top")
    more = f" (and {len(errors) - 1} more; run `openplan validate {document.path}`)" if len(errors) > 1 else ""
    return replace(errors[0], message=f"not a valid plan, so not counted: {errors[0].message}{more}")


def stats(*paths: str | Path, options: Options | None = None) -> StatsResult:
    """Count what each plan under ``paths`` (files, or folders searched for plans) holds."""
    validator = Validator(options)
    result = StatsResult()
    files, result.errors = discover(paths, validator.options.limits)  # the same files as validate and lint
    for path, display in files:
        try:
            document = validator.workspace.load(path, display)
        except LoadError as error:
            result.errors.append(error.finding)
            continue
        if document.data.get("kind") == "registry":
            result.skipped.append(display)
            continue
        findings, index = validator.check_document(document)
        problem = _not_a_plan(document, findings)
        if index is None:  # a schema version this package cannot read
            problem = next(f for f in findings if f.fatal)
        if problem:  # counts of a file that is not a valid plan would mislead
            result.errors.append(problem)
            continue
        result.plans.append(_describe(index))
    return result


def table(result: StatsResult) -> str:
    """A text table: one row per count, one column per plan, with a key to the columns below it."""
    plans = result.plans
    heads = [f"[{n}]" for n in range(1, len(plans) + 1)]
    label_width = max(len(label) for label in COUNTS.values())
    widths = [max(len(head), *(len(str(p.counts[key])) for key in COUNTS)) for head, p in zip(heads, plans)]
    lines = [" " * label_width + "".join(f"  {head:>{width}}" for head, width in zip(heads, widths))]
    for key, label in COUNTS.items():
        lines.append(f"{label:<{label_width}}" + "".join(f"  {p.counts[key]:>{width}}"
                                                          for p, width in zip(plans, widths)))
    lines.append("")
    for head, plan in zip(heads, plans):
        edition = f", {plan.edition}" if plan.edition else ""
        lines.append(f"{head} {plan.path}: {plan.title}{edition}")
    if result.skipped:
        lines.append(f"Registry files hold no plan and are not counted: {', '.join(result.skipped)}")
    return "\n".join(lines) + "\n"


def as_data(result: StatsResult) -> dict:
    """The JSON form: ``{"stats_version", "counts": [names], "plans": [...], "skipped": [...], "errors": [...]}``."""
    return {"stats_version": "1.0", "counts": list(COUNTS), "plans": [p.to_dict() for p in result.plans],
            "skipped": list(result.skipped), "errors": [f.to_dict() for f in result.errors]}

