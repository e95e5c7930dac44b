"""C107 area-without-objectives: every area holds some work.

An area with no objectives, and no area inside it, is an empty heading in the
published plan. It is usually work still to be written, or an area that
should have been removed.

An area that objectives of its own plan ``serve`` is not empty: a plan whose
objectives each serve several areas lists the objectives directly under the
plan and links them to the areas, so the work sits under the area by that link.
"""

from . import Severity, lint_rule
from ._serves import serving

RULE = lint_rule(
    "C107", "area-without-objectives", "completeness", Severity.WARNING,
    "An area has no objectives, and no area sits inside it.",
    "An empty area is a heading with nothing under it: usually work still to be written, or an area to remove.",
    "Add the area's objectives, or remove the area.")


def check(ctx):
    for area in ctx.items("Area"):
        if area.data.get("objectives") or ctx.referred_by(area.id, "parent", "Area"):
            continue
        if serving(ctx, area.id, "Objective"):
            continue
        yield ctx.finding(area.parts + ("id",), f"{ctx.named(area)} has no objectives", item=area)
