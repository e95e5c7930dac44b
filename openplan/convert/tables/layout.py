"""The spreadsheet layout: which sheets a plan or registry has, and each sheet's columns and headings.

Sheets and columns are derived from the schema's fields (:mod:`..fields`), so a new field gets its column
without a change here; :func:`check_layout` (run by the tests) finds a list of objects that has no sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Sequence

from ..canonical import ordered_fields
from ..fields import ROOTS, Field, fields

ROOT = "@"  # the plan (or registry) itself as a parent
# Outline levels read from a sheet. Each level nests two deeper in YAML, so 40 levels under an output stay
# within the loader's default depth limit (100), and reading never recurses past Python's limit.
MAX_LEVEL = 40


@dataclass(frozen=True)
class SheetSpec:
    """One sheet: the type of its rows and the list fields, of which parents, the rows come from."""

    name: str
    type_name: str
    parents: tuple[tuple[str, str], ...]  # (parent type, ROOT, or ROOT + root field name; list field)
    parent_heading: str | None = None
    outline: bool = False

    @property
    def file_name(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-") + ".csv"

    @property
    def parent_types(self) -> tuple[str, ...]:
        return tuple(parent for parent, _ in self.parents)

    def field_for(self, parent_type: str) -> str | None:
        for parent, name in self.parents:
            if parent == parent_type:
                return name
        return None


_ITEMS = ("Area", "Objective", "Output", "Milestone")
SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec("Levels", "Level", ((ROOT, "levels"),)),
    SheetSpec("Areas", "Area", ((ROOT, "areas"),)),
    # an empty Area cell: an objective directly under the plan (1.1)
    SheetSpec("Objectives", "Objective", (("Area", "objectives"), (ROOT, "objectives")), "Area"),
    SheetSpec("Outputs", "Output", (("Objective", "outputs"),), "Objective"),
    SheetSpec("Sub-items", "Statement", (("Output", "sub_items"),), "Output", outline=True),
    SheetSpec("Milestones", "Milestone", ((ROOT, "milestones"),)),
    SheetSpec("Owners", "OwnerLink", ((ROOT, "owners"),) + tuple((kind, "owners") for kind in _ITEMS)
              + (("Section", "authors"),), "Item"),
    SheetSpec("Pledge links", "PledgeLink", ((ROOT, "pledges"),) + tuple((kind, "pledges") for kind in _ITEMS[1:]),
              "Item"),
    SheetSpec("Serves", "ServesLink", tuple((kind, "serves") for kind in _ITEMS), "Item"),
    # an empty Item cell: an indicator at the top of the plan (1.1), which items name in `measured_by`
    SheetSpec("Indicators", "Indicator", tuple((kind, "indicators") for kind in _ITEMS[1:]) + ((ROOT, "indicators"),),
              "Item"),
    SheetSpec("Indicator owners", "OwnerLink", (("Indicator", "owners"),), "Indicator"),
    SheetSpec("Targets", "Target", (("Indicator", "targets"), ("Pledge", "targets")), "Item"),
    SheetSpec("Progress", "ProgressUpdate", tuple((kind, "progress") for kind in _ITEMS[1:]) +
              (("Indicator", "progress"),), "Item"),
    SheetSpec("Notes", "Note", ((ROOT, "notes"),) + tuple((kind, "notes") for kind in _ITEMS), "Item"),
    SheetSpec("Note items", "Statement", (("Note", "items"),), "Note", outline=True),
    SheetSpec("Themes", "Theme", ((ROOT, "themes"),)),
    SheetSpec("Commitments", "Statement", (("Theme", "commitments"),), "Theme", outline=True),
    SheetSpec("Sections", "Section", ((ROOT, "sections"),)),
    SheetSpec("Section items", "Statement", (("Section", "items"),), "Section", outline=True),
    SheetSpec("Principles", "Statement", ((ROOT, "principles"),), outline=True),
    SheetSpec("Recommendations", "Statement", ((ROOT + "report", "recommendations"),), outline=True),
    SheetSpec("Implications", "Implication", ((ROOT + "report", "implications"),)),
    SheetSpec("Changes", "Change", ((ROOT + "edition", "changes"),)),
    SheetSpec("Status scale", "StatusWord", ((ROOT, "status_scale"),)),
    SheetSpec("Approvals", "Approval", ((ROOT + "edition", "approvals"),)),
    SheetSpec("Parent plans", "ParentPlan", ((ROOT, "parents"),)),
    SheetSpec("Sources", "Source", ((ROOT, "sources"),)),
    SheetSpec("Repairs", "Repair", ((ROOT + "provenance", "repairs"),)),
    SheetSpec("Organisations", "Organisation", ((ROOT, "organisations"),)),
    SheetSpec("Bodies", "Body", ((ROOT, "bodies"),)),
    SheetSpec("Posts", "Post", ((ROOT, "posts"),)),
    SheetSpec("Post holders", "Tenure", (("Post", "holders"),), "Post"),
    SheetSpec("People", "Person", ((ROOT, "people"),)),
    SheetSpec("Pledge sets", "PledgeSet", ((ROOT, "pledge_sets"),)),
    SheetSpec("Pledges", "Pledge", (("PledgeSet", "pledges"),), "Pledge set"),
    SheetSpec("Events", "Event", ((ROOT, "events"),)),
    SheetSpec("Glossary", "GlossaryEntry", ((ROOT, "glossary"),)),
)
MAIN_SHEET = {"plan": "Plan", "registry": "Registry"}
LEVEL = "Level"
FIELD, VALUE = "Field", "Value"


@dataclass(frozen=True)
class Column:
    heading: str
    path: tuple[str, ...] = ()  # field names from the row's object down to the value
    field: Field | None = None  # None for the parent, level and extension columns
    role: str = "field"  # field, parent, level, extension
    owner_type: str | None = None  # the type holding the field (FuzzyDate for "Due: value")

    @property
    def is_fuzzy_value(self) -> bool:
        return self.owner_type == "FuzzyDate" and self.path[-1:] == ("value",)


def _lower_first(title: str) -> str:
    return title[:1].lower() + title[1:] if title[1:2].islower() or len(title) == 1 else title


def _join(prefix: str, title: str) -> str:
    return f"{prefix}: {_lower_first(title)}" if prefix else title


def normalise(heading: str) -> str:
    return re.sub(r"\s+", " ", str(heading)).strip().casefold()


def flatten(type_name: str, root: str, path: tuple[str, ...] = (), prefix: str = "") -> Iterator[Column]:
    """The columns of a type's scalar fields and of the objects nested in it; list-of-object fields are sheets."""
    for item in fields(type_name, root):
        if item.kind == "objects":
            continue
        if item.kind == "object":
            yield from flatten(item.type_name, root, path + (item.name,), _join(prefix, item.title))
        else:
            yield Column(_join(prefix, item.title), path + (item.name,), item, owner_type=type_name)


def nested_prefixes(type_name: str, root: str, path: tuple[str, ...] = (), prefix: str = "") -> dict[str, tuple]:
    """Heading prefixes of nested objects (normalised), for placing extension columns such as "Due: ns:x"."""
    found = {normalise(prefix): path} if prefix or not path else {}
    for item in fields(type_name, root):
        if item.kind == "object":
            found.update(nested_prefixes(item.type_name, root, path + (item.name,), _join(prefix, item.title)))
    return found


def _object_lists(type_name: str, root: str, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Field]]:
    """List-of-object fields of a type, including inside its nested objects."""
    for item in fields(type_name, root):
        if item.kind == "objects":
            yield path + (item.name,), item
        elif item.kind == "object":
            yield from _object_lists(item.type_name, root, path + (item.name,))


def sheets_for(root: str) -> list[SheetSpec]:
    """The sheets a document of kind ``root`` uses: those whose rows can occur in it."""
    reachable = _reachable(root)
    return [spec for spec in SHEETS
            if any(_parent_reachable(parent, name, reachable, root) for parent, name in spec.parents)]


def _reachable(root: str) -> set[str]:
    seen = {ROOTS[root]}
    todo = [ROOTS[root]]
    while todo:
        for item in fields(todo.pop(), root):
            if item.type_name and item.type_name not in seen:
                seen.add(item.type_name)
                todo.append(item.type_name)
    return seen


def _parent_reachable(parent: str, name: str, reachable: set[str], root: str) -> bool:
    if parent == ROOT:
        return any(item.name == name for item in fields(ROOTS[root], root))
    if parent.startswith(ROOT):
        return any(item.name == parent[len(ROOT):] for item in fields(ROOTS[root], root))
    return parent in reachable


def check_layout(root: str) -> list[str]:
    """Every list of objects in the schema must have a sheet: problems, for the tests."""
    problems = []
    specs = sheets_for(root)
    handled = {(parent, name) for spec in specs for parent, name in spec.parents}
    main = ROOTS[root]
    at_root = {item.type_name: item.name for item in fields(main, root) if item.kind == "object"}
    for path, item in _object_lists(main, root):
        key = (ROOT, path[0]) if len(path) == 1 else (ROOT + path[0], path[1])
        if key not in handled:
            problems.append(f"{main}.{'.'.join(path)} has no sheet")
    for type_name in _reachable(root) - {main}:
        for path, item in _object_lists(type_name, root):
            if len(path) > 1:
                problems.append(f"{type_name}.{'.'.join(path)} is a list inside a nested object")
            elif type_name in at_root:
                continue  # checked above, as a list inside one of the plan's own objects
            elif (type_name, path[0]) not in handled and not (type_name == "Statement" and path[0] == "items"):
                problems.append(f"{type_name}.{path[0]} has no sheet")
    for spec in specs:
        headings = [normalise(c.heading) for c in columns(spec, root)]
        if len(headings) != len(set(headings)):
            problems.append(f"sheet {spec.name} has two columns with the same heading")
    return problems


def columns(spec: SheetSpec, root: str, extensions: Sequence[tuple[str, ...]] = ()) -> list[Column]:
    found: list[Column] = []
    if spec.parent_heading:
        found.append(Column(spec.parent_heading, role="parent"))
    if spec.outline:
        found.append(Column(LEVEL, role="level"))
    found.extend(flatten(spec.type_name, root))
    found.extend(_extension_column(spec.type_name, root, path) for path in extensions)
    return found


def main_fields(root: str, extensions: Sequence[tuple[str, ...]] = ()) -> list[Column]:
    """The rows of the Plan (or Registry) sheet, in canonical order: version, id and title first."""
    order = [item.name for item in ordered_fields(ROOTS[root], root)]
    found = sorted(flatten(ROOTS[root], root), key=lambda column: order.index(column.path[0]))
    found.extend(_extension_column(ROOTS[root], root, path) for path in extensions)
    return found


def _extension_column(type_name: str, root: str, path: tuple[str, ...]) -> Column:
    titles = []
    current = type_name
    for name in path[:-1]:
        item = next(f for f in fields(current, root) if f.name == name)
        titles.append(item.title)
        current = item.type_name
    prefix = ""
    for title in titles:
        prefix = _join(prefix, title)
    return Column(f"{prefix}: {path[-1]}" if prefix else path[-1], path, role="extension")
