"""Where the plan's own objectives (1.1: listed directly under the plan, not under an area) are shown.

An objective that serves an area of the plan, or an item inside one, or that sits under (``parent``) an
objective shown with an area, is shown beside that area: in full with the first area it names, and named, with
a link, under every other area it serves. An objective that relates to no area is shown on its own, before or
after the areas as the plan lists them. Only the plan's own links decide this, never its numbering.
"""

from __future__ import annotations

from typing import Any, Callable

from .model import AreaView, Entry, Link


def _homes(areas: list[AreaView]) -> dict[str, AreaView]:
    """Each area, and everything shown inside it, by id: the area it is shown with."""
    home: dict[str, AreaView] = {}
    for area in areas:
        home[area.id] = area
        for objective in area.objectives:
            home[objective.id] = area
            for output in objective.children:
                home[output.id] = area
    return home


def _related(objective: Entry, home: dict[str, AreaView]) -> list[AreaView]:
    """The areas an objective relates to, first named first: those it serves, then its parent's."""
    targets = [link.id for link in objective.serves_plans]
    if objective.parent is not None:
        targets.append(objective.parent.id)
    found: list[AreaView] = []
    for target in targets:
        area = home.get(target)
        if area is not None and all(area is not other for other in found):
            found.append(area)
    return found


def place(areas: list[AreaView], objectives: list[Entry], link: Callable[[str], Link]) -> list[Entry]:
    """Put each of the plan's own objectives beside the areas it relates to; return those that relate to none.

    ``link`` names an item for the areas that list an objective shown in full with another area."""
    home = _homes(areas)
    order = {objective.id: number for number, objective in enumerate(objectives)}
    waiting = list(objectives)
    placed = True
    while placed:  # an objective under another of the plan's own objectives follows it once that one is placed
        placed = False
        for objective in list(waiting):
            related = _related(objective, home)
            if not related:
                continue
            waiting.remove(objective)
            placed = True
            related[0].beside.append(objective)
            for area in related[1:]:
                area.also_served_by.append(link(objective.id))
            home[objective.id] = related[0]
            for output in objective.children:
                home[output.id] = related[0]
    for area in areas:
        area.beside.sort(key=lambda entry: order[entry.id])
        area.also_served_by.sort(key=lambda named: order[named.id])
    return waiting


def listed_first(data: dict[str, Any]) -> bool:
    """Whether the plan lists its own objectives before its areas (the order of the keys as written)."""
    keys = list(data)
    return "objectives" in keys and "areas" in keys and keys.index("objectives") < keys.index("areas")
