"""StratML (ISO 17469): export to Part 1 and Part 2, and import of Part 1 into an OpenPlan draft.

Export maps what each part has a place for:

=====================  ============================  ===========================================
OpenPlan               StratML Part 1                StratML Part 2 (performance plan)
=====================  ============================  ===========================================
plan title, summary    Name, Description             Name, Description
organisation           Organization                  Organization
purpose section        Mission                       Mission
principles             Value                         Value
objective              Goal (outcome = Description)  Goal
output                 Objective                     Objective
owners                 Stakeholder                   Stakeholder with a Role (Performer)
output indicators      (none)                        PerformanceIndicator with target and
                                                     actual results
milestones             (none)                        Objective under the goal of the first
                                                     objective or output it serves, with a
                                                     qualitative indicator dated by its span
period, edition date   AdministrativeInformation     AdministrativeInformation
=====================  ============================  ===========================================

StratML has no areas, themes, pledges, fuzzy dates or sub-items: they are
written as text in OtherInformation and listed in the loss report, with
everything else StratML cannot hold. OpenPlan ids become StratML Identifiers
(an xsd:ID, which cannot start with a digit; OpenPlan ids always start with a
letter).

Import reads a StratML Part 1 file (or the Part 1 elements of a Part 2 file)
into a plan whose edition status is draft: goals become objectives in one
area, their objectives become outputs, stakeholders become organisations,
bodies or people who own them, values become principles, and vision and
mission become sections. XML is parsed with defusedxml, and DTDs are refused.

:mod:`.export` writes, :mod:`.importing` reads, and :mod:`.common` holds what both use.
"""

from __future__ import annotations

from .common import (AS_TEXT, IMPORT_LEFT_OUT, INDICATOR_LEFT_OUT, LOSSES, MAX_BYTES, MILESTONE_LEFT_OUT, NOT_CARRIED,
                     PART1_NS, PART2_NS)
from .export import losses, render
from .importing import _Ids, parse_xml, read, read_input

__all__ = ["AS_TEXT", "IMPORT_LEFT_OUT", "INDICATOR_LEFT_OUT", "LOSSES", "MAX_BYTES", "MILESTONE_LEFT_OUT",
           "NOT_CARRIED", "PART1_NS", "PART2_NS", "losses", "render", "parse_xml", "read", "read_input", "_Ids"]
