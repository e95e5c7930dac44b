"""What a resident reads first: each item's latest status, the counts by status and RAG, the plan's own level
names, and the change history condensed to what matters."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..view import DateView, Link, code_title

STATUS_ORDER = ("complete", "on-track", "at-risk", "off-track", "not-started", "deferred", "cancelled")
RAG_ORDER = ("green", "amber", "red")
# The tone picks the badge colours; the badge always carries its words too, never colour alone.
_STATUS_TONE = {"complete": "done", "on-track": "good", "at-risk": "warn", "off-track": "bad",
                "not-started": "neutral", "deferred": "neutral", "cancelled": "neutral"}
RAG_TONE = {"green": "good", "amber": "warn", "red": "bad"}
STANDARD_LEVELS = {"area": ("Area", "Areas"), "objective": ("Objective", "Objectives"),
                   "output": ("Output", "Outputs"), "milestone": ("Milestone", "Milestones")}
KINDS = ("area", "objective", "output", "milestone")
# Changes a reader needs to see one by one; the rest (renumbered) are only counted.
SUBSTANTIVE = ("added", "withdrawn", "moved", "reworded", "split", "merged", "replaced")


@dataclass
class Status:
    """An item's latest reported progress."""

    code: str = ""  # progress-status
    rag: str = ""
    percent: float | None = None
    when: str = ""
    stage: str = ""  # the council's own status word
    commentary: str = ""
    revised_due: DateView | None = None

    @property
    def reported(self) -> bool:
        return bool(self.code or self.rag or self.stage or self.percent is not None)

    @property
    def tone(self) -> str:
        return RAG_TONE.get(self.rag) or _STATUS_TONE.get(self.code) or "neutral"

    @property
    def label(self) -> str:
        words = [self.stage or code_title("progress-status", self.code or None)]
        if self.rag:
            words.append(code_title("rag", self.rag))
        return ", ".join(w for w in words if w)

    @property
    def percent_text(self) -> str:
        if self.percent is None:
            return ""
        return f"{self.percent:g}%"

    @property
    def bar(self) -> float:
        return max(0.0, min(100.0, float(self.percent or 0)))


@dataclass
class Count:
    code: str
    label: str
    count: int
    share: float  # of the items counted, 0-100
    tone: str


@dataclass
class Overview:
    total: int  # items that can carry a status
    reported: int
    by_status: list[Count]
    by_rag: list[Count]
    sizes: list[tuple[str, int]]  # (level plural, how many)


@dataclass
class ChangeSummary:
    counts: list[tuple[str, int]]  # (kind, how many)
    listed: list[tuple[str, list[Link], str]]  # substantive changes: (kind, items named, what the plan says)

    def __bool__(self) -> bool:
        return bool(self.counts)


@dataclass
class Levels:
    """The plan's own names for its levels (1.1 ``levels``), else the standard words."""

    by_id: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # id -> (kind, name, plural)
    first: dict[str, tuple[str, str]] = field(default_factory=dict)  # kind -> (name, plural) of its first level

    def name(self, kind: str, item: dict | None = None, plural: bool = False) -> str:
        level = item.get("level") if isinstance(item, dict) else None
        if isinstance(level, str) and level in self.by_id:
            _, singular, many = self.by_id[level]
        else:
            singular, many = self.first.get(kind) or STANDARD_LEVELS[kind]
        return many if plural else singular


def levels(data: dict[str, Any]) -> Levels:
    found = Levels()
    for level in data.get("levels") or ():
        if not isinstance(level, dict) or not isinstance(level.get("id"), str):
            continue
        kind = str(level.get("kind", ""))
        name = str(level.get("name") or level["id"])
        plural = str(level.get("plural") or f"{name}s")
        found.by_id[level["id"]] = (kind, name, plural)
        found.first.setdefault(kind, (name, plural))
    return found


def walk(data: dict[str, Any]) -> Iterable[tuple[str, dict[str, Any]]]:
    """Every area, objective, output and milestone of a plan, as (kind, data), areas before what they hold."""
    def objective(o: dict) -> Iterable[tuple[str, dict]]:
        yield "objective", o
        for out in o.get("outputs") or ():
            if isinstance(out, dict):
                yield "output", out

    for area in data.get("areas") or ():
        if isinstance(area, dict):
            yield "area", area
            for o in area.get("objectives") or ():
                if isinstance(o, dict):
                    yield from objective(o)
    for o in data.get("objectives") or ():  # 1.1: objectives directly under the plan
        if isinstance(o, dict):
            yield from objective(o)
    for m in data.get("milestones") or ():
        if isinstance(m, dict):
            yield "milestone", m


def _update_key(update: dict) -> str:
    when = update.get("date")
    if isinstance(when, dict):
        when = when.get("value") or when.get("text")
    return str(when or "")


def latest(updates: Any, date: Any) -> Status:
    """The latest of an item's progress updates (by date; the last listed among equals)."""
    dated = [u for u in updates or () if isinstance(u, dict)]
    if not dated:
        return Status()
    update = sorted(enumerate(dated), key=lambda pair: (_update_key(pair[1]), pair[0]))[-1][1]
    percent = update.get("percent_complete")
    when = update.get("date")
    return Status(code=str(update.get("status") or ""), rag=str(update.get("rag") or ""),
                  percent=float(percent) if isinstance(percent, (int, float)) and not isinstance(percent, bool)
                  else None,
                  when=str(when.get("text") or when.get("value") or "") if isinstance(when, dict) else str(when or ""),
                  stage=str(update.get("stage") or ""),
                  commentary=str(update.get("commentary") or update.get("note") or ""),
                  revised_due=date(update.get("revised_due")))


def statuses(data: dict[str, Any], date) -> dict[str, Status]:
    """Each item's latest status, by id (``date`` turns a FuzzyDate into a DateView)."""
    return {str(item["id"]): latest(item.get("progress"), date) for _, item in walk(data) if item.get("id")}


def counts(codes: list[str], order: tuple[str, ...], listing: str, tones: dict[str, str], total: int) -> list[Count]:
    return [Count(code, code_title(listing, code), codes.count(code), round(codes.count(code) / total * 100, 1),
                  tones.get(code, "neutral")) for code in order if codes.count(code)]


def overview(data: dict[str, Any], status: dict[str, Status], names: Levels) -> Overview:
    items = [(kind, item) for kind, item in walk(data) if kind != "area"]
    found = [status.get(str(item.get("id")), Status()) for _, item in items]
    total = len(items)
    reported = [s for s in found if s.reported]
    sizes = []
    for kind in KINDS:
        count = sum(1 for k, _ in walk(data) if k == kind)
        if count:
            sizes.append((names.name(kind, plural=True), count))
    return Overview(total, len(reported),
                    counts([s.code for s in reported], STATUS_ORDER, "progress-status", _STATUS_TONE, max(total, 1)),
                    counts([s.rag for s in reported], RAG_ORDER, "rag", RAG_TONE, max(total, 1)), sizes)


def previous_names(data: dict[str, Any], index) -> dict[str, str]:
    """Titles of the previous edition's items, so that what was withdrawn can be named; empty when that file is
    not on disk next to this one, or cannot be read."""
    previous = (data.get("edition") or {}).get("previous")
    main = getattr(index, "main", None) if index is not None else None
    here = getattr(main, "resolved", None)
    if not isinstance(previous, dict) or not isinstance(previous.get("path"), str) or here is None:
        return {}
    from ...loader import LoadError, parse

    path = (Path(here).parent / previous["path"]).resolve()
    if path.parent != Path(here).parent.resolve() and Path(here).parent.resolve() not in path.parents:
        return {}  # only files inside the plan's folder, as validation reads them
    try:
        old = parse(path.read_text(encoding="utf-8"), str(path)).data
    except (OSError, UnicodeError, LoadError):
        return {}
    names = {}
    for kind, item in walk(old if isinstance(old, dict) else {}):
        title = item.get("title") or item.get("text") or ""
        number = item.get("number")
        names[str(item.get("id"))] = f"{number} {title}".strip() if number not in (None, "") else str(title)
    return names


def changes(data: dict[str, Any], link, old_names: dict[str, str]) -> ChangeSummary:
    """The edition's changes: how many of each kind, and the substantive ones listed, withdrawn items named."""
    counts: dict[str, int] = {}
    listed = []
    for change in (data.get("edition") or {}).get("changes") or ():
        if not isinstance(change, dict):
            continue
        kind = str(change.get("kind", ""))
        title = code_title("change-kind", kind or None)
        counts[title] = counts.get(title, 0) + 1
        if kind not in SUBSTANTIVE:
            continue
        items = [link(i) for i in change.get("items") or () if isinstance(i, str)]
        gone = [i for i in change.get("previous_items") or () if isinstance(i, str)]
        if kind == "withdrawn" and gone:
            # The items named are where the withdrawn work used to sit; the withdrawn work is previous_items.
            items = [Link(i, old_names.get(i) or i) for i in gone]
        elif gone:
            items += [Link(i, old_names.get(i) or i) for i in gone]
        words = " ".join(str(change[k]) for k in ("reason", "note") if change.get(k))
        listed.append((title, items, words))
    return ChangeSummary(sorted(counts.items(), key=lambda pair: -pair[1]), listed)
