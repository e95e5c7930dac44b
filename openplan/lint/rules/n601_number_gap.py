"""N601 number-gap: display numbers run without gaps.

Within one list (the outputs of an objective, the objectives of an area),
numbers count 1, 2, 3 or a, b, c or i, ii, iii. A gap ("a, b, d") is
usually a lost item or a slip in numbering, and readers who cite "output c"
find nothing. Numbers like "2.1, 2.2" are compared by their last part.
"""

from . import Severity, lint_rule
from ._numbers import describe, family, groups, main_scheme

RULE = lint_rule(
    "N601", "number-gap", "numbering", Severity.WARNING,
    "Display numbers among siblings skip one (a, b, d).",
    "A gap is usually a lost item or a numbering slip; anyone who cites the missing number finds nothing.",
    "Renumber the items, or restore the missing one (and record the repair under provenance.repairs).")

_SHOW = {"letters": lambda n: chr(ord("a") + n - 1), "numbers": str}


def check(ctx):
    for members in groups(ctx):
        scheme = main_scheme(members)
        numbered = [(parts, data, n) for parts, data, n in members if n is not None and family(n.scheme) == scheme]
        for (_, _, before), (parts, data, after) in zip(numbered, numbered[1:]):
            if before.prefix != after.prefix:
                continue
            expected = before.place[-1] + 1
            if after.place[-1] > expected:
                missing = after.place[-1] - expected
                yield ctx.finding(parts + ("number",), f'{describe(data)} is numbered "{after.text}" right after '
                                  f'"{before.text}": {missing} number{"s" if missing != 1 else ""} skipped',
                                  value=str(after.text), item=data.get("id"))
