"""Trend: whether an indicator's value improved, worsened or stayed the same since the previous period."""

from __future__ import annotations

from typing import Any, Mapping

from .tolerance import is_number as _number

IMPROVING, WORSENING, NO_CHANGE = "improving", "worsening", "no-change"


def trend(value: float, previous: float, direction: str | None = None, target: float | None = None,
          *, same_within: float = 0.0) -> str | None:
    """The trend from ``previous`` to ``value``.

    A change no bigger than ``same_within`` is no change. Otherwise the indicator's ``direction`` says which way
    is better (``increase``: up; ``decrease``: down). Without one, or for ``maintain``, a value that came closer
    to ``target`` is improving and one that moved away worsening; with no target either, None: the better way is
    not known.
    """
    if abs(value - previous) <= same_within:
        return NO_CHANGE
    if direction == "increase":
        return IMPROVING if value > previous else WORSENING
    if direction == "decrease":
        return IMPROVING if value < previous else WORSENING
    if target is None:
        return None
    before, now = abs(previous - target), abs(value - target)
    if now == before:
        return NO_CHANGE
    return IMPROVING if now < before else WORSENING


def previous_value(observation: Mapping[str, Any], earlier: Mapping[str, Any] | None = None) -> float | None:
    """The value to compare with: the `previous_value` the report prints, else the same indicator's value in
    the previous report (``earlier``, a report mapping)."""
    printed = observation.get("previous_value")
    if _number(printed):
        return float(printed)
    entries = earlier.get("observations") if isinstance(earlier, Mapping) else None
    for entry in entries if isinstance(entries, list) else ():
        if isinstance(entry, Mapping) and entry.get("indicator") == observation.get("indicator") \
                and _number(entry.get("value")):
            return float(entry["value"])
    return None


def observation_trend(observation: Mapping[str, Any], indicator: Mapping[str, Any] | None,
                      earlier: Mapping[str, Any] | None = None) -> str | None:
    """The trend of a report's observation, from its previous value (printed, or from the previous report)."""
    value = observation.get("value")
    before = previous_value(observation, earlier)
    if not _number(value) or before is None:
        return None
    direction = indicator.get("direction") if isinstance(indicator, Mapping) else None
    target = observation.get("target")
    wanted = target.get("value") if isinstance(target, Mapping) else None
    return trend(float(value), before, direction, float(wanted) if _number(wanted) else None)
