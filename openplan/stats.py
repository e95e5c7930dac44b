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

from .cascade import RELATION_WORDS, End, Link, Thread, thread
from .index import PlanIndex
from .levels import kind_name
from .loader import Document, LoadError
from .performance.counts import COUNTS as PROGRESS_COUNTS, plan_counts, report_counts, summary
from .report import EXIT_ERROR, EXIT_OK, Finding
from .rules import Severity
from .validation import Options, Validator, discover
from .validation.stages import parent_plans
from .wording import quoted_label

# The counts of items at a level, and the type of those items: a plan that names its levels names these rows.
LEVEL_COUNTS = {"areas": "Area", "objectives": "Objective", "outputs": "Output", "milestones": "Milestone"}
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
    **PROGRESS_COUNTS,  # indicators, targets, actuals, updates (of a plan, or of a progress report)
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
    # The plan's links both ways: what its items serve, and what serves them (openplan.cascade).
    thread: Thread = field(default_factory=lambda: Thread(plan=""))
    # What the plan calls its areas, objectives, outputs and milestones, when it declares its own levels.
    level_names: dict[str, str] = field(default_factory=dict)
    kind: str = "plan"  # or "report", a progress report
    # Updates (and observations) counted by RAG and status, per scope: "plan", then area, theme, objective ids.
    progress: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"path": self.path, "id": self.id, "title": self.title, "edition_status": self.edition,
                "period": self.period, "counts": dict(self.counts), **self.thread.to_dict(),
                **({"level_names": dict(self.level_names)} if self.level_names else {}),
                "kind": self.kind, "progress": self.progress}


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
    levels = index.levels
    names = {key: kind_name(levels, type_name, plural=True).lower() for key, type_name in LEVEL_COUNTS.items()
             if levels}
    if data.get("kind") == "report":  # counted against the plan it reports on
        plan = index.plan.data if index.plan is not None else None
        progress, rollup = report_counts(data, index.items, plan, [d.data for d in index.registries()])
    else:
        progress, rollup = plan_counts(index)
    return PlanStats(path=index.main.path, id=str(data.get("id", "")), title=str(data.get("title", "")),
                     edition=edition.get("status"), period=period.get("text") or period.get("value"),
                     counts={**count(index), **progress},
                     level_names={key: name for key, name in names.items() if name != COUNTS[key]},
                     kind="report" if data.get("kind") == "report" else "plan", progress=rollup)


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
    validator.workspace.run_files = tuple(files)
    indexes: list[PlanIndex] = []
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
        indexes.append(index)
    # Only plans with links can serve another; each plan's parents on disk count too, when not named here.
    linked = [index for index in indexes if next(index.nodes_of("ServesLink"), None) is not None]
    for plan, index in zip(result.plans, indexes):
        parents = list(parent_plans(validator.workspace, index.main)[0].values())
        plan.thread = thread(index, [*linked, *parents])
    return result


def table(result: StatsResult) -> str:
    """A text table: one row per count, one column per plan, with a key to the columns below it."""
    plans = result.plans
    heads = [f"[{n}]" for n in range(1, len(plans) + 1)]
    labels = dict(COUNTS)
    for key in LEVEL_COUNTS:  # the plans' own name for a level, when every plan counted gives the same one
        named = {plan.level_names.get(key) for plan in plans}
        if len(named) == 1 and None not in named:
            labels[key] = f"{COUNTS[key]} ({named.pop()})"
    label_width = max(len(label) for label in labels.values())
    widths = [max(len(head), *(len(str(p.counts[key])) for key in COUNTS)) for head, p in zip(heads, plans)]
    lines = [" " * label_width + "".join(f"  {head:>{width}}" for head, width in zip(heads, widths))]
    for key, label in labels.items():
        lines.append(f"{label:<{label_width}}" + "".join(f"  {p.counts[key]:>{width}}"
                                                          for p, width in zip(plans, widths)))
    lines.append("")
    for head, plan in zip(heads, plans):
        edition = f", {plan.edition}" if plan.edition else ""
        lines.append(f"{head} {plan.path}: {plan.title}{edition}")
    if result.skipped:
        lines.append(f"Registry files hold no plan and are not counted: {', '.join(result.skipped)}")
    for head, plan in zip(heads, plans):
        lines.extend(_thread_lines(head, plan.thread))
    for head, plan in zip(heads, plans):
        lines.extend(_progress_lines(head, plan))
    return "\n".join(lines) + "\n"


_ROLLUPS = (("updates_by_rag", "updates by RAG"), ("updates_by_status", "updates by status"),
            ("observations_by_rag", "indicator figures by RAG"))


def _progress_lines(head: str, plan: PlanStats) -> list[str]:
    """The roll-up of a report's (or plan's) progress: the whole plan, then each area and theme (the JSON has
    each objective too)."""
    lines = []
    kinds = plan.progress.get("scopes", {})
    for name, title in _ROLLUPS:
        if name not in plan.progress:
            continue
        lines += ["", f"{head} {title}: {summary(plan.progress, name)} (whole plan)"]
        for scope, counted in plan.progress[name].items():
            if kinds.get(scope) in ("Area", "Theme"):
                lines.append(f"  {kinds[scope].lower()} {scope}: {summary({name: {'plan': counted}}, name)}")
    return lines


def _item_words(end: End, plan: bool) -> str:
    kind = f"{end.kind_name} " if end.kind_name else ""
    label = f" {quoted_label(end.label, end.item)}" if end.label else ""
    return f"{end.plan}: {kind}{end.item}{label}" if plan else f"{kind}{end.item}{label}"


def _thread_lines(head: str, links: Thread) -> list[str]:
    """The plan's links both ways, grouped by the plan's own item; nothing for a plan without links."""
    lines = []
    for title, found, mark, here, there in (("serves", links.serves, "->", "source", "target"),
                                             ("is served by", links.served_by, "<-", "target", "source")):
        if not found:
            continue
        lines += ["", f"{head} {title}:"]
        groups: dict[str, list[Link]] = {}
        for link in found:
            groups.setdefault(getattr(link, here).item, []).append(link)
        for group in groups.values():
            lines.append(f"  {_item_words(getattr(group[0], here), False)}")
            for link in group:
                other = getattr(link, there)
                missing = "" if link.resolved else ", plan not on disk"
                lines.append(f"    {mark} {_item_words(other, True)} "
                             f"({RELATION_WORDS.get(link.relation, link.relation)}{missing})")
    return lines


def as_data(result: StatsResult) -> dict:
    """The JSON form: ``{"stats_version", "counts": [names], "plans": [...], "skipped": [...], "errors": [...]}``."""
    return {"stats_version": "1.0", "counts": list(COUNTS), "plans": [p.to_dict() for p in result.plans],
            "skipped": list(result.skipped), "errors": [f.to_dict() for f in result.errors]}

