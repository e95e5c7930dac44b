"""What `openplan stats` counts of progress: indicators, targets, actuals and updates, and RAG and status counts.

For a plan: its indicators (top-level and inline) and their targets, the actuals its indicators record in
`progress`, the in-plan progress updates of its items, and the RAG and status of each item's latest update. For a
progress report: its updates and observations, the indicators it reports and the targets in force, and the
roll-up of its updates (and observations) by RAG and status for the whole plan and each area, theme and
objective (:mod:`.rollup`).
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Mapping

from .rollup import PLAN, count, rate_observations, rate_updates, scopes_of
from .scale import meaning, scale_of
from .tolerance import is_number, target_for

# The progress counts, in the order tables show them, with the label people read.
COUNTS = {"indicators": "indicators", "targets": "targets", "actuals": "actuals", "updates": "updates"}
_ITEM_KINDS = ("Area", "Objective", "Output", "Milestone")


def plan_counts(index: Any) -> tuple[dict[str, int], dict[str, Any]]:
    """The counts of a plan (its own file, not its registries), and its progress roll-up."""
    data = index.main.data
    mine = [item for item in index.items.values() if item.document is index.main]
    indicators = [item for item in mine if item.kind == "Indicator"]
    targets = sum(len(item.data.get("targets") or ()) for item in indicators)
    actuals = sum(1 for item in indicators for update in item.data.get("progress") or ()
                  if isinstance(update, dict) and is_number(update.get("value")))
    updated = [item for item in mine if item.kind in _ITEM_KINDS and item.data.get("progress")]
    updates = sum(len(item.data["progress"]) for item in updated)
    words = scale_of(*index.declarations())
    rated = []
    for item in updated:
        entries = [u for u in item.data["progress"] if isinstance(u, dict)]
        if not entries:
            continue
        latest = max(entries, key=lambda u: _when(u.get("date"), index))
        status, rag = latest.get("status"), latest.get("rag")
        if isinstance(latest.get("stage"), str) and (status is None or rag is None):
            word_status, word_rag = meaning(latest["stage"], words)
            status, rag = status or word_status, rag or word_rag
        rated.append((status, rag, scopes_of(item, index.items)))
    counts = {"indicators": len(indicators), "targets": targets, "actuals": actuals, "updates": updates}
    by_rag: dict[str, Counter] = {}
    by_status: dict[str, Counter] = {}
    for status, rag, scopes in rated:
        for scope in scopes:
            if rag:
                by_rag.setdefault(scope, Counter())[rag] += 1
            if status:
                by_status.setdefault(scope, Counter())[status] += 1
    return counts, _rollup(by_rag, by_status, {}, index.items)


def report_counts(report: Mapping[str, Any], items: Mapping[str, Any], plan: Mapping[str, Any] | None,
                  registries: list[Mapping[str, Any]] = ()) -> tuple[dict[str, int], dict[str, Any]]:
    """The counts of a progress report against its plan's ``items`` (index items), and its roll-up."""
    observations = [o for o in report.get("observations") or () if isinstance(o, Mapping)]
    period = report.get("period") if isinstance(report.get("period"), Mapping) else None
    indicators = {o.get("indicator") for o in observations if o.get("indicator") in items}
    targets = 0
    for observation in observations:
        indicator = items.get(observation.get("indicator"))
        if isinstance(observation.get("target"), Mapping) or (
                indicator is not None and target_for(indicator.data, period) is not None):
            targets += 1
    counts = {"indicators": len(indicators), "targets": targets,
              "actuals": sum(1 for o in observations if is_number(o.get("value"))),
              "updates": len([u for u in report.get("updates") or () if isinstance(u, Mapping)])}
    words = scale_of(report, plan, *registries)
    updates = rate_updates(report, items, words)
    figures = rate_observations(report, items, plan)
    return counts, _rollup(count(updates, "rag"), count(updates, "status"), count(figures, "rag"), items)


def _rollup(by_rag: dict[str, Counter], by_status: dict[str, Counter], figures: dict[str, Counter],
            items: Mapping[str, Any]) -> dict[str, Any]:
    """``{"updates_by_rag": {scope: {code: n}}, "updates_by_status": ..., "observations_by_rag": ...,
    "scopes": {scope: kind}}``, the whole plan first, then the scopes in the order first met; empty groups left
    out. ``scopes`` says what each scope is: "plan", or the kind of item (Area, Theme, Objective)."""
    found: dict[str, Any] = {}
    for name, table in (("updates_by_rag", by_rag), ("updates_by_status", by_status),
                        ("observations_by_rag", figures)):
        if table:
            order = [PLAN] + [scope for scope in table if scope != PLAN]
            found[name] = {scope: dict(sorted(table[scope].items())) for scope in order if scope in table}
    named = {scope for table in (by_rag, by_status, figures) for scope in table}
    if named:
        found["scopes"] = {scope: PLAN if scope == PLAN else getattr(items.get(scope), "kind", "Item")
                           for scope in [PLAN, *sorted(named - {PLAN})]}
    return found


def _when(date: Any, index: Any) -> str:
    """A sortable form of an in-plan update's date: a day, or the last day of a period."""
    if isinstance(date, Mapping):
        span = index.span(date)
        return span.latest.isoformat() if span is not None and span.latest else str(date.get("value", ""))
    return str(date or "")


def summary(rollup: Mapping[str, Any], name: str) -> str:
    """One roll-up group for the whole plan, as people read it: "green 11, amber 5, red 2"."""
    counted = rollup.get(name, {}).get(PLAN, {})
    return ", ".join(f"{code} {number}" for code, number in _ordered(counted))


_ORDER = ("green", "amber", "red", "blue", "not-started", "on-track", "at-risk", "off-track", "complete",
          "deferred", "cancelled")


def _ordered(counted: Mapping[str, int]) -> list[tuple[str, int]]:
    return sorted(counted.items(), key=lambda entry: (_ORDER.index(entry[0]) if entry[0] in _ORDER else 99,
                                                       entry[0]))
