"""Which item of the old plan is which item of the new one.

Items of the same kind are matched, in this order:

1. by stable identifier (``id``), which is what ids are for: an item keeps its
   id from edition to edition even when its number and wording change;
2. themes by the recurring theme they continue (``same_as``), which links
   the themes of different years;
3. what is left, by the similarity of its wording (title, or text), so that
   plans that share no ids (two different years) can still be compared. Each
   such match carries its confidence, from 0 to 1; pairs below the threshold
   are not matched, and show as removed and added.

Matching is symmetric: matching NEW against OLD pairs the same items.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from rapidfuzz import fuzz, process

from .items import Entry
from .model import ITEM_KINDS

MODES = ("auto", "id", "text")
DEFAULT_THRESHOLD = 0.6


@dataclass(frozen=True)
class Pair:
    old: Entry
    new: Entry
    method: str
    confidence: float


def _signature(entry: Entry) -> tuple:
    return entry.match_text, entry.key, entry.kind


def _by_text(olds: list[Entry], news: list[Entry], threshold: float) -> list[Pair]:
    """Greedy best-first matching by similarity; ties broken the same way whichever plan is 'old'."""
    if not olds or not news:
        return []
    # Ties are broken by each item's rank among both sides' items together, which does not depend on which
    # plan is the old one.
    ranked = sorted([(_signature(e), 0, i) for i, e in enumerate(olds)] + [(_signature(e), 1, i)
                                                                          for i, e in enumerate(news)])
    rank = {(side, i): position for position, (_sig, side, i) in enumerate(ranked)}
    candidates: list[tuple[int, int, int, int, int]] = []
    choices = [n.match_text for n in news]
    for o, old in enumerate(olds):
        for _text, score, n in process.extract(old.match_text, choices, scorer=fuzz.token_sort_ratio,
                                               score_cutoff=threshold * 100, limit=None):
            a, b = rank[(0, o)], rank[(1, n)]
            candidates.append((-round(score * 10), min(a, b), max(a, b), o, n))
    candidates.sort()
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs = []
    for score, _low, _high, o, n in candidates:
        if o in used_old or n in used_new:
            continue
        used_old.add(o)
        used_new.add(n)
        pairs.append(Pair(olds[o], news[n], "text", -score / 1000))
    return pairs


def _pair_in_order(olds: Iterable[Entry], news: Iterable[Entry], key, method: str) -> list[Pair]:
    """Pair items that share a key (an id, a recurring theme): the first with the first, and so on."""
    waiting: dict[str, list[Entry]] = {}
    for new in news:
        if key(new):
            waiting.setdefault(key(new), []).append(new)
    pairs = []
    for old in olds:
        queue = waiting.get(key(old)) if key(old) else None
        if queue:
            pairs.append(Pair(old, queue.pop(0), method, 1.0))
    return pairs


def match(old: list[Entry], new: list[Entry], mode: str = "auto", threshold: float = DEFAULT_THRESHOLD) -> list[Pair]:
    """Pairs of (old, new) entries that are the same item. ``mode`` is "auto", "id" or "text"."""
    if mode not in MODES:
        raise ValueError(f"unknown match mode {mode!r}; choose one of {', '.join(MODES)}")
    pairs: list[Pair] = []
    for kind in ITEM_KINDS:
        olds = [e for e in old if e.kind == kind]
        news = [e for e in new if e.kind == kind]
        if kind == "plan":
            pairs.extend(Pair(o, n, "plan", 1.0) for o, n in zip(olds, news))
            continue
        found: list[Pair] = []
        if mode != "text":
            found += _pair_in_order(olds, news, lambda e: e.id, "id")
            if kind == "theme":
                found += _pair_in_order(_left(olds, found, "old"), _left(news, found, "new"),
                                        lambda e: e.data.get("same_as"), "same-theme")
        rest_old, rest_new = _left(olds, found, "old"), _left(news, found, "new")
        if mode == "id":  # only items without ids are matched by their wording
            rest_old = [e for e in rest_old if e.id is None]
            rest_new = [e for e in rest_new if e.id is None]
        found += _by_text(rest_old, rest_new, threshold)
        pairs.extend(found)
    return pairs


def _left(entries: list[Entry], pairs: list[Pair], side: str) -> list[Entry]:
    taken = {getattr(p, side).key for p in pairs}
    return [e for e in entries if e.key not in taken]
