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

from bisect import bisect_left
from collections import Counter
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


# Up to this many (old, new) pairs of one kind, every pair is scored. Beyond it (two plans of thousands of
# items that share no ids), only likely pairs are: scoring all of them grew with the square of the plan.
ALL_PAIRS = 250_000
_WINDOW = 5  # neighbours on each side in each sorted order
_RARE = 8  # a word in at most this many texts of a kind is distinctive
_RAREST = 3  # the distinctive words of each text that pair it


def _sorted_words(text: str) -> str:
    """The words in sorted order: fuzz.ratio of two of these is fuzz.token_sort_ratio of the texts, without
    sorting every text again for every comparison."""
    return " ".join(sorted(text.split(" "))) if text else ""


def _likely_pairs(olds: list[str], news: list[str]) -> set[tuple[int, int]]:
    """(old, new) pairs worth scoring, about (old + new) * 40 of them however alike the texts are.

    Texts sharing a distinctive word are paired; and each text is paired with its nearest neighbours on the
    other side in two sorted orders: its words alphabetically, and its words rarest first. Ties are ordered
    by position in the plan, so a thousand identical texts on each side still pair one to one. Symmetric:
    swapping the plans gives the same pairs.
    """
    counts: Counter[str] = Counter()
    words = [[set(text.split()) for text in side] for side in (olds, news)]
    for side in words:
        for found in side:
            counts.update(found)

    def rarity(word: str) -> tuple[int, str]:
        return counts[word], word

    pairs: set[tuple[int, int]] = set()
    buckets: list[dict[str, list[int]]] = [{}, {}]
    for side, texts in enumerate(words):
        for number, found in enumerate(texts):
            for word in sorted(found, key=rarity)[:_RAREST]:
                if counts[word] <= _RARE:
                    buckets[side].setdefault(word, []).append(number)
    for word, old_numbers in buckets[0].items():
        for new_number in buckets[1].get(word, ()):
            pairs.update((old_number, new_number) for old_number in old_numbers)
    orders = (lambda text, _found: text, lambda _text, found: " ".join(sorted(found, key=rarity)))
    for order in orders:
        keyed = [sorted((order(text, found), number / len(side), number)
                        for number, (text, found) in enumerate(zip(side, texts)))
                 for side, texts in ((olds, words[0]), (news, words[1]))]
        for this, other, flip in ((0, 1, False), (1, 0, True)):
            targets = [(key, place) for key, place, _ in keyed[other]]
            for key, place, number in keyed[this]:
                at = bisect_left(targets, (key, place))
                for _, _, partner in keyed[other][max(0, at - _WINDOW):at + _WINDOW]:
                    pairs.add((partner, number) if flip else (number, partner))
    return pairs


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
    old_texts = [_sorted_words(e.match_text) for e in olds]
    new_texts = [_sorted_words(e.match_text) for e in news]
    cutoff = threshold * 100

    def add(o: int, n: int, score: float) -> None:
        a, b = rank[(0, o)], rank[(1, n)]
        candidates.append((-round(score * 10), min(a, b), max(a, b), o, n))

    if len(olds) * len(news) <= ALL_PAIRS:
        for o, text in enumerate(old_texts):
            for _text, score, n in process.extract(text, new_texts, scorer=fuzz.ratio, score_cutoff=cutoff,
                                                   limit=None):
                add(o, n, score)
    else:
        for o, n in _likely_pairs(old_texts, new_texts):
            score = fuzz.ratio(old_texts[o], new_texts[n], score_cutoff=cutoff)
            if score >= cutoff and (score or old_texts[o] == new_texts[n]):
                add(o, n, score)
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
