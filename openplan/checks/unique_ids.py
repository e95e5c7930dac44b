"""I001 duplicate-id: every id is defined once across a plan and the registries it uses.

References name items by id, so two items with one id make every reference to
either of them ambiguous. Ids are shared by the plan and all its registries.
"""

from .base import finding, integrity_rule

RULE = integrity_rule(
    "I001", "duplicate-id", "Two items share an id.",
    "References find items by id; with two items under one id, owners, milestones and pledges could point at the "
    "wrong one.",
    "Give one of the two items a new id. Ids must be unique across the plan and every registry it uses.")


def check(index):
    for first, second in index.duplicates:
        line, _ = first.position()
        where = f"{first.document.path}:{line}" if line else first.document.path
        yield finding(RULE, second.document, second.parts + ("id",),
                      f'the id "{second.id}" is already used by the {first.kind.lower()} at {where}',
                      value=second.id, item=second.id)
