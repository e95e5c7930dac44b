"""Frictionless Data Package: CSV tables with a Table Schema each, for open-data portals.

The package is for analysis, so it is laid out as a relational database
rather than as the officer's workbook: one table per kind of thing, one row
per thing, snake_case column names, typed columns (dates, numbers, booleans),
primary keys, and foreign keys between the tables. Fuzzy dates carry their
published wording, their value and the first and last day they cover, so a
portal can sort and filter by date.

``items.csv`` lists every area, objective, output, milestone, section and
indicator (and the plan itself) once, so that the link tables (owners,
themes, pledge links, events, indicators, progress) can point at any of them
with one foreign key. Organisations, bodies, posts and people are together in
``parties.csv``; pledge sets and their pledges in ``pledges.csv``. Things the
plan refers to from its registries are included, so every foreign key
resolves inside the package.

What the package does not carry (narrative sections, notes, the report,
provenance, extension fields ...) is listed in the loss report.

Text in any table that starts with ``=``, ``+``, ``-``, ``@``, a tab, a
carriage return or an apostrophe is written with one more apostrophe in front
(``'=HYPERLINK(...)``), as in the CSV export, so that a spreadsheet program
opening a table shows the text instead of running it as a formula. Remove one
leading apostrophe from a text cell to get the plan's text; the package's
description and ``README.md`` say so too.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..dates import DateValueError, Span, relate, resolve_value
from ..index import PlanIndex
from ..version import SCHEMA_VERSION, __version__
from .fields import ROOTS, document_kind, field_map
from .losses import LossKind, LossReport, item_of
from .tables import formula_guard

NOT_CARRIED = LossKind("V401", "not-in-data-package", "the data package's tables do not carry this field")
# The kinds of loss this converter declares, listed for the catalogue (openplan/catalogue.py).
LOSSES: tuple[LossKind, ...] = (NOT_CARRIED,)

# The fields each type's rows carry; anything else present in the plan is reported as a loss.
CARRIED: dict[str, set[str]] = {
    "Plan": {"openplan", "kind", "id", "title", "organisation", "period", "calendar", "language", "edition", "areas",
             "milestones", "pledges", "themes", "events", "glossary", "organisations", "bodies", "posts", "people",
             "pledge_sets"},
    "Period": {"start", "end", "text"},
    "Edition": {"status", "label", "date", "approved_by", "series"},
    "FuzzyDate": {"text", "value", "tbc", "relative_to", "relation"},
    "Area": {"id", "number", "title", "kind", "description", "parent", "owners", "objectives"},
    "Objective": {"id", "number", "title", "outcome", "description", "parent", "due", "owners", "themes", "pledges",
                  "outputs", "indicators", "progress"},
    "Output": {"id", "number", "text", "sub_items", "owners", "due", "themes", "pledges", "events", "indicators",
               "progress"},
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


@dataclass
class Table:
    name: str
    title: str
    fields: list[tuple[str, str, str]]  # (name, type, description)
    primary_key: list[str] | None = None
    foreign_keys: list[tuple[str, str]] = field(default_factory=list)  # (field, resource), to the resource's id
    rows: list[list[Any]] = field(default_factory=list)

    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"fields": [{"name": n, "type": t, "description": d} for n, t, d in self.fields]}
        if self.primary_key:
            schema["primaryKey"] = self.primary_key
            for entry in schema["fields"]:
                if entry["name"] in self.primary_key:
                    entry["constraints"] = {"required": True, "unique": len(self.primary_key) == 1}
        if self.foreign_keys:
            schema["foreignKeys"] = [{"fields": [column], "reference": {
                "resource": "" if resource == self.name else resource, "fields": ["id"]}}
                for column, resource in self.foreign_keys]
        return schema


_DUE = [("due_text", "string", "The date as published."),
        ("due_value", "string", "The date in OpenPlan date syntax (EDTF and financial years)."),
        ("due_start", "date", "The first day the date covers; empty when open or unknown."),
        ("due_end", "date", "The last day the date covers; empty when open or unknown."),
        ("due_tbc", "boolean", "True when the date is still to be confirmed."),
        ("due_relative_to", "string", "The id of the external event the date is timed against.")]


def _tables() -> dict[str, Table]:
    tables = [
        Table("plan", "The plan", [("id", "string", "The plan's id."), ("title", "string", "The plan's title."),
                                   ("organisation", "string", "The id of the organisation whose plan it is."),
                                   ("organisation_name", "string", "Its name."),
                                   ("period_start", "date", "The first day the plan covers."),
                                   ("period_end", "date", "The last day the plan covers."),
                                   ("period_text", "string", "The period as published."),
                                   ("calendar", "string", "The year the plan counts in."),
                                   ("language", "string", "The language of the text."),
                                   ("edition_status", "string", "Where the edition stands."),
                                   ("edition_label", "string", "The edition's name."),
                                   ("edition_series", "string", "The id shared by all editions."),
                                   ("edition_date", "string", "The edition's date as published."),
                                   ("approved_by", "string", "The id of the approving body."),
                                   ("schema_version", "string", "The OpenPlan version of the source file.")],
              ["id"], [("organisation", "parties")]),
        Table("items", "Every item, once", [("id", "string", "The item's id."),
                                            ("kind", "string", "plan, area, objective, output, milestone, section "
                                                               "or indicator."),
                                            ("number", "string", "The display number."),
                                            ("title", "string", "The title, or an output's text.")], ["id"]),
        Table("areas", "Areas", [("id", "string", "The area's id."), ("number", "string", "Display number."),
                                 ("title", "string", "Title."), ("kind", "string", "Kind of area."),
                                 ("parent", "string", "The id of the area it sits within."),
                                 ("description", "string", "Description.")], ["id"], [("parent", "areas")]),
        Table("objectives", "Objectives", [("id", "string", "The objective's id."),
                                           ("area", "string", "The id of its area."),
                                           ("number", "string", "Display number."), ("title", "string", "Title."),
                                           ("outcome", "string", "Outcome statement."),
                                           ("description", "string", "Description."),
                                           ("parent", "string", "The id of the objective it sits under."), *_DUE],
              ["id"], [("area", "areas"), ("parent", "objectives"), ("due_relative_to", "events")]),
        Table("outputs", "Outputs", [("id", "string", "The output's id."),
                                     ("objective", "string", "The id of its objective."),
                                     ("number", "string", "Display number."), ("text", "string", "The output."),
                                     *_DUE], ["id"], [("objective", "objectives"), ("due_relative_to", "events")]),
        Table("sub_items", "Sub-items of outputs", [("output", "string", "The id of the output."),
                                                    ("position", "integer", "Order within the output, from 1."),
                                                    ("level", "integer", "Outline level, from 1."),
                                                    ("id", "string", "The sub-item's id, if it has one."),
                                                    ("number", "string", "Display number."),
                                                    ("text", "string", "The sub-item.")],
              ["output", "position"], [("output", "outputs")]),
        Table("milestones", "Milestones", [("id", "string", "The milestone's id."),
                                           ("number", "string", "Display number."), ("title", "string", "Title."),
                                           ("description", "string", "Description."),
                                           ("part_of", "string", "The id of the milestone it is a step of."), *_DUE],
              ["id"], [("part_of", "milestones"), ("due_relative_to", "events")]),
        Table("milestone_objectives", "Objectives each milestone serves",
              [("milestone", "string", "Milestone id."), ("objective", "string", "Objective id.")],
              ["milestone", "objective"], [("milestone", "milestones"), ("objective", "objectives")]),
        Table("milestone_outputs", "Outputs each milestone serves",
              [("milestone", "string", "Milestone id."), ("output", "string", "Output id.")],
              ["milestone", "output"], [("milestone", "milestones"), ("output", "outputs")]),
        Table("parties", "Organisations, bodies, posts and people",
              [("id", "string", "The id."), ("kind", "string", "organisation, body, post or person."),
               ("name", "string", "The name or post title."), ("abbreviation", "string", "Short form."),
               ("type", "string", "The kind of organisation or body.")], ["id"]),
        Table("owners", "Who owns each item", [("item", "string", "Item id."), ("owner", "string", "Party id."),
                                               ("role", "string", "The owner's role."), ("note", "string", "Note.")],
              None, [("item", "items"), ("owner", "parties")]),
        Table("themes", "Themes", [("id", "string", "The theme's id."), ("number", "string", "Display number."),
                                   ("title", "string", "Title."), ("description", "string", "Description."),
                                   ("same_as", "string", "The recurring theme it continues.")], ["id"],
              [("same_as", "themes")]),
        Table("item_themes", "Themes each item relates to", [("item", "string", "Item id."),
                                                             ("theme", "string", "Theme id.")],
              ["item", "theme"], [("item", "items"), ("theme", "themes")]),
        Table("events", "External events", [("id", "string", "The event's id."), ("title", "string", "Title."),
                                            ("kind", "string", "Kind of event."),
                                            ("date_text", "string", "The date as published."),
                                            ("date_value", "string", "The date in OpenPlan date syntax."),
                                            ("date_start", "date", "First day."), ("date_end", "date", "Last day."),
                                            ("description", "string", "Description.")], ["id"]),
        Table("item_events", "External events each item depends on", [("item", "string", "Item id."),
                                                                      ("event", "string", "Event id.")],
              ["item", "event"], [("item", "items"), ("event", "events")]),
        Table("pledges", "Pledge sets and pledges", [("id", "string", "The id."),
                                                     ("kind", "string", "set or pledge."),
                                                     ("pledge_set", "string", "The set a pledge belongs to."),
                                                     ("number", "string", "Display number."),
                                                     ("title", "string", "Title."), ("text", "string", "The pledge.")],
              ["id"], [("pledge_set", "pledges")]),
        Table("pledge_links", "Links from items to pledges", [("item", "string", "Item id (or the plan's id)."),
                                                              ("pledge", "string", "Pledge or pledge set id."),
                                                              ("type", "string", "How the item relates to it."),
                                                              ("note", "string", "Note.")], None,
              [("item", "items"), ("pledge", "pledges")]),
        Table("indicators", "Indicators", [("id", "string", "The indicator's id."),
                                           ("item", "string", "The item it measures."),
                                           ("title", "string", "What is measured."), ("unit", "string", "Unit."),
                                           ("direction", "string", "Whether higher or lower is better."),
                                           ("baseline_value", "number", "Baseline value."),
                                           ("baseline_text", "string", "Baseline as published."),
                                           ("source", "string", "Where the values come from.")], ["id"],
              [("item", "items")]),
        Table("targets", "Targets of indicators", [("indicator", "string", "Indicator id."),
                                                   ("value", "number", "Target value."), *_DUE[:5],
                                                   ("text", "string", "The target as published.")], None,
              [("indicator", "indicators")]),
        Table("progress", "Progress updates", [("item", "string", "Item or indicator id."),
                                               ("date", "date", "The day of the update."),
                                               ("status", "string", "Status."), ("rag", "string", "RAG rating."),
                                               ("percent_complete", "number", "Percent complete."),
                                               ("value", "number", "Value measured."), ("note", "string", "Note.")],
              None, [("item", "items")]),
        Table("glossary", "Glossary", [("term", "string", "Term."), ("expansion", "string", "Expansion."),
                                       ("definition", "string", "Definition.")]),
    ]
    return {table.name: table for table in tables}


class _Builder:
    def __init__(self, data: dict[str, Any], index: PlanIndex | None):
        self.data = data
        self.index = index
        self.tables = _tables()

    def add(self, table: str, *values: Any) -> None:
        self.tables[table].rows.append(list(values))

    def span(self, date: dict[str, Any] | None) -> Span | None:
        if not isinstance(date, dict) or date.get("tbc"):
            return None
        try:
            if date.get("value") is not None:
                return resolve_value(date["value"])
            event = date.get("relative_to")
            if isinstance(event, str) and self.index is not None and event in self.index.items:
                when = self.index.items[event].data.get("date") or {}
                if when.get("value") is not None:
                    return relate(date.get("relation", "at"), resolve_value(when["value"]))
        except DateValueError:
            return None
        return None

    def due(self, date: dict[str, Any] | None, relative: bool = True) -> list[Any]:
        date = date if isinstance(date, dict) else {}
        span = self.span(date)
        values = [date.get("text"), None if date.get("value") is None else str(date["value"]),
                  span.earliest if span else None, span.latest if span else None, bool(date.get("tbc"))]
        return values + ([date.get("relative_to")] if relative else [])

    def links(self, item_id: str, data: dict[str, Any]) -> None:
        for owner in data.get("owners") or data.get("authors") or ():
            self.add("owners", item_id, owner.get("ref"), owner.get("role"), owner.get("note"))
        for theme in data.get("themes") or ():
            self.add("item_themes", item_id, theme)
        for event in data.get("events") or ():
            self.add("item_events", item_id, event)
        for link in data.get("pledges") or ():
            if isinstance(link, dict):
                self.add("pledge_links", item_id, link.get("pledge"), link.get("type"), link.get("note"))
        for indicator in data.get("indicators") or ():
            self.indicator(item_id, indicator)
        for update in data.get("progress") or ():
            self.progress(item_id, update)

    def indicator(self, item_id: str, indicator: dict[str, Any]) -> None:
        ident = indicator["id"]
        baseline = indicator.get("baseline") or {}
        self.add("items", ident, "indicator", None, indicator.get("title"))
        self.add("indicators", ident, item_id, indicator.get("title"), indicator.get("unit"),
                 indicator.get("direction"), baseline.get("value"), baseline.get("text"), indicator.get("source"))
        for target in indicator.get("targets") or ():
            self.add("targets", ident, target.get("value"), *self.due(target.get("due"), relative=False),
                     target.get("text"))
        for update in indicator.get("progress") or ():
            self.progress(ident, update)

    def progress(self, item_id: str, update: dict[str, Any]) -> None:
        self.add("progress", item_id, update.get("date"), update.get("status"), update.get("rag"),
                 update.get("percent_complete"), update.get("value"), update.get("note"))

    def sub_items(self, output_id: str, items: list[dict], level: int, counter: list[int]) -> None:
        for item in items or ():
            counter[0] += 1
            self.add("sub_items", output_id, counter[0], level, item.get("id"), _text(item.get("number")),
                     item.get("text"))
            self.sub_items(output_id, item.get("items") or [], level + 1, counter)

    def registry_things(self) -> None:
        sources = [self.data]
        if self.index is not None:
            sources = [document.data for document in self.index.documents]
        seen: set[str] = set()
        for source in sources:
            for key, kind, name in (("organisations", "organisation", "name"), ("bodies", "body", "name"),
                                    ("posts", "post", "title"), ("people", "person", "name")):
                for thing in source.get(key) or ():
                    if thing.get("id") not in seen:
                        seen.add(thing["id"])
                        self.add("parties", thing["id"], kind, thing.get(name), thing.get("abbreviation"),
                                 thing.get("kind") if kind in ("organisation", "body") else None)
            for theme in source.get("themes") or ():
                if theme.get("id") not in seen:
                    seen.add(theme["id"])
                    self.add("themes", theme["id"], _text(theme.get("number")), theme.get("title"),
                             theme.get("description"), theme.get("same_as"))
            for event in source.get("events") or ():
                if event.get("id") not in seen:
                    seen.add(event["id"])
                    date = event.get("date") or {}
                    span = self.span(date)
                    self.add("events", event["id"], event.get("title"), event.get("kind"), date.get("text"),
                             None if date.get("value") is None else str(date["value"]),
                             span.earliest if span else None, span.latest if span else None, event.get("description"))
            for pledge_set in source.get("pledge_sets") or ():
                if pledge_set.get("id") in seen:
                    continue
                seen.add(pledge_set["id"])
                self.add("pledges", pledge_set["id"], "set", None, None, pledge_set.get("title"), None)
                for pledge in pledge_set.get("pledges") or ():
                    seen.add(pledge["id"])
                    self.add("pledges", pledge["id"], "pledge", pledge_set["id"], _text(pledge.get("number")),
                             pledge.get("title"), pledge.get("text"))
            if source is self.data or self.index is None:
                for entry in source.get("glossary") or ():
                    self.add("glossary", entry.get("term"), entry.get("expansion"), entry.get("definition"))

    def build(self) -> dict[str, Table]:
        data = self.data
        plan_id = data["id"]
        period = data.get("period") or {}
        edition = data.get("edition") or {}
        organisation = data.get("organisation")
        organisation_name = None
        if self.index is not None and organisation in self.index.items:
            organisation_name = self.index.items[organisation].data.get("name")
        self.add("plan", plan_id, data.get("title"), organisation, organisation_name, period.get("start"),
                 period.get("end"), period.get("text"), data.get("calendar"), data.get("language"),
                 edition.get("status"), edition.get("label"), edition.get("series"),
                 (edition.get("date") or {}).get("text") or (edition.get("date") or {}).get("value"),
                 edition.get("approved_by"), data.get("openplan"))
        self.add("items", plan_id, "plan", None, data.get("title"))
        self.registry_things()
        for link in data.get("pledges") or ():
            self.add("pledge_links", plan_id, link.get("pledge"), link.get("type"), link.get("note"))
        for section in data.get("sections") or ():
            self.add("items", section["id"], "section", _text(section.get("number")), section.get("title"))
            for author in section.get("authors") or ():
                self.add("owners", section["id"], author.get("ref"), author.get("role"), author.get("note"))
        for area in data.get("areas") or ():
            self.add("items", area["id"], "area", _text(area.get("number")), area.get("title"))
            self.add("areas", area["id"], _text(area.get("number")), area.get("title"), area.get("kind"),
                     area.get("parent"), area.get("description"))
            self.links(area["id"], area)
            for objective in area.get("objectives") or ():
                ident = objective["id"]
                self.add("items", ident, "objective", _text(objective.get("number")), objective.get("title"))
                self.add("objectives", ident, area["id"], _text(objective.get("number")), objective.get("title"),
                         objective.get("outcome"), objective.get("description"), objective.get("parent"),
                         *self.due(objective.get("due")))
                self.links(ident, objective)
                for output in objective.get("outputs") or ():
                    self.add("items", output["id"], "output", _text(output.get("number")), output.get("text"))
                    self.add("outputs", output["id"], ident, _text(output.get("number")), output.get("text"),
                             *self.due(output.get("due")))
                    self.links(output["id"], output)
                    self.sub_items(output["id"], output.get("sub_items") or [], 1, [0])
        for milestone in data.get("milestones") or ():
            ident = milestone["id"]
            self.add("items", ident, "milestone", _text(milestone.get("number")), milestone.get("title"))
            self.add("milestones", ident, _text(milestone.get("number")), milestone.get("title"),
                     milestone.get("description"), milestone.get("part_of"), *self.due(milestone.get("due")))
            for objective in dict.fromkeys(milestone.get("objectives") or ()):
                self.add("milestone_objectives", ident, objective)
            for output in dict.fromkeys(milestone.get("outputs") or ()):
                self.add("milestone_outputs", ident, output)
            self.links(ident, milestone)
        for name in ("item_themes", "item_events"):
            self.tables[name].rows = [list(row) for row in dict.fromkeys(tuple(row) for row in self.tables[name].rows)]
        return self.tables


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return str(value)
    return formula_guard(str(value))  # text only: numbers and dates stay as their types read them


GUARD_NOTE = ("Text that a spreadsheet program would run as a formula (text starting with =, +, -, @, a tab or a "
              "carriage return), and text starting with an apostrophe, is written with one more apostrophe in "
              "front, so that it shows as text: remove one leading apostrophe from a text cell to get the plan's "
              "text.")


def _one_line(text: str) -> str:
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def package_name(plan_id: str) -> str:
    return re.sub(r"[^a-z0-9._-]+", "-", plan_id.lower()).strip("-") or "openplan"


def render(data: dict[str, Any], index: PlanIndex | None = None) -> dict[str, bytes]:
    """The data package: ``datapackage.json`` and one CSV file per table (file name -> content)."""
    if document_kind(data) == "registry":
        raise ValueError("a data package is made from a plan, not from a registry file")
    tables = _Builder(data, index).build()
    files: dict[str, bytes] = {}
    resources = []
    for table in tables.values():
        stream = io.StringIO()
        # CRLF (RFC 4180): with "\n" alone, a text holding a carriage return is not quoted and splits its row.
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow([name for name, _, _ in table.fields])
        writer.writerows([_cell(value) for value in row] for row in table.rows)
        path = f"{table.name}.csv"
        files[path] = stream.getvalue().encode("utf-8")
        resources.append({"name": table.name, "title": table.title, "path": path, "profile": "tabular-data-resource",
                          "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": table.schema()})
    descriptor = {
        "profile": "tabular-data-package",
        "name": package_name(str(data.get("id", "plan"))),
        "title": str(data.get("title", "")),
        "description": f"The OpenPlan {SCHEMA_VERSION} plan {data.get('id')} as tables, made by openplan "
                       f"{__version__}. {GUARD_NOTE}",
        "resources": resources,
    }
    files["datapackage.json"] = (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    files["README.md"] = (f"# {_one_line(descriptor['title']) or descriptor['name']}\n\n"
                          f"{descriptor['description']}\n\n"
                          "The tables and their columns are described in `datapackage.json` "
                          "(a Frictionless Data Package).\n").encode("utf-8")
    return files


def losses(data: dict[str, Any], document=None) -> LossReport:
    """Every field present in the plan that no table carries."""
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
            if key not in carried:
                report.add(NOT_CARRIED, parts + (key,), f"{type_name}.{key}", item=item_of(parts, data))
            elif key in known and known[key].type_name:
                stack.append((entry, parts + (key,), known[key].type_name))
    return report
