"""C101 objective-without-outputs: every objective says what it will deliver.

An objective is a promise of a result. Its outputs, or the milestones that
name it, say how the result will be reached. An objective with neither is a
heading with nothing under it: residents and members cannot tell what will
be done, and no progress report can show it moving.

An objective counts as delivered through its outputs, through any milestone
that lists it under ``objectives``, through objectives that name it as
their ``parent`` (each of which is checked in turn), or through objectives,
outputs or milestones of the same plan that ``serve`` it.
"""

from . import Severity, lint_rule
from ._serves import serving

RULE = lint_rule(
    "C101", "objective-without-outputs", "completeness", Severity.WARNING,
    "An objective has no outputs, no milestone names it, and no objective sits under it.",
    "An objective with nothing under it promises a result without saying how it will be reached; no progress "
    "report can show it moving.",
    "Add the outputs that will deliver the objective, or link the milestones that serve it "
    "(`milestones[].objectives`).")


def check(ctx):
    for objective in ctx.items("Objective"):
        if objective.data.get("outputs"):
            continue
        if ctx.referred_by(objective.id, "objectives", "Milestone") or ctx.referred_by(objective.id, "parent"):
            continue
        if serving(ctx, objective.id):
            continue
        yield ctx.finding(objective.parts + ("id",), f"{ctx.named(objective)} has no outputs, and no "
                          "milestone or sub-objective names it", item=objective)
