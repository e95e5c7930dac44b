"""The parts of a plan's view that come from its shared collections and about the file: themes, pledges,
events, glossary, sources and provenance. Mixed into the view builder, whose helpers (``link``, ``name``,
``date``, ``statements``) they use."""

from __future__ import annotations

from datetime import date
from typing import Any

from .model import DateView, Fact, Link, PledgeRow, ThemeView, code_title


class Sections:
    data: dict[str, Any]

    def themes(self) -> list[ThemeView]:
        related: dict[str, list[Link]] = {}
        if self.index is not None:
            for reference in self.index.references:
                if reference.field == "themes" and reference.document is self.index.main and reference.owner:
                    owner = reference.owner
                    related.setdefault(reference.target, []).append(self.link(owner.id))
        found = []
        for theme in self.data.get("themes") or ():
            if not isinstance(theme, dict):
                continue
            ident = str(theme.get("id", ""))
            self.on_page.add(ident)
            number = theme.get("number")
            found.append(ThemeView(ident, "" if number is None else str(number), str(theme.get("title", "")),
                                   str(theme.get("description", "")),
                                   self.link(theme["same_as"]) if isinstance(theme.get("same_as"), str) else None,
                                   self.statements(theme.get("commitments")), related.get(ident, [])))
        return found

    def pledge_rows(self) -> list[PledgeRow]:
        if self.index is None:
            return []
        linked: dict[str, list[Link]] = {}
        for node in self.index.nodes_of("PledgeLink"):
            target = node.data.get("pledge")
            if not isinstance(target, str):
                continue
            owner = node.owner
            where = (self.link(owner.id) if owner is not None
                     else Link(str(self.data.get("id", "")), "The plan as a whole"))
            where.detail = code_title("pledge-link-type", node.data.get("type"))
            where.note = str(node.data.get("note", ""))
            linked.setdefault(target, []).append(where)
        rows = []
        for pledge_set in self.index.of_kind("PledgeSet", main_only=False):
            title = str(pledge_set.data.get("title", pledge_set.id))
            pledges = pledge_set.data.get("pledges") or []
            rows.append(PledgeRow(title, "", pledge_set.id, linked.get(pledge_set.id, [])))
            for pledge in pledges:
                if isinstance(pledge, dict) and isinstance(pledge.get("id"), str):
                    rows.append(PledgeRow(title, self.name(pledge["id"]), pledge["id"], linked.get(pledge["id"], [])))
        return rows

    def events(self) -> list[tuple[Link, DateView, str, str]]:
        if self.index is None:
            return [(Link(str(e.get("id", "")), str(e.get("title", ""))), self.date(e.get("date")) or DateView(),
                     code_title("event-kind", e.get("kind")), str(e.get("description", "")))
                    for e in self.data.get("events") or () if isinstance(e, dict)]
        used = {r.target for r in self.index.references if r.document is self.index.main}
        found = []
        for event in self.index.of_kind("Event", main_only=False):
            if event.document is not self.index.main and event.id not in used:
                continue
            found.append((self.link(event.id), self.date(event.data.get("date")) or DateView(),
                          code_title("event-kind", event.data.get("kind")), str(event.data.get("description", ""))))
        found.sort(key=lambda row: (row[1].span.earliest or row[1].span.latest or date.max)
                   if row[1].span else date.max)
        return found

    def glossary(self) -> list[tuple[str, str]]:
        entries: list[dict] = []
        if self.index is not None:
            entries = [node.data for node in self.index.nodes_of("GlossaryEntry", main_only=False)]
        else:
            entries = [g for g in self.data.get("glossary") or () if isinstance(g, dict)]
        seen: dict[str, str] = {}
        for entry in entries:
            term = str(entry.get("term", ""))
            meaning = " ".join(str(entry[k]) for k in ("expansion", "definition") if entry.get(k))
            if term and term not in seen:
                seen[term] = meaning
        return sorted(seen.items(), key=lambda pair: pair[0].casefold())

    def source(self, source: dict[str, Any]) -> list[Fact]:
        facts = [Fact("Title", str(source.get("title", "")))]
        for key, label in (("publisher", "Publisher"), ("file", "File"), ("format", "Format"), ("note", "Note")):
            if source.get(key):
                facts.append(Fact(label, str(source[key])))
        when = self.date(source.get("date"))
        if when:
            facts.append(Fact("Date", when.label))
        if source.get("url"):
            facts.append(Fact("Web address", str(source["url"]), link=str(source["url"])))
        return facts

    def provenance(self) -> list[Fact]:
        provenance = self.data.get("provenance") or {}
        return [Fact(label, str(provenance[key])) for key, label in
                (("encoded_by", "Encoded by"), ("encoded_on", "Encoded on"), ("method", "Method"), ("note", "Note"))
                if provenance.get(key)]
