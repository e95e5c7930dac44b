"""The plan's own levels: what it calls its areas, objectives, outputs and milestones.

A plan may declare ``levels`` (Goal, Strategy, Action), each mapped to a kind of item. An item names its level
in ``level``; without it, it takes the first declared level of its kind; without ``levels``, the standard words
(Area, Objective, Output, Milestone) apply. Pure computation over the plan's data: nothing here reads a file.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping, Optional

# The schema type of each kind of item that sits at a level, and the kind (a level-kind code) it is.
KIND_OF_TYPE = {"Area": "area", "Objective": "objective", "Output": "output", "Milestone": "milestone"}
STANDARD_NAMES = {"area": ("Area", "Areas"), "objective": ("Objective", "Objectives"),
                  "output": ("Output", "Outputs"), "milestone": ("Milestone", "Milestones")}


def declared(plan: Any, registries: Any = ()) -> list[dict[str, Any]]:
    """The levels the plan declares, top-down; else those of the first registry it uses that declares some."""
    for data in (plan, *registries):
        levels = data.get("levels") if isinstance(data, Mapping) else None
        if isinstance(levels, list):
            found = [level for level in levels if isinstance(level, dict) and isinstance(level.get("id"), str)]
            if found:
                return found
    return []


def level_of(levels: list[dict[str, Any]], type_name: str, item: Any = None) -> Optional[dict[str, Any]]:
    """The declared level an item of ``type_name`` is at: the one it names in ``level`` (if declared and of its
    kind), else the first declared level of its kind; None when the plan declares none for that kind."""
    kind = KIND_OF_TYPE.get(type_name)
    if kind is None:
        return None
    named = item.get("level") if isinstance(item, Mapping) else None
    for level in levels:
        if isinstance(named, str) and level.get("id") == named and level.get("kind") == kind:
            return level
    return next((level for level in levels if level.get("kind") == kind), None)


def kind_name(levels: list[dict[str, Any]], type_name: str, item: Any = None, *, plural: bool = False) -> str:
    """What the plan calls an item of ``type_name`` ("Strategy", or "Objective" without levels), capitalised as
    the plan publishes it; ``plural`` for a heading over many."""
    kind = KIND_OF_TYPE.get(type_name)
    level = level_of(levels, type_name, item)
    if level is not None and isinstance(level.get("name"), str) and level["name"].strip():
        name = level["name"].strip()
        if not plural:
            return name
        given = level.get("plural")
        return given.strip() if isinstance(given, str) and given.strip() else name + "s"
    if kind is None:
        return type_name
    return STANDARD_NAMES[kind][1 if plural else 0]


def title_of(item: Any) -> str:
    """An item's title as a reader sees it: its title (an output's text), or empty for an untitled item."""
    if not isinstance(item, Mapping):
        return ""
    for key in ("title", "text", "name"):
        if isinstance(item.get(key), str):
            return item[key]
    return ""


def objectives_of(data: Any) -> Iterator[tuple[dict[str, Any], tuple[str | int, ...], Optional[dict[str, Any]]]]:
    """Every objective of a plan wherever it sits, in document order: those of each area, then those directly
    under the plan; each with the path to it and the area holding it (None directly under the plan)."""
    if not isinstance(data, Mapping):
        return
    for a, area in enumerate(data.get("areas") or ()):
        if isinstance(area, dict):
            for o, objective in enumerate(area.get("objectives") or ()):
                if isinstance(objective, dict):
                    yield objective, ("areas", a, "objectives", o), area
    for o, objective in enumerate(data.get("objectives") or ()):
        if isinstance(objective, dict):
            yield objective, ("objectives", o), None
