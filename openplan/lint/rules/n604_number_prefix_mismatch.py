"""N604 number-prefix-mismatch: a dotted number starts with its parent's number.

Objective "3.1" belongs in area 3. Found in area 2, it was moved without
renumbering, or numbered by hand and slipped; readers looking for 3.1 under
area 3 will not find it.

Numbers of any depth that start with the parent's number are fine: "2.1.1"
in area 2, or "1.1.1" under objective "1.1". Parts are compared as numbers,
so "2.01.01" starts with "2" and with "2.1". An objective with a ``parent``
objective is compared with that objective's number.
"""

from . import Severity, lint_rule
from ._numbers import describe, groups
from ..numbering import read

RULE = lint_rule(
    "N604", "number-prefix-mismatch", "numbering", Severity.WARNING,
    "A dotted display number does not start with the number of the item it sits in (3.1 in area 2).",
    "An item numbered for another parent was moved without renumbering; readers look for it in the wrong place.",
    "Renumber the item to match its parent, or move it to the parent its number names.")


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
            if number is None or number.scheme != "dotted":
                continue
            holder, expected, where = parent, own, "sits in"
            named = ctx.index.items.get(data.get("parent") or "") if isinstance(data.get("parent"), str) else None
            if named is not None and named.kind == "Objective" and read(named.data.get("number")) is not None:
                # A sub-objective: compared with its parent objective's number.
                holder, expected, where = named.data, read(named.data.get("number")), "belongs to"
            if expected.scheme not in ("arabic", "dotted") or _starts_with(number.place, expected.place):
                continue
            yield ctx.finding(parts + ("number",), f'{describe(data)} is numbered "{number.text}" but {where} '
                              f'{describe(holder)}, numbered "{expected.text}"', value=str(number.text),
                              item=data.get("id"))


def _starts_with(place: tuple[int, ...], prefix: tuple[int, ...]) -> bool:
    """Whether a number lies under its parent's: "2.1.3" under "2" or "2.1" (parts compared as numbers)."""
    return len(place) > len(prefix) and place[:len(prefix)] == prefix
