"""N604 number-prefix-mismatch: a dotted number starts with its parent's number.

Objective "3.1" belongs in area 3. Found in area 2, it was moved without
renumbering, or numbered by hand and slipped; readers looking for 3.1 under
area 3 will not find it.
"""

from . import BASE_PLAN, Severity, lint_rule
from ._numbers import describe, groups
from ..numbering import read

_AREA = BASE_PLAN + "areas:\n  - id: area.finance\n    number: \"2\"\n    title: Finance\n    objectives:\n"
RULE = lint_rule(
    "N604", "number-prefix-mismatch", "numbering", Severity.WARNING,
    "A dotted display number does not start with the number of the item it sits in (3.1 in area 2).",
    "An item numbered for another parent was moved without renumbering; readers look for it in the wrong place.",
    "Renumber the item to match its parent, or move it to the parent its number names.",
    failing=_AREA + "      - {id: obj.funding, number: \"2.1\", title: Fair funding}\n"
                    "      - {id: obj.reform, number: \"3.2\", title: Fiscal reform}\n",
    passing=_AREA + "      - {id: obj.funding, number: \"2.1\", title: Fair funding}\n"
                    "      - {id: obj.reform, number: \"2.2\", title: Fiscal reform}\n")


def check(ctx):
    for members in groups(ctx):
        if not members:
            continue
        parent_parts = members[0][0][:-2]
        parent = ctx.document.data
        for part in parent_parts:
            parent = parent[part]
        own = read(parent.get("number")) if isinstance(parent, dict) else None
        if own is None or own.scheme not in ("arabic", "dotted"):
            continue
        for parts, data, number in members:
            if number is not None and number.scheme == "dotted" and number.prefix != own.place:
                yield ctx.finding(parts + ("number",), f'{describe(data)} is numbered "{number.text}" but sits in '
                                  f'{describe(parent)}, numbered "{own.text}"', value=str(number.text),
                                  item=data.get("id"))
