"""What a page shows, as plain data: the plan's items with their names, dates, owners and links resolved."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable

from ...codelists import codelist
from ...dates import Span


def code_title(list_name: str, code: str | None) -> str:
    if code is None:
        return ""
    for entry in codelist(list_name):
        if entry.code == code:
            return entry.title
    return code


def day_text(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def span_text(span: Span) -> str:
    if span.earliest and span.latest:
        if span.earliest == span.latest:
            return day_text(span.earliest)
        return f"{day_text(span.earliest)} to {day_text(span.latest)}"
    if span.latest:
        return f"by {day_text(span.latest)}"
    if span.earliest:
        return f"from {day_text(span.earliest)}"
    return "no date"


@dataclass
class DateView:
    """A fuzzy date as published, with the span of days it covers."""

    text: str = ""  # the published wording
    span: Span | None = None
    tbc: bool = False
    relation: str = ""  # "before Spending Review 2020"
    recurrence: str = ""
    note: str = ""

    @property
    def label(self) -> str:
        """The wording to show: as published, else the value's span, else the relation."""
        if self.text:
            return self.text
        if self.tbc:
            return "To be confirmed"
        if self.span is not None:
            return span_text(self.span)
        return self.relation or "No date given"

    @property
    def span_label(self) -> str:
        if self.tbc and self.span is None:
            return "to be confirmed"
        return span_text(self.span) if self.span is not None else ""

    @property
    def exact(self) -> bool:
        return bool(self.span and self.span.earliest and self.span.earliest == self.span.latest)


@dataclass
class Link:
    """A resolved reference: the id, the name to show, and what the link says (a role, a link type)."""

    id: str
    name: str
    kind: str = ""
    detail: str = ""
    note: str = ""
    local: bool = False  # the target is on this page


@dataclass
class Statement:
    number: str
    text: str
    id: str = ""
    items: list["Statement"] = field(default_factory=list)


@dataclass
class Indicator:
    id: str
    title: str
    unit: str
    direction: str
    baseline: str
    targets: list[tuple[str, str]]  # (value as published, due)
    actuals: list[tuple[str, str, str]]  # (date, value, status)
    source: str


@dataclass
class Progress:
    date: str
    status: str
    rag: str
    percent: str
    value: str
    note: str
    stage: str = ""  # the council's own status word (1.1)
    commentary: str = ""
    revised_due: str = ""


@dataclass
class NoteView:
    kind: str
    title: str
    text: str
    items: list[Statement]
    applies_to: list[Link]


@dataclass
class Entry:
    """An objective, output or milestone: the things a plan delivers."""

    kind: str  # objective, output, milestone
    id: str
    number: str
    title: str
    text: str = ""  # an objective's outcome statement, an output's text, a milestone's description
    description: str = ""
    due: DateView | None = None
    owners: list[Link] = field(default_factory=list)
    themes: list[Link] = field(default_factory=list)
    pledges: list[Link] = field(default_factory=list)
    events: list[Link] = field(default_factory=list)
    serves: list[Link] = field(default_factory=list)  # a milestone's objectives and outputs
    serves_plans: list[Link] = field(default_factory=list)  # `serves`: items of parent plans (or this plan)
    parent: Link | None = None
    sub_items: list[Statement] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    progress: list[Progress] = field(default_factory=list)
    notes: list[NoteView] = field(default_factory=list)
    children: list["Entry"] = field(default_factory=list)  # an objective's outputs
    kind_name: str = ""  # what the plan calls the item's kind: its level's name ("Strategy"), else "Objective"
    beneficiaries: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    confidence: str = ""  # "Inferred: the reason", when the encoder inferred the item or is unsure of it

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}".strip()


@dataclass
class AreaView:
    id: str
    number: str
    title: str
    kind: str
    description: str
    parent: Link | None
    owners: list[Link]
    notes: list[NoteView]
    objectives: list[Entry]
    serves_plans: list[Link] = field(default_factory=list)  # `serves`: items of parent plans (or this plan)
    kind_name: str = "Area"  # what the plan calls it: its level's name ("Goal"), else "Area"
    # The plan's own objectives (1.1) shown with this area, and those shown with another area that serve it too
    beside: list[Entry] = field(default_factory=list)
    also_served_by: list[Link] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}".strip()


@dataclass
class ThemeView:
    id: str
    number: str
    title: str
    description: str
    same_as: Link | None
    commitments: list[Statement]
    related: list[Link]


@dataclass
class PledgeRow:
    set_title: str
    pledge: str  # "" for a set known only by name
    id: str
    links: list[Link]


@dataclass
class Fact:
    label: str
    value: str
    link: str = ""  # a web address, shown as a link when it is http(s)


@dataclass
class SectionView:
    id: str
    number: str
    kind: str
    title: str
    text: str
    items: list[Statement]
    authors: list[Link]

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title or self.kind}".strip()


@dataclass
class PlanView:
    id: str
    title: str
    organisation: str
    period: str
    language: str
    status: str
    status_code: str
    facts: list[Fact]  # edition and report facts
    summary: str
    recommendations: list[Statement]
    implications: list[tuple[str, str]]  # (heading, text)
    appendices: list[str]
    changes: list[tuple[str, list[Link], str]]  # (kind, items, reason and note)
    sections: list[SectionView]
    principles: list[Statement]
    notes: list[NoteView]
    themes: list[ThemeView]
    areas: list[AreaView]
    milestones: list[Entry]
    pledges: list[PledgeRow]
    plan_pledges: list[Link]
    events: list[tuple[Link, DateView, str, str]]  # (event, date, kind, description)
    glossary: list[tuple[str, str]]
    sources: list[list[Fact]]
    provenance: list[Fact]
    repairs: list[tuple[str, str]]
    domain: Span | None = None  # the days the timeline covers
    objectives: list[Entry] = field(default_factory=list)  # objectives directly under the plan (1.1)
    objectives_apart: list[Entry] = field(default_factory=list)  # those of them that relate to no area
    objectives_first: bool = False  # the plan lists its own objectives before its areas
    # What the plan calls each kind of item, for headings: {"area": "Goals", "objective": "Strategies", ...}
    kind_names: dict[str, str] = field(default_factory=dict)
    own_levels: bool = False  # the plan declares its own levels, so headings name them

    @property
    def tbc_milestones(self) -> list[Entry]:
        return [m for m in self.milestones if m.due is None or m.due.span is None]


def safe_url(url: str) -> str | None:
    """A web address that is safe to link to: http or https only, never javascript: or data:."""
    text = url.strip()
    lower = text.lower()
    if (lower.startswith("https://") or lower.startswith("http://")) and not any(ch.isspace() or ord(ch) < 32
                                                                               for ch in text):
        return text
    return None


def and_list(names: Iterable[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    listed = list(names)
    return listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]


def texts(values: Any) -> list[str]:
    """The text entries of a list field (beneficiaries, locations, tags)."""
    return [str(value) for value in values or () if isinstance(value, str)]


def confidence(value: Any) -> str:
    """A `confidence` in words: "Inferred: the source gives the month only"."""
    if not isinstance(value, dict):
        return ""
    level = code_title("confidence", value.get("level"))
    return f"{level}: {value['reason']}" if isinstance(value.get("reason"), str) else level
