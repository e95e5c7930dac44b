"""Import: an OpenPlan draft from a StratML Part 1 document, with what could not be imported."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from ...version import SCHEMA_VERSION, __version__
from .. import errors as rules
from ..errors import ConvertError, error
from ..imported import Imported
from ..losses import LossReport
from .common import IMPORT_LEFT_OUT, MAX_BYTES


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(node: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in node if _local(child.tag) == name]


def _text_of(node: ET.Element, name: str) -> str | None:
    for child in node:
        if _local(child.tag) == name:
            text = (child.text or "").strip()
            return text or None
    return None


def _slug(text: str, limit: int = 40) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return (words[:limit].rstrip("-") or "item")


class _Ids:
    def __init__(self) -> None:
        self.used: set[str] = set()
        # The last suffix tried for each base, so that 20,000 goals sharing one name or identifier each take
        # the next free suffix instead of trying every taken one again (which grew with the square).
        self.counts: dict[str, int] = {}

    def make(self, prefix: str, given: str | None, name: str) -> str:
        if given and re.match(r"^[A-Za-z][A-Za-z0-9_.-]*$", given) and given not in self.used:
            self.used.add(given)
            return given
        base = f"{prefix}.{_slug(name)}"
        count = self.counts.get(base, 1)
        ident = base if count == 1 else f"{base}-{count}"
        while ident in self.used:
            count += 1
            ident = f"{base}-{count}"
        self.counts[base] = count
        self.used.add(ident)
        return ident


_ROLES = {entry_title.casefold(): code for code, entry_title in
          (("lead", "Lead"), ("co-lead", "Co-lead"), ("accountable", "Accountable"), ("responsible", "Responsible"),
           ("partner", "Partner"), ("support", "Support"), ("oversight", "Oversight"))}


def parse_xml(raw: bytes, file: str) -> ET.Element:
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    if len(raw) > MAX_BYTES:
        raise ConvertError([error(rules.LIMIT, f"the file is larger than the limit of {MAX_BYTES:,} bytes", file)])
    try:
        return SafeET.fromstring(raw, forbid_dtd=True)
    except DefusedXmlException:
        raise ConvertError([error(rules.UNSAFE_XML, "the XML declares a DTD or entities; StratML files never need "
                                  "them, so it is refused as unsafe", file)]) from None
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", (None, None))
        raise ConvertError([error(rules.UNREADABLE, f"the file is not well-formed XML: {exc}", file, line,
                                  (column + 1) if column is not None else None)]) from None
    except LookupError as exc:  # the XML declaration names an encoding Python does not know
        name = str(exc).rpartition(": ")[2] or "?"
        raise ConvertError([error(rules.UNREADABLE, f'the XML declares the encoding "{name}", which is not known; '
                                  "save the file as UTF-8", file, 1, 1)]) from None


def read_input(source: Path | bytes, display: str, *, allow_outside: bool = False) -> Imported:
    """The reader interface of :mod:`openplan.convert.registry`. A StratML file names no other file, so
    ``allow_outside`` changes nothing. Raises ConvertError."""
    # A file's size is checked before it is read; given bytes, parse_xml checks it.
    raw = source if isinstance(source, (bytes, bytearray)) else rules.read_input(source, display, MAX_BYTES)
    data, losses = read(raw, display)
    return Imported(data, losses=losses)


def read(raw: bytes, file: str = "<stratml>", *, today: date | None = None) -> tuple[dict[str, Any], LossReport]:
    """An OpenPlan draft from StratML Part 1 XML, and what was not imported. Raises ConvertError."""
    root = parse_xml(raw, file)
    kind = _local(root.tag)
    if kind not in ("StrategicPlan", "PerformancePlanOrReport"):
        raise ConvertError([error(rules.NOT_STRATML, f"the root element is {kind}, not StrategicPlan (StratML Part 1)",
                                  file)])
    report = LossReport("stratml-import")
    ids = _Ids()
    title = _text_of(root, "Name") or "Untitled plan"
    admin = next(iter(_children(root, "AdministrativeInformation")), None)
    plan_id = ids.make("stratml", (_text_of(admin, "Identifier") if admin is not None else None), title)
    core = next(iter(_children(root, "StrategicPlanCore")), None)
    if core is None:
        raise ConvertError([error(rules.NOT_STRATML, "the file has no StrategicPlanCore element", file)])
    data: dict[str, Any] = {"openplan": SCHEMA_VERSION, "kind": "plan", "id": plan_id, "title": title}
    organisations: list[dict] = []
    bodies: list[dict] = []
    people: list[dict] = []
    parties: dict[tuple[str, str], str] = {}

    def party(node: ET.Element) -> dict[str, Any] | None:
        name = _text_of(node, "Name")
        if not name:
            return None
        kind = node.get("StakeholderTypeType") or "Generic_Group"
        key = (kind, name)
        if key not in parties:
            if kind == "Person":
                ident = ids.make("person", None, name)
                people.append({"id": ident, "name": name})
            elif kind == "Organization":
                ident = ids.make("org", None, name)
                organisations.append({"id": ident, "name": name})
            else:
                ident = ids.make("body", None, name)
                bodies.append({"id": ident, "name": name, "kind": "other"})
            parties[key] = ident
        link: dict[str, Any] = {"ref": parties[key]}
        description = _text_of(node, "Description") or ""
        role, _, note = description.partition(":")
        if role.strip().casefold() in _ROLES:
            link["role"] = _ROLES[role.strip().casefold()]
            if note.strip():
                link["note"] = note.strip()
        else:
            link["role"] = "partner"
            if description:
                link["note"] = description
        return link

    def owners(node: ET.Element) -> list[dict]:
        return [link for link in (party(s) for s in _children(node, "Stakeholder")) if link]

    organisation_id = None
    for org in _children(core, "Organization"):
        name = _text_of(org, "Name") or _text_of(org, "Acronym") or "Unnamed organisation"
        entry = {"id": ids.make("org", _text_of(org, "Identifier"), name), "name": name}
        if _text_of(org, "Acronym"):
            entry["abbreviation"] = _text_of(org, "Acronym")
        if _text_of(org, "Description"):
            entry["description"] = _text_of(org, "Description")
        organisations.append(entry)
        organisation_id = organisation_id or entry["id"]
        for stakeholder in _children(org, "Stakeholder"):
            party(stakeholder)
    if organisation_id is None:
        organisation_id = ids.make("org", None, "unnamed organisation")
        organisations.insert(0, {"id": organisation_id, "name": "Unnamed organisation"})
        report.add(IMPORT_LEFT_OUT, ("organisation",), "the file names no organisation; one was added to be named")
    data["organisation"] = organisation_id
    data["period"] = _period(admin, today)
    data["edition"] = {"status": "draft", "label": "Imported from StratML"}
    sections = []
    for tag, label in (("Vision", "Vision"), ("Mission", "Mission")):
        for node in _children(core, tag):
            text = _text_of(node, "Description")
            if text:
                sections.append({"id": ids.make("sec", _text_of(node, "Identifier"), label), "kind": "purpose",
                                 "title": label, "text": text})
    principles = []
    for node in _children(core, "Value"):
        name, text = _text_of(node, "Name"), _text_of(node, "Description")
        if name or text:
            principles.append({"text": f"{name}: {text}" if name and text else (name or text)})
    objectives = []
    for number, goal in enumerate(_children(core, "Goal"), 1):
        name = _text_of(goal, "Name") or f"Goal {number}"
        objective: dict[str, Any] = {"id": ids.make("obj", _text_of(goal, "Identifier"), name)}
        if _text_of(goal, "SequenceIndicator"):
            objective["number"] = _text_of(goal, "SequenceIndicator")
        objective["title"] = name
        if _text_of(goal, "Description"):
            objective["outcome"] = _text_of(goal, "Description")
        if _text_of(goal, "OtherInformation"):
            objective["description"] = _text_of(goal, "OtherInformation")
        links = owners(goal)
        if links:
            objective["owners"] = links
        outputs = []
        for node in _children(goal, "Objective"):
            name_part, description = _text_of(node, "Name"), _text_of(node, "Description")
            text = f"{name_part}: {description}" if name_part and description else (name_part or description)
            if not text:
                report.add(IMPORT_LEFT_OUT, ("areas", 0, "objectives", len(objectives)),
                           "a StratML objective with neither name nor description")
                continue
            output: dict[str, Any] = {"id": ids.make("out", _text_of(node, "Identifier"), name_part or text)}
            if _text_of(node, "SequenceIndicator"):
                output["number"] = _text_of(node, "SequenceIndicator")
            output["text"] = text
            links = owners(node)
            if links:
                output["owners"] = links
            if _text_of(node, "OtherInformation"):
                output["notes"] = [{"kind": "other", "text": _text_of(node, "OtherInformation")}]
            for indicator in _children(node, "PerformanceIndicator"):
                report.add(IMPORT_LEFT_OUT, ("areas", 0, "objectives", len(objectives), "outputs", len(outputs)),
                           f"the Part 2 performance indicator {_text_of(indicator, 'MeasurementDimension') or ''}"
                           .strip())
            outputs.append(output)
        if outputs:
            objective["outputs"] = outputs
        objectives.append(objective)
    data["sources"] = [{"title": title, "format": "StratML"}]
    if admin is not None and _text_of(admin, "Source"):
        data["sources"][0]["url"] = _text_of(admin, "Source")
    data["provenance"] = {"method": f"Imported from StratML by openplan {__version__}.",
                          "note": "StratML goals are objectives and StratML objectives are outputs, all in one "
                                  "area; stakeholders are owners (as partners where StratML gives no role)."}
    if sections:
        data["sections"] = sections
    if principles:
        data["principles"] = principles
    data["areas"] = [{"id": ids.make("area", None, "goals"), "title": "Goals", "kind": "objective-group",
                      **({"objectives": objectives} if objectives else {})}]
    if organisations:
        data["organisations"] = organisations
    if bodies:
        data["bodies"] = bodies
    if people:
        data["people"] = people
    submitter = None
    if admin is not None:
        submitter = next(iter(_children(admin, "Submitter")), None)
    submitter = submitter if submitter is not None else next(iter(_children(root, "Submitter")), None)
    if submitter is not None:
        report.add(IMPORT_LEFT_OUT, ("provenance",), "the submitter's contact details")
    return data, report


def _period(admin: ET.Element | None, today: date | None) -> dict[str, str]:
    start = _text_of(admin, "StartDate") if admin is not None else None
    end = _text_of(admin, "EndDate") if admin is not None else None
    try:
        if start and end and date.fromisoformat(start) <= date.fromisoformat(end):
            return {"start": start, "end": end}
    except ValueError:
        pass
    published = _text_of(admin, "PublicationDate") if admin is not None else None
    year = (today or date.today()).year
    try:
        if published:
            year = date.fromisoformat(published).year
    except ValueError:
        pass
    return {"start": f"{year}-01-01", "end": f"{year}-12-31",
            "text": "not given in the StratML file: the calendar year of its publication (or of the import)"}
