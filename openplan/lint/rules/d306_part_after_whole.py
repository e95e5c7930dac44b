"""D306 part-after-whole: a part of a milestone is not due after the milestone itself.

A milestone split into parts (``part_of``) is done when its parts are done.
A part due after the whole is a contradiction: one of the two dates is wrong.
"""

from . import Severity, lint_rule

RULE = lint_rule(
    "D306", "part-after-whole", "schedule", Severity.WARNING,
    "A part of a milestone is due after the milestone it is part of.",
    "A whole cannot be finished before its parts; one of the two dates is wrong.",
    "Correct the part's date or the milestone's.")


def check(ctx):
    for part in ctx.items("Milestone"):
        whole = ctx.index.items.get(part.data.get("part_of") or "")
        if whole is None or whole.kind != "Milestone":
            continue
        mine, theirs = ctx.span(part.data.get("due")), ctx.span(whole.data.get("due"))
        if mine is None or theirs is None or mine.earliest is None or theirs.latest is None:
            continue
        if mine.earliest > theirs.latest:
            yield ctx.finding(part.parts + ("due",), f'the part "{part.id}" is due from {mine.earliest}, after '
                              f'the milestone "{whole.id}" it is part of (due by {theirs.latest})', item=part)
