"""The data package's tidy table of indicator figures, `observations`: one row per indicator and period, with the
value, the target in force, the published RAG, the RAG the tolerance gives and the trend.

A plan's rows come from the actuals its indicators record in `progress`; a progress report's from its
`observations`, against its plan's indicators (which join the `indicators` and `items` tables, so that every
foreign key resolves inside the package). A report's item updates go to the `progress` table.
"""

from __future__ import annotations

from typing import Any, Mapping

from ...performance.tolerance import is_number, observation_rag, target_for, target_value
from ...performance.trend import observation_trend


def _period(builder, date: Any) -> list[Any]:
    """The period columns: its wording (else its value) and its first and last days."""
    if not isinstance(date, Mapping):
        return [str(date) if date else None, None, None]
    span = builder.span(date)
    words = date.get("text") or (None if date.get("value") is None else str(date["value"]))
    return [words, span.earliest if span else None, span.latest if span else None]


def _row(builder, indicator_id: str, indicator: Mapping[str, Any], period: Any, observation: Mapping[str, Any],
         plan: Mapping[str, Any] | None, earlier: Mapping[str, Any] | None, source: str) -> None:
    target = observation.get("target") if isinstance(observation.get("target"), Mapping) else \
        target_for(indicator, period if isinstance(period, Mapping) else None)
    wanted = target_value(target, indicator.get("baseline")) if isinstance(target, Mapping) else None
    value = observation.get("value")
    builder.add("observations", indicator_id, *_period(builder, period),
                value if is_number(value) else None, observation.get("text"), wanted,
                target.get("text") if isinstance(target, Mapping) else None, observation.get("rag"),
                observation_rag(observation, indicator, plan, period if isinstance(period, Mapping) else None),
                observation.get("trend") or observation_trend(observation, indicator, earlier), source)


def plan_rows(builder) -> None:
    """A plan's indicator actuals (in-plan `progress` with a value) as observations, and its top-level
    indicators in the `indicators` and `items` tables."""
    data = builder.data
    for indicator in data.get("indicators") or ():  # top-level (1.1): measured_by links them to items
        if isinstance(indicator, dict) and isinstance(indicator.get("id"), str):
            builder.indicator(None, indicator)
    found = [ind for ind in data.get("indicators") or () if isinstance(ind, dict)]
    if builder.index is not None:
        found += [item.data for item in builder.index.items.values() if item.kind == "Indicator"
                  and item.document is builder.index.main and item.parent is not None]
    for indicator in found:
        earlier: dict[str, Any] | None = None
        for update in indicator.get("progress") or ():
            if not isinstance(update, dict) or not is_number(update.get("value")):
                continue
            figure = {"indicator": indicator.get("id"), "value": update["value"]}
            _row(builder, indicator["id"], indicator, update.get("date"), figure, data, earlier, "plan")
            earlier = {"observations": [figure]}


def report_rows(builder) -> None:
    """A progress report's observations, and its item updates in the `progress` table."""
    data, index = builder.data, builder.index
    items = index.items if index is not None else {}
    plan = index.plan.data if index is not None and index.plan is not None else None
    period = data.get("period")
    as_of = data.get("as_of") if isinstance(data.get("as_of"), str) else None
    named: set[str] = set()
    for update in data.get("updates") or ():
        item = items.get(update.get("item")) if isinstance(update, dict) else None
        if item is None:
            continue
        if item.id not in named:
            named.add(item.id)
            number = item.data.get("number")
            builder.add("items", item.id, item.kind.lower(), None if number is None else str(number),
                        item.data.get("title") or item.data.get("text"))
        builder.add("progress", item.id, as_of, update.get("status"), update.get("rag"),
                    update.get("percent_complete"), None, update.get("commentary"))
    for observation in data.get("observations") or ():
        item = items.get(observation.get("indicator")) if isinstance(observation, dict) else None
        if item is None or item.kind != "Indicator":
            continue
        if item.id not in named:
            named.add(item.id)
            builder.indicator(None, {**item.data, "targets": [], "progress": []})
        _row(builder, item.id, item.data, period, observation, plan, None, "report")
