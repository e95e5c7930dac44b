"""P402 theme-unused: every theme the plan names has work that relates to it.

Themes are cross-cutting: objectives, outputs and milestones relate to them
(``themes: [...]``). A theme nothing relates to is a heading the plan does
not act on. A link from a theme to a recurring theme in a registry
(``same_as``) does not count as work relating to it. Registries are not
checked: their themes serve many plans, and P403 looks at them across files.
"""

from ..context import label
from . import Severity, lint_rule

RULE = lint_rule(
    "P402", "theme-unused", "coverage", Severity.WARNING,
    "A theme of the plan has no objective, output or milestone that relates to it.",
    "A theme nothing relates to is a heading the plan does not act on; readers cannot see what serves it.",
    "Add the theme to the `themes:` of the work that relates to it, or remove the theme.")


def check(ctx):
    if ctx.is_registry:
        return  # a registry's themes serve many plans: P403 checks them across the files of a run
    for theme in ctx.items("Theme"):
        if any(field != "same_as" for _, field in ctx.referrers.get(theme.id, ())):
            continue
        yield ctx.finding(theme.parts + ("id",), f"theme {label(theme)} has no objective, output or milestone "
                          "relating to it", item=theme)
