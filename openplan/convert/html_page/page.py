"""Rendering the page from the view of a plan, and what it leaves out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from ...index import PlanIndex
from ...version import SCHEMA_VERSION, __version__
from .. import view as views
from ..losses import LossReport
from . import overview as overviews
from .chart import indicator_chart, timeline
from .chrome import Chrome, shown
from .messages import Messages
from .template import TEMPLATE


@lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, StrictUndefined

    environment = Environment(autoescape=True, undefined=StrictUndefined, finalize=shown, trim_blocks=False,
                              lstrip_blocks=False)
    return environment.from_string(TEMPLATE)


def _serves(raw: dict[str, dict], builder_name) -> list[tuple[str, str, list[dict]]]:
    """Items that serve another plan's items: (id, name, the links as written)."""
    found = []
    for ident, item in raw.items():
        links = [s for s in item.get("serves") or () if isinstance(s, dict)]
        if links:
            found.append((ident, builder_name(ident), links))
    return found


# Facts only the keepers of the file need: they go in the appendix, when it is asked for.
_INTERNAL_FACTS = ("Year counted as", "Previous edition", "Plan series")


@dataclass
class PublicSource:
    title: str
    url: str | None
    detail: str


def _source(source: dict[str, Any]) -> PublicSource:
    """A source as a reader sees it: its title, a link when it is on the web, who published it; not its file."""
    parts = [str(source["publisher"])] if source.get("publisher") else []
    when = source.get("date")
    if isinstance(when, dict):
        when = when.get("text") or when.get("value")
    if when:
        parts.append(str(when))
    detail = ", ".join(parts)
    return PublicSource(str(source.get("title", "")), views.safe_url(str(source.get("url") or "")), detail)


def context(data: dict[str, Any], index: PlanIndex | None = None, *, include_internal: bool = False,
            today: date | None = None, language: str | None = None, chrome: Chrome | None = None) -> dict[str, Any]:
    """Everything the template lays out."""
    from ..view.builder import Builder

    builder = Builder(data, index)
    plan = builder.build()
    plan_objectives = plan.objectives  # 1.1: objectives directly under the plan
    t = Messages(language or plan.language)
    names = overviews.levels(data)
    raw = {str(item["id"]): item for _, item in overviews.walk(data) if isinstance(item.get("id"), str)}
    status = overviews.statuses(data, builder.date)
    charts = {}
    indicators = [ind for item in raw.values() for ind in item.get("indicators") or () if isinstance(ind, dict)]
    indicators += [ind for ind in data.get("indicators") or () if isinstance(ind, dict)]
    for ind in indicators:
        chart = indicator_chart(ind, builder.date, data.get("tolerance"))
        if chart is not None and chart.id:
            charts[chart.id] = chart
    top_indicators = [ind for ind in data.get("indicators") or () if isinstance(ind, dict)]
    change_summary = overviews.changes(data, builder.link, overviews.previous_names(data, index))
    day = today or date.today()
    internal = [f for f in plan.facts if f.label in _INTERNAL_FACTS]
    public = [f for f in plan.facts if f.label not in _INTERNAL_FACTS]
    previous = (data.get("edition") or {}).get("previous")
    if isinstance(previous, dict) and previous.get("id"):  # the edition, without the file it is kept in
        public.append(views.Fact("Previous edition", str(previous["id"])))
    # The plan's parts: by area, or, in a plan with no areas, by its own objectives
    heading = t.f("plan_by", level=names.name("area" if plan.areas else "objective", None, True).lower())
    return dict(plan=plan, t=t, plan_objectives=plan_objectives, areas_heading=heading, public_facts=public,
                internal_facts=internal,
                public_sources=[_source(s) for s in data.get("sources") or () if isinstance(s, dict)],
                levels=names, raw=raw, status=status, no_status=overviews.Status(),
                overview=overviews.overview(data, status, names), changes=change_summary,
                timeline=timeline(plan, status, names, raw, day, t.across_plan), charts=charts,
                top_indicators=top_indicators, indicator_view=builder.indicators,
                parents=[p for p in data.get("parents") or () if isinstance(p, dict)],
                serves=_serves(raw, builder.name), include_internal=include_internal, today=day,
                chrome=chrome or Chrome(), version=__version__, schema_version=SCHEMA_VERSION,
                safe_url=views.safe_url, page_language=t.language if language else plan.language)


def render(data: dict[str, Any], index: PlanIndex | None = None, *, include_internal: bool = False,
           today: date | None = None, language: str | None = None, chrome: Chrome | None = None) -> str:
    """The plan as one self-contained HTML page for residents.

    ``include_internal`` adds, as an appendix, the material only the file's keepers need (provenance, repairs,
    file names, the year the calendar counts); ``today`` places the timeline's "today" line (default: today);
    ``language`` picks the page's own texts (``cy`` for Welsh; default: the plan's language); ``chrome`` is
    what a site puts around the page. A progress report (``kind: report``) gets its own page."""
    if data.get("kind") == "report":
        from .report import render_report

        return render_report(data, index, language=language, chrome=chrome)
    return _template().render(**context(data, index, include_internal=include_internal, today=today,
                                        language=language, chrome=chrome))


def losses(data: dict[str, Any], index: PlanIndex | None = None, document=None, **_settings: Any) -> LossReport:
    return views.page_losses(data, "html", document)
