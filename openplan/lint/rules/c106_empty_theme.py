"""C106 empty-theme: a theme says what it means.

A theme is a cross-cutting idea the whole plan relates to. A theme with a
title only, no description and no commitments, leaves readers to guess what
"Resourcing London" asks of the work. A theme that continues a recurring
theme of a registry (``same_as``) may take its description from there.
"""

from ..context import label
from . import Severity, lint_rule

RULE = lint_rule(
    "C106", "empty-theme", "completeness", Severity.WARNING,
    "A theme has neither a description nor any commitments.",
    "A theme known only by its title leaves readers to guess what it asks of the work that relates to it.",
    "Add a `description:`, or the theme's `commitments:` ('we will ...').")


def check(ctx):
    for theme in ctx.items("Theme"):
        if theme.data.get("description") or theme.data.get("commitments"):
            continue
        same = ctx.index.items.get(theme.data.get("same_as") or "")
        if same is not None and (same.data.get("description") or same.data.get("commitments")):
            continue
        yield ctx.finding(theme.parts + ("id",), f"theme {label(theme)} has no description and no commitments",
                          item=theme)
