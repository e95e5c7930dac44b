"""C102 output-without-owner: someone answers for every output.

An output nobody owns is an output nobody will chase. Plans often name the
owner once, on the area (a portfolio holder) or the objective, and let the
outputs beneath inherit it; by default this rule accepts that. Set
``inherit = false`` (the ``strict`` preset does) to ask for an owner on every
output.
"""

from ..context import label
from . import Severity, lint_rule

OPTIONS = {"inherit": True}
RULE = lint_rule(
    "C102", "output-without-owner", "completeness", Severity.WARNING,
    "An output has no owner, and neither does its objective or area.",
    "An output nobody owns is an output nobody chases; owners are also how a resident finds who to ask.",
    "Add `owners:` to the output, or to the objective or area it belongs to (a post, body or organisation).")


def owned(item, inherit: bool, items) -> bool:
    """Whether the item, or (when owners are inherited) anything it sits in, names an owner."""
    seen = set()
    while item is not None and item.id not in seen:
        seen.add(item.id)
        if item.data.get("owners"):
            return True
        if not inherit:
            return False
        parent = item.parent
        if parent is None and item.kind == "Area" and isinstance(item.data.get("parent"), str):
            parent = items.get(item.data["parent"])
        item = parent
    return False


def check(ctx):
    inherit = ctx.options["inherit"]
    for output in ctx.items("Output"):
        if not owned(output, inherit, ctx.index.items):
            where = "" if not inherit else ", and neither does the objective or area it belongs to"
            yield ctx.finding(output.parts + ("id",), f"output {label(output)} has no owner{where}", item=output)
