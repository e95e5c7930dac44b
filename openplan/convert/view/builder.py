"""Building the view of a plan: every name, date and link resolved once, for each page format to lay out."""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable

from ...dates import Span
from ...index import PlanIndex, date_span
from ...levels import declared, kind_name
from .placing import listed_first, place
from .sections import Sections
from .model import (AreaView, DateView, Entry, Fact, Indicator, Link, NoteView, PlanView, Progress,
                    SectionView, Statement, and_list, code_title, confidence, span_text, texts)


class _Builder(Sections):
    def __init__(self, data: dict[str, Any], index: PlanIndex | None):
        self.data = data
        self.index = index
        self.on_page: set[str] = set()
        self.levels = index.levels if index is not None else declared(data)

    # references
    def item(self, ident: str):
        return self.index.items.get(ident) if self.index is not None else None

    def name(self, ident: str) -> str:
        item = self.item(ident)
        if item is None:
            return ident
        data = item.data
        if item.kind == "Output":
            words = data.get("title") or data.get("text") or ("" if data.get("number") is not None else ident)
            return f"{data.get('number', '')} {words}".strip() if data.get("number") is not None else str(words)
        if item.kind == "Pledge":
            head = data.get("title") or data.get("text") or ident
            return f"{data['number']}. {head}" if data.get("number") is not None else str(head)
        text = data.get("title") or data.get("name") or data.get("text") or ident
        abbreviation = data.get("abbreviation")
        if abbreviation and abbreviation not in str(text):
            text = f"{text} ({abbreviation})"
        number = data.get("number")
        if item.kind in ("Objective", "Theme", "Area") and number not in (None, ""):
            text = f"{number} {text}"
        return str(text)

    def link(self, ident: str, **extra: Any) -> Link:
        item = self.item(ident)
        return Link(ident, self.name(ident), kind=item.kind.lower() if item else "", **extra)

    def links(self, idents: Iterable[str] | None) -> list[Link]:
        return [self.link(ident) for ident in idents or () if isinstance(ident, str)]

    def owners(self, owners: list[dict] | None) -> list[Link]:
        return [self.link(o["ref"], detail=code_title("owner-role", o.get("role")) if "role" in o else "",
                          note=o.get("note", "")) for o in owners or () if isinstance(o, dict) and "ref" in o]

    def pledge_links(self, links: list[dict] | None) -> list[Link]:
        return [self.link(p["pledge"], detail=code_title("pledge-link-type", p.get("type")), note=p.get("note", ""))
                for p in links or () if isinstance(p, dict) and "pledge" in p]

    def serves_links(self, links: list[dict] | None) -> list[Link]:
        """An item's `serves` links: to an item of this plan, or of a parent plan (named, never linked)."""
        titles = {p.get("id"): p.get("title") for p in self.data.get("parents") or () if isinstance(p, dict)}
        found = []
        for entry in links or ():
            if not isinstance(entry, dict) or not isinstance(entry.get("item"), str):
                continue
            detail, note = code_title("serves-relation", entry.get("relation")), str(entry.get("note", ""))
            if entry.get("plan") == self.data.get("id"):
                found.append(self.link(entry["item"], detail=detail, note=note))
                continue
            number = entry.get("number")
            where = titles.get(entry.get("plan")) or entry.get("plan")
            name = f"{number if number is not None else entry['item']} in {where}"
            # The id holds a colon, which no item id may: a link to another plan never points into this page.
            found.append(Link(f"{entry.get('plan')}:{entry['item']}", name, detail=detail, note=note))
        return found

    # values
    def date(self, value: dict | None) -> DateView | None:
        if not isinstance(value, dict):
            return None
        view = DateView(text=str(value.get("text", "")), tbc=value.get("tbc") is True,
                        recurrence=code_title("recurrence", value.get("recurrence")), note=str(value.get("note", "")))
        view.span = date_span(value, self.index)
        event = value.get("relative_to")
        events = [event] if isinstance(event, str) else [e for e in event or () if isinstance(e, str)]
        if events:
            relation = value.get("relation", "at")
            view.relation = f"{code_title('date-relation', relation).lower()} {and_list(self.name(e) for e in events)}"
        return view

    def statements(self, items: list[dict] | None) -> list[Statement]:
        return [Statement(str(s.get("number", "") if s.get("number") is not None else ""), str(s.get("text", "")),
                          str(s.get("id", "")), self.statements(s.get("items")))
                for s in items or () if isinstance(s, dict)]

    def notes(self, notes: list[dict] | None) -> list[NoteView]:
        return [NoteView(code_title("note-kind", n.get("kind")), str(n.get("title", "")), str(n.get("text", "")),
                         self.statements(n.get("items")), self.links(n.get("applies_to")))
                for n in notes or () if isinstance(n, dict)]

    def indicators(self, indicators: list[dict] | None) -> list[Indicator]:
        found = []
        for ind in indicators or ():
            if not isinstance(ind, dict):
                continue
            unit = str(ind.get("unit", ""))
            baseline = ind.get("baseline") or {}
            base = ""
            if baseline:
                base = baseline.get("text") or f"{_number(baseline.get('value'))} {unit}".strip()
                when = self.date(baseline.get("date"))
                if when:
                    base += f" ({when.label})"
            targets = []
            for target in ind.get("targets") or ():
                due = self.date(target.get("due"))
                targets.append((target.get("text") or f"{_number(target.get('value'))} {unit}".strip(),
                                due.label if due else ""))
            actuals = [(self.update_date(p.get("date")), f"{_number(p['value'])} {unit}".strip() if "value" in p else "",
                        code_title("progress-status", p.get("status"))) for p in ind.get("progress") or ()]
            found.append(Indicator(str(ind.get("id", "")), str(ind.get("title", "")), unit,
                                   code_title("direction", ind.get("direction")), base, targets, actuals,
                                   str(ind.get("source", ""))))
        return found

    def update_date(self, value: Any) -> str:
        """A progress update's date: a day, or (1.1) a period with its wording ("Quarter 3 2023/24")."""
        if isinstance(value, dict):
            shown = self.date(value)
            return shown.label if shown else ""
        return str(value or "")

    def progress(self, updates: list[dict] | None) -> list[Progress]:
        return [Progress(self.update_date(p.get("date")), code_title("progress-status", p.get("status")),
                         code_title("rag", p.get("rag")),
                         f"{_number(p['percent_complete'])}%" if "percent_complete" in p else "",
                         _number(p["value"]) if "value" in p else "", str(p.get("note", "")),
                         str(p.get("stage") or ""), str(p.get("commentary") or ""),
                         self.update_date(p.get("revised_due")))
                for p in updates or () if isinstance(p, dict)]

    # items
    def entry(self, kind: str, data: dict[str, Any]) -> Entry:
        ident = str(data.get("id", ""))
        self.on_page.add(ident)
        number = data.get("number")
        title = data.get("title") if kind != "output" else data.get("title") or data.get("text")
        # an output with both a title and text shows the text beneath its title
        text = data.get("outcome") if kind == "objective" else data.get("text") if data.get("title") else None
        entry = Entry(kind, ident, "" if number is None else str(number), str(title or ""),
                      text=str(text or "") if kind in ("objective", "output") else "",
                      description=str(data.get("description", "")), due=self.date(data.get("due")),
                      owners=self.owners(data.get("owners")), themes=self.links(data.get("themes")),
                      pledges=self.pledge_links(data.get("pledges")), events=self.links(data.get("events")),
                      sub_items=self.statements(data.get("sub_items")),
                      indicators=self.indicators(data.get("indicators")),
                      progress=self.progress(data.get("progress")), notes=self.notes(data.get("notes")),
                      serves_plans=self.serves_links(data.get("serves")),
                      kind_name=kind_name(self.levels, kind.capitalize(), data),
                      beneficiaries=texts(data.get("beneficiaries")), locations=texts(data.get("locations")),
                      tags=texts(data.get("tags")), confidence=confidence(data.get("confidence")))
        if kind == "objective" and isinstance(data.get("parent"), str):
            entry.parent = self.link(data["parent"])
        if kind == "milestone":
            entry.serves = self.links(data.get("objectives")) + self.links(data.get("outputs"))
            if isinstance(data.get("part_of"), str):
                entry.parent = self.link(data["part_of"])
        if kind == "objective":
            entry.children = [self.entry("output", output) for output in data.get("outputs") or ()
                              if isinstance(output, dict)]
        return entry

    def build(self) -> PlanView:
        data = self.data
        organisation = self.name(data["organisation"]) if isinstance(data.get("organisation"), str) else ""
        period = data.get("period") or {}
        period_text = period.get("text") or ""
        try:
            period_span = Span(date.fromisoformat(period["start"]), date.fromisoformat(period["end"]))
            period_text = f"{period_text} ({span_text(period_span)})" if period_text else span_text(period_span)
        except (KeyError, TypeError, ValueError):
            period_span = None
        edition = data.get("edition") or {}
        report = data.get("report") or {}
        facts = [Fact("Edition status", code_title("edition-status", edition.get("status")))]
        if edition.get("label"):
            facts.append(Fact("Edition", str(edition["label"])))
        for key, label in (("date", "Edition date"), ("approved_on", "Approved on")):
            when = self.date(edition.get(key))
            if when:
                facts.append(Fact(label, when.label))
        if isinstance(edition.get("approved_by"), str):
            facts.append(Fact("Approved by" if edition.get("status") == "approved" else "To be approved by",
                              self.name(edition["approved_by"])))
        for approval in edition.get("approvals") or ():  # 1.1: each body in its role
            if isinstance(approval, dict) and isinstance(approval.get("by"), str):
                when = self.date(approval.get("on"))
                facts.append(Fact(code_title("approval-role", approval.get("role")),
                                  self.name(approval["by"]) + (f" ({when.label})" if when else "")))
        if data.get("plan_type"):
            facts.append(Fact("Plan type", code_title("plan-type", data["plan_type"])))
        if data.get("owners"):
            facts.append(Fact("Owners", "; ".join(link.name for link in self.owners(data["owners"]))))
        previous = edition.get("previous")
        if isinstance(previous, dict):
            where = f" (file {previous['path']})" if previous.get("path") else ""
            facts.append(Fact("Previous edition", f"{previous.get('id', '')}{where}"))
        if edition.get("series"):
            facts.append(Fact("Plan series", str(edition["series"])))
        if data.get("calendar"):
            facts.append(Fact("Year counted as", code_title("calendar", data["calendar"])))
        for key, label in (("title", "Report"), ("committee", "Committee"), ("item", "Agenda item"),
                           ("author", "Report by"), ("author_post", "Author's post"), ("contact", "Contact officer")):
            value = report.get(key)
            if value is None:
                continue
            shown = self.name(value) if key in ("committee", "author", "author_post", "contact") else str(value)
            facts.append(Fact(label, shown))
        meeting = self.date(report.get("meeting_date"))
        if meeting:
            facts.append(Fact("Meeting date", meeting.label))
        changes = []
        for change in edition.get("changes") or ():
            if isinstance(change, dict):
                words = " ".join(str(change[k]) for k in ("reason", "note") if change.get(k))
                numbers = ""
                if change.get("from_number") is not None or change.get("to_number") is not None:
                    numbers = f" (from {change.get('from_number', '?')} to {change.get('to_number', '?')})"
                changes.append((code_title("change-kind", change.get("kind")) + numbers,
                                self.links(change.get("items")), words))
        areas = []
        for area in data.get("areas") or ():
            if not isinstance(area, dict):
                continue
            self.on_page.add(str(area.get("id", "")))
            number = area.get("number")
            areas.append(AreaView(str(area.get("id", "")), "" if number is None else str(number),
                                  str(area.get("title", "")), code_title("area-kind", area.get("kind")),
                                  str(area.get("description", "")),
                                  self.link(area["parent"]) if isinstance(area.get("parent"), str) else None,
                                  self.owners(area.get("owners")), self.notes(area.get("notes")),
                                  [self.entry("objective", o) for o in area.get("objectives") or ()
                                   if isinstance(o, dict)], self.serves_links(area.get("serves")),
                                  kind_name(self.levels, "Area", area)))
        objectives = [self.entry("objective", o) for o in data.get("objectives") or () if isinstance(o, dict)]
        milestones = [self.entry("milestone", m) for m in data.get("milestones") or () if isinstance(m, dict)]
        sections = [SectionView(str(s.get("id", "")), "" if s.get("number") is None else str(s["number"]),
                                code_title("section-kind", s.get("kind")), str(s.get("title", "")),
                                str(s.get("text", "")), self.statements(s.get("items")), self.owners(s.get("authors")))
                    for s in data.get("sections") or () if isinstance(s, dict)]
        view = PlanView(
            id=str(data.get("id", "")), title=str(data.get("title", "")), organisation=organisation,
            period=period_text, language=str(data.get("language") or "en-GB"),
            status=code_title("edition-status", edition.get("status")), status_code=str(edition.get("status", "")),
            facts=facts, summary=str(report.get("summary", "")),
            recommendations=self.statements(report.get("recommendations")),
            implications=[(i.get("title") or code_title("implication-kind", i.get("kind")), str(i.get("text", "")))
                          for i in report.get("implications") or () if isinstance(i, dict)],
            appendices=[str(a) for a in report.get("appendices") or ()], changes=changes, sections=sections,
            principles=self.statements(data.get("principles")), notes=self.notes(data.get("notes")),
            themes=self.themes(), areas=areas, milestones=milestones, pledges=self.pledge_rows(),
            plan_pledges=self.pledge_links(data.get("pledges")), events=self.events(), glossary=self.glossary(),
            sources=[self.source(s) for s in data.get("sources") or () if isinstance(s, dict)],
            provenance=self.provenance(), repairs=[(str(r.get("where", "")), str(r.get("what", "")))
                                                   for r in (data.get("provenance") or {}).get("repairs") or ()],
        )
        view.objectives = objectives
        view.objectives_apart = place(areas, objectives, self.link)
        view.objectives_first = listed_first(data)
        for link_list in self._all_links(view):
            for link in link_list:
                link.local = link.id in self.on_page
        view.domain = self.domain(period_span, milestones)
        view.kind_names = {kind: kind_name(self.levels, kind.capitalize(), plural=True)
                           for kind in ("area", "objective", "output", "milestone")}
        view.own_levels = bool(self.levels)
        return view

    def _all_links(self, view: PlanView) -> Iterable[list[Link]]:
        def entry_links(entry: Entry) -> Iterable[list[Link]]:
            yield entry.serves
            yield entry.serves_plans
            yield entry.themes
            if entry.parent:
                yield [entry.parent]
            for child in entry.children:
                yield from entry_links(child)

        for area in view.areas:
            yield area.serves_plans
            yield area.also_served_by
            for objective in area.objectives:
                yield from entry_links(objective)
        for objective in view.objectives:
            yield from entry_links(objective)
        for milestone in view.milestones:
            yield from entry_links(milestone)
        for theme in view.themes:
            yield theme.related
        for row in view.pledges:
            yield row.links
        for _, items, _ in view.changes:
            yield items

    def domain(self, period: Span | None, milestones: list[Entry]) -> Span | None:
        days = [day for m in milestones if m.due and m.due.span
                for day in (m.due.span.earliest, m.due.span.latest) if day is not None]
        if period is not None:
            days += [period.earliest, period.latest]
        if not days:
            return None
        return Span(min(days), max(days))


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)


def build(data: dict[str, Any], index: PlanIndex | None = None) -> PlanView:
    """The view of a plan: what the HTML and Markdown converters lay out."""
    return _Builder(data, index).build()


# For pages that resolve more than the view holds (a date in a progress update, an item's name in a report).
Builder = _Builder

