"""Roll-ups: a report's updates and observations resolved to the plan's items, and counted by RAG and status
for the whole plan, each area, each theme and each objective.

An update counts in the scope of its item, of every area and objective above it, and of every theme it or
anything above it relates to. An observation counts where its indicator belongs: the item that holds it inline,
and the items that name it in `measured_by`, with everything above them. Its RAG is the one the report
publishes, else the one the tolerance gives.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from .scale import meaning
from .tolerance import observation_rag

PLAN = "plan"  # the scope of the whole plan
SCOPE_KINDS = ("Area", "Objective")


@dataclass(frozen=True)
class Rated:
    """One update or observation, with the status and RAG it counts as and the scopes it counts in."""

    subject: str  # the item or indicator id
    position: int  # in the report's `updates` or `observations`
    status: str | None
    rag: str | None
    scopes: tuple[str, ...]  # "plan", then area, objective and theme ids


def scopes_of(item: Any, items: Mapping[str, Any]) -> tuple[str, ...]:
    """The scopes an item counts in: the plan, itself if an area or objective, every area and objective above
    it, and the themes it or they relate to. ``item`` is an index item (kind, id, data, parent)."""
    found: list[str] = [PLAN]
    current = item
    while current is not None:
        if current.kind in SCOPE_KINDS:
            found.append(current.id)
        themes = current.data.get("themes")
        found.extend(theme for theme in (themes if isinstance(themes, list) else ()) if isinstance(theme, str))
        current = current.parent
    objectives = item.data.get("objectives") if item.kind == "Milestone" else None
    for ident in objectives if isinstance(objectives, list) else ():  # a milestone counts in the objectives it serves
        if isinstance(ident, str) and ident in items:
            found.extend(scope for scope in scopes_of(items[ident], items) if scope != PLAN)
    return tuple(dict.fromkeys(found))


def rate_updates(report: Mapping[str, Any], items: Mapping[str, Any],
                 scale: Iterable[Mapping[str, Any]] = ()) -> list[Rated]:
    """Each update of ``report`` that names an item of the plan, with its status and RAG: as given, else what
    its `stage` means on the status scale."""
    scale = list(scale)
    rated: list[Rated] = []
    entries = report.get("updates")
    for position, update in enumerate(entries if isinstance(entries, list) else ()):
        item = items.get(update.get("item")) if isinstance(update, Mapping) else None
        if item is None:
            continue
        status, rag = update.get("status"), update.get("rag")
        if isinstance(update.get("stage"), str) and (status is None or rag is None):
            word_status, word_rag = meaning(update["stage"], scale)
            status, rag = status or word_status, rag or word_rag
        rated.append(Rated(item.id, position, status, rag, scopes_of(item, items)))
    return rated


def indicator_holders(items: Mapping[str, Any]) -> dict[str, list[Any]]:
    """For each indicator id, the items it measures: the item holding it inline, and those naming it in
    `measured_by`."""
    holders: dict[str, list[Any]] = {}
    for item in items.values():
        if item.kind == "Indicator" and item.parent is not None:
            holders.setdefault(item.id, []).append(item.parent)
        named = item.data.get("measured_by") if item.kind in ("Area", "Objective", "Output", "Milestone") else None
        for ident in named if isinstance(named, list) else ():
            if isinstance(ident, str):
                holders.setdefault(ident, []).append(item)
    return holders


def rate_observations(report: Mapping[str, Any], items: Mapping[str, Any],
                      plan: Mapping[str, Any] | None = None) -> list[Rated]:
    """Each observation of ``report`` naming an indicator of the plan, with the RAG it counts as (published,
    else from the tolerance) and the scopes of the items the indicator measures."""
    holders = indicator_holders(items)
    rated: list[Rated] = []
    entries = report.get("observations")
    for position, observation in enumerate(entries if isinstance(entries, list) else ()):
        indicator = items.get(observation.get("indicator")) if isinstance(observation, Mapping) else None
        if indicator is None or indicator.kind != "Indicator":
            continue
        rag = observation.get("rag") or observation_rag(observation, indicator.data, plan, report.get("period"))
        scopes: list[str] = [PLAN]
        for holder in holders.get(indicator.id, ()):
            scopes.extend(scopes_of(holder, items))
        rated.append(Rated(indicator.id, position, None, rag, tuple(dict.fromkeys(scopes))))
    return rated


def count(rated: Iterable[Rated], by: str) -> dict[str, Counter]:
    """Counts by ``by`` ("rag" or "status") for every scope: ``{"plan": Counter({"green": 11, ...}), ...}``.
    An update or observation without a rating of that kind is not counted."""
    totals: dict[str, Counter] = {}
    for entry in rated:
        code = entry.rag if by == "rag" else entry.status
        if code is None:
            continue
        for scope in entry.scopes:
            totals.setdefault(scope, Counter())[code] += 1
    return totals
