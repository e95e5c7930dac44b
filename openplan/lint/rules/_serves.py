"""Shared by the completeness rules: which items of a plan serve which of its own items (``serves``, 1.1)."""

from __future__ import annotations


def serving(ctx, ident: str, *kinds: str) -> list:
    """The items of this file (of the given kinds, or any) whose ``serves`` names ``ident`` in this same plan."""
    table = ctx.shared.__dict__.get("_serving")
    if table is None:
        table = {}
        own = ctx.data.get("id")
        for kind in ("Area", "Objective", "Output", "Milestone"):
            for item in ctx.items(kind):
                for link in item.data.get("serves") or ():
                    if isinstance(link, dict) and link.get("plan") == own and isinstance(link.get("item"), str):
                        table.setdefault(link["item"], []).append(item)
        ctx.shared.__dict__["_serving"] = table
    return [item for item in table.get(ident, ()) if not kinds or item.kind in kinds]
