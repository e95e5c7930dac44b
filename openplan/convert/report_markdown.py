"""Markdown for a progress report (`kind: report`): each item's progress and each indicator's figure, for committee
papers and wikis.

Updates are grouped under the plan's top-level areas, with the council's own status word, the core status and
RAG it counts as, percent complete, the revised date and the commentary as published. Indicator figures show the
value and target as published, the published RAG beside the one the plan's tolerance gives, and the trend
(stated, else worked out from the previous value). The roll-up by RAG and status, and any counts the report
publishes checked against it, come first.
"""

from __future__ import annotations

from typing import Any, Mapping

from ..index import PlanIndex
from ..levels import declared, kind_name
from ..performance.counts import report_counts, summary
from ..performance.previous import previous_report
from ..performance.published import compare
from ..performance.rollup import rate_observations, rate_updates
from ..performance.scale import meaning, scale_of
from ..performance.tolerance import is_number, observation_rag, target_for, target_value
from ..performance.trend import observation_trend
from ..version import __version__
from .markdown_text import cell, escape, paragraphs
from .markdown_text import table as _table

_QUALIFIERS = {"at-least": "at least ", "at-most": "at most ", "approximately": "about ", "exactly": "exactly "}


def _date(value: Any) -> str:
    if isinstance(value, Mapping):
        return str(value.get("text") or value.get("value") or ("to be confirmed" if value.get("tbc") else ""))
    return "" if value is None else str(value)


def _number(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _worded(value: Any, wording: Any) -> str:
    """A figure with the wording the report published for it, when that differs: "amber (A)"."""
    if value is None:
        return str(wording) if wording else ""
    shown = _number(value)
    return f"{shown} ({wording})" if wording and str(wording) != shown else shown


def render(data: dict[str, Any], index: PlanIndex | None = None) -> str:
    """The progress report as Markdown; the plan it reports on (through ``index``) names its items."""
    items = index.items if index is not None else {}
    plan = index.plan.data if index is not None and index.plan is not None else {}
    registries = [document.data for document in index.registries()] if index is not None else []
    levels = declared(plan, registries)
    words = scale_of(data, plan, *registries)
    out: list[str] = []
    add = out.append
    organisation = items.get(data.get("organisation"))
    if organisation is not None and organisation.data.get("name"):
        add(f"{escape(organisation.data['name'])}\n")
    add(f"# {escape(data.get('title') or data.get('id') or 'Progress report')}\n")
    facts = [("Period", _date(data.get("period"))), ("Status as of", _date(data.get("as_of"))),
             ("Published", _date(data.get("published"))),
             ("Reports on", f"{plan.get('title') or ''} ({(data.get('plan') or {}).get('id', '')})".strip())]
    for meeting in data.get("presented") or ():
        body = items.get(meeting.get("to"))
        name = body.data.get("name") if body is not None else meeting.get("to")
        item = f", item {meeting['item']}" if meeting.get("item") is not None else ""
        facts.append(("Presented to", f"{name}, {_date(meeting.get('on'))}{item}"))
    add("\n".join(f"- **{escape(label)}:** {escape(value)}" for label, value in facts if value) + "\n")
    _summary(data, items, plan, registries, words, add)
    _updates(data, items, levels, words, add)
    _figures(data, items, plan, index, add)
    for note in data.get("notes") or ():
        if isinstance(note, Mapping):
            add(f"**{escape(note.get('title') or note.get('kind') or 'Note')}**\n\n{paragraphs(note.get('text') or '')}\n")
    sources = [source for source in data.get("sources") or () if isinstance(source, Mapping)]
    if sources:
        add("## Sources\n")
        add("\n".join(f"- {escape(source.get('title') or '')}" + (f" ({escape(source['url'])})" if source.get("url")
                                                                   else "") for source in sources) + "\n")
    add(f"---\n\nPublished from the OpenPlan progress report `{data.get('id')}` by openplan {__version__}.\n")
    return "\n".join(out)


def _summary(data, items, plan, registries, words, add) -> None:
    _counts, rollup = report_counts(data, items, plan, registries)
    lines = [f"- **{label}:** {summary(rollup, name)}" for name, label in (
        ("updates_by_rag", "Updates by RAG"), ("updates_by_status", "Updates by status"),
        ("observations_by_rag", "Indicator figures by RAG")) if name in rollup]
    if lines:
        add("## Summary\n")
        add("\n".join(lines) + "\n")
    published = [entry for entry in data.get("counts") or () if isinstance(entry, Mapping)]
    if published:
        wrong = compare(data, rate_updates(data, items, words), rate_observations(data, items, plan))
        rows = []
        for position, entry in enumerate(published):
            problems = [p for p in wrong if p.position == position]
            check = "agrees with the updates" if not problems else "; ".join(
                f"{p.code or 'total'}: {p.published} published, {p.computed} counted" for p in problems)
            rows.append([cell(entry.get("scope")), cell(f"{entry.get('of')} by {entry.get('by')}"),
                         cell(entry.get("text") or ", ".join(f"{k} {v}" for k, v in (entry.get("counts") or {}).items())),
                         cell(check)])
        add("\n".join(_table(["Scope", "Counts", "As published", "Check"], rows)) + "\n")


def _top_area(item) -> Any:
    found = None
    current = item
    while current is not None:
        if current.kind == "Area":
            found = current
        current = current.parent
    return found


def _heading(item) -> str:
    number = item.data.get("number")
    text = item.data.get("title") or item.data.get("text") or item.data.get("name") or item.id
    return f"{number} {text}" if number not in (None, "") else str(text)


def _updates(data, items, levels, words, add) -> None:
    groups: dict[str, list[list[str]]] = {}
    for update in data.get("updates") or ():
        if not isinstance(update, Mapping):
            continue
        item = items.get(update.get("item"))
        area = _top_area(item) if item is not None else None
        group = _heading(area) if area is not None else "Other items"
        name = f"{kind_name(levels, item.kind, item.data)} {_heading(item)}" if item is not None else update.get("item")
        status, rag = update.get("status"), update.get("rag")
        if isinstance(update.get("stage"), str) and (status is None or rag is None):
            word_status, word_rag = meaning(update["stage"], words)
            status, rag = status or word_status, rag or word_rag
        wording = update.get("wording") if isinstance(update.get("wording"), Mapping) else {}
        percent = update.get("percent_complete")
        said = " ".join(part for part in (update.get("commentary"), update.get("reason")) if part)
        groups.setdefault(group, []).append([
            cell(name), cell(update.get("stage") or " "), cell(_worded(status, wording.get("status")) or " "),
            cell(_worded(rag, wording.get("rag")) or " "),
            cell(_worded(f"{_number(percent)}%" if is_number(percent) else None, wording.get("percent_complete"))
                 or " "),
            cell(_date(update.get("revised_due")) or " "), cell(said or " ")])
    if not groups:
        return
    add("## Progress\n")
    for group, rows in groups.items():
        add(f"### {escape(group)}\n")
        add("\n".join(_table(["Item", "Stage", "Status", "RAG", "Complete", "Revised due", "Commentary"], rows))
            + "\n")


def _figures(data, items, plan, index, add) -> None:
    observations = [o for o in data.get("observations") or () if isinstance(o, Mapping)]
    if not observations:
        return
    earlier = previous_report(index.main) if index is not None else None
    period = data.get("period") if isinstance(data.get("period"), Mapping) else None
    rows = []
    for observation in observations:
        item = items.get(observation.get("indicator"))
        indicator = item.data if item is not None and item.kind == "Indicator" else {}
        name = " ".join(str(part) for part in (indicator.get("number"), indicator.get("title")) if part) \
            or observation.get("indicator")
        target = observation.get("target") if isinstance(observation.get("target"), Mapping) else \
            target_for(indicator, period)
        wanted = target_value(target, indicator.get("baseline")) if isinstance(target, Mapping) else None
        target_text = (target.get("text") if isinstance(target, Mapping) else None) or (
            f"{_QUALIFIERS.get(target.get('qualifier') or '', '')}{_number(wanted)}" if wanted is not None else "")
        wording = observation.get("wording") if isinstance(observation.get("wording"), Mapping) else {}
        value = observation.get("text") or (_number(observation["value"]) if is_number(observation.get("value"))
                                            else "")
        computed = observation_rag(observation, indicator, plan, period)
        trend = observation.get("trend")
        worked = None if trend else observation_trend(observation, indicator, earlier)
        rows.append([cell(name), cell(value or " "), cell(target_text or "no target"),
                     cell(_worded(observation.get("rag"), wording.get("rag")) or " "), cell(computed or " "),
                     cell(_worded(trend, wording.get("trend")) if trend else (f"{worked} (worked out)" if worked
                                                                            else " ")),
                     cell(observation.get("note") or " ")])
    add("## Indicators\n")
    add("\n".join(_table(["Indicator", "Value", "Target", "RAG", "RAG from the tolerance", "Trend", "Note"], rows))
        + "\n")


# --- a plan's own performance framework (1.1): top-level indicators, its tolerance and its status words -------


def _tolerance(tolerance: Any) -> str:
    if not isinstance(tolerance, Mapping):
        return ""
    unit = "%" if tolerance.get("unit", "percent") == "percent" else ""
    return (f"green within {_number(tolerance.get('green_within'))}{unit} of target, amber within "
            f"{_number(tolerance.get('amber_within'))}{unit}, red beyond")


def _target_line(target: Mapping[str, Any]) -> list[str]:
    relative = target.get("relative") if isinstance(target.get("relative"), Mapping) else None
    value = target.get("text") or (f"{_QUALIFIERS.get(target.get('qualifier') or '', '')}{_number(target['value'])}"
                                   if is_number(target.get("value")) else "")
    if not value and relative:
        value = f"{_number(relative.get('change'))}{'%' if relative.get('unit') == 'percent' else ''} from the baseline"
    return [cell(target.get("kind") or "target"), cell(value or " "), cell(_date(target.get("period")) or " "),
            cell(_date(target.get("due")) or " ")]


def plan_framework(data: Mapping[str, Any]) -> list[str]:
    """Markdown blocks for a plan's top-level indicators, its tolerance and its status words; none without."""
    blocks: list[str] = []
    indicators = [ind for ind in data.get("indicators") or () if isinstance(ind, Mapping)]
    if indicators or data.get("tolerance"):
        blocks.append("## Indicators\n")
        if data.get("tolerance"):
            blocks.append(f"RAG tolerance for every indicator: {escape(_tolerance(data['tolerance']))}.\n")
    for indicator in indicators:
        name = " ".join(str(part) for part in (indicator.get("number"), indicator.get("title")) if part)
        blocks.append(f"### {escape(name)}\n")
        facts = [("Unit", indicator.get("unit")), ("Direction", indicator.get("direction")),
                 ("Class", indicator.get("class")), ("Reported", indicator.get("frequency")),
                 ("Decimal places", indicator.get("decimals")), ("Source", indicator.get("source")),
                 ("Tolerance", _tolerance(indicator.get("tolerance"))),
                 ("Owners", "; ".join(str(owner.get("ref")) for owner in indicator.get("owners") or ()
                                      if isinstance(owner, Mapping))),
                 ("Metric", " ".join(str(v) for v in (indicator.get("metric") or {}).values()))]
        baseline = indicator.get("baseline") if isinstance(indicator.get("baseline"), Mapping) else None
        if baseline:
            facts.append(("Baseline", baseline.get("text") or f"{_number(baseline.get('value'))} "
                          f"({_date(baseline.get('date'))})"))
        blocks.append("\n".join(f"- {label}: {escape(value)}" for label, value in facts
                                if value not in (None, "")) + "\n")
        targets = [target for target in indicator.get("targets") or () if isinstance(target, Mapping)]
        if targets:
            blocks.append("\n".join(_table(["Kind", "Target", "Period", "Due"],
                                           [_target_line(target) for target in targets])) + "\n")
        actuals = [p for p in indicator.get("progress") or () if isinstance(p, Mapping)]
        if actuals:
            blocks.append("\n".join(_table(["When", "Actual", "Stage", "Commentary"], [
                [cell(_date(p.get("date")) or " "), cell(_number(p["value"]) if is_number(p.get("value")) else " "),
                 cell(p.get("stage") or " "), cell(p.get("commentary") or p.get("note") or " ")]
                for p in actuals])) + "\n")
    scale = [word for word in data.get("status_scale") or () if isinstance(word, Mapping)]
    if scale:
        blocks.append("## Status words\n")
        blocks.append("\n".join(_table(["Word", "Status", "RAG", "Meaning"], [
            [cell(word.get("label")), cell(word.get("status") or " "), cell(word.get("rag") or " "),
             cell(word.get("description") or " ")] for word in scale])) + "\n")
    return blocks
