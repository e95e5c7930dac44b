"""C108 milestone-without-link: a milestone says what it serves.

Milestones are many-to-many with objectives and outputs. A milestone linked
to nothing cannot be found from the objective it serves, and is left out of
every report by objective. A part of a milestone (``part_of``) is linked
through the milestone it belongs to, and a milestone that ``serves`` an item
(of this plan or of a parent plan) names what it serves.
"""

from . import Severity, lint_rule

RULE = lint_rule(
    "C108", "milestone-without-link", "completeness", Severity.WARNING,
    "A milestone names no objective or output, and is not part of another milestone.",
    "A milestone linked to nothing cannot be found from the objective it serves and drops out of every report "
    "by objective.",
    "List the objectives or outputs the milestone serves under `objectives:` or `outputs:`.")


def check(ctx):
    for milestone in ctx.items("Milestone"):
        data = milestone.data
        if data.get("objectives") or data.get("outputs") or data.get("part_of") or data.get("serves"):
            continue
        yield ctx.finding(milestone.parts + ("id",), f"{ctx.named(milestone)} names no objective or output",
                          item=milestone)
