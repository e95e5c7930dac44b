"""W505 inconsistent-capitalisation: titles of one kind follow one style.

Some plans write titles in Title Case ("Supporting Professional Networks"),
others in sentence case ("Supporting professional networks"). Mixing the two
in one list looks unfinished. For each kind of item, titles are read as
title case (every long word capitalised) or sentence case (none is); titles
with a few capitals (proper nouns) are left alone. When one style is clearly
the plan's own (at least three titles, and more than the other style), the
titles in the other style are reported.
"""

import re

from . import Severity, lint_rule

_SMALL = {"and", "the", "for", "with", "from", "into", "onto", "over", "under", "about", "their", "that", "this",
          "than", "when", "where", "which", "while", "within", "through", "across", "between", "our", "your"}
_KINDS = ("Area", "Objective", "Milestone", "Theme", "Section")


RULE = lint_rule(
    "W505", "inconsistent-capitalisation", "language", Severity.INFO,
    "A title is in Title Case where the plan's other titles of its kind are in sentence case, or the reverse.",
    "Mixed styles in one list look unfinished and make a public document harder to scan.",
    "Write the title in the style the plan uses for its other titles of that kind.")


def style(title: str) -> str | None:
    words = re.findall(r"[A-Za-z][A-Za-z'’]*", title)[1:]
    long = [w for w in words if len(w) > 3 and w.lower() not in _SMALL and not w.isupper()]
    if len(long) < 2:
        return None
    capitals = sum(w[0].isupper() for w in long)
    if capitals == len(long):
        return "title"
    return "sentence" if capitals == 0 else None


def check(ctx):
    for kind in _KINDS:
        styled = [(item, style(item.data["title"])) for item in ctx.items(kind)
                  if isinstance(item.data.get("title"), str)]
        counts = {"title": 0, "sentence": 0}
        for _, found in styled:
            if found:
                counts[found] += 1
        main = max(counts, key=counts.get)
        other = "sentence" if main == "title" else "title"
        if counts[main] < 3 or counts[main] <= counts[other] or not counts[other]:
            continue
        for item, found in styled:
            if found == other:
                yield ctx.finding(item.parts + ("title",), f"{ctx.named(item)} is in {other} case; the "
                                  f"plan's other {kind.lower()} titles are in {main} case", value=other, item=item)
