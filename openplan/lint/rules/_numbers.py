"""Shared by the numbering rules: each list of numbered siblings in a plan, read once per file."""

from __future__ import annotations

from typing import Any

from ..numbering import sibling_groups, siblings

_UNKNOWN = object()
# Lists whose `number` repeats another item's number (a served objective's "1,4,5"): references, not a sequence.
_REFERENCES = ("serves",)


def groups(ctx):
    """For each list of siblings with display numbers: [(path, data, Number or None)]."""
    cache = ctx.shared.__dict__.get("_numbered")
    if cache is None:
        cache = []
        for _, name, found in sibling_groups(ctx.own_nodes, "registry" if ctx.is_registry else "plan"):
            if name in _REFERENCES:
                continue
            for members in _steps(name, found):
                numbers = siblings([data.get("number") for _, data in members])
                cache.append(_Members((parts, data, number) for (parts, data), number in zip(members, numbers)))
        ctx.shared.__dict__["_numbered"] = cache
    return cache


def _steps(name: str, members: list) -> list[list]:
    """A list of milestones split by ``part_of``: the steps of one milestone are siblings of each other, not of
    the milestones beside their parent ("i, ii" with steps "1, 2" under each)."""
    if name != "milestones" or not any(isinstance(data.get("part_of"), str) for _, data in members):
        return [members]
    split: dict[Any, list] = {}
    for parts, data in members:
        whole = data.get("part_of")
        split.setdefault(whole if isinstance(whole, str) else None, []).append((parts, data))
    return list(split.values())


class _Members(list):
    """One list of siblings, which remembers its main scheme once asked (three rules ask)."""

    scheme: Any = _UNKNOWN


def family(scheme: str) -> str:
    return "numbers" if scheme in ("arabic", "dotted") else scheme + "s"


def main_scheme(members) -> str | None:
    if isinstance(members, _Members):
        if members.scheme is _UNKNOWN:
            members.scheme = _main_scheme(members)
        return members.scheme
    return _main_scheme(members)


def _main_scheme(members) -> str | None:
    counts: dict[str, int] = {}
    for _, _, number in members:
        if number is not None:
            counts[family(number.scheme)] = counts.get(family(number.scheme), 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda name: (counts[name], -list(counts).index(name)))


def describe(data) -> str:
    ident = data.get("id")
    return f'"{ident}"' if isinstance(ident, str) else "the entry"
