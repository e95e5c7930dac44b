"""The rows of the package's tables, made from a plan and the registry entries it refers to."""

from __future__ import annotations

from typing import Any

from ...dates import Span
from ...index import PlanIndex, date_span
from ...levels import objectives_of
from .schema import Table, table_schemas


class RowBuilder:
    def __init__(self, data: dict[str, Any], index: PlanIndex | None):
        self.data = data
        self.index = index
        self.tables = table_schemas()

    def add(self, table: str, *values: Any) -> None:
        self.tables[table].rows.append(list(values))

    def span(self, date: dict[str, Any] | None) -> Span | None:
        if not isinstance(date, dict) or date.get("tbc"):
            return None
        return date_span(date, self.index)

    def due(self, date: dict[str, Any] | None, relative: bool = True) -> list[Any]:
        date = date if isinstance(date, dict) else {}
        span = self.span(date)
        values = [date.get("text"), None if date.get("value") is None else str(date["value"]),
                  span.earliest if span else None, span.latest if span else None, bool(date.get("tbc"))]
        event = date.get("relative_to")
        # one column, one event: the first of several (the loss report names the rest)
        return values + ([event[0] if isinstance(event, list) and event else event] if relative else [])

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
        day = update.get("date") if isinstance(update.get("date"), str) else None  # a period: see observations
        self.add("progress", item_id, day, update.get("status"), update.get("rag"),
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
        for owner in data.get("owners") or ():  # the plan's own owners (1.1)
            self.add("owners", plan_id, owner.get("ref"), owner.get("role"), owner.get("note"))
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
        for objective, _at, area in objectives_of(data):  # under an area, or directly under the plan
            ident = objective["id"]
            self.add("items", ident, "objective", _text(objective.get("number")), objective.get("title"))
            self.add("objectives", ident, area["id"] if area else None, _text(objective.get("number")),
                     objective.get("title"), objective.get("outcome"), objective.get("description"),
                     objective.get("parent"), *self.due(objective.get("due")))
            self.links(ident, objective)
            for output in objective.get("outputs") or ():
                self.add("items", output["id"], "output", _text(output.get("number")),
                         output.get("title") or output.get("text"))
                self.add("outputs", output["id"], ident, _text(output.get("number")), output.get("text"),
                         *self.due(output.get("due")), output.get("title"), output.get("description"))
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
        from .performance import plan_rows, report_rows  # the observations table (1.1)

        report_rows(self) if data.get("kind") == "report" else plan_rows(self)
        for name in ("item_themes", "item_events"):
            self.tables[name].rows = [list(row) for row in dict.fromkeys(tuple(row) for row in self.tables[name].rows)]
        return self.tables


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
