"""I002 unresolved-reference: every reference names an item that exists.

Owners, themes, pledges, objectives, outputs, events and parents are written
as ids. Each must be defined in the plan or in a registry the plan uses.
"""

import difflib

from .base import finding, integrity_rule

RULE = integrity_rule(
    "I002", "unresolved-reference", "A reference names an id that is not defined anywhere.",
    "A reference to nothing is a broken link: the owner, pledge or objective it meant is lost.",
    "Correct the id (the message suggests the closest one), or define the item in the plan or a registry it uses.")


def check(index):
    known = None
    for reference in index.references:
        if reference.target in index.items or reference.kinds == "previous-edition":
            continue
        if known is None:
            known = list(index.items)
        close = difflib.get_close_matches(reference.target, known, n=1, cutoff=0.75)
        hint = f'Did you mean "{close[0]}"?' if close else None
        yield finding(RULE, reference.document, reference.parts,
                      f'"{reference.field}" refers to "{reference.target}", which is not defined in this file or its '
                      "registries", value=reference.target, item=reference.owner.id if reference.owner else None,
                      hint=hint)
