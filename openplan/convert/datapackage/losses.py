"""What the package's tables do not carry of a plan."""

from __future__ import annotations

from typing import Any

from ..fields import ROOTS, document_kind, field_map
from ..losses import LossKind, LossReport, item_of

NOT_CARRIED = LossKind("V401", "not-in-data-package", "the data package's tables do not carry this field")
# The kinds of loss this converter declares, listed for the catalogue (openplan/catalogue.py).
LOSSES: tuple[LossKind, ...] = (NOT_CARRIED,)
# The fields each type's rows carry; anything else present in the plan is reported as a loss.
CARRIED: dict[str, set[str]] = {
    "Plan": {"openplan", "kind", "id", "title", "organisation", "period", "calendar", "language", "edition", "areas",
             "objectives", "owners",
             "milestones", "pledges", "themes", "events", "glossary", "organisations", "bodies", "posts", "people",
             "pledge_sets", "indicators"},
    "Period": {"start", "end", "text"},
    "Edition": {"status", "label", "date", "approved_by", "series"},
    "FuzzyDate": {"text", "value", "tbc", "relative_to", "relation"},
    "Area": {"id", "number", "title", "kind", "description", "parent", "owners", "objectives"},
    "Objective": {"id", "number", "title", "outcome", "description", "parent", "due", "owners", "themes", "pledges",
                  "outputs", "indicators", "progress"},
    "Output": {"id", "number", "text", "title", "description", "sub_items", "owners", "due", "themes", "pledges",
               "events", "indicators", "progress"},
    "Statement": {"id", "number", "text", "items"},
    "Milestone": {"id", "number", "title", "description", "due", "objectives", "outputs", "part_of", "owners",
                  "themes", "pledges", "events", "indicators", "progress"},
    "OwnerLink": {"ref", "role", "note"},
    "PledgeLink": {"pledge", "type", "note"},
    "Indicator": {"id", "title", "unit", "direction", "baseline", "targets", "progress", "source"},
    "Observation": {"value", "text"},
    "Target": {"value", "due", "text"},
    "ProgressUpdate": {"date", "status", "rag", "percent_complete", "value", "note"},
    "Theme": {"id", "number", "title", "description", "same_as"},
    "Event": {"id", "title", "kind", "date", "description"},
    "GlossaryEntry": {"term", "expansion", "definition"},
    "Organisation": {"id", "name", "kind", "abbreviation"},
    "Body": {"id", "name", "kind", "abbreviation"},
    "Post": {"id", "title"},
    "Person": {"id", "name"},
    "PledgeSet": {"id", "title", "pledges"},
    "Pledge": {"id", "number", "title", "text"},
}


def losses(data: dict[str, Any], index=None, document=None) -> LossReport:
    """Every field present in the plan that no table carries."""
    if data.get("kind") == "report":
        return report_losses(data, document)
    report = LossReport("datapackage", document)
    root = document_kind(data)
    stack: list[tuple[Any, tuple, str]] = [(data, (), ROOTS[root])]
    while stack:
        value, parts, type_name = stack.pop()
        if isinstance(value, list):
            stack.extend((entry, parts + (position,), type_name) for position, entry in enumerate(value))
            continue
        if not isinstance(value, dict):
            continue
        carried = CARRIED.get(type_name, set())
        known = field_map(type_name, root)
        for key, entry in value.items():
            if type_name == "ProgressUpdate" and key == "date" and isinstance(entry, dict) and "value" not in value:
                report.add(NOT_CARRIED, parts + (key,), f"{type_name}.{key} as a period (not a day)",
                           item=item_of(parts, data))  # with a value, an indicator's actual: the observations table
            elif type_name == "FuzzyDate" and key == "relative_to" and isinstance(entry, list) and len(entry) > 1:
                report.add(NOT_CARRIED, parts + (key,), f"{type_name}.{key} after its first event",
                           item=item_of(parts, data))
            elif key not in carried:
                report.add(NOT_CARRIED, parts + (key,), f"{type_name}.{key}", item=item_of(parts, data))
            elif key in known and known[key].type_name:
                stack.append((entry, parts + (key,), known[key].type_name))
    return report


# What the tables carry of a progress report, by field; the rest is reported as a loss.
REPORT_CARRIED = {"openplan", "kind", "id", "title", "organisation", "plan", "period", "as_of", "updates",
                  "observations"}
UPDATE_CARRIED = {"item", "status", "rag", "percent_complete", "commentary"}
OBSERVATION_CARRIED = {"indicator", "value", "text", "target", "rag", "trend", "previous_value"}


def report_losses(data: dict[str, Any], document=None) -> LossReport:
    """What the package does not carry of a progress report."""
    report = LossReport("datapackage", document)
    for key in data:
        if key not in REPORT_CARRIED:
            report.add(NOT_CARRIED, (key,), f"ProgressReport.{key}", item=data.get("id"))
    for key, carried, type_name in (("updates", UPDATE_CARRIED, "ItemUpdate"),
                                    ("observations", OBSERVATION_CARRIED, "IndicatorResult")):
        for position, entry in enumerate(data.get(key) or ()):
            for name in entry if isinstance(entry, dict) else ():
                if name not in carried:
                    report.add(NOT_CARRIED, (key, position, name), f"{type_name}.{name}",
                               item=item_of((key, position), data))
    return report
