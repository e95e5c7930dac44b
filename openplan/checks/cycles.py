"""I004 cycle: parent links, ``same_as`` links and events' ``relative_to`` never go round in a circle.

Areas within areas, objectives under objectives, bodies within bodies,
milestones that are part of milestones and themes that continue themes must
each form a tree: following the links must end. So must events dated
relative to other events: an event timed against itself, directly or
through others, has no date.
"""

from .base import finding, integrity_rule

RULE = integrity_rule(
    "I004", "cycle", "Parent, part-of or same-as links, or events dated relative to events, go round in a circle.",
    "A circle has no top: an area that sits within itself cannot be drawn, counted or rolled up, and an event "
    "timed against itself has no date.",
    "Break the circle: give one of the items in it no parent (or a different one), or give one of the events "
    "a date `value` instead of `relative_to`.")

# The link each kind must not follow round in a circle, as a path inside the item.
LINKS = {"Area": ("parent",), "Objective": ("parent",), "Body": ("parent",), "Milestone": ("part_of",),
         "Theme": ("same_as",), "Event": ("date", "relative_to")}


def _target(data, path):
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _targets(data, path):
    """The ids a link names: one, or (a date relative to several events) a list of them."""
    value = _target(data, path)
    return [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)] \
        if isinstance(value, list) else []


def _circle(index, item, field):
    """The first circle reached by following ``field`` links from ``item``, as a list of ids, or None."""
    stack = [(item, [item.id])]
    explored: set[str] = set()
    while stack:
        current, path = stack.pop()
        if current.id in explored:
            continue
        explored.add(current.id)
        for target in reversed(_targets(current.data, field)):
            if target not in index.items:
                continue
            if target in path:
                return path[path.index(target):]
            stack.append((index.items[target], path + [target]))
    return None


def check(index):
    reported: set[frozenset[str]] = set()
    for item in list(index.items.values()):
        field = LINKS.get(item.kind)
        if not field or item.document is not index.main and item.kind != "Body":
            continue
        circle = _circle(index, item, field)
        if circle is None:
            continue
        key = frozenset(circle)
        if key not in reported:
            reported.add(key)
            path = " → ".join(circle + [circle[0]])
            yield finding(RULE, item.document, item.parts + field,
                          f'"{field[-1]}" links go round in a circle: {path}',
                          value=_target(item.data, field), item=item.id)
