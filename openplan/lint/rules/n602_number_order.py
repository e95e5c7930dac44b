"""N602 number-order: display numbers rise through a list.

"2.3" before "2.2", or "c" before "b", is a list that was reordered without
renumbering, or numbered by hand and slipped. Only siblings with the same
prefix are compared ("2.3" then "3.1" is fine).
"""

from . import Severity, lint_rule
from ._numbers import describe, family, groups, main_scheme

RULE = lint_rule(
    "N602", "number-order", "numbering", Severity.WARNING,
    "A display number is lower than the one before it in the same list.",
    "Numbers out of order mean the list was reordered without renumbering; citations by number go astray.",
    "Put the items in order, or renumber them.")


def check(ctx):
    for members in groups(ctx):
        scheme = main_scheme(members)
        numbered = [(parts, data, n) for parts, data, n in members if n is not None and family(n.scheme) == scheme]
        for (_, _, before), (parts, data, after) in zip(numbered, numbered[1:]):
            if before.prefix == after.prefix and after.place < before.place:
                yield ctx.finding(parts + ("number",), f'{describe(data)} is numbered "{after.text}" but comes after '
                                  f'"{before.text}"', value=str(after.text), item=data.get("id"))
