"""W504 near-duplicate-title: titles of one kind that differ by a word or two.

"Supporting boroughs to be more resilient" and "Supporting boroughs to be
resilient" are likely the same piece of work entered twice, or two pieces of
work that need clearer names. Titles are compared with a similarity ratio
(0 to 100, from the RapidFuzz library); titles at or above ``threshold``
(default 90) that are not identical (W503's business) are near duplicates.

Near duplicates form groups: a plan with 2,000 milestones titled "Phase 1
review", "Phase 2 review" and so on is one group, not two million pairs.
Each item of a group except the first is reported once, naming the item it
is most like (an earlier one where there is one) and, in a group of more
than two, how many items the group holds.

Every pair of titles is compared when a kind has up to 700 distinct titles.
Beyond that, comparing every pair would grow with the square of the plan, so
each title is compared with its neighbours in sorted orders and with the
titles sharing a distinctive word: near duplicates that share neither their
opening, their closing nor a rare word can then go unnoticed.
"""

from __future__ import annotations

from collections import Counter

from ..context import TITLED_KINDS
from . import Severity, lint_rule
from .w503_duplicate_title import normal

OPTIONS = {"threshold": 90}
RULE = lint_rule(
    "W504", "near-duplicate-title", "language", Severity.INFO,
    "Two items of the same kind have titles that differ by only a word or two.",
    "Near-identical titles are usually one piece of work entered twice, or two that need clearer names.",
    "Merge the two items, or reword their titles so the difference is plain. Where many items are alike "
    "(a group), give each a title that says what is particular to it.")

ALL_PAIRS = 700  # distinct titles of one kind up to which every pair is compared
_WINDOW = 6  # neighbours compared on each side in each sorted order
_RARE = 8  # a word in at most this many titles of a kind is distinctive


def _candidates(names: list[str]) -> list[tuple[int, int]]:
    """Pairs (a, b), a < b, of distinct titles worth comparing, about 40 per title however many there are."""
    words = [set(name.split()) for name in names]
    counts: Counter[str] = Counter()
    for found in words:
        counts.update(found)
    pairs: set[tuple[int, int]] = set()
    sharing: dict[str, list[int]] = {}
    for number, found in enumerate(words):
        for word in found:
            if counts[word] <= _RARE:
                sharing.setdefault(word, []).append(number)
    for group in sharing.values():
        pairs.update((a, b) for position, a in enumerate(group) for b in group[position + 1:])
    orders = (lambda number: names[number],  # the same opening
              lambda number: names[number][::-1],  # the same closing
              lambda number: " ".join(sorted(words[number], key=lambda word: (counts[word], word))))  # rare words
    for order in orders:
        ranked = sorted(range(len(names)), key=order)
        for position, a in enumerate(ranked):
            for b in ranked[position + 1:position + 1 + _WINDOW]:
                pairs.add((min(a, b), max(a, b)))
    return sorted(pairs)


def _similar(names: list[str], threshold: float):
    """(a, b, score) for distinct titles a < b at or above the threshold."""
    from rapidfuzz import fuzz, process  # imported on first use, to keep start-up quick

    if len(names) <= ALL_PAIRS:
        for a, name in enumerate(names[:-1]):
            for _, score, offset in process.extract(name, names[a + 1:], scorer=fuzz.ratio, score_cutoff=threshold,
                                                    limit=None):
                yield a, a + 1 + offset, score
        return
    for a, b in _candidates(names):
        score = fuzz.ratio(names[a], names[b], score_cutoff=threshold)
        if score and score >= threshold:
            yield a, b, score


def _root(parent: list[int], node: int) -> int:
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node


def check(ctx):
    threshold = ctx.options["threshold"]
    for kind in TITLED_KINDS:
        items = [item for item in ctx.items(kind) if isinstance(item.data.get("title"), str)]
        # Identical titles are compared once: a title and its copies are one name here (copies are W503's).
        first: dict[str, int] = {}
        holders: list[list[int]] = []
        for number, item in enumerate(items):
            name = normal(item.data["title"])
            if name not in first:
                first[name] = len(holders)
                holders.append([])
            holders[first[name]].append(number)
        names = list(first)
        neighbours: list[list[tuple[float, int]]] = [[] for _ in names]
        parent = list(range(len(names)))
        for a, b, score in _similar(names, threshold):
            neighbours[a].append((score, b))
            neighbours[b].append((score, a))
            parent[_root(parent, a)] = _root(parent, b)
        size: Counter[int] = Counter()
        opening: dict[int, int] = {}  # each group's first item
        for name, held in enumerate(holders):
            if neighbours[name]:
                root = _root(parent, name)
                size[root] += len(held)
                opening[root] = min(opening.get(root, held[0]), held[0])
        for name, held in enumerate(holders):
            if not neighbours[name]:
                continue
            # The most alike of the titles used earlier (ties to the earliest); failing that, of all of them.
            ranked = sorted(neighbours[name], key=lambda pair: (-pair[0], holders[pair[1]][0]))
            root = _root(parent, name)
            for number in held:
                if number == opening[root]:
                    continue  # the first of its group is what the others repeat
                score, other = next(((score, other) for score, other in ranked if holders[other][0] < number),
                                    ranked[0])
                match, item = items[holders[other][0]], items[number]
                more = f"; {size[root]} {kind.lower()}s have titles this alike" if size[root] > 2 else ""
                yield ctx.finding(item.parts + ("title",), f"{ctx.named(item)} has nearly the same title "
                                  f'as {kind.lower()} "{match.id}" ({score:.0f}% alike){more}',
                                  value=match.id, item=item)
