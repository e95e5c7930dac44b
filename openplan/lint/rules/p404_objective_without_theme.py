"""P404 objective-without-theme: every objective relates to at least one of the plan's themes.

Plans often say that all their work "relates in some way" to the themes;
this rule checks it. An objective relates to a theme through its own
``themes``, those of its outputs, or those of the milestones that serve it.
Only plans that name themes are checked. Off in ``recommended``; on in
``strict``.
"""

from . import Severity, lint_rule

RULE = lint_rule(
    "P404", "objective-without-theme", "coverage", Severity.INFO,
    "An objective relates to none of the plan's themes.",
    "When a plan says all its work serves its themes, an objective tied to none is either mis-tagged or out of "
    "place.",
    "Add the themes the objective relates to (`themes: [...]`).")


def check(ctx):
    if not ctx.items("Theme"):
        return
    for objective in ctx.items("Objective"):
        if objective.data.get("themes"):
            continue
        outputs = [o for o in objective.data.get("outputs") or () if isinstance(o, dict) and o.get("themes")]
        milestones = [m for m in ctx.referred_by(objective.id, "objectives", "Milestone") if m.data.get("themes")]
        if outputs or milestones:
            continue
        yield ctx.finding(objective.parts + ("id",), f"{ctx.named(objective)} relates to none of the "
                          "plan's themes", item=objective)
