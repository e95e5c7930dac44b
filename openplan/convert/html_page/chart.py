"""The pictures on a page: the timeline of milestones and dated outputs, and indicator charts.

The timeline is HTML laid out by CSS (bars placed by percentages on a track), so its words are page text that
never shrinks, and at narrow widths the same list reflows into a plain list of dates. Indicator charts are
inline SVG drawn on a small canvas, so that their text is never smaller than 12 px on a 320 px screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

from .. import view as views
from .overview import Levels, Status

# Indicator charts: a 300-unit-wide canvas shown at most 30rem wide and at least 280 px (a 320 px screen less
# its margins), so 14-unit text is drawn at 13 px or more.
CHART_WIDTH, CHART_HEIGHT, CHART_FONT = 300, 200, 14
_LEFT, _RIGHT, _TOP, _BOTTOM = 52, 290, 14, 160


# The page template's macro that draws an indicator chart, with its data as a table beside it for screen readers.
CHART_MACRO = r"""{%- macro chart(c) -%}
<figure class="chart">
<svg viewBox="0 0 {{ c.width }} {{ c.height }}" role="img" aria-labelledby="chart-{{ c.id }}-title chart-{{ c.id }}-desc" xmlns="http://www.w3.org/2000/svg">
<title id="chart-{{ c.id }}-title">{{ t.f("chart_of", title=c.title) }}</title>
<desc id="chart-{{ c.id }}-desc">{{ c.summary }}{% if c.band %} {{ t.tolerance_band }}.{% endif %}</desc>
{% if c.band %}<rect class="band" x="52" y="{{ c.band[0] }}" width="238" height="{{ [c.band[1] - c.band[0], 1]|max }}"/>{% endif %}
<line class="axis" x1="52" y1="160" x2="290" y2="160"/>
{% for y, label in c.axis %}<text class="chart-text" x="48" y="{{ y + 5 }}" text-anchor="end" font-size="{{ c.font }}">{{ label|truncate(7, true, "\u2026", 0) }}</text>
{% endfor %}
{% if c.target_y is not none %}<line class="target" x1="52" y1="{{ c.target_y }}" x2="290" y2="{{ c.target_y }}"/>{% endif %}
<path class="actual" d="{{ c.path }}"/>
{% for p in c.points %}<circle class="point" cx="{{ p.x }}" cy="{{ p.y }}" r="4"/>{% endfor %}
<text class="chart-text" x="52" y="186" font-size="{{ c.font }}">{{ c.points[0].label|truncate(16, true, "\u2026", 0) }}</text>
{% if c.points|length > 1 %}<text class="chart-text" x="290" y="186" text-anchor="end" font-size="{{ c.font }}">{{ c.points[-1].label|truncate(16, true, "\u2026", 0) }}</text>{% endif %}
</svg>
<figcaption>{{ c.summary }} <span class="key"><span class="key-actual" aria-hidden="true"></span> {{ t.actual }}{% if c.target_y is not none %} <span class="key-target" aria-hidden="true"></span> {{ t.target }}{% endif %}{% if c.band %} <span class="key-band" aria-hidden="true"></span> {{ t.tolerance_band }}{% endif %}</span></figcaption>
</figure>
<table>
<caption>{{ c.title }}{% if c.unit %} ({{ c.unit }}){% endif %}</caption>
<thead><tr><th scope="col">{{ t.when }}</th><th scope="col">{{ t.actual }}</th><th scope="col">{{ t.target }}</th></tr></thead>
<tbody>{% for p in c.points %}<tr><th scope="row">{{ p.label }}</th><td>{{ p.text }}</td><td>{{ c.target_text }}</td></tr>{% endfor %}</tbody>
</table>
{%- endmacro -%}"""


@dataclass
class Bar:
    id: str
    heading: str
    kind: str  # the plan's level name: Milestone, Output, Action
    when: views.DateView | None
    status: Status
    shape: str = "tbc"  # span, day, open, tbc
    x: float = 0.0  # percent of the track
    width: float = 0.0


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class Group:
    id: str
    heading: str
    bars: list[Bar]


@dataclass
class Timeline:
    groups: list[Group]
    ticks: list[Tick]
    today: float | None  # percent of the track, when today falls within it
    today_label: str
    start: str
    end: str


def _months(first: date, last: date) -> list[date]:
    months = []
    current = date(first.year, first.month, 1)
    while current <= last:
        months.append(current)
        if current.year == date.max.year and current.month == 12:
            break  # the calendar ends on 31 December 9999
        current = date(current.year + (current.month == 12), current.month % 12 + 1, 1)
    return months


def timeline(plan: views.PlanView, status: dict[str, Status], names: Levels, raw: dict[str, dict],
             today: date | None = None, across: str = "Across the plan") -> Timeline | None:
    """Milestones and dated outputs grouped by area, placed on the days the plan covers."""
    area_of: dict[str, str] = {}
    groups: dict[str, Group] = {}
    for area in plan.areas:
        groups[area.id] = Group(area.id, area.heading, [])
        for objective in area.objectives + area.beside:
            area_of[objective.id] = area.id
            for output in objective.children:
                area_of[output.id] = area.id
                if output.due is not None:
                    groups[area.id].bars.append(Bar(output.id, output.heading, names.name("output", raw.get(output.id)),
                                                    output.due, status.get(output.id, Status())))
    loose = Group("", across, [])
    for milestone in plan.milestones:
        home = next((area_of[link.id] for link in milestone.serves if link.id in area_of), None)
        bar = Bar(milestone.id, milestone.heading, names.name("milestone", raw.get(milestone.id)), milestone.due,
                  status.get(milestone.id, Status()))
        (groups[home] if home else loose).bars.append(bar)
    found = [g for g in groups.values() if g.bars] + ([loose] if loose.bars else [])
    if not found:
        return None
    spans = [b.when.span for g in found for b in g.bars if b.when and b.when.span]
    days = [d for s in spans for d in (s.earliest, s.latest) if d is not None]
    if plan.domain is not None:
        days += [d for d in (plan.domain.earliest, plan.domain.latest) if d is not None]
    ticks: list[Tick] = []
    today_x = None
    if days:
        start, end = min(days), max(days)
        total = max(end.toordinal() + 1 - start.toordinal(), 1)

        def x(number: int) -> float:
            return round((number - start.toordinal()) / total * 100, 2)

        months = _months(start, end)
        step = max(1, -(-len(months) // 6))
        ticks = [Tick(x(m.toordinal()), f"{m:%b %Y}") for m in months[::step] if m >= start]
        for group in found:
            for bar in group.bars:
                span = bar.when.span if bar.when else None
                if span is None:
                    continue
                first = (span.earliest or start).toordinal()
                last = (span.latest or end).toordinal() + 1
                if bar.when.exact:
                    bar.shape, bar.x = "day", x(first)
                else:
                    bar.shape = "open" if span.earliest is None or span.latest is None else "span"
                    bar.x = x(first)
                    bar.width = max(round(x(last) - x(first), 2), 1.0)
        if today is not None and start <= today <= end:
            today_x = x(today.toordinal())
    else:
        start = end = None
    for group in found:  # dated first, in date order; then what has no date yet
        group.bars.sort(key=lambda b: (b.shape == "tbc", b.x, b.width))
    return Timeline(found, ticks, today_x, views.day_text(today) if today else "",
                    views.day_text(start) if start else "", views.day_text(end) if end else "")


@dataclass
class Point:
    label: str
    value: float
    text: str
    x: float = 0.0
    y: float = 0.0


@dataclass
class IndicatorChart:
    id: str
    title: str
    unit: str
    points: list[Point]
    target: float | None
    target_text: str
    target_y: float | None = None
    band: tuple[float, float] | None = None  # y of the tolerance band's edges (top, bottom)
    axis: list[tuple[float, str]] = field(default_factory=list)  # (y, label)
    path: str = ""
    summary: str = ""
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    font: int = CHART_FONT


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"


def _value(data: Any) -> float | None:
    if isinstance(data, (int, float)) and not isinstance(data, bool):
        return float(data)
    return None


def _label(when: Any, date: Callable[[Any], views.DateView | None]) -> str:
    if isinstance(when, dict):
        shown = date(when)
        return shown.label if shown else ""
    return str(when or "")


def indicator_chart(indicator: dict[str, Any], date: Callable[[Any], views.DateView | None],
                    default_tolerance: dict | None = None, observations: list[dict] | None = None
                    ) -> IndicatorChart | None:
    """Actuals over time against the target line and the tolerance band; None when nothing has a value."""
    unit = str(indicator.get("unit", ""))
    points = []
    for update in list(indicator.get("progress") or ()) + list(observations or ()):
        value = _value(update.get("value")) if isinstance(update, dict) else None
        if value is not None:
            when = update.get("date") if "date" in update else update.get("period")
            points.append(Point(_label(when, date), value, str(update.get("text") or "") or
                                f"{_number(value)} {unit}".strip()))
    if not points:
        return None
    targets = [t for t in indicator.get("targets") or () if isinstance(t, dict) and _value(t.get("value")) is not None]
    target = _value(targets[-1]["value"]) if targets else None
    target_text = (str(targets[-1].get("text") or "") or f"{_number(target)} {unit}".strip()) if targets else ""
    chart = IndicatorChart(str(indicator.get("id", "")), str(indicator.get("title", "")), unit, points, target,
                           target_text)
    band = _band(indicator, target, targets[-1] if targets else {}, default_tolerance)
    values = [p.value for p in points] + ([target] if target is not None else []) + list(band or ())
    low, high = min(values + [0.0]), max(values)
    if high == low:
        high = low + 1
    high += (high - low) * 0.05

    def y(value: float) -> float:
        return round(_BOTTOM - (value - low) / (high - low) * (_BOTTOM - _TOP), 1)

    step = (_RIGHT - _LEFT) / max(len(points) - 1, 1)
    for number, point in enumerate(points):
        point.x = round(_LEFT + (step * number if len(points) > 1 else (_RIGHT - _LEFT) / 2), 1)
        point.y = y(point.value)
    chart.path = " ".join(f"{'M' if n == 0 else 'L'}{p.x} {p.y}" for n, p in enumerate(points))
    if target is not None:
        chart.target_y = y(target)
    if band is not None:
        chart.band = (y(max(band)), y(min(band)))
    chart.axis = [(y(low), _number(low)), (y(high), _number(round(high, 2)))]
    last = points[-1]
    chart.summary = (f"{chart.title}: {len(points)} value{'s' if len(points) != 1 else ''}, the latest "
                     f"{last.text} ({last.label})" + (f", against a target of {target_text}" if target_text else "")
                     + ".")
    return chart


def _band(indicator: dict, target: float | None, target_data: dict, default: dict | None
          ) -> tuple[float, float] | None:
    """The values within amber tolerance of the target, on the side where missing it is bad."""
    tolerance = indicator.get("tolerance") or default
    if target is None or not isinstance(tolerance, dict):
        return None
    within = _value(tolerance.get("amber_within")) or _value(tolerance.get("green_within"))
    if within is None:
        return None
    distance = abs(target) * within / 100 if tolerance.get("unit", "percent") == "percent" else within
    qualifier = target_data.get("qualifier")
    lower_is_bad = indicator.get("direction") != "decrease" and qualifier != "at-most"
    return (target - distance, target) if lower_is_bad else (target, target + distance)
