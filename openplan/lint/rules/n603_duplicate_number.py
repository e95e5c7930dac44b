"""N603 duplicate-number: no two siblings share a display number.

Two outputs both lettered "b" cannot both be cited as "output b".
"""

from . import Severity, lint_rule
from ._numbers import describe, groups

RULE = lint_rule(
    "N603", "duplicate-number", "numbering", Severity.WARNING,
    "Two siblings have the same display number.",
    "Two items with one number cannot be told apart when cited.",
    "Renumber one of them.")


def check(ctx):
    for members in groups(ctx):
        seen = {}
        for parts, data, number in members:
            if number is None:
                continue
            key = (number.scheme, number.place, str(number.text).strip().lower())
            if key in seen:
                yield ctx.finding(parts + ("number",), f'{describe(data)} has the number "{number.text}", like '
                                  f"{describe(seen[key])}", value=str(number.text), item=data.get("id"))
            else:
                seen[key] = data
