"""`openplan diff` of two progress reports of one plan (last quarter and this one), or of a plan and its report.

Each side becomes a snapshot of progress: per plan item its update (a report's `updates`, or the latest entry of
a plan item's in-plan `progress`), and per indicator its figure (a report's `observations`, or the latest actual
of an indicator's in-plan `progress`). The snapshots are compared item by item, by id: RAG moves, status and
stage changes, percent complete, revised due dates (new slippage: later than the older side's revised date, or,
when it gave none, than the plan's due date), indicator figures against target with the trend and the RAG the
tolerance gives, and items that stopped being reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from ..index import Item, PlanIndex, build
from ..loader import Document, LoadError, parse
from ..performance.scale import meaning, scale_of
from ..performance.tolerance import is_number, observation_rag, target_for, target_value
from ..performance.trend import observation_trend
from ..validation import Options, Validator
from .inputs import DiffError, schema_errors
from .model import DATE_ADDED, DATE_REMOVED, PULLED_IN, RESTATED, SLIPPED, DiffWarning
from .report_model import (BETTER, RAG_ORDER, WORSE, DetailChange, Figure, FigureChange, ReportDiff, Side, Subject,
                           UpdateChange)
from .words import clean

# `kind: report` near the top of a file, as YAML or JSON (what validation looks for too).
_REPORT_HEAD = re.compile(r"(?m)^(?:kind|\"kind\"|'kind')\s*:\s*[\"']?report\b|[{,]\s*\"kind\"\s*:\s*\"report\"")
_HEAD_BYTES = 8192
_ITEM_KINDS = ("Area", "Objective", "Output", "Milestone", "Pledge")
_DETAILS = ("title", "period", "as_of", "published")
_DATE_KEYS = ("text", "value", "tbc")


def is_report_text(text: str) -> bool:
    """Whether a file's text says `kind: report` near its top."""
    return bool(_REPORT_HEAD.search(text[:_HEAD_BYTES]))


def is_report_file(path: str | Path) -> bool:
    """Whether the file at ``path`` is a progress report (a file that cannot be read is left to the loader)."""
    try:
        if not Path(path).is_file():  # a pipe or a device would block the read: the loader refuses it
            return False
        with open(path, "rb") as handle:
            return is_report_text(handle.read(_HEAD_BYTES).decode("utf-8", "replace"))
    except (OSError, ValueError):
        return False


@dataclass
class Snapshot:
    """One side: its document, the index of the plan it concerns, and its updates and figures by id."""

    side: Side
    document: Document
    plan: PlanIndex
    scale: list[dict[str, Any]]
    updates: dict[str, tuple[dict[str, Any], tuple]] = field(default_factory=dict)  # id -> (update, parts)
    figures: dict[str, tuple[dict[str, Any], tuple]] = field(default_factory=dict)  # id -> (observation, parts)

    @property
    def period(self) -> dict[str, Any] | None:
        return self.side.period

    def as_report(self) -> dict[str, Any]:
        """The figures as a report mapping, for the trend of the next period."""
        return {"observations": [observation for observation, _parts in self.figures.values()]}


# --- loading -------------------------------------------------------------------------------------------------


def compare(old: str | Path, new: str | Path, options: Options | None = None) -> ReportDiff:
    """Compare two files, at least one a progress report. Raises :class:`DiffError`."""
    validator = Validator(options)
    documents = []
    for path in (Path(old), Path(new)):
        try:
            documents.append(validator.workspace.load(path, str(path)))
        except LoadError as error:
            raise DiffError(f"cannot read {error.finding.location()}: {error.finding.message}",
                            [error.finding]) from None
    return compare_documents(validator, *documents)


def compare_texts(old_text: str, new_text: str, old_name: str, new_name: str,
                  options: Options | None = None) -> ReportDiff:
    """As :func:`compare`, for files given as text (the plan a report names is read from the working folder)."""
    if old_name == new_name:
        raise DiffError("the two files need different names")
    validator = Validator(options)
    documents = []
    for text, name in ((old_text, old_name), (new_text, new_name)):
        try:
            document = parse(text, name, validator.options.limits)
        except LoadError as error:
            raise DiffError(f"cannot read {error.finding.location()}: {error.finding.message}",
                            [error.finding]) from None
        document.resolved = Path.cwd() / name
        documents.append(document)
    return compare_documents(validator, *documents)


def compare_documents(validator: Validator, old: Document, new: Document) -> ReportDiff:
    warnings: list[DiffWarning] = []
    a, b = _snapshot(validator, old, warnings), _snapshot(validator, new, warnings)
    if a.side.plan_id != b.side.plan_id:
        warnings.append(DiffWarning("different-plans", f"{old.path} concerns plan {a.side.plan_id} and {new.path} "
                                    f"plan {b.side.plan_id}; items are matched by id all the same"))
    if a.side.kind == "report" and b.side.kind == "plan":
        warnings.append(DiffWarning("report-before-plan", f"{old.path} is a progress report and {new.path} a plan: "
                                    "to see progress since the plan, put the plan first"))
    return _compare(a, b, warnings)


def _snapshot(validator: Validator, document: Document, warnings: list[DiffWarning]) -> Snapshot:
    name = document.path
    data = document.data if isinstance(document.data, dict) else {}
    if "openplan" not in data:
        raise DiffError(f"{name} is not an OpenPlan file: it has no `openplan:` version line at the top")
    if data.get("kind") == "registry":
        raise DiffError(f"{name} is a registry file (kind: registry); `openplan diff` compares two plans, two "
                        "progress reports, or a plan and a report on it")
    findings, index = validator.check_document(document)
    structural = schema_errors(findings, document)
    if structural or index is None:
        first = structural[0] if structural else findings[0]
        raise DiffError(f"{name} is not a valid OpenPlan file, so it cannot be compared: {first.location()}: "
                        f"{first.message}. Run `openplan validate {name}` to see every problem.",
                        structural or findings)
    if data.get("kind") != "report":
        side = Side("plan", name, str(data.get("id", "")), clean(data.get("title")), str(data.get("id", "")), None)
        snapshot = Snapshot(side, document, index, scale_of(*index.declarations()))
        _plan_progress(snapshot)
        return snapshot
    if index.plan is None:
        problem = next((f for f in findings if f.file == name), findings[0] if findings else None)
        detail = f": {problem.location()}: {problem.message}" if problem else ""
        raise DiffError(f"cannot compare {name}: the plan it reports on cannot be read{detail}",
                        [problem] if problem else [])
    plan = _plan_index(validator, index.plan)
    period = data.get("period") if isinstance(data.get("period"), dict) else None
    named = data.get("plan") if isinstance(data.get("plan"), dict) else {}
    side = Side("report", name, str(data.get("id", "")), clean(data.get("title")), str(named.get("id", "")), period)
    snapshot = Snapshot(side, document, plan, scale_of(*index.declarations()))
    for key, target in (("updates", snapshot.updates), ("observations", snapshot.figures)):
        for position, entry in enumerate(data.get(key) or ()):
            subject = entry.get("item" if key == "updates" else "indicator") if isinstance(entry, dict) else None
            if isinstance(subject, str):
                target.setdefault(subject, (entry, (key, position)))
    return snapshot


def _plan_index(validator: Validator, plan: Document) -> PlanIndex:
    """The index of the plan a report names: validation has built it once for the run."""
    known = validator.workspace.plan_indexes.get(plan.resolved or Path(plan.path))
    return known if known is not None else build(plan)


def _plan_progress(snapshot: Snapshot) -> None:
    """A plan's in-plan progress: the latest update of each item, and the latest actual of each indicator."""
    index = snapshot.plan
    for item in index.items.values():
        if item.document is not index.main:
            continue
        entries = [(u, item.parts + ("progress", n)) for n, u in enumerate(item.data.get("progress") or ())
                   if isinstance(u, dict)]
        if item.kind == "Indicator":
            entries = [(u, parts) for u, parts in entries if is_number(u.get("value"))]
        if not entries or item.kind not in _ITEM_KINDS + ("Indicator",):
            continue
        update, parts = max(entries, key=lambda entry: _when(entry[0].get("date"), index))
        if item.kind == "Indicator":
            snapshot.figures[item.id] = ({"indicator": item.id, "value": update["value"]}, parts)
        else:
            snapshot.updates[item.id] = (update, parts)


def _when(date: Any, index: PlanIndex) -> str:
    """A sortable form of an in-plan update's date: a day, or the last day of a period."""
    if isinstance(date, dict):
        span = index.span(date)
        return span.latest.isoformat() if span is not None and span.latest else str(date.get("value", ""))
    return str(date or "")


# --- comparing -----------------------------------------------------------------------------------------------


def _compare(old: Snapshot, new: Snapshot, warnings: list[DiffWarning]) -> ReportDiff:
    result = ReportDiff(old.side, new.side, warnings=warnings)
    if old.side.kind == new.side.kind == "report":
        result.details = [DetailChange(name, old.document.data.get(name), new.document.data.get(name))
                          for name in _DETAILS if old.document.data.get(name) != new.document.data.get(name)]
    for ident, (update, parts) in new.updates.items():
        subject = _subject(new, ident, parts)
        before = old.updates.get(ident)
        if before is None and old.side.kind == "plan" and ident in old.plan.items:
            before = ({}, ())  # against a plan: what the report says is news, beside what the plan records
        elif before is None:
            result.started.append(subject)
        result.updates.extend(_update_changes(old, new, subject, before[0] if before else None, update))
    result.stopped = [_subject(old, ident, parts) for ident, (_u, parts) in old.updates.items()
                      if ident not in new.updates]
    for ident in dict.fromkeys([*old.figures, *new.figures]):
        before = _figure(old, ident, None)
        after = _figure(new, ident, old)
        if _shown(before) != _shown(after):
            parts = (new.figures.get(ident) or old.figures[ident])[1]
            result.figures.append(FigureChange(_subject(new if ident in new.figures else old, ident, parts),
                                               before, after))
    result.updates.sort(key=lambda change: (change.field != "rag", change.subject.line or 0))
    return result


def _subject(snapshot: Snapshot, ident: str, parts: tuple) -> Subject:
    item: Item | None = snapshot.plan.items.get(ident)
    line, column = snapshot.document.position(parts)
    if item is None:  # named by a report, not in the plan (validation reports it)
        return Subject("Item", ident, None, ident, snapshot.document.path, line, column)
    number = item.data.get("number")
    title = item.data.get("title") or item.data.get("text") or item.data.get("name") or ""
    return Subject(snapshot.plan.kind_name(item), ident, str(number) if number not in (None, "") else None,
                   clean(title), snapshot.document.path, line, column)


def _resolved(update: Mapping[str, Any] | None, scale: list[dict[str, Any]]) -> dict[str, Any]:
    """An update's figures, with the status and RAG its council word (`stage`) means when not given."""
    if update is None:
        return {}
    found = {name: update.get(name) for name in ("rag", "status", "stage", "percent_complete")}
    if isinstance(update.get("stage"), str) and (found["status"] is None or found["rag"] is None):
        status, rag = meaning(update["stage"], scale)
        found["status"], found["rag"] = found["status"] or status, found["rag"] or rag
    return found


def _update_changes(old: Snapshot, new: Snapshot, subject: Subject, before: Mapping[str, Any] | None,
                    after: Mapping[str, Any]) -> list[UpdateChange]:
    said = after.get("commentary") or after.get("reason") or after.get("note")
    changes = []
    if before is not None:
        was, now = _resolved(before, old.scale), _resolved(after, new.scale)
        for name in ("rag", "status", "stage", "percent_complete"):
            if was[name] != now[name] and not (name == "stage" and now[name] is None):
                changes.append(UpdateChange(subject, name, was[name], now[name],
                                            _rag_move(was[name], now[name]) if name == "rag" else None,
                                            commentary=said))
    item = new.plan.items.get(subject.id)
    due = item.data.get("due") if item is not None and isinstance(item.data.get("due"), dict) else None
    was_date = _date_view(before.get("revised_due") if before else None, old.plan)
    now_date = _date_view(after.get("revised_due"), new.plan)
    direction = _direction(was_date, now_date)
    if direction is None or (before is None and direction != DATE_ADDED):
        return changes
    planned = _date_view(due, new.plan)
    # New slippage: later than the plan's due date, or than the revised date the older side gave.
    slipped = now_date is not None and (_later(now_date, was_date) if was_date else _later(now_date, planned))
    if before is None and not slipped:
        return changes  # a first update with a revised date that is not late is no news
    changes.append(UpdateChange(subject, "revised_due", was_date, now_date, direction, slipped, planned, said))
    return changes


def _rag_move(before: str | None, after: str | None) -> str | None:
    if before in RAG_ORDER and after in RAG_ORDER:
        return WORSE if RAG_ORDER.index(after) > RAG_ORDER.index(before) else BETTER
    return None


def _date_view(value: Any, index: PlanIndex) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        return None
    view = {key: value[key] for key in _DATE_KEYS if value.get(key) is not None}
    span = index.span(value)
    view["earliest"] = span.earliest.isoformat() if span and span.earliest else None
    view["latest"] = span.latest.isoformat() if span and span.latest else None
    return view


def _later(date: dict[str, Any], than: dict[str, Any] | None) -> bool:
    """Whether ``date`` may end later than ``than`` (by their last possible days); unknown ends are not later."""
    return than is not None and bool(date["latest"] and than["latest"]) and date["latest"] > than["latest"]


def _direction(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str | None:
    if before == after:
        return None
    if before is None:
        return DATE_ADDED
    if after is None:
        return DATE_REMOVED
    if _later(after, before):
        return SLIPPED
    if _later(before, after):
        return PULLED_IN
    return RESTATED


def _figure(snapshot: Snapshot, ident: str, earlier: Snapshot | None) -> Figure | None:
    found = snapshot.figures.get(ident)
    if found is None:
        return None
    observation = found[0]
    item = snapshot.plan.items.get(ident)
    indicator = item.data if item is not None and item.kind == "Indicator" else {}
    target = observation.get("target") if isinstance(observation.get("target"), dict) else \
        target_for(indicator, snapshot.period)
    wanted = target_value(target, indicator.get("baseline")) if isinstance(target, dict) else None
    value = observation.get("value")
    return Figure(
        value=float(value) if is_number(value) else None, text=observation.get("text"),
        target=wanted, target_text=target.get("text") if isinstance(target, dict) else None,
        qualifier=target.get("qualifier") if isinstance(target, dict) else None,
        rag=observation.get("rag"),
        computed_rag=observation_rag(observation, indicator, snapshot.plan.main.data, snapshot.period),
        trend=observation.get("trend"),
        computed_trend=observation_trend(observation, indicator, earlier.as_report() if earlier else None))


def _shown(figure: Figure | None) -> tuple | None:
    """What a reader sees of a figure: a change in any of these is a change of the figure."""
    if figure is None:
        return None
    return (figure.value, figure.text, figure.target, figure.target_text, figure.qualifier, figure.rag,
            figure.trend)
