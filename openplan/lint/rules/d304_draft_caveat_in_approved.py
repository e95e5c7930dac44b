"""D304 draft-caveat-in-approved: an approved plan no longer reads like a draft.

Drafts carry caveats ("the portfolio holder will wish to reflect further",
"subject to change"). When the edition is approved, such caveats tell
readers the plan is not settled, which is no longer true. This rule looks at
caveat notes (``kind: caveat``) and the edition's label in approved and
superseded editions, for the phrases in the ``phrases`` option.
"""

import re

from . import Severity, lint_rule

OPTIONS = {"phrases": ["draft", "reflect further", "subject to change", "to be finalised", "to be agreed",
                       "early interaction", "placeholder", "not yet agreed", "for discussion"]}
RULE = lint_rule(
    "D304", "draft-caveat-in-approved", "schedule", Severity.WARNING,
    "An approved edition still carries a draft's caveat.",
    "A caveat that says the plan is not settled misleads readers once the plan has been approved.",
    "Remove the caveat, or change it to say what is still open; check the edition's label.")


def check(ctx):
    if ctx.edition_status not in ("approved", "superseded"):
        return
    phrases = [p for p in ctx.options["phrases"] if p.strip()]
    if not phrases:
        return
    pattern = re.compile(r"\b(" + "|".join(re.escape(p.strip()) for p in phrases) + r")\b", re.IGNORECASE)
    edition = ctx.data.get("edition") or {}
    match = pattern.search(str(edition.get("label") or ""))
    if match:
        yield ctx.finding(("edition", "label"), f'the edition is {ctx.edition_status} but its label says '
                          f'"{match.group(1)}"', value=match.group(1).lower(), item=ctx.data.get("id"))
    for node in ctx.nodes("Note"):
        if node.data.get("kind") != "caveat":
            continue
        match = pattern.search(str(node.data.get("text") or ""))
        if match:
            yield ctx.finding(node.parts + ("text",), f'the edition is {ctx.edition_status} but a caveat still '
                              f'says "{match.group(1)}"', value=match.group(1).lower(),
                              item=node.data.get("id") or (node.owner.id if node.owner else None))
