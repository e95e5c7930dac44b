"""Export: a plan as a StratML Part 1 (strategic plan) or Part 2 (performance plan) document."""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree as ET

from ...dates import Span
from ...index import PlanIndex, date_span
from ...levels import objectives_of
from ...version import SCHEMA_VERSION
from ...xmltext import clean_tree, xml_text
from ..losses import LossReport
from ..view import code_title
from .common import AS_TEXT, INDICATOR_LEFT_OUT, MILESTONE_LEFT_OUT, NOT_CARRIED, PART1_NS, PART2_NS

_STAKEHOLDER_TYPE = {"Person": "Person", "Post": "Person", "Organisation": "Organization", "Body": "Generic_Group"}
# Top-level plan fields StratML has a place for; the rest are reported as left out.
_TOP_CARRIED = {"openplan", "kind", "id", "title", "organisation", "period", "edition", "report", "sections",
                "principles", "areas", "milestones", "themes", "organisations", "bodies", "posts", "people",
                "sources", "calendar", "language", "registries", "objectives"}


class _Export:
    def __init__(self, data: dict[str, Any], index: PlanIndex | None, part: int, report: LossReport):
        self.data = data
        self.index = index
        self.part = part
        self.ns = PART1_NS if part == 1 else PART2_NS
        self.report = report
        self.ids: set[str] = set()

    def el(self, parent: ET.Element | None, tag: str, text: Any = None, **attributes: str) -> ET.Element:
        name = f"{{{self.ns}}}{tag}"
        node = ET.Element(name, attributes) if parent is None else ET.SubElement(parent, name, attributes)
        if text is not None:
            node.text = _xml_text(str(text))
        return node

    def identifier(self, parent: ET.Element, ident: Any) -> None:
        if isinstance(ident, str) and re.match(r"^[A-Za-z_][A-Za-z0-9_.-]*$", ident) and ident not in self.ids:
            self.ids.add(ident)
            self.el(parent, "Identifier", ident)

    def name(self, ident: str) -> str:
        item = self.index.items.get(ident) if self.index is not None else None
        if item is None:
            return ident
        return str(item.data.get("title") or item.data.get("name") or item.data.get("text") or ident)

    def kind(self, ident: str) -> str:
        item = self.index.items.get(ident) if self.index is not None else None
        return item.kind if item is not None else ""

    def span(self, due: dict[str, Any] | None) -> Span | None:
        if not isinstance(due, dict) or due.get("tbc"):
            return None
        return date_span(due, self.index)

    def stakeholders(self, parent: ET.Element, owners: list[dict] | None, parts: tuple) -> None:
        for position, owner in enumerate(owners or ()):
            ref = owner.get("ref")
            if not isinstance(ref, str):
                continue
            role = code_title("owner-role", owner.get("role")) if owner.get("role") else "Lead"
            kind = _STAKEHOLDER_TYPE.get(self.kind(ref))
            node = self.el(parent, "Stakeholder", **({"StakeholderTypeType": kind} if kind else {}))
            self.el(node, "Name", self.name(ref))
            description = f"{role}: {owner['note']}" if owner.get("note") else role
            self.el(node, "Description", description)
            if self.part == 2:
                role_node = self.el(node, "Role")
                self.el(role_node, "Name", role)
                self.el(role_node, "RoleType", "Performer")

    def other(self, parent: ET.Element, item: dict[str, Any], parts: tuple, *, area: dict | None = None) -> None:
        lines = []
        ident = item.get("id")
        if area is not None:
            head = f"{area.get('number', '')} {area.get('title', '')}".strip()
            lines.append(f"Area: {head}")
            self.report.add(AS_TEXT, parts, f"the area of {ident} ({head})", item=ident)
        due = item.get("due")
        if isinstance(due, dict):
            lines.append(f"Due: {due.get('text') or due.get('value') or ('to be confirmed' if due.get('tbc') else '')}"
                         .rstrip())
            self.report.add(AS_TEXT, parts + ("due",), "the due date", item=ident)
        if item.get("themes"):
            lines.append("Themes: " + "; ".join(self.name(t) for t in item["themes"]))
            self.report.add(AS_TEXT, parts + ("themes",), "themes", item=ident)
        if item.get("pledges"):
            lines.append("Pledges: " + "; ".join(f"{self.name(p.get('pledge', ''))} ({p.get('type', '')})"
                                                 for p in item["pledges"]))
            self.report.add(AS_TEXT, parts + ("pledges",), "pledge links", item=ident)
        if item.get("events"):
            lines.append("External events: " + "; ".join(self.name(e) for e in item["events"]))
            self.report.add(AS_TEXT, parts + ("events",), "external events", item=ident)
        if item.get("sub_items"):
            lines.append("Sub-items: " + " ".join(_flatten_statements(item["sub_items"])))
            self.report.add(AS_TEXT, parts + ("sub_items",), "sub-items", item=ident)
        if item.get("description") and item.get("outcome"):
            lines.append(str(item["description"]))
        if item.get("parent"):
            lines.append(f"Part of: {self.name(item['parent'])}")
        if lines:
            self.el(parent, "OtherInformation", "\n".join(lines))
        for key in ("progress", "notes"):
            if item.get(key):
                self.report.add(NOT_CARRIED, parts + (key,), key, item=ident)

    def indicator(self, parent: ET.Element, indicator: dict[str, Any], stage: str) -> None:
        node = self.el(parent, "PerformanceIndicator", PerformanceIndicatorType="Quantitative",
                       ValueChainStage=stage)
        self.el(node, "MeasurementDimension", indicator.get("title", ""))
        self.el(node, "UnitOfMeasurement", indicator.get("unit") or "units")
        self.identifier(node, indicator.get("id"))
        targets = indicator.get("targets") or []
        actuals = [p for p in indicator.get("progress") or () if p.get("value") is not None]
        if targets or actuals:
            instance = self.el(node, "MeasurementInstance")
            for target in targets:
                result = self.el(instance, "TargetResult")
                span = self.span(target.get("due"))
                if span and span.earliest:
                    self.el(result, "StartDate", span.earliest.isoformat())
                if span and span.latest:
                    self.el(result, "EndDate", span.latest.isoformat())
                self.el(result, "NumberOfUnits", _decimal(target.get("value")))
                if target.get("text"):
                    self.el(result, "Description", target["text"])
            for actual in actuals:
                result = self.el(instance, "ActualResult")
                self.el(result, "StartDate", actual["date"])
                self.el(result, "EndDate", actual["date"])
                self.el(result, "NumberOfUnits", _decimal(actual["value"]))
                if actual.get("note"):
                    self.el(result, "Description", actual["note"])
        extra = []
        if indicator.get("baseline"):
            baseline = indicator["baseline"]
            extra.append(f"Baseline: {baseline.get('text') or _decimal(baseline.get('value'))}")
        if indicator.get("direction"):
            extra.append(f"Direction: {indicator['direction']}")
        if indicator.get("source"):
            extra.append(f"Source: {indicator['source']}")
        if extra:
            self.el(node, "OtherInformation", "\n".join(extra))

    def milestone(self, parent: ET.Element, milestone: dict[str, Any], parts: tuple) -> None:
        node = self.el(parent, "Objective")
        self.el(node, "Name", milestone.get("title", ""))
        if milestone.get("description"):
            self.el(node, "Description", milestone["description"])
        self.identifier(node, milestone.get("id"))
        if milestone.get("number") is not None:
            self.el(node, "SequenceIndicator", milestone["number"])
        self.stakeholders(node, milestone.get("owners"), parts + ("owners",))
        self.el(node, "OtherInformation", "Milestone" + (f". Due: {milestone['due'].get('text')}"
                                                         if isinstance(milestone.get("due"), dict) and
                                                         milestone["due"].get("text") else ""))
        indicator = self.el(node, "PerformanceIndicator", PerformanceIndicatorType="Qualitative",
                            ValueChainStage="Output")
        self.el(indicator, "MeasurementDimension", "Milestone reached")
        self.el(indicator, "UnitOfMeasurement", "milestone")
        due = milestone.get("due") if isinstance(milestone.get("due"), dict) else {}
        span = self.span(due)
        instance = self.el(indicator, "MeasurementInstance")
        result = self.el(instance, "TargetResult")
        if span and span.earliest:
            self.el(result, "StartDate", span.earliest.isoformat())
        if span and span.latest:
            self.el(result, "EndDate", span.latest.isoformat())
        self.el(result, "Description", due.get("text") or ("To be confirmed" if due.get("tbc") else "No date given"))
        for key in ("themes", "pledges", "events", "indicators", "progress", "notes", "part_of"):
            if milestone.get(key):
                self.report.add(NOT_CARRIED, parts + (key,), key, item=milestone.get("id"))

    def build(self) -> ET.Element:
        data = self.data
        if self.part == 1:
            root = self.el(None, "StrategicPlan")
        else:
            root = self.el(None, "PerformancePlanOrReport", Type="Performance_Plan")
        self.el(root, "Name", data.get("title", ""))
        report = data.get("report") or {}
        if report.get("summary"):
            self.el(root, "Description", report["summary"])
        facts = self.facts()
        if facts:
            self.el(root, "OtherInformation", "\n".join(facts))
        core = self.el(root, "StrategicPlanCore")
        organisation = data.get("organisation")
        if isinstance(organisation, str):
            item = self.index.items.get(organisation) if self.index is not None else None
            org = self.el(core, "Organization")
            org_data = item.data if item is not None else {}
            self.el(org, "Name", org_data.get("name", organisation))
            if org_data.get("abbreviation"):
                self.el(org, "Acronym", org_data["abbreviation"])
            self.identifier(org, organisation)
            if org_data.get("description"):
                self.el(org, "Description", org_data["description"])
        purpose = [s for s in data.get("sections") or () if s.get("kind") == "purpose" and s.get("text")]
        if purpose:
            mission = self.el(core, "Mission")
            self.el(mission, "Description", purpose[0]["text"])
            self.identifier(mission, purpose[0].get("id"))
        for position, section in enumerate(data.get("sections") or ()):
            if not purpose or section is not purpose[0]:
                self.report.add(NOT_CARRIED, ("sections", position), "a narrative section", item=section.get("id"))
        for principle in data.get("principles") or ():
            value = self.el(core, "Value")
            self.el(value, "Description", " ".join(_flatten_statements([principle])))
        milestones_at: dict[str, list[tuple[dict, tuple]]] = {}
        placed: set[str] = set()
        if self.part == 2:
            where = {}
            for objective, _at, _area in objectives_of(data):
                where[objective["id"]] = objective["id"]
                for output in objective.get("outputs") or ():
                    where[output["id"]] = objective["id"]
            for position, milestone in enumerate(data.get("milestones") or ()):
                served = [where[ref] for ref in (milestone.get("objectives") or []) + (milestone.get("outputs") or [])
                          if ref in where]
                if served:
                    milestones_at.setdefault(served[0], []).append((milestone, ("milestones", position)))
                    placed.add(milestone.get("id"))
        for position, milestone in enumerate(data.get("milestones") or ()):
            if milestone.get("id") not in placed:
                self.report.add(MILESTONE_LEFT_OUT, ("milestones", position),
                                f'milestone "{milestone.get("title", "")}"', item=milestone.get("id"))
        goals = 0
        for objective, parts, area in objectives_of(data):  # under an area, or directly under the plan
            goals += 1
            goal = self.el(core, "Goal")
            number = objective.get("number")
            self.el(goal, "Name", objective.get("title", ""))
            self.el(goal, "Description", objective.get("outcome") or objective.get("description")
                    or objective.get("title", ""))
            self.identifier(goal, objective.get("id"))
            if number is not None:
                self.el(goal, "SequenceIndicator", number)
            self.stakeholders(goal, objective.get("owners"), parts + ("owners",))
            self.other(goal, objective, parts, area=area)
            for i, indicator in enumerate(objective.get("indicators") or ()):
                self.report.add(INDICATOR_LEFT_OUT, parts + ("indicators", i), indicator.get("title", ""),
                                item=indicator.get("id"))
            for p, output in enumerate(objective.get("outputs") or ()):
                self.output(goal, output, parts + ("outputs", p))
            for milestone, milestone_parts in milestones_at.get(objective.get("id"), []):
                self.milestone(goal, milestone, milestone_parts)
        if not goals:
            goal = self.el(core, "Goal")
            self.el(goal, "Name", data.get("title", ""))
            self.el(goal, "Description", "The plan has no objectives.")
        self.administrative(root)
        self.leftovers()
        return root

    def output(self, goal: ET.Element, output: dict[str, Any], parts: tuple) -> None:
        node = self.el(goal, "Objective")
        if output.get("title"):
            self.el(node, "Name", output["title"])
        self.el(node, "Description", output.get("text") or output.get("description") or output.get("title", ""))
        self.identifier(node, output.get("id"))
        if output.get("number") is not None:
            self.el(node, "SequenceIndicator", output["number"])
        self.stakeholders(node, output.get("owners"), parts + ("owners",))
        self.other(node, output, parts)
        for i, indicator in enumerate(output.get("indicators") or ()):
            if self.part == 2:
                self.indicator(node, indicator, "Output")
            else:
                self.report.add(INDICATOR_LEFT_OUT, parts + ("indicators", i), indicator.get("title", ""),
                                item=indicator.get("id"))

    def facts(self) -> list[str]:
        data = self.data
        edition = data.get("edition") or {}
        facts = [f"OpenPlan plan {data.get('id')} (OpenPlan {data.get('openplan', SCHEMA_VERSION)})"]
        status = code_title("edition-status", edition.get("status"))
        label = f" ({edition['label']})" if edition.get("label") else ""
        facts.append(f"Edition: {status}{label}")
        if isinstance(edition.get("approved_by"), str):
            facts.append(f"Approved by: {self.name(edition['approved_by'])}")
        period = data.get("period") or {}
        if period.get("text"):
            facts.append(f"Period: {period['text']}")
        themes = [t.get("title", "") for t in data.get("themes") or ()]
        if themes:
            facts.append("Themes: " + "; ".join(themes))
            self.report.add(AS_TEXT, ("themes",), "the plan's themes", item=data.get("id"))
        return facts

    def administrative(self, root: ET.Element) -> None:
        data = self.data
        admin = self.el(root, "AdministrativeInformation")
        if self.part == 2:
            self.identifier(admin, f"{data.get('id')}.administrative")
        period = data.get("period") or {}
        if period.get("start"):
            self.el(admin, "StartDate", period["start"])
        if period.get("end"):
            self.el(admin, "EndDate", period["end"])
        edition_date = self.span((data.get("edition") or {}).get("date"))
        if edition_date and edition_date.earliest and edition_date.earliest == edition_date.latest:
            self.el(admin, "PublicationDate", edition_date.earliest.isoformat())
        urls = [s["url"] for s in data.get("sources") or () if isinstance(s.get("url"), str)
                and re.match(r"^https?://\S+$", s["url"])]
        if urls:
            self.el(admin, "Source", urls[0])
        contact = (data.get("report") or {}).get("contact")
        item = self.index.items.get(contact) if (self.index is not None and isinstance(contact, str)) else None
        if item is not None:
            holder = admin if self.part == 1 else root
            submitter = self.el(holder, "Submitter")
            names = str(item.data.get("name", "")).split()
            if self.part == 2:
                self.identifier(submitter, f"{contact}.submitter")
            if names:
                self.el(submitter, "GivenName", " ".join(names[:-1]) or names[0])
                if len(names) > 1:
                    self.el(submitter, "Surname", names[-1])
            if item.data.get("telephone"):
                self.el(submitter, "PhoneNumber", item.data["telephone"])
            if item.data.get("email"):
                self.el(submitter, "EmailAddress", item.data["email"])

    def leftovers(self) -> None:
        data = self.data
        for key, value in data.items():
            if key not in _TOP_CARRIED and value not in (None, [], {}):
                self.report.add(NOT_CARRIED, (key,), key, item=data.get("id"))
        report = data.get("report") or {}
        for key in report:
            if key not in ("summary", "contact"):
                self.report.add(NOT_CARRIED, ("report", key), f"report {key}", item=data.get("id"))
        for position, area in enumerate(data.get("areas") or ()):
            for key in ("owners", "notes", "description"):
                if area.get(key):
                    self.report.add(NOT_CARRIED, ("areas", position, key), f"area {key}", item=area.get("id"))
        for position, _ in enumerate((data.get("sources") or [])[1:], 1):
            self.report.add(NOT_CARRIED, ("sources", position), "a further source", item=data.get("id"))


def _decimal(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


_xml_text = xml_text  # characters XML 1.0 cannot hold are replaced, so the document always parses


def _flatten_statements(items: list[dict]) -> list[str]:
    found = []
    for item in items or ():
        number = f"{item['number']}. " if item.get("number") is not None else ""
        found.append(f"{number}{item.get('text', '')}".strip())
        found.extend(_flatten_statements(item.get("items") or []))
    return found


def render(data: dict[str, Any], index: PlanIndex | None = None, *, part: int = 1) -> bytes:
    """The plan as StratML Part 1 (``part=1``) or Part 2 (``part=2``) XML."""
    if part not in (1, 2):
        raise ValueError("StratML has parts 1 and 2")
    root = clean_tree(_Export(data, index, part, LossReport(f"stratml{part}")).build())  # attributes too
    ET.register_namespace("", PART1_NS if part == 1 else PART2_NS)
    tree = ET.ElementTree(root)
    ET.indent(tree, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def losses(data: dict[str, Any], index: PlanIndex | None = None, document=None, *, part: int = 1) -> LossReport:
    report = LossReport(f"stratml{part}", document)
    _Export(data, index, part, report).build()
    return report
