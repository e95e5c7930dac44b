"""C105 objective-without-outcome: an objective states the outcome it aims for.

The outcome statement ("London local government receives its fair share of
funding") is what the objective is for; outputs are only how to get there.
Without it, nobody can say at the end of the year whether the objective
worked.

Objectives that sit under another objective (``parent``) are often named
sub-priorities without an outcome of their own; they are checked only when
``include-sub-objectives = true`` (as in the ``strict`` preset).
"""

from . import Severity, lint_rule

OPTIONS = {"include-sub-objectives": False}
RULE = lint_rule(
    "C105", "objective-without-outcome", "completeness", Severity.WARNING,
    "An objective has no outcome statement.",
    "The outcome is what the objective is for; without it nobody can judge at the end of the year whether it "
    "worked.",
    "Add `outcome:` with the result the objective aims for, in the plan's own words.")


def check(ctx):
    everything = ctx.options["include-sub-objectives"]
    for objective in ctx.items("Objective"):
        if objective.data.get("outcome") or (objective.data.get("parent") and not everything):
            continue
        yield ctx.finding(objective.parts + ("id",), f"{ctx.named(objective)} has no outcome statement",
                          item=objective)
