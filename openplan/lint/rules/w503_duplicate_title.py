"""W503 duplicate-title: no two items of a kind share a title.

Two objectives with the same title (or two outputs with the same text) are
either a copy-and-paste slip or one piece of work counted twice. Titles are
compared ignoring case, spacing and closing punctuation.

The advice follows what the schema allows. Two items in the same list (two
outputs of one objective, two milestones) can be merged into one; a
milestone can name every objective it serves. Items under different parents
cannot share one entry (an output belongs to one objective), so the advice
is to reword one to say what differs, such as the service it is for.
"""

import re

from ..context import TITLED_KINDS
from . import Severity, lint_rule

RULE = lint_rule(
    "W503", "duplicate-title", "language", Severity.WARNING,
    "Two items of the same kind have the same title (or two outputs the same text).",
    "A repeated title is a copy-and-paste slip or one piece of work counted twice; readers cannot tell the two "
    "apart.",
    "Reword one of the two to say what differs. Merge them only when they sit in the same list (two outputs of "
    "one objective, two milestones): an output or objective belongs to one parent, so copies under different "
    "parents stay separate.")


_CLOSING = re.compile(r"[\s.:;,!]+$")


def normal(text: str) -> str:
    return _CLOSING.sub("", " ".join(text.split()).casefold())


def titles(ctx):
    """(kind, item, field, normalised text) for every titled item and every output."""
    for kind in (*TITLED_KINDS, "Output"):
        for item in ctx.items(kind):
            # an output is named by its text, or (1.1) by its title when it has no text
            field = "text" if kind == "Output" and item.data.get("text") else "title"
            value = item.data.get(field)
            if isinstance(value, str) and value.strip():
                yield kind, item, field, normal(value)


def check(ctx):
    first: dict[tuple, object] = {}  # (kind, text) -> the first item with it
    in_list: dict[tuple, object] = {}  # (kind, text, the list it sits in) -> the first item with it there
    for kind, item, field, text in titles(ctx):
        earlier_here = in_list.setdefault((kind, text, item.parts[:-1]), item)
        earliest = first.setdefault((kind, text), item)
        if earliest is item:
            continue
        # Compare with an earlier copy in the same list if there is one (those two can be merged), else the first.
        earlier = earlier_here if earlier_here is not item else earliest
        line, _ = ctx.position(earlier.parts + (field,))
        noun = "text" if field == "text" else "title"
        yield ctx.finding(item.parts + (field,), f"{ctx.named(item)} has the same {noun} as "
                          f'{kind.lower()} "{earlier.id}" (line {line})', value=earlier.id, item=item,
                          hint=_advice(kind, item, earlier, noun))


def _advice(kind: str, item, earlier, noun: str) -> str:
    """Only what the schema allows: items in one list can be merged; items under different parents cannot."""
    word = kind.lower()
    if item.parts[:-1] == earlier.parts[:-1]:
        extra = " (a milestone can list every objective it serves in `objectives`)" if kind == "Milestone" else ""
        return f"Reword one of the two, or merge them into one {word}{extra}."
    parent = item.parent.kind.lower() if item.parent is not None else "parent"
    return (f"Reword one of the two to say what differs, such as the service or group it is for. Each {word} "
            f"belongs to one {parent}, so the two cannot be merged; if the source repeats the {noun} word for word, "
            "keep both as published.")
