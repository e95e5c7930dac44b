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

from . import BASE_PLAN, Severity, lint_rule

_ADDRESS = re.compile(r"(?<!\S)(?:[^\s@]+@\S+|\S+://\S+|www\.\S+|[\w.-]+\.(?:uk|org|com|net)\b\S*)")  # addresses
_MAYBE_ADDRESS = re.compile(r"@|://|www\.|\.(?:uk|org|com|net)\b")
RULE = lint_rule(
    "W506", "inconsistent-term-case", "language", Severity.INFO,
    "The same word is written with different capitals inside it (COVID and Covid).",
    "One word spelt two ways looks careless and defeats searching the plan.",
    "Pick one spelling and use it throughout.",
    failing=BASE_PLAN + "areas:\n  - {id: area.health, title: Health, description: Recovery from COVID-19 "
                        "and the lessons of Covid-19.}\n",
    passing=BASE_PLAN + "areas:\n  - {id: area.health, title: Health, description: Recovery from COVID-19 "
                        "and the lessons of COVID-19.}\n")


def check(ctx):
    corpus = ctx.corpus
    keys = {word.lower() for word in corpus.words if len(word) >= 3 and word.isalpha() and _inner(word)}
    for key in sorted(keys & corpus.plain_words):  # written both with and without inner capitals
        counts: Counter = Counter()
        first: dict[str, list] = {}
        for match in re.finditer(rf"(?<![A-Za-z]){re.escape(key)}(?![A-Za-z])", corpus.string, re.IGNORECASE):
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


def _in_address(text: str, offset: int) -> bool:
    if not _MAYBE_ADDRESS.search(text):
        return False
    return any(match.start() <= offset < match.end() for match in _ADDRESS.finditer(text))


def _inner(word: str) -> bool:
    """Whether a word of letters has a capital after its first letter."""
    return not word[1:].islower()
