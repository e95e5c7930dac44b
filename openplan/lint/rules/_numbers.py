"""Shared by the numbering rules: each list of numbered siblings in a plan, read once per file."""

from __future__ import annotations

from typing import Any

from ..numbering import sibling_groups, siblings

_UNKNOWN = object()


def groups(ctx):
    """For each list of siblings with display numbers: [(path, data, Number or None)]."""
    cache = ctx.shared.__dict__.get("_numbered")
    if cache is None:
        cache = []
        for _, _, members in sibling_groups(ctx.own_nodes, "registry" if ctx.is_registry else "plan"):
            numbers = siblings([data.get("number") for _, data in members])
            cache.append(_Members((parts, data, number) for (parts, data), number in zip(members, numbers)))
        ctx.shared.__dict__["_numbered"] = cache
    return cache


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
