"""W503 duplicate-title: no two items of a kind share a title.

Two objectives with the same title (or two outputs with the same text) are
either a copy-and-paste slip or one piece of work counted twice. Titles are
compared ignoring case, spacing and closing punctuation.
"""

import re

from ..context import TITLED_KINDS, label
from . import BASE_PLAN, Severity, lint_rule

_AREA = "areas:\n  - id: area.housing\n    title: Housing\n    objectives:\n" \
        "      - {id: obj.homes, title: More affordable homes}\n"
RULE = lint_rule(
    "W503", "duplicate-title", "language", Severity.WARNING,
    "Two items of the same kind have the same title (or two outputs the same text).",
    "A repeated title is a copy-and-paste slip or one piece of work counted twice; readers cannot tell the two "
    "apart.",
    "Reword one of the two, or merge them.",
    failing=BASE_PLAN + _AREA + "      - {id: obj.homes-2, title: More affordable homes.}\n",
    passing=BASE_PLAN + _AREA + "      - {id: obj.repairs, title: Faster repairs to council homes}\n")


def normal(text: str) -> str:
    return re.sub(r"[\s.:;,!]+$", "", " ".join(text.split()).casefold())


def titles(ctx):
    """(kind, item, field, normalised text) for every titled item and every output."""
    for kind in (*TITLED_KINDS, "Output"):
        field = "text" if kind == "Output" else "title"
        for item in ctx.items(kind):
            value = item.data.get(field)
            if isinstance(value, str) and value.strip():
                yield kind, item, field, normal(value)


def check(ctx):
    first = {}
    for kind, item, field, text in titles(ctx):
        earlier = first.setdefault((kind, text), item)
        if earlier is item:
            continue
        line, _ = ctx.position(earlier.parts + (field,))
        noun = "text" if field == "text" else "title"
        yield ctx.finding(item.parts + (field,), f"{kind.lower()} {label(item)} has the same {noun} as "
                          f'{kind.lower()} "{earlier.id}" (line {line})', value=earlier.id, item=item)
