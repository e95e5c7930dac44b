"""P403 registry-entry-unused: every entry of a registry is used by some plan.

Registries hold what plans share: organisations, bodies, posts, people,
themes, pledge sets and events. An entry nothing refers to is either stale
(a post that was abolished) or a sign that a plan names it wrongly.

This rule looks across every file of the run, so lint a registry together
with the plans that use it (``openplan lint plans/``). A registry that is
only reached from a plan, not named in the run, is not checked: the other
plans that use it are not there to count.

A plan that does not match the schema still counts: what it refers to is
read from it as far as it can be indexed. A pledge set counts as used when
a plan refers to any of its pledges. When a file of the run that names the
registry (or a file that cannot be read at all) could not be indexed, the
registry is not checked, since its uses cannot be counted.
"""

from pathlib import Path

from . import Severity, lint_rule

RULE = lint_rule(
    "P403", "registry-entry-unused", "coverage", Severity.INFO,
    "An entry of a registry is used by no file in the run.",
    "An entry nothing refers to is stale (a post abolished, an event past) or a sign a plan names it wrongly.",
    "Remove the entry, or refer to it where it belongs. Lint the registry together with every plan that uses it.")
KINDS = ("Organisation", "Body", "Post", "Person", "Theme", "PledgeSet", "Event")


def check_project(project):
    used: set[str] = set()
    for index in [ctx.index for ctx in project.contexts] + list(project.partial):
        used.update(reference.target for reference in index.references)
    if None in project.unindexed:
        return  # a file that could not be read may use any registry: nothing can be called unused
    for ctx in project.contexts:
        if not ctx.is_registry or not project.enabled(ctx):
            continue
        if any(_names(document, ctx.document) for document in project.unindexed):
            continue
        for item in ctx.index.items.values():
            if item.document is not ctx.document or item.kind not in KINDS:
                continue
            if item.kind == "PledgeSet" and any(isinstance(pledge, dict) and pledge.get("id") in used
                                                for pledge in item.data.get("pledges") or ()):
                continue  # a plan delivers one of its pledges
            if item.id not in used:
                yield ctx.finding(item.parts + ("id",), f'the {item.kind.lower().replace("pledgeset", "pledge set")} '
                                  f'"{item.id}" is used by no file in this run', item=item)


def _names(document, registry) -> bool:
    """Whether ``document`` lists ``registry`` in its `registries` (it could not be indexed to follow them)."""
    names = document.data.get("registries") if isinstance(document.data, dict) else None
    if not isinstance(names, list) or document.resolved is None or registry.resolved is None:
        return False
    folder = Path(document.resolved).parent
    for name in names:
        if isinstance(name, str):
            try:
                if (folder / name).resolve() == Path(registry.resolved).resolve():
                    return True
            except (OSError, RuntimeError):  # a path that cannot be resolved names nothing here
                continue
    return False
