"""The timeline chart: milestones and dated outputs as bars on a scale of months."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import view as views

WIDTH, LABELS, RIGHT, ROW, TOP = 1000, 310, 16, 22, 34


@dataclass
class Bar:
    y: int
    label: str
    full: str
    anchor: str
    x: float = 0.0
    width: float = 0.0
    kind: str = "span"  # span, day, open, tbc
    when: str = ""


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class Timeline:
    height: int
    bars: list[Bar]
    ticks: list[Tick]
    plot_left: int
    plot_right: int
    tbc_y: int | None
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


def timeline(plan: views.PlanView) -> Timeline | None:
    if not plan.milestones:
        return None
    domain = plan.domain
    bars: list[Bar] = []
    ticks: list[Tick] = []
    right = WIDTH - RIGHT
    dated = [m for m in plan.milestones if m.due and m.due.span]
    y = TOP
    if domain and domain.earliest and domain.latest:
        # Day numbers, not dates: the day after 31 December 9999 has no date but is still the bar's end.
        start = domain.earliest
        total = max(domain.latest.toordinal() + 1 - start.toordinal(), 1)

        def x(day: date | int) -> float:
            number = day if isinstance(day, int) else day.toordinal()
            return round(LABELS + (number - start.toordinal()) / total * (right - LABELS), 1)

        months = _months(start, domain.latest)
        step = max(1, -(-len(months) // 12))
        ticks = [Tick(x(month), f"{month:%b %Y}") for month in months[::step] if month >= start]
        for milestone in dated:
            span = milestone.due.span
            first = span.earliest or start
            last = (span.latest or domain.latest).toordinal() + 1
            bar = Bar(y, _short(milestone.heading), milestone.heading, milestone.id, when=milestone.due.label)
            if milestone.due.exact:
                bar.kind, bar.x = "day", x(first)
            else:
                bar.kind = "open" if span.earliest is None or span.latest is None else "span"
                bar.x, bar.width = x(first), max(x(last) - x(first), 2.0)
            bars.append(bar)
            y += ROW
    tbc_y = None
    undated = [m for m in plan.milestones if not (m.due and m.due.span)]
    if undated:
        tbc_y = y + 8
        y = tbc_y + ROW
        for milestone in undated:
            what = "To be confirmed" if milestone.due and milestone.due.tbc else "No date given"
            bars.append(Bar(y, _short(milestone.heading), milestone.heading, milestone.id, kind="tbc",
                            when=milestone.due.label if milestone.due else what, x=LABELS))
            y += ROW
    return Timeline(y + 4, bars, ticks, LABELS, right, tbc_y,
                    views.day_text(domain.earliest) if domain and domain.earliest else "",
                    views.day_text(domain.latest) if domain and domain.latest else "")


def _short(text: str, limit: int = 44) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
