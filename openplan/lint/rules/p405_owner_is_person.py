"""P405 owner-is-person: work is owned by a post or a body, not by a named person.

People change jobs; posts stay. An output owned by "Jane Smith" is orphaned
the day she leaves, while one owned by "Director of Housing" passes to her
successor. Name the post, and record who holds it under ``posts[].holders``.
Off in ``recommended``; on in ``strict``.
"""

from . import Severity, lint_rule

RULE = lint_rule(
    "P405", "owner-is-person", "coverage", Severity.INFO,
    "An owner is a named person rather than a post or body.",
    "People change jobs; posts stay. Work owned by a person is orphaned the day they leave.",
    "Name the post the person holds (`post.director-housing`), and record the person under the post's "
    "`holders`.")


def check(ctx):
    for node in ctx.nodes("OwnerLink"):
        target = ctx.index.items.get(node.data.get("ref") or "")
        if target is None or target.kind != "Person":
            continue
        posts = [p.id for p in ctx.index.items.values() if p.kind == "Post" and any(
            isinstance(h, dict) and h.get("person") == target.id for h in p.data.get("holders") or ())]
        hint = f'Name the post instead: "{posts[0]}".' if posts else None
        owner = f'{node.owner.kind.lower()} "{node.owner.id}"' if node.owner else "an item"
        yield ctx.finding(node.parts + ("ref",), f'{owner} is owned by the person "{target.id}", not a post or body',
                          value=target.id, item=node.owner, hint=hint)
