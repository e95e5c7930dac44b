"""I013 unknown-level and I014 level-kind-mismatch: every `level` an area, objective, output or milestone names
is one of the plan's declared `levels`, and a level of its own kind.

A plan declares its levels once (Goal, Strategy, Action), so tools can call each item by the plan's own word. A
level the plan does not declare, or a level of another kind (an objective at an output level), would name the
item wrongly in every page, table and message.
"""

from __future__ import annotations

import difflib

from ..levels import KIND_OF_TYPE
from ..wording import a, type_words
from .base import finding, integrity_rule

UNKNOWN_LEVEL = integrity_rule(
    "I013", "unknown-level", "An item names a `level` that the plan does not declare in `levels`.",
    "Tools show each item by its level's name; a level that is not declared has no name, and is usually a typo.",
    "Correct `level` to the id of one of the plan's `levels` (the message suggests the closest), or declare the "
    "level in `levels`.")
LEVEL_KIND_MISMATCH = integrity_rule(
    "I014", "level-kind-mismatch", "An item names a `level` declared for another kind of item.",
    "A level is a level of areas, objectives, outputs or milestones; an objective at a level of outputs would be "
    "shown and counted as the wrong thing.",
    "Name a level of the item's own kind, or correct the level's `kind` in `levels`.")
# Every rule this module declares, listed for the catalogue (openplan/catalogue.py).
RULES = (UNKNOWN_LEVEL, LEVEL_KIND_MISMATCH)
RULE = UNKNOWN_LEVEL


def check(index):
    levels = {level["id"]: level for level in index.levels}
    for type_name, kind in KIND_OF_TYPE.items():
        for item in index.of_kind(type_name):
            named = item.data.get("level")
            if not isinstance(named, str):
                continue
            where = f'{type_words(type_name)} "{item.id}"'
            level = levels.get(named)
            if level is None:
                if levels:
                    close = difflib.get_close_matches(named, list(levels), n=1, cutoff=0.6)
                    hint = (f'Did you mean "{close[0]}"?' if close else
                            "Use one of: " + ", ".join(f'"{ident}"' for ident in levels) + ".")
                else:
                    hint = "The plan declares no levels: declare them in `levels`, or leave `level` out."
                yield finding(UNKNOWN_LEVEL, item.document, item.parts + ("level",),
                              f'{where} is at level "{named}", which the plan does not declare in levels',
                              value=named, item=item.id, hint=hint)
            elif level.get("kind") != kind:
                others = [ident for ident, other in levels.items() if other.get("kind") == kind]
                hint = (("Levels of this kind: " + ", ".join(f'"{ident}"' for ident in others) + ".") if others
                        else f"The plan declares no level of kind {kind}.")
                yield finding(LEVEL_KIND_MISMATCH, item.document, item.parts + ("level",),
                              f'{where} is at level "{named}", which is {a(str(level.get("kind")))} level, not '
                              f"{a(kind)} level", value=named, item=item.id, hint=hint)
