"""W502 title-too-long: titles are short enough to scan.

Titles are what readers scan in a contents page, a dashboard or a
spreadsheet column. A title of several clauses is a description in the
wrong field. The limit is ``max-length`` characters (120 by default, 100 in
the ``strict`` preset); move the rest into ``description`` or ``outcome``.
"""

from ..context import TITLED_KINDS
from . import Severity, lint_rule

OPTIONS = {"max-length": 120}
RULE = lint_rule(
    "W502", "title-too-long", "language", Severity.WARNING,
    "A title is longer than the configured maximum.",
    "Titles are scanned in contents pages, dashboards and spreadsheets; a title of several clauses is a "
    "description in the wrong field.",
    "Shorten the title; move the rest into `description` or `outcome`.")


def check(ctx):
    limit = ctx.options["max-length"]
    for kind in TITLED_KINDS:
        for item in ctx.items(kind):
            title = " ".join(str(item.data.get("title") or "").split())
            if len(title) > limit:
                yield ctx.finding(item.parts + ("title",), f"the title of {ctx.named(item)} is "
                                  f"{len(title)} characters long (the limit is {limit})", item=item)
