"""The page of a progress report: how the plan's work stands this period, for residents and councillors.

Summary first (RAG ratings by area as a chart with its table, and what moved since the previous report), then
each update with its badge, progress bar and commentary, by area, then indicator results against target. RAG
for an indicator result is the published one; where none is published it is worked out from the tolerance
(:func:`openplan.performance.tolerance.observation_rag`) and said to be worked out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...version import SCHEMA_VERSION, __version__
from ..view import code_title, safe_url
from ..view.builder import Builder
from . import overview as overviews
from .messages import Messages
from .chrome import Chrome, shown
from .report_template import REPORT_TEMPLATE


@dataclass
class Update:
    id: str
    name: str
    status: overviews.Status
    reason: str = ""
    before: overviews.Status | None = None  # in the previous report


@dataclass
class AreaRow:
    id: str
    name: str
    updates: list[Update] = field(default_factory=list)
    counts: list[overviews.Count] = field(default_factory=list)


@dataclass
class Result:
    indicator: str
    name: str
    value: str
    target: str
    rag: str
    rag_code: str
    worked_out: bool
    trend: str
    note: str


def _status(update: dict, date) -> overviews.Status:
    status = overviews.latest([update], date)
    wording = update.get("wording") or {}
    if not status.stage and isinstance(wording, dict) and wording.get("status"):
        status.stage = str(wording["status"])
    return status


def _areas_of(plan: dict[str, Any]) -> dict[str, str]:
    """Each item's area, by id; milestones take the area of the first objective or output they serve."""
    area_of: dict[str, str] = {}
    current = ""
    for kind, item in overviews.walk(plan):
        ident = str(item.get("id", ""))
        if kind == "area":
            current = ident
            area_of[ident] = ident
        elif kind in ("objective", "output"):
            area_of[ident] = current
            for output in item.get("outputs") or ():
                if isinstance(output, dict):
                    area_of[str(output.get("id", ""))] = current
        elif kind == "milestone":
            for target in list(item.get("outputs") or ()) + list(item.get("objectives") or ()):
                if target in area_of:
                    area_of[ident] = area_of[target]
                    break
    return area_of


def _previous(report: dict[str, Any], here: Path | None) -> dict[str, Any]:
    previous = report.get("previous")
    if not isinstance(previous, dict) or not isinstance(previous.get("path"), str) or here is None:
        return {}
    from ...loader import LoadError, parse

    path = (here.parent / previous["path"]).resolve()
    if here.parent.resolve() not in path.parents:
        return {}  # only files beside the report, as validation reads them
    try:
        data = parse(path.read_text(encoding="utf-8"), str(path)).data
    except (OSError, UnicodeError, LoadError):
        return {}
    return data if isinstance(data, dict) else {}


def context(data: dict[str, Any], index, *, language: str | None = None, chrome: Chrome | None = None
            ) -> dict[str, Any]:
    from ...performance.tolerance import observation_rag

    builder = Builder(data, index)
    plan_document = getattr(index, "plan", None)
    plan = plan_document.data if plan_document is not None and isinstance(plan_document.data, dict) else {}
    t = Messages(language or str(data.get("language") or plan.get("language") or "en-GB"))
    names = overviews.levels(plan)
    area_of = _areas_of(plan)
    here = Path(index.main.resolved) if index is not None and getattr(index.main, "resolved", None) else None
    before = {str(u.get("item")): _status(u, builder.date)
              for u in _previous(data, here).get("updates") or () if isinstance(u, dict)}
    rows: dict[str, AreaRow] = {}
    loose = AreaRow("", t.across_plan)
    moved = []
    for update in data.get("updates") or ():
        if not isinstance(update, dict) or not isinstance(update.get("item"), str):
            continue
        ident = update["item"]
        entry = Update(ident, builder.name(ident), _status(update, builder.date), str(update.get("reason") or ""),
                       before.get(ident))
        area = area_of.get(ident, "")
        row = rows.setdefault(area, AreaRow(area, builder.name(area))) if area else loose
        row.updates.append(entry)
        old = entry.before
        if old is not None and (old.code, old.rag, old.stage) != (entry.status.code, entry.status.rag,
                                                                   entry.status.stage) and old.label:
            moved.append(entry)
    areas = [r for r in rows.values() if r.updates] + ([loose] if loose.updates else [])
    for row in areas:
        rags = [u.status.rag for u in row.updates if u.status.rag]
        row.counts = overviews.counts(rags, overviews.RAG_ORDER, "rag", overviews.RAG_TONE, max(len(rags), 1))
    indicators = {}
    if index is not None:
        for node in index.nodes_of("Indicator", main_only=False):
            if isinstance(node.data, dict) and node.data.get("id"):
                indicators[str(node.data["id"])] = node.data
    results = []
    for observation in data.get("observations") or ():
        if not isinstance(observation, dict):
            continue
        ident = str(observation.get("indicator", ""))
        indicator = indicators.get(ident, {})
        unit = str(indicator.get("unit", ""))
        value = observation.get("text") or (f"{observation['value']:g} {unit}".strip()
                                            if isinstance(observation.get("value"), (int, float)) else "")
        target = observation.get("target") if isinstance(observation.get("target"), dict) else {}
        shown_target = str(target.get("text") or (f"{target['value']:g} {unit}".strip()
                                                  if isinstance(target.get("value"), (int, float)) else ""))
        rag = observation.get("rag")
        worked_out = False
        if not rag:
            rag = observation_rag(observation, indicator, plan, data.get("period"))
            worked_out = rag is not None
        wording = observation.get("wording") or {}
        rag_text = code_title("rag", rag) if rag else ""
        if isinstance(wording, dict) and wording.get("rag") and rag_text:
            rag_text = f"{rag_text} ({wording['rag']})"
        trend = code_title("trend", observation.get("trend")) if observation.get("trend") else ""
        results.append(Result(ident, str(indicator.get("title") or ident), str(value), shown_target, rag_text,
                              str(rag or ""), worked_out, trend, str(observation.get("note") or "")))
    period = builder.date(data.get("period"))
    return dict(report=data, t=t, levels=names, areas=areas, moved=moved, results=results,
                title=str(data.get("title", "")), organisation=builder.name(data["organisation"])
                if isinstance(data.get("organisation"), str) else "",
                plan_title=str(plan.get("title") or (data.get("plan") or {}).get("id", "")),
                period=period.label if period else "", as_of=str(data.get("as_of") or ""),
                published=(builder.date(data.get("published")).label if builder.date(data.get("published")) else ""),
                chrome=chrome or Chrome(), version=__version__, schema_version=SCHEMA_VERSION, safe_url=safe_url,
                page_language=t.language if language else str(data.get("language") or "en-GB"),
                rag_tone=overviews.RAG_TONE)


@lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, StrictUndefined

    return Environment(autoescape=True, undefined=StrictUndefined, finalize=shown).from_string(REPORT_TEMPLATE)


def render_report(data: dict[str, Any], index=None, *, language: str | None = None,
                  chrome: Chrome | None = None) -> str:
    """A progress report as one self-contained HTML page."""
    return _template().render(**context(data, index, language=language, chrome=chrome))
