"""N607 unnumbered-sibling: in a numbered list, every entry has a number.

When most entries of a list carry a display number and one does not, the
number was usually lost (in a copy from PDF, say), or the entry was slipped
in later. Lists where most entries are unnumbered are left alone.
"""

from . import Severity, lint_rule
from ._numbers import describe, groups

RULE = lint_rule(
    "N607", "unnumbered-sibling", "numbering", Severity.INFO,
    "One entry of a mostly numbered list has no display number.",
    "A missing number is usually one lost in copying, or an entry slipped in later; it cannot be cited.",
    "Give the entry its number (and record a restored number under provenance.repairs).")


def check(ctx):
    for members in groups(ctx):
        missing = [(parts, data) for parts, data, _ in members if data.get("number") in (None, "")]
        if not missing or len(missing) * 2 >= len(members):
            continue
        for parts, data in missing:
            yield ctx.finding(parts + (("id",) if "id" in data else ()), f"{describe(data)} has no display number; "
                              "the other entries of its list are numbered", item=data.get("id"))
