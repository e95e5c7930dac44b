"""What `openplan diff` found between two progress reports of one plan, or between a plan and its report.

The progress diff is its own model beside :class:`~openplan.diff.model.PlanDiff`: a report holds no items of its
own, only figures about the plan's items, so it is compared figure by figure, item by item (matched by id).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..report import EXIT_INVALID, EXIT_OK
from .model import Placed

# RAG ratings from best to worst: a move to a later one is a worsening.
RAG_ORDER = ("blue", "green", "amber", "red")

# What changed about an item's update, in the order reports show them.
UPDATE_FIELDS = ("rag", "status", "stage", "percent_complete", "revised_due")

WORSE, BETTER = "worse", "better"


@dataclass(frozen=True)
class Side:
    """One side of a progress diff: a progress report, or a plan with the progress it records."""

    kind: str  # "report" or "plan"
    path: str
    id: str
    title: str
    plan_id: str
    period: dict[str, Any] | None  # the reporting period (a report), or None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "path": self.path, "id": self.id, "title": self.title, "plan": self.plan_id,
                "period": self.period}


@dataclass(frozen=True)
class Subject(Placed):
    """A plan item or indicator a change is about, with where the newer side speaks of it."""

    kind: str  # the plan's own word for the kind ("Action", "Output", "Indicator")
    id: str
    number: str | None
    title: str
    file: str
    line: int | None
    column: int | None

    json_fields = ("kind", "id", "number", "title", "file", "line", "column")


@dataclass(frozen=True)
class UpdateChange:
    """One figure of an item's update that differs: RAG, status, stage, percent complete or revised due date.

    For ``revised_due``, ``before`` and ``after`` are dates with their resolved span, ``direction`` is slipped,
    pulled-in, added, removed or restated, and ``slippage`` says the item is now due later than the older side's
    revised date, or, when it gave none, than the plan's due date (new slippage). For ``rag``, ``direction`` is worse or better.
    """

    subject: Subject
    field: str
    before: Any
    after: Any
    direction: str | None = None
    slippage: bool = False
    planned_due: dict[str, Any] | None = None  # the plan's due date, for a revised date
    commentary: str | None = None  # the newer side's commentary or reason, as published

    def to_dict(self) -> dict[str, Any]:
        return {"item": self.subject.to_dict(), "field": self.field, "before": self.before, "after": self.after,
                "direction": self.direction, "slippage": self.slippage, "planned_due": self.planned_due,
                "commentary": self.commentary}


@dataclass(frozen=True)
class Figure:
    """An indicator's figure on one side: the value (or its published wording), the target in force, the RAG."""

    value: float | None
    text: str | None
    target: float | None
    target_text: str | None
    qualifier: str | None
    rag: str | None  # as published
    computed_rag: str | None  # from the tolerance rule
    trend: str | None  # as published
    computed_trend: str | None

    @property
    def shown(self) -> str:
        """The figure as a reader knows it: the published wording, else the number."""
        if self.text:
            return self.text
        return _number(self.value) if self.value is not None else "no figure"

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "text": self.text, "target": self.target, "target_text": self.target_text,
                "qualifier": self.qualifier, "rag": self.rag, "computed_rag": self.computed_rag,
                "trend": self.trend, "computed_trend": self.computed_trend}


@dataclass(frozen=True)
class FigureChange:
    """An indicator whose figure differs between the two sides (None on a side that has no figure)."""

    subject: Subject
    before: Figure | None
    after: Figure | None

    def to_dict(self) -> dict[str, Any]:
        return {"indicator": self.subject.to_dict(), "before": self.before.to_dict() if self.before else None,
                "after": self.after.to_dict() if self.after else None}


@dataclass(frozen=True)
class DetailChange:
    """A detail of the report itself that differs (title, period, as_of, published, plan)."""

    field: str
    before: Any
    after: Any

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "before": self.before, "after": self.after}


@dataclass
class ReportDiff:
    """Everything `openplan diff OLD NEW` found when either side is a progress report."""

    old: Side
    new: Side
    details: list[DetailChange] = field(default_factory=list)
    updates: list[UpdateChange] = field(default_factory=list)
    figures: list[FigureChange] = field(default_factory=list)
    started: list[Subject] = field(default_factory=list)  # items reported on now, not before
    stopped: list[Subject] = field(default_factory=list)  # items the older side reported on and the newer not
    warnings: list[Any] = field(default_factory=list)  # DiffWarning

    @property
    def same(self) -> bool:
        return not (self.details or self.updates or self.figures or self.started or self.stopped)

    @property
    def exit_code(self) -> int:
        return EXIT_OK if self.same else EXIT_INVALID

    def of_field(self, name: str) -> list[UpdateChange]:
        return [change for change in self.updates if change.field == name]

    @property
    def slippage(self) -> list[UpdateChange]:
        return [change for change in self.updates if change.slippage]

    def counts(self) -> dict[str, int]:
        counts = {name: len(self.of_field(name)) for name in UPDATE_FIELDS}
        counts.update(slippage=len(self.slippage), figures=len(self.figures), started=len(self.started),
                      stopped=len(self.stopped), details=len(self.details))
        return counts


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
