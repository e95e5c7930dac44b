"""N606 mixed-numbering-scheme: a list is numbered in one scheme.

A list lettered a, b, c with one item numbered "4" (or "iv") was probably
merged from two sources; readers cannot tell whether it belongs.
"""

from . import Severity, lint_rule
from ._numbers import describe, family, groups, main_scheme

RULE = lint_rule(
    "N606", "mixed-numbering-scheme", "numbering", Severity.WARNING,
    "Siblings are numbered in different schemes (letters and numbers).",
    "A list numbered two ways was probably merged from two sources; readers cannot tell whether an item belongs.",
    "Number the whole list in one scheme.")


def check(ctx):
    for members in groups(ctx):
        scheme = main_scheme(members)
        for parts, data, number in members:
            if number is not None and family(number.scheme) != scheme:
                yield ctx.finding(parts + ("number",), f'{describe(data)} is numbered "{number.text}" in '
                                  f"{family(number.scheme)}; the rest of its list uses {scheme}",
                                  value=str(number.text), item=data.get("id"))
