"""RAG from a tolerance: how far an actual is from its target, counted only in the bad direction.

The rule (OpenPlan 1.1): the distance from target is ``|actual - target|`` in the indicator's unit
(tolerance unit ``absolute``) or ``|actual - target| / |target| * 100`` (unit ``percent``). Meeting or beating
the target is green. Otherwise a distance up to ``green_within`` is green, up to ``amber_within`` amber, and
beyond it red. Which side is bad comes from the indicator's ``direction`` (higher or lower is better); when it
has none, from the target's ``qualifier`` (``at-least``: below is bad; ``at-most``: above is bad). With
neither, or ``direction: maintain`` or an ``approximately`` or ``exactly`` target, both sides are bad.
"""

from __future__ import annotations

from typing import Any, Literal, Mapping

Side = Literal["below", "above", "both"]

GREEN, AMBER, RED = "green", "amber", "red"


def bad_side(direction: str | None = None, qualifier: str | None = None) -> Side:
    """Which side of the target is bad: "below" (higher is better), "above" (lower is better) or "both"."""
    if direction == "increase":
        return "below"
    if direction == "decrease":
        return "above"
    if direction is None and qualifier == "at-least":
        return "below"
    if direction is None and qualifier == "at-most":
        return "above"
    return "both"


def distance(actual: float, target: float, unit: str = "percent") -> float | None:
    """How far ``actual`` is from ``target``: in the indicator's unit, or in per cent of the target. None for a
    percentage of a zero target that was missed (no per cent of zero measures it)."""
    gap = abs(actual - target)
    if unit == "absolute":
        return gap
    if target == 0:
        return 0.0 if gap == 0 else None
    return gap / abs(target) * 100


def rag(actual: float, target: float, tolerance: Mapping[str, Any], direction: str | None = None,
        qualifier: str | None = None) -> str | None:
    """The RAG rating of ``actual`` against ``target`` under ``tolerance`` ({green_within, amber_within, unit}).

    None when it cannot be worked out: a tolerance without both thresholds, or a per cent of a zero target.
    """
    green_within, amber_within = tolerance.get("green_within"), tolerance.get("amber_within")
    if not _number(green_within) or not _number(amber_within):
        return None
    side = bad_side(direction, qualifier)
    if (side == "below" and actual >= target) or (side == "above" and actual <= target):
        return GREEN  # met or beaten
    gap = distance(actual, target, tolerance.get("unit", "percent"))
    if gap is None:
        return None
    if gap <= green_within:
        return GREEN
    if gap <= amber_within:
        return AMBER
    return RED


def tolerance_for(indicator: Mapping[str, Any] | None, plan: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """The tolerance in force for an indicator: its own, else the plan's; None when neither declares one."""
    for holder in (indicator, plan):
        found = holder.get("tolerance") if isinstance(holder, Mapping) else None
        if isinstance(found, Mapping):
            return found
    return None


def target_value(target: Mapping[str, Any], baseline: Mapping[str, Any] | None = None) -> float | None:
    """The number a target asks for: its ``value``, else its ``relative`` change applied to the baseline's value
    (``-20 percent`` of 50 is 40); None for a date-only target or a relative one without a baseline value."""
    value = target.get("value")
    if _number(value):
        return float(value)
    relative = target.get("relative")
    base = baseline.get("value") if isinstance(baseline, Mapping) else None
    if not isinstance(relative, Mapping) or not _number(relative.get("change")) or not _number(base):
        return None
    if relative.get("unit") == "absolute":
        return float(base) + relative["change"]
    return float(base) * (1 + relative["change"] / 100)


def target_for(indicator: Mapping[str, Any], period: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """The indicator's target for a reporting period: the one whose ``period`` has the same value. Targets are
    one per period (a second for the same period is a lint finding), so the first is taken."""
    value = period.get("value") if isinstance(period, Mapping) else None
    targets = indicator.get("targets")
    for target in targets if isinstance(targets, list) else ():
        if isinstance(target, Mapping) and isinstance(target.get("period"), Mapping) \
                and value is not None and target["period"].get("value") == value:
            return target
    return None


def observation_rag(observation: Mapping[str, Any], indicator: Mapping[str, Any] | None,
                    plan: Mapping[str, Any] | None, period: Mapping[str, Any] | None = None) -> str | None:
    """The RAG rating the tolerance gives a report's observation: its value against the target in force (the
    observation's own `target`, else the indicator's target for the period), under the indicator's tolerance,
    else the plan's. None when any of these is missing or not a number."""
    value = observation.get("value")
    if not _number(value):
        return None
    indicator = indicator if isinstance(indicator, Mapping) else {}
    target = observation.get("target")
    if not isinstance(target, Mapping):
        target = target_for(indicator, period)
    tolerance = tolerance_for(indicator, plan)
    if not isinstance(target, Mapping) or tolerance is None:
        return None
    wanted = target_value(target, indicator.get("baseline"))
    if wanted is None:
        return None
    return rag(float(value), wanted, tolerance, indicator.get("direction"), target.get("qualifier"))


def is_number(value: Any) -> bool:
    """A JSON number (true and false are not)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_number = is_number
