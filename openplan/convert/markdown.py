"""Markdown: the same content as the HTML page, for wikis and committee papers.

Tables use the pipe syntax of GitHub-flavoured Markdown; the milestone
timeline is a table of milestones with the span each date covers. Every text
from the plan is escaped, so that a title such as ``<script>`` or ``*draft*``
shows as written and never becomes markup or HTML.
"""

from __future__ import annotations

from typing import Any

from ..index import PlanIndex
from ..version import SCHEMA_VERSION, __version__
from . import view as views
from .losses import LossReport
from .markdown_text import _lines, cell, escape, paragraphs
from .markdown_text import table as _table


def _link(link: views.Link) -> str:
    return f"[{escape(link.name)}](#item-{link.id})" if link.local else escape(link.name)


def _people(links: list[views.Link]) -> str:
    parts = []
    for link in links:
        text = _link(link)
        if link.detail:
            text += f" ({escape(link.detail.lower())})"
        if link.note:
            text += f": {escape(link.note)}"
        parts.append(text)
    return "; ".join(parts)


def _when(date: views.DateView) -> str:
    text = escape(date.label)
    if date.tbc and date.span is None:
        text = f"**{text}**" + (" (to be confirmed)" if date.text and date.text != "TBC" else "")
    elif date.span_label and date.span_label != date.label:
        text += f" ({escape(date.span_label)})"
    if date.relation and date.text:
        text += f" ({escape(date.relation)})"
    if date.recurrence:
        text += f" ({escape(date.recurrence.lower())})"
    if date.note:
        text += f" Note: {escape(date.note)}"
    return text


def _statements(items: list[views.Statement], depth: int = 0) -> list[str]:
    lines = []
    for statement in items:
        number = f"{escape(statement.number)} " if statement.number else ""
        text = " ".join(_lines(statement.text))
        lines.append(f"{'  ' * depth}- {number}{text}")
        lines.extend(_statements(statement.items, depth + 1))
    return lines


def _anchor(ident: str) -> str:
    return f'<a id="item-{ident}"></a>' if ident else ""


def _details(entry: views.Entry) -> list[str]:
    lines = []
    if entry.owners:
        lines.append(f"- Owners: {_people(entry.owners)}")
    if entry.due:
        lines.append(f"- Due: {_when(entry.due)}")
    if entry.themes:
        lines.append("- Themes: " + "; ".join(_link(t) for t in entry.themes))
    if entry.pledges:
        lines.append(f"- Pledges: {_people(entry.pledges)}")
    if entry.serves_plans:
        lines.append(f"- Serves: {_people(entry.serves_plans)}")
    if entry.events:
        lines.append("- External events: " + "; ".join(_link(t) for t in entry.events))
    for label, words in (("For", entry.beneficiaries), ("Where", entry.locations), ("Tags", entry.tags)):
        if words:
            lines.append(f"- {label}: " + "; ".join(escape(word) for word in words))
    if entry.confidence:
        lines.append(f"- Confidence: {escape(entry.confidence)}")
    out = lines[:]
    if entry.sub_items:
        out += ["", *_statements(entry.sub_items)]
    for indicator in entry.indicators:
        rows = []
        if indicator.baseline:
            rows.append(["Baseline", cell(indicator.baseline), " "])
        rows += [["Target", cell(value), cell(due)] for value, due in indicator.targets]
        rows += [[f"Actual ({cell(status.lower())})" if status else "Actual", cell(value), cell(day)]
                 for day, value, status in indicator.actuals]
        unit = f" ({escape(indicator.unit)})" if indicator.unit else ""
        out += ["", f"Indicator: {escape(indicator.title)}{unit}", "", *_table(["What", "Value", "When"], rows)]
        if indicator.direction or indicator.source:
            out += ["", " ".join(x for x in (f"Direction: {escape(indicator.direction)}." if indicator.direction
                                             else "", f"Source: {escape(indicator.source)}" if indicator.source
                                             else "") if x)]
    if entry.progress:
        rows = [[cell(p.date), cell(p.status), cell(p.rag), cell(p.percent), cell(p.value), cell(p.note)]
                for p in entry.progress]
        headings = ["Date", "Status", "RAG", "Complete", "Value", "Note"]
        if any(p.stage or p.commentary or p.revised_due for p in entry.progress):  # 1.1 fields, when given
            headings[1:1] = ["Stage"]
            headings += ["Commentary", "Revised due"]
            for row, p in zip(rows, entry.progress):
                row[1:1] = [cell(p.stage)]
                row += [cell(p.commentary), cell(p.revised_due)]
        out += ["", "Progress:", "", *_table(headings, rows)]
    for note in entry.notes:
        out += ["", *_note(note)]
    return out


def _note(note: views.NoteView) -> list[str]:
    head = f"**{escape(note.title or note.kind)}**" + (f" ({escape(note.kind.lower())})" if note.title else "")
    lines = [head, "", paragraphs(note.text)]
    if note.items:
        lines += ["", *_statements(note.items)]
    if note.applies_to:
        lines += ["", "Applies to: " + "; ".join(_link(t) for t in note.applies_to)]
    return lines


def _objective(objective: views.Entry, level: str, own_levels: bool) -> list[str]:
    """An objective and its outputs; ``own_levels``: headings name the plan's levels ("Strategy 1.1")."""
    named = f"{objective.kind_name} " if own_levels else ""
    out = [f"{level} {_anchor(objective.id)}{escape(named + objective.heading)}\n"]
    if objective.parent:
        out.append(f"Part of {_link(objective.parent)}\n")
    if objective.text:
        out.append(f"*Outcome:* {escape(objective.text)}\n")
    if objective.description:
        out.append(paragraphs(objective.description) + "\n")
    details = _details(objective)
    if details:
        out.append("\n".join(details) + "\n")
    for output in objective.children:
        number = f"**{escape(output.number)}.** " if output.number else ""
        kind = f"{escape(output.kind_name)} " if own_levels else ""
        lines: list[str] = []
        for part in (output.text, output.description):  # beneath a title: the output's text and description
            if part:
                lines += [*paragraphs(part).split("\n"), ""]
        lines += _details(output)
        body = "\n".join("  " + line if line else "" for line in lines).rstrip()
        out.append(f"- {_anchor(output.id)}{kind}{number}{' '.join(_lines(output.title))}".rstrip()
                   + (f"\n\n{body}" if body else "") + "\n")
    return out


def _apart(plan: views.PlanView) -> list[str]:
    """The plan's own objectives that relate to no area (the others are shown with their areas)."""
    out = [f"## {escape(plan.kind_names.get('objective') or 'Objectives')}\n"]
    for objective in plan.objectives_apart:
        out += _objective(objective, "###", plan.own_levels)
    return out


def render(data: dict[str, Any], index: PlanIndex | None = None) -> str:
    """The plan as Markdown, with the same content as the HTML page (a progress report: its own page)."""
    if data.get("kind") == "report":
        from .report_markdown import render as report_page

        return report_page(data, index)
    plan = views.build(data, index)
    out: list[str] = []
    add = out.append
    if plan.organisation:
        add(f"{escape(plan.organisation)}\n")
    add(f"# {escape(plan.title)}\n")
    add(f"{escape(plan.period) + '. ' if plan.period else ''}**{escape(plan.status)}**\n")
    add("## About this edition\n")
    add("\n".join(f"- **{escape(f.label)}:** {escape(f.value)}" for f in plan.facts) + "\n")
    if plan.changes:
        add("Changes from the previous edition:\n")
        add("\n".join(_table(["Change", "Items", "Why"], [[cell(kind), "; ".join(_link(t) for t in items) or " ",
                                                            cell(why)] for kind, items, why in plan.changes])) + "\n")
    if plan.summary or plan.recommendations or plan.implications or plan.appendices:
        add("## The report\n")
        if plan.summary:
            add(f"### Summary\n\n{paragraphs(plan.summary)}\n")
        if plan.recommendations:
            add("### Recommendations\n\n" + "\n".join(_statements(plan.recommendations)) + "\n")
        if plan.implications:
            add("### Implications\n")
            for heading, text in plan.implications:
                add(f"#### {escape(heading)}\n\n{paragraphs(text)}\n")
        if plan.appendices:
            add("### Appendices\n\n" + "\n".join(f"- {escape(a)}" for a in plan.appendices) + "\n")
    if plan.sections:
        add("## Foreword and context\n")
        for section in plan.sections:
            add(f"### {_anchor(section.id)}{escape(section.heading)}\n")
            if section.authors:
                add(f"By {_people(section.authors)}\n")
            if section.text:
                add(paragraphs(section.text) + "\n")
            if section.items:
                add("\n".join(_statements(section.items)) + "\n")
    if plan.themes:
        add("## Themes\n")
        for theme in plan.themes:
            add(f"### {_anchor(theme.id)}{escape((theme.number + ' ' if theme.number else '') + theme.title)}\n")
            if theme.description:
                add(paragraphs(theme.description) + "\n")
            if theme.same_as:
                add(f"Continues the theme: {escape(theme.same_as.name)}\n")
            if theme.commitments:
                add("\n".join(_statements(theme.commitments)) + "\n")
            if theme.related:
                add("Related work: " + "; ".join(_link(r) for r in theme.related) + "\n")
    if plan.objectives_apart and plan.objectives_first:
        out += _apart(plan)
    if plan.areas:
        add(f"## {escape(plan.kind_names['area'])}\n" if plan.own_levels else "## The plan by area\n")
        for area in plan.areas:
            named = f"{area.kind_name} " if plan.own_levels else ""
            add(f"### {_anchor(area.id)}{escape(named + area.heading)}\n")
            meta = escape(area.kind)
            if area.parent:
                meta += (", within " if meta else "Within ") + _link(area.parent)
            if meta:
                add(meta + "\n")
            if area.owners:
                add(f"Owners: {_people(area.owners)}\n")
            if area.serves_plans:
                add(f"Serves: {_people(area.serves_plans)}\n")
            if area.description:
                add(paragraphs(area.description) + "\n")
            for note in area.notes:
                add("\n".join(_note(note)) + "\n")
            if area.also_served_by:  # objectives shown in full with another area
                add("Also served by: " + "; ".join(_link(link) for link in area.also_served_by) + "\n")
            for objective in area.objectives + area.beside:
                out += _objective(objective, "####", plan.own_levels)
    if plan.objectives_apart and not plan.objectives_first:
        out += _apart(plan)
    from .report_markdown import plan_framework  # top-level indicators, tolerance, status words (1.1)

    out += plan_framework(data)
    if plan.milestones:
        add("## Milestones\n")
        rows = []
        for milestone in plan.milestones:
            when = _when(milestone.due) if milestone.due else "No date given"
            covers = milestone.due.span_label if milestone.due else ""
            rows.append([_anchor(milestone.id) + cell(milestone.heading), when, cell(covers) if covers else " ",
                         "; ".join(_link(s) for s in milestone.serves) or " ", _people(milestone.owners) or " "])
        add("\n".join(_table(["Milestone", "Due", "Days covered", "Serves", "Owners"], rows)) + "\n")
        detailed = [m for m in plan.milestones if m.description or m.events or m.themes or m.pledges or m.indicators
                    or m.progress or m.notes or m.parent]
        if detailed:
            add("### Milestone details\n")
            for milestone in detailed:
                add(f"#### {escape(milestone.heading)}\n")
                if milestone.parent:
                    add(f"Part of {_link(milestone.parent)}\n")
                if milestone.description:
                    add(paragraphs(milestone.description) + "\n")
                details = _details(milestone)
                if details:
                    add("\n".join(details) + "\n")
    if plan.pledges or plan.plan_pledges:
        add("## Pledge coverage\n")
        if plan.plan_pledges:
            add(f"The plan as a whole: {_people(plan.plan_pledges)}\n")
        if plan.pledges:
            add("\n".join(_table(["Pledge set", "Pledge", "Linked work"], [
                [cell(row.set_title), cell(row.pledge) if row.pledge else "The set as a whole",
                 _people(row.links) or "No work in this plan is linked"] for row in plan.pledges])) + "\n")
    if plan.events:
        add("## External events\n")
        add("\n".join(_table(["Event", "Kind", "Date", "About"], [
            [_anchor(event.id) + cell(event.name), cell(kind) if kind else " ", _when(when), cell(about) if about
             else " "] for event, when, kind, about in plan.events])) + "\n")
    if plan.principles:
        add("## Principles\n\n" + "\n".join(_statements(plan.principles)) + "\n")
    if plan.notes:
        add("## Notes and caveats\n")
        for note in plan.notes:
            add("\n".join(_note(note)) + "\n")
    if plan.glossary:
        add("## Glossary\n")
        add("\n".join(_table(["Term", "Meaning"], [[cell(term), cell(meaning or "No expansion given")]
                                                   for term, meaning in plan.glossary])) + "\n")
    add("## Sources and provenance\n")
    for facts in plan.sources:
        add(f"### Source: {escape(facts[0].value)}\n")
        add("\n".join(f"- **{escape(f.label)}:** " + (f"<{views.safe_url(f.link)}>" if f.link and
                                                       views.safe_url(f.link) and "<" not in f.link and ">" not in
                                                       f.link else escape(f.value)) for f in facts[1:]) + "\n")
    if plan.provenance:
        add("### How this file was made\n")
        add("\n".join(f"- **{escape(f.label)}:** {escape(f.value)}" for f in plan.provenance) + "\n")
    if plan.repairs:
        add("Repairs made to damage in the source text:\n")
        add("\n".join(_table(["Where", "What was repaired"], [[cell(w), cell(what)] for w, what in plan.repairs]))
            + "\n")
    add(f"---\n\nPublished from the OpenPlan file `{plan.id}` (OpenPlan {SCHEMA_VERSION}) by openplan {__version__}.\n")
    return "\n".join(out)


def losses(data: dict[str, Any], index: PlanIndex | None = None, document=None) -> LossReport:
    return views.page_losses(data, "markdown", document)
