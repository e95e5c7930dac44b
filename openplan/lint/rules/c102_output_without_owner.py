"""C102 output-without-owner: someone answers for every output.

An output nobody owns is an output nobody will chase. Plans often name the
owner once, on the area (a portfolio holder) or the objective, and let the
outputs beneath inherit it; by default this rule accepts that. The plan's
own ``owners`` (a corporate director, a portfolio holder) own everything in
it that names no owner of its own, so they count too. Set ``inherit = false``
(the ``strict`` preset does) to ask for an owner on every output.
"""

from . import Severity, lint_rule

OPTIONS = {"inherit": True}
RULE = lint_rule(
    "C102", "output-without-owner", "completeness", Severity.WARNING,
    "An output has no owner, and neither does its objective or area.",
    "An output nobody owns is an output nobody chases; owners are also how a resident finds who to ask.",
    "Add `owners:` to the output, or to the objective or area it belongs to, or to the plan (a post, body or "
    "organisation).")


def owned(item, inherit: bool, items, plan=None) -> bool:
    """Whether the item, or (when owners are inherited) anything it sits in or the plan itself, names an
    owner."""
    seen = set()
    while item is not None and item.id not in seen:
        seen.add(item.id)
        if item.data.get("owners"):
            return True
        if not inherit:
            return False
        parent = item.parent
        # areas nest, and so do objectives listed directly under the plan, through `parent`
        if parent is None and item.kind in ("Area", "Objective") and isinstance(item.data.get("parent"), str):
            parent = items.get(item.data["parent"])
        item = parent
    return inherit and isinstance(plan, dict) and bool(plan.get("owners"))


def check(ctx):
    inherit = ctx.options["inherit"]
    for output in ctx.items("Output"):
        if not owned(output, inherit, ctx.index.items, ctx.data):
            where = "" if not inherit else ", and neither does the objective or area it belongs to"
            yield ctx.finding(output.parts + ("id",), f"{ctx.named(output)} has no owner{where}", item=output)
