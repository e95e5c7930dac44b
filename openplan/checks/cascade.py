"""I020 unknown-serves-plan, I021 unknown-served-item and I022 parent-plan-mismatch: the links of a plan to
the plans above it in the council's cascade (`parents`, and `serves` on areas, objectives, outputs and
milestones) name plans and items that exist.

Validation loads each parent plan that is on disk (its `parents[].path`, or a plan with that id among the
files of the same run; see :mod:`openplan.validation.stages`) and passes them to :func:`check`. A parent that
is not on disk (a web address only) is never fetched, and links into it are not checked.
"""

from __future__ import annotations

import difflib
from typing import Iterator, Mapping, Sequence

from ..index import PlanIndex, build
from ..loader import Document
from ..report import Finding
from .base import finding, integrity_rule

UNKNOWN_SERVES_PLAN = integrity_rule(
    "I020", "unknown-serves-plan",
    "A `serves` link names a plan that is neither this plan nor one of its `parents`.",
    "A link to an undeclared plan cannot be followed: readers and tools do not know which plan it means.",
    "Correct `serves.plan` (the message suggests the closest id), or add the plan to `parents`.")
UNKNOWN_SERVED_ITEM = integrity_rule(
    "I021", "unknown-served-item",
    "A `serves` link names an item that the plan it points into does not define.",
    "The golden thread from a service plan up to the community plan breaks where a link names nothing.",
    "Correct `serves.item` to an id defined in that plan (the message suggests the closest one).")
PARENT_PLAN_MISMATCH = integrity_rule(
    "I022", "parent-plan-mismatch",
    "The file named in `parents[].path` is not a plan with the id that `parents[].id` says.",
    "A wrong path links this plan to the wrong parent, and every `serves` link into it is checked against the "
    "wrong plan.",
    "Correct `parents[].path` or `parents[].id`.")
# Every rule this module declares, listed for the catalogue (openplan/catalogue.py).
RULES = (UNKNOWN_SERVES_PLAN, UNKNOWN_SERVED_ITEM, PARENT_PLAN_MISMATCH)

ITEM_KINDS = ("Area", "Objective", "Output", "Milestone")  # the kinds that carry `serves`


def parents(document: Document) -> Iterator[tuple[int, dict]]:
    """``(position, entry)`` for each well-formed entry of the plan's `parents`."""
    entries = document.data.get("parents")
    for position, entry in enumerate(entries if isinstance(entries, list) else []):
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            yield position, entry


def mismatch(document: Document, position: int, entry: dict, other: Document) -> Finding | None:
    """I022 when ``other``, the file ``parents[position].path`` names, is not a plan with the id it says."""
    kind = other.data.get("kind", "plan")
    if kind == "plan" and other.data.get("id") == entry["id"]:
        return None
    what = f'the plan "{other.data.get("id")}"' if kind == "plan" else f"a {kind} file, not a plan"
    return finding(PARENT_PLAN_MISMATCH, document, ("parents", position, "path"),
                   f'the parent plan {entry.get("path")} is {what}, not "{entry["id"]}"', value=entry.get("path"))


def _close(name: str, known: Sequence[str]) -> str | None:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.75)
    return f'Did you mean "{close[0]}"?' if close else None


def plan_items(document: Document) -> dict[str, str]:
    """The ids of everything ``document`` (a plan, without its registries) defines, with their kinds."""
    return {key: item.kind for key, item in build(document).items.items() if item.document is document}


def check(index: PlanIndex, on_disk: Mapping[str, Document]) -> list[Finding]:
    """Every `serves` link of the plan in ``index`` against the plans it may name: the plan itself, and its
    `parents`, of which ``on_disk`` holds those that could be loaded, by id."""
    document = index.main
    own = document.data.get("id")
    declared = [entry["id"] for _position, entry in parents(document)]
    known_plans = ([own] if isinstance(own, str) else []) + declared
    items: dict[str, set[str]] = {}
    findings = []
    for node in index.nodes_of("ServesLink"):
        plan, item = node.data.get("plan"), node.data.get("item")
        owner = node.owner.id if node.owner else None
        if not isinstance(plan, str) or not isinstance(item, str):
            continue
        if plan not in known_plans:
            findings.append(finding(
                UNKNOWN_SERVES_PLAN, document, (*node.parts, "plan"),
                f'"serves" names the plan "{plan}", which is neither this plan nor one of its parents',
                value=plan, item=owner, hint=_close(plan, known_plans)))
            continue
        if plan == own:
            defined = items.setdefault(plan, {key for key, found in index.items.items()
                                              if found.document is document})
        elif plan in on_disk:
            defined = items.setdefault(plan, set(plan_items(on_disk[plan])))
        else:
            continue  # a parent not on disk: never fetched, so the link cannot be checked
        if item not in defined:
            where = "this plan" if plan == own else f'the plan "{plan}"'
            findings.append(finding(
                UNKNOWN_SERVED_ITEM, document, (*node.parts, "item"), f'"{item}" is not defined in {where}',
                value=item, item=owner, hint=_close(item, sorted(defined))))
    return findings
