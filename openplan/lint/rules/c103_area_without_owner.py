"""C103 area-without-owner: every area names who leads it.

Areas (portfolios, directorates, services) are where accountability starts:
the portfolio holder or director who answers for everything in them. An area
that sits inside another area (``parent``) inherits that area's owner, and
every area inherits the plan's own ``owners``, unless ``inherit = false``.
"""

from . import Severity, lint_rule
from .c102_output_without_owner import owned

OPTIONS = {"inherit": True}
RULE = lint_rule(
    "C103", "area-without-owner", "completeness", Severity.WARNING,
    "An area (portfolio, directorate or service) has no owner.",
    "The owner of an area is who answers for everything in it; without one, no objective below has a clear lead.",
    "Add `owners:` naming the portfolio holder, director or body that leads the area.")


def check(ctx):
    for area in ctx.items("Area"):
        if not owned(area, ctx.options["inherit"], ctx.index.items, ctx.data):
            yield ctx.finding(area.parts + ("id",), f"{ctx.named(area)} has no owner", item=area)
