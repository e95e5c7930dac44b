"""I006 contradictory-date: a date says one thing only.

A date marked ``tbc: true`` must not also give a value; a ``relation`` needs
the event it relates to (``relative_to``).
"""

from .base import finding, integrity_rule

RULE = integrity_rule(
    "I006", "contradictory-date", "A date is both 'to be confirmed' and given, or names a relation without an event.",
    "A date that is both known and unknown misleads every reader; tools cannot tell which half to trust.",
    "Remove `tbc: true` once the date is known; give `relative_to` with every `relation`.")


def check(index):
    for node in index.nodes_of("FuzzyDate"):
        data = node.data
        owner = node.owner.id if node.owner else None
        if data.get("tbc") is True and data.get("value") is not None:
            yield finding(RULE, node.document, node.parts + ("tbc",),
                          "the date is marked to be confirmed but also gives a value", value=data.get("value"),
                          item=owner)
        if data.get("relation") is not None and data.get("relative_to") is None:
            yield finding(RULE, node.document, node.parts + ("relation",),
                          f'the date says "{data["relation"]}" but names no event in relative_to', item=owner)
