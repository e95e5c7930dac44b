"""The package's tables: their columns, Table Schema types, primary and foreign keys."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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


def table_schemas() -> dict[str, Table]:
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
                                           ("area", "string", "The id of its area; empty for an objective "
                                                             "directly under the plan."),
                                           ("number", "string", "Display number."), ("title", "string", "Title."),
                                           ("outcome", "string", "Outcome statement."),
                                           ("description", "string", "Description."),
                                           ("parent", "string", "The id of the objective it sits under."), *_DUE],
              ["id"], [("area", "areas"), ("parent", "objectives"), ("due_relative_to", "events")]),
        Table("outputs", "Outputs", [("id", "string", "The output's id."),
                                     ("objective", "string", "The id of its objective."),
                                     ("number", "string", "Display number."), ("text", "string", "The output."),
                                     *_DUE, ("title", "string", "The output's heading, where it has one."),
                                     ("description", "string", "Description.")],
              ["id"], [("objective", "objectives"), ("due_relative_to", "events")]),
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
        Table("observations", "Indicator figures for each period", [
            ("indicator", "string", "Indicator id."),
            ("period", "string", "The period (or day) of the figure, as published, else in OpenPlan date syntax."),
            ("period_start", "date", "The first day of the period."), ("period_end", "date", "Its last day."),
            ("value", "number", "The figure; empty when published only in words."),
            ("text", "string", "The figure as published."), ("target", "number", "The target in force."),
            ("target_text", "string", "The target as published."), ("rag", "string", "The RAG rating published."),
            ("computed_rag", "string", "The RAG rating the plan's tolerance gives the figure."),
            ("trend", "string", "The trend as published, else worked out from the previous figure."),
            ("source", "string", "plan (an indicator's recorded actual) or report (a progress report).")],
              None, [("indicator", "indicators")]),
        Table("glossary", "Glossary", [("term", "string", "Term."), ("expansion", "string", "Expansion."),
                                       ("definition", "string", "Definition.")]),
    ]
    return {table.name: table for table in tables}
