"""StratML: exports valid under the Part 1 and Part 2 XSDs, and Part 1 imported into a valid OpenPlan draft."""

from __future__ import annotations

from functools import lru_cache
from xml.etree import ElementTree as ET

import pytest
import xmlschema

from openplan.convert import ConvertError, from_stratml, losses, to_stratml
from openplan.convert import source as sources
from openplan.convert.stratml import PART1_NS, PART2_NS

from .helpers import DATA, FINAL, MILESTONES, PLANS, loaded

XSD = {1: DATA / "stratml-part1-strategic-plan-20140401.xsd",
       2: DATA / "stratml-part2-performance-plan-or-report-20160506.xsd"}


@lru_cache(maxsize=None)
def schema(part: int) -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD[part]))


@pytest.mark.parametrize("part", [1, 2])
@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_every_example_exports_valid_stratml(path, part):
    plan = loaded(path)
    xml = to_stratml(plan.data, plan.index, part=part)
    errors = list(schema(part).iter_errors(xml.decode("utf-8")))
    assert errors == [], str(errors[0])


def test_the_xsds_do_reject_a_broken_document():
    plan = loaded(FINAL)
    xml = to_stratml(plan.data, plan.index, part=1).decode()
    broken = xml.replace("<Name>", "<Nme>", 1).replace("</Name>", "</Nme>", 1)
    assert not schema(1).is_valid(broken)


def _find(xml: bytes, ns: str, path: str) -> list[ET.Element]:
    return ET.fromstring(xml).findall(path.replace("s:", f"{{{ns}}}"))


def test_objectives_become_goals_and_outputs_objectives_with_their_ids():
    plan = loaded(FINAL)
    xml = to_stratml(plan.data, plan.index, part=1)
    goals = _find(xml, PART1_NS, "s:StrategicPlanCore/s:Goal")
    objectives = [o for area in plan.data["areas"] for o in area.get("objectives", [])]
    assert len(goals) == len(objectives)
    first = goals[0]
    assert first.findtext(f"{{{PART1_NS}}}Identifier") == objectives[0]["id"]
    assert first.findtext(f"{{{PART1_NS}}}Description") == objectives[0]["outcome"]
    assert "Area: 1 Recovery and Renewal" in first.findtext(f"{{{PART1_NS}}}OtherInformation")
    outputs = first.findall(f"{{{PART1_NS}}}Objective")
    assert [o.findtext(f"{{{PART1_NS}}}Identifier") for o in outputs] == \
        [o["id"] for o in objectives[0]["outputs"]]
    stakeholder = first.find(f"{{{PART1_NS}}}Objective/{{{PART1_NS}}}Stakeholder")
    assert stakeholder is not None and stakeholder.get("StakeholderTypeType") == "Generic_Group"


def test_part_2_carries_indicators_targets_and_dated_milestones():
    plan = loaded(FINAL)
    xml = to_stratml(plan.data, plan.index, part=2)
    indicators = _find(xml, PART2_NS, ".//s:PerformanceIndicator")
    apprentices = [i for i in indicators if "apprentices" in (i.findtext(f"{{{PART2_NS}}}MeasurementDimension") or "")]
    assert apprentices
    assert apprentices[0].findtext(f".//{{{PART2_NS}}}NumberOfUnits") == "100"
    roles = _find(xml, PART2_NS, ".//s:Stakeholder/s:Role/s:RoleType")
    assert roles and {r.text for r in roles} == {"Performer"}
    plan = loaded(MILESTONES)
    xml = to_stratml(plan.data, plan.index, part=2)
    dated = [o for o in _find(xml, PART2_NS, ".//s:Objective")
             if (o.findtext(f"{{{PART2_NS}}}OtherInformation") or "").startswith("Milestone")]
    assert len(dated) >= 30
    report = losses("stratml2", plan.data, plan.index)
    assert "V503" in report.codes()  # the one milestone that serves no objective


def test_the_loss_reports_name_what_stratml_cannot_hold():
    plan = loaded(FINAL)
    part1 = losses("stratml1", plan.data, plan.index, plan.document)
    assert {"V501", "V502", "V504"} <= part1.codes()
    assert any(f.pointer.endswith("/themes") for f in part1.findings if f.code == "V501")
    assert any("indicators" in f.pointer for f in part1.findings if f.code == "V504")
    part2 = losses("stratml2", plan.data, plan.index)
    assert len([f for f in part2.findings if f.code == "V504"]) < len([f for f in part1.findings if f.code == "V504"])


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_an_exported_plan_imports_as_a_valid_draft(path, tmp_path):
    plan = loaded(path)
    data, report = from_stratml(to_stratml(plan.data, plan.index, part=1), "plan.xml")
    imported = sources.from_data(data, "plan.xml", at=tmp_path / "plan.xml")
    assert imported.data["edition"]["status"] == "draft"
    objectives = [o for area in plan.data.get("areas", []) for o in area.get("objectives", [])]
    back = imported.data["areas"][0].get("objectives", [])
    assert [o["id"] for o in back] == [o["id"] for o in objectives]
    assert [o["title"] for o in back] == [o["title"] for o in objectives]
    assert [[out["text"] for out in o.get("outputs", [])] for o in back] == \
        [[out["text"] for out in o.get("outputs", [])] for o in objectives]


HAND_WRITTEN = b"""<?xml version="1.0" encoding="UTF-8"?>
<StrategicPlan xmlns="urn:ISO:std:iso:17469:tech:xsd:stratml_core">
  <Name>Riverside Borough Council Plan</Name>
  <Description>Our plan for the borough.</Description>
  <StrategicPlanCore>
    <Organization>
      <Name>Riverside Borough Council</Name>
      <Acronym>RBC</Acronym>
      <Identifier>_RBC</Identifier>
    </Organization>
    <Vision><Description>A thriving riverside.</Description></Vision>
    <Mission><Description>Serve every resident well.</Description></Mission>
    <Value><Name>Openness</Name><Description>We publish what we do.</Description></Value>
    <Goal>
      <Name>Clean river</Name>
      <Description>The river is clean enough to swim in.</Description>
      <Identifier>goal1</Identifier>
      <SequenceIndicator>1</SequenceIndicator>
      <Stakeholder StakeholderTypeType="Organization"><Name>Environment Agency</Name></Stakeholder>
      <Objective>
        <Name>Stop outfalls</Name>
        <Description>Close the three sewage outfalls.</Description>
        <Identifier>g1.o1</Identifier>
        <SequenceIndicator>1.1</SequenceIndicator>
        <Stakeholder StakeholderTypeType="Person"><Name>Jo Smith</Name><Description>Lead: project sponsor</Description></Stakeholder>
      </Objective>
      <Objective><Description>Test the water monthly.</Description></Objective>
    </Goal>
    <Goal>
      <Name>Homes</Name>
      <Description>Everyone has a decent home.</Description>
    </Goal>
  </StrategicPlanCore>
  <AdministrativeInformation>
    <StartDate>2025-04-01</StartDate>
    <EndDate>2029-03-31</EndDate>
  </AdministrativeInformation>
</StrategicPlan>
"""


def test_a_hand_written_stratml_file_imports(tmp_path):
    assert schema(1).is_valid(HAND_WRITTEN.decode())
    data, report = from_stratml(HAND_WRITTEN, "riverside.xml")
    plan = sources.from_data(data, "riverside.xml", at=tmp_path / "riverside.xml").data
    assert plan["title"] == "Riverside Borough Council Plan"
    assert plan["period"] == {"start": "2025-04-01", "end": "2029-03-31"}
    assert plan["organisations"][0] == {"id": "org.riverside-borough-council", "name": "Riverside Borough Council",
                                        "abbreviation": "RBC"}  # "_RBC" is an xsd:ID but not an OpenPlan id
    goals = plan["areas"][0]["objectives"]
    assert [(g["id"], g["title"], g.get("outcome")) for g in goals] == [
        ("goal1", "Clean river", "The river is clean enough to swim in."),
        ("obj.homes", "Homes", "Everyone has a decent home.")]
    outputs = goals[0]["outputs"]
    assert outputs[0]["text"] == "Stop outfalls: Close the three sewage outfalls." and outputs[0]["number"] == "1.1"
    assert outputs[0]["owners"] == [{"ref": "person.jo-smith", "role": "lead", "note": "project sponsor"}]
    assert outputs[1]["text"] == "Test the water monthly."
    assert goals[0]["owners"][0]["role"] == "partner"
    assert [s["title"] for s in plan["sections"]] == ["Vision", "Mission"]
    assert plan["principles"] == [{"text": "Openness: We publish what we do."}]


@pytest.mark.parametrize("xml, code", [
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><StrategicPlan><Name>&a;</Name></StrategicPlan>',
     "V003"),
    (b'<?xml version="1.0"?><html><body/></html>', "V013"),
    (b"<StrategicPlan><Name>unclosed</StrategicPlan>", "V001"),
])
def test_bad_stratml_is_refused(xml, code):
    with pytest.raises(ConvertError) as excinfo:
        from_stratml(xml, "bad.xml")
    assert [f.code for f in excinfo.value.findings] == [code]
    assert excinfo.value.exit_code == 2
