"""What export and import share: the StratML namespaces, the size limit, and the kinds of loss."""

from __future__ import annotations

from ..losses import LossKind

PART1_NS = "urn:ISO:std:iso:17469:tech:xsd:stratml_core"
PART2_NS = "urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport"
MAX_BYTES = 20 * 1024 * 1024
AS_TEXT = LossKind("V501", "written-as-text", "StratML has no element for this; it is written as text in "
                                              "OtherInformation")
NOT_CARRIED = LossKind("V502", "not-in-stratml", "StratML has no place for this, and it is left out")
MILESTONE_LEFT_OUT = LossKind("V503", "milestone-left-out", "milestones are left out: StratML Part 1 has no dates "
                                                            "on objectives, and Part 2 places a milestone only under "
                                                            "the goal of an objective or output it serves")
INDICATOR_LEFT_OUT = LossKind("V504", "indicator-left-out", "indicators are left out: Part 1 has none, and Part 2 "
                                                            "has them on objectives (OpenPlan outputs) only")
IMPORT_LEFT_OUT = LossKind("V505", "stratml-not-imported", "StratML content OpenPlan does not import")
# The kinds of loss this converter declares, listed for the catalogue (openplan/catalogue.py).
LOSSES: tuple[LossKind, ...] = (AS_TEXT, NOT_CARRIED, MILESTONE_LEFT_OUT, INDICATOR_LEFT_OUT, IMPORT_LEFT_OUT)
