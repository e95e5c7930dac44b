"""P403 registry-entry-unused: every entry of a registry is used by some plan.

Registries hold what plans share: organisations, bodies, posts, people,
themes, pledge sets and events. An entry nothing refers to is either stale
(a post that was abolished) or a sign that a plan names it wrongly.

This rule looks across every file of the run, so lint a registry together
with the plans that use it (``openplan lint plans/``). A registry that is
only reached from a plan, not named in the run, is not checked: the other
plans that use it are not there to count.
"""

from . import Severity, lint_rule

_REGISTRY = ('openplan: "1.0"\nkind: registry\nid: reg.council\ntitle: Council registry\n'
             "organisations:\n  - {id: org.example, name: Example Council}\n")
_PLAN = ('openplan: "1.0"\nid: plan.example\ntitle: Example Council Plan 2025/26\norganisation: org.example\n'
         'registries: [example.yaml]\nperiod: {start: "2025-04-01", end: "2026-03-31"}\nedition: {status: draft}\n')
RULE = lint_rule(
    "P403", "registry-entry-unused", "coverage", Severity.INFO,
    "An entry of a registry is used by no file in the run.",
    "An entry nothing refers to is stale (a post abolished, an event past) or a sign a plan names it wrongly.",
    "Remove the entry, or refer to it where it belongs. Lint the registry together with every plan that uses it.",
    failing=_REGISTRY + "  - {id: org.partner, name: A partner no plan mentions}\n",
    passing=_REGISTRY,
    files={"council-plan.yaml": _PLAN})
KINDS = ("Organisation", "Body", "Post", "Person", "Theme", "PledgeSet", "Event")


def check_project(project):
    used: set[str] = set()
    for ctx in project.contexts:
        used.update(reference.target for reference in ctx.index.references)
    for ctx in project.contexts:
        if not ctx.is_registry or not project.enabled(ctx):
            continue
        for item in ctx.index.items.values():
            if item.document is ctx.document and item.kind in KINDS and item.id not in used:
                yield ctx.finding(item.parts + ("id",), f'the {item.kind.lower().replace("pledgeset", "pledge set")} '
                                  f'"{item.id}" is used by no file in this run', item=item)
