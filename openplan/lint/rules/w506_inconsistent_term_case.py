"""W506 inconsistent-term-case: a word is capitalised one way throughout.

"COVID-19" beside "Covid-19", or "LOTI" beside "Loti", looks careless and
defeats searches. A word written with capitals inside it in one place
(COVID) and without them in another (Covid, covid) is reported where the
less common spelling first appears. A capital at the start of a sentence
never counts, headings written wholly in capitals and web and email
addresses are left out, and two spellings that both have inner capitals
(MPs and MPS) are taken to be different words.
"""

import re
from collections import Counter

from . import Severity, lint_rule

_ADDRESS = re.compile(r"(?<!\S)(?:[^\s@]+@\S+|\S+://\S+|www\.\S+|[\w.-]+\.(?:uk|org|com|net)\b\S*)")  # addresses
_MAYBE_ADDRESS = re.compile(r"@|://|www\.|\.(?:uk|org|com|net)\b")
RULE = lint_rule(
    "W506", "inconsistent-term-case", "language", Severity.INFO,
    "The same word is written with different capitals inside it (COVID and Covid).",
    "One word spelt two ways looks careless and defeats searching the plan.",
    "Pick one spelling and use it throughout.")


def check(ctx):
    corpus = ctx.corpus
    keys = {word.lower() for word in corpus.words if len(word) >= 3 and word.isalpha() and _inner(word)}
    wanted = sorted(keys & corpus.plain_words)  # written both with and without inner capitals
    places = _places(corpus, wanted)
    for key in wanted:
        counts: Counter = Counter()
        first: dict[str, list] = {}
        for match in places.get(key) or re.finditer(rf"(?<![A-Za-z]){re.escape(key)}(?![A-Za-z])", corpus.string,
                                                    re.IGNORECASE):
            text, start = corpus.text_at(match.start())
            if text.text.isupper() or _in_address(text.text, start):
                continue  # headings in capitals are a style; addresses are not words
            word = match.group(0)
            shape = word[0].lower() + word[1:]  # the first letter may be capitalised by the sentence
            counts[shape] += 1
            first.setdefault(shape, []).append((text, word))
        if len(counts) < 2 or all(_inner(shape) for shape in counts):
            continue  # two spellings with inner capitals (MPs, MPS) are two different words
        (common, _), *others = counts.most_common()
        for shape, _ in others:
            text = ctx.first(text for text, _ in first[shape])
            word = next(word for where, word in first[shape] if where is text)
            yield ctx.finding(text.parts, f'"{word}" is written "{first[common][0][1]}" elsewhere in the plan',
                              value=shape, item=text.item, at=ctx.word_position(text.parts, word))


_LETTERS = re.compile(r"[A-Za-z]+")
# Besides the 52 ASCII letters, these four match [A-Za-z] when case is ignored (see the `re` documentation).
_FOLDED = re.compile("[\u0130\u0131\u017f\u212a]")


def _places(corpus, keys: list[str]) -> dict[str, list]:
    """Where each ASCII key is written as a whole word, in order; the same matches as searching for each key
    in turn with a regular expression, found with a plain search of the text in lower case. Keys left out
    (non-ASCII, or a text holding one of the four letters that also match) are searched for one by one."""
    string = corpus.string
    if not keys or _FOLDED.search(string):
        return {}
    if len(keys) > _FEW:
        return _places_in_one_pass(string, keys)
    # Without those four letters, lower case changes no length and makes no other letter ASCII: offsets agree.
    lower, size = corpus.lower, len(string)
    found: dict[str, list] = {}
    for key in keys:
        if not key.isascii():
            continue
        places, width = [], len(key)
        start = lower.find(key)
        while start != -1:
            end = start + width
            # A run of ASCII letters is a whole word here exactly when it is the key, whatever its case.
            if (not start or lower[start - 1] not in _ASCII_LETTERS) and (end == size or lower[end] not in
                                                                           _ASCII_LETTERS):
                places.append(_LETTERS.match(string, start))
            start = lower.find(key, end)
        found[key] = places
    return found


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_FEW = 8  # up to this many keys, one plain search each is quicker than reading every word of the text once


def _places_in_one_pass(string: str, keys: list[str]) -> dict[str, list]:
    found: dict[str, list] = {key: [] for key in keys if key.isascii()}
    for match in _LETTERS.finditer(string):
        places = found.get(match.group().lower())
        if places is not None:
            places.append(match)
    return found


def _in_address(text: str, offset: int) -> bool:
    if not _MAYBE_ADDRESS.search(text):
        return False
    return any(match.start() <= offset < match.end() for match in _ADDRESS.finditer(text))


def _inner(word: str) -> bool:
    """Whether a word of letters has a capital after its first letter."""
    return not word[1:].islower()
