"""I004 cycle: parent links and ``same_as`` links never go round in a circle.

Areas within areas, objectives under objectives, bodies within bodies,
milestones that are part of milestones and themes that continue themes must
each form a tree: following the links must end.
"""

from . import BASE_PLAN, finding, integrity_rule

RULE = integrity_rule(
    "I004", "cycle", "Parent, part-of or same-as links go round in a circle.",
    "A circle has no top: an area that sits within itself cannot be drawn, counted or rolled up.",
    "Break the circle: one of the items in it must have no parent (or a different one).",
    failing=BASE_PLAN + "areas:\n  - {id: area.a, title: A, parent: area.b}\n  - {id: area.b, title: B, parent: area.a}\n",
    passing=BASE_PLAN + "areas:\n  - {id: area.a, title: A}\n  - {id: area.b, title: B, parent: area.a}\n")

LINKS = {"Area": "parent", "Objective": "parent", "Body": "parent", "Milestone": "part_of", "Theme": "same_as"}


def check(index):
    reported: set[frozenset[str]] = set()
    for item in list(index.items.values()):
        field = LINKS.get(item.kind)
        if not field or item.document is not index.main and item.kind != "Body":
            continue
        seen = [item.id]
        current = item
        while True:
            target = current.data.get(field)
            if not isinstance(target, str) or target not in index.items:
                break
            if target in seen:
                circle = seen[seen.index(target):]
                key = frozenset(circle)
                if key not in reported:
                    reported.add(key)
                    path = " → ".join(circle + [target])
                    yield finding(RULE, item.document, item.parts + (field,),
                                  f'"{field}" links go round in a circle: {path}', value=item.data.get(field),
                                  item=item.id)
                break
            seen.append(target)
            current = index.items[target]
