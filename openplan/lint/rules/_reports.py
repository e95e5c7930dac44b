"""What the performance rules (R7xx) share: a progress report's updates and observations, joined to the plan's
items and indicators, with the status and RAG each update counts as."""

from __future__ import annotations

from typing import Any, Iterator

from ...index import Item
from ...performance.scale import meaning, scale_of

DONE = ("complete", "cancelled", "deferred")


def is_report(ctx) -> bool:
    return ctx.data.get("kind") == "report" and ctx.index.plan is not None


def plan_data(ctx) -> dict[str, Any]:
    return ctx.index.plan.data if ctx.index.plan is not None else {}


def scale(ctx) -> list[dict[str, Any]]:
    return scale_of(*ctx.index.declarations())


def updates(ctx) -> Iterator[tuple[int, dict[str, Any], Item, str | None, str | None]]:
    """Each update naming an item of the plan: (position, update, item, status, rag), the status and RAG as
    given, else what the update's `stage` means on the council's scale."""
    words = scale(ctx)
    for position, update in enumerate(ctx.data.get("updates") or ()):
        item = ctx.index.items.get(update.get("item")) if isinstance(update, dict) else None
        if item is None:
            continue
        status, rag = update.get("status"), update.get("rag")
        if isinstance(update.get("stage"), str) and (status is None or rag is None):
            word_status, word_rag = meaning(update["stage"], words)
            status, rag = status or word_status, rag or word_rag
        yield position, update, item, status, rag


def observations(ctx) -> Iterator[tuple[int, dict[str, Any], Item]]:
    """Each observation naming an indicator of the plan: (position, observation, indicator)."""
    for position, observation in enumerate(ctx.data.get("observations") or ()):
        item = ctx.index.items.get(observation.get("indicator")) if isinstance(observation, dict) else None
        if item is not None and item.kind == "Indicator":
            yield position, observation, item


def indicator_name(item: Item) -> str:
    number = item.data.get("number")
    return f'indicator {number} "{item.data.get("title")}"' if number not in (None, "") else \
        f'indicator "{item.data.get("title")}"'


def named(ctx, item: Item) -> str:
    """An item as a message names it, in the plan's own words for its kind ('action "2.1 Chase arrears"')."""
    from ...levels import declared, kind_name
    from ..context import label

    name = kind_name(declared(plan_data(ctx), []), item.kind, item.data)
    return f"{name if name[:2].isupper() else name[:1].lower() + name[1:]} {label(item)}"
