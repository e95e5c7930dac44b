"""I003 wrong-kind-reference: a reference names an item of the right kind.

An owner must be a post, person, body or organisation; a milestone's
``objectives`` must be objectives; a ``relative_to`` must be an event. The
schema's ``references`` keyword says which kinds each field accepts.
"""

from ..wording import a as with_article, type_words
from .base import finding, integrity_rule

RULE = integrity_rule(
    "I003", "wrong-kind-reference", "A reference names an item of the wrong kind.",
    "A milestone tagged with an area instead of an objective, or owned by a theme, is a mistake every report "
    "would repeat.",
    "Point the reference at an item of a kind the field accepts (the message lists them).")

def check(index):
    for reference in index.references:
        if not isinstance(reference.kinds, tuple):
            continue
        item = index.items.get(reference.target)
        if item is None or item.kind in reference.kinds:
            continue
        wanted = " or ".join(type_words(kind) for kind in reference.kinds)
        found = with_article(type_words(item.kind))
        yield finding(RULE, reference.document, reference.parts,
                      f'"{reference.field}" must name {with_article(wanted)}, but "{reference.target}" is {found}',
                      value=reference.target, item=reference.owner.id if reference.owner else None)
