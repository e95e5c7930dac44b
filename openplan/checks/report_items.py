"""I041 unknown-report-item: every item, indicator and scope a progress report names is in its plan.

An update names an objective, output, milestone, area or pledge (`updates[].item`); an observation names an
indicator (`observations[].indicator`), at the top of the plan or a registry, or inline with an id; a
published count names `plan` or an area, theme or objective (`counts[].scope`). Each must be defined in the
plan the report names, or in the registries of either. Not checked when the plan could not be read: that is
reported where the report names it.
"""

from __future__ import annotations

import difflib

from .base import finding, integrity_rule

RULE = integrity_rule(
    "I041", "unknown-report-item",
    "A progress report names an item, indicator or scope that its plan does not define.",
    "An update on an item that is not in the plan is progress on nothing: it cannot be counted or shown.",
    "Correct the id (the message suggests the closest one in the plan), or check that the report names the "
    "right plan.")

ITEM_KINDS = ("Area", "Objective", "Output", "Milestone", "Pledge")
# list field -> (the field naming the plan item, the kinds it may name, what one entry is called)
NAMED = {
    "updates": ("item", ITEM_KINDS, "update"),
    "observations": ("indicator", ("Indicator",), "observation"),
    "counts": ("scope", ("Area", "Theme", "Objective"), "published count"),
}
WHOLE_PLAN = "plan"  # the scope of a count over the whole plan


def unresolved(index, field: str, entry: object) -> bool:
    """Whether a report entry names an id that is neither in the plan nor, for a count, the whole plan."""
    key = NAMED[field][0]
    target = entry.get(key) if isinstance(entry, dict) else None
    return isinstance(target, str) and target not in index.items and not (field == "counts" and target == WHOLE_PLAN)


def check(index):
    if index.plan is None or index.data.get("kind") != "report":
        return
    plan_id = index.plan.data.get("id")
    known: dict[str, list[str]] = {}
    for field, (key, kinds, noun) in NAMED.items():
        entries = index.data.get(field)
        for position, entry in enumerate(entries if isinstance(entries, list) else ()):
            if not unresolved(index, field, entry):
                continue
            target = entry[key]
            if field not in known:
                known[field] = [ident for ident, item in index.items.items() if item.kind in kinds]
            close = difflib.get_close_matches(target, known[field], n=1, cutoff=0.6)
            what = "indicator" if key == "indicator" else "scope" if key == "scope" else "item"
            yield finding(RULE, index.main, (field, position, key),
                          f'{noun} {position + 1} names the {what} "{target}", which is not in the plan "{plan_id}" '
                          "or its registries", value=target, item=index.data.get("id"),
                          hint=f'Did you mean "{close[0]}"?' if close else RULE.fix)
