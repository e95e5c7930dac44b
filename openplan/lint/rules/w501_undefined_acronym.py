"""W501 undefined-acronym: every acronym is in the glossary or spelt out where it first appears.

Plans are dense with acronyms (LOTI, UASC, NRPF, SEND, ULEZ) that residents
cannot decode. An acronym counts as defined when the plan's glossary (or
that of a registry it uses) lists it, or when its first use in the plan
spells it out: "Greater London Authority (GLA)" or "GLA (Greater London
Authority)". Glossary entries the encoder added (``source: added``) count
unless ``count-added-glossary = false``.

An acronym here is a word of two or more capitals, such as GLA, TfL, DfE or
SMEs (a plural ``s`` is allowed). Words in ``ignore`` are never flagged, nor
are words in capitals that the plan also writes in lower case elsewhere
(PLACE in a heading beside "place" in the text), headings written wholly in
capitals ("HOUSING AND PLANNING"; a short title such as "NRPF %" is checked),
postcodes (SE1 2AB), and product names: mixed-case words with three capitals
or two small letters in a row (MyRBKC, NHSmail).

Every piece of public text is read, including indicator titles and the notes
of progress updates.

The fix spells the acronym out at its first use, when its expansion is
known: from ``expansions`` in the configuration, or from an organisation or
body in the plan or its registries whose ``abbreviation`` it is.
"""

import re
from bisect import bisect_left

from ..edits import Fix, InsertInText
from . import Severity, lint_rule

OPTIONS = {"ignore": ["UK", "EU", "UN", "US", "OK", "TV", "COVID", "AM", "PM", "TBC"], "expansions": {},
           "count-added-glossary": True}
# A whole word starting with a capital and holding another. The lookahead finds the second capital without
# backtracking and the run is possessive, so a 100,000-letter word costs one pass, not one pass per letter.
TOKEN = re.compile(r"(?<![\w&-])(?=[A-Z][a-z0-9&]*[A-Z])([A-Za-z0-9&]++)(?![\w&])")
_RUN = re.compile(r"(?<![\w&-])([A-Za-z0-9&]++)(?![\w&])")  # every whole word an acronym's spelling can be
_CLOSE = re.compile(r"\((?!s\))([^()]*)\)")
_ROMAN = re.compile(r"^[IVXLC]+$")
# In a mixed-case word, three capitals in a row or two small letters in a row mark a product name (MyRBKC,
# NHSmail); acronyms with a small letter for a short word (TfL, DfE, PrEP) have neither.
_PRODUCT = re.compile(r"[A-Z]{3}|[a-z]{2}")
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
_INWARD = re.compile(r"^\s+[0-9][A-Z]{2}\b")
_INWARD_AT = re.compile(r"\s++[0-9][A-Z]{2}\b")  # the same, matched at an offset without copying the text
FIXES = "safe"
RULE = lint_rule(
    "W501", "undefined-acronym", "language", Severity.WARNING,
    "An acronym is neither in the glossary nor spelt out where it first appears.",
    "A public plan is read by residents, not only officers; an acronym nobody explains shuts them out.",
    "Spell the acronym out at its first use, as in 'Greater London Authority (GLA)', or add it to `glossary:`. "
    "`openplan lint --fix` does this when the expansion is known.")


def acronym(word: str) -> str | None:
    """The acronym a word is (a plural s dropped), or None if it is not one."""
    if word[1:].islower() or len(word) < 2:
        return None  # an ordinary word, capitalised or not: the quick answer for most words
    letters = [c for c in word if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    if capitals < 2 or capitals * 5 < len(letters) * 3 or _ROMAN.match(word):
        return None
    base = word[:-1] if len(word) > 2 and word.endswith("s") and word[-2].isupper() else word
    if base != base.upper() and _PRODUCT.search(base):
        return None  # a product name (MyRBKC, NHSmail): not an acronym, though it holds capitals
    return base


def acronyms(text: str):
    """(acronym, start, end) for each acronym in ``text``."""
    for match in TOKEN.finditer(text):
        base = acronym(match.group(1))
        if base is not None:
            yield base, match.start(1), match.end(1)


def _terms(term: str) -> set[str]:
    found = {term.strip()}
    found.update(base for base, _, _ in acronyms(term))
    if term.endswith("s") and len(term) > 2 and term[-2].isupper():
        found.add(term[:-1])
    return found


def _spelt_out(text: str, start: int, end: int) -> bool:
    """'Full Name (ABC)' or 'ABC (Full Name)' around the acronym at text[start:end]."""
    # Indices, not copies of the text either side: a long text with many acronyms stays linear.
    before, after = _skip_back(text, start), _skip(text, end)
    if before and text[before - 1] == "(" and text.startswith(")", after):
        letters = _skip_back(text, before - 1)
        if letters >= 3 and all("A" <= c <= "Z" or "a" <= c <= "z" for c in text[letters - 3:letters]):
            return True
    if text.startswith("(s)", after):
        after = _skip(text, after + 3)
    closed = _CLOSE.match(text, after)
    return closed is not None and any("a" <= c <= "z" for c in closed.group(1))


def _skip(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _skip_back(text: str, at: int) -> int:
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return at


def check(ctx):
    defined: set[str] = set(ctx.options["ignore"])
    count_added = ctx.options["count-added-glossary"]
    for node in ctx.glossary:
        if isinstance(node.data.get("term"), str):
            if count_added or node.data.get("source") != "added":
                defined.update(_terms(node.data["term"]))
    expansions = dict(ctx.options["expansions"])
    for item in ctx.index.items.values():
        if item.kind in ("Organisation", "Body"):
            short, name = item.data.get("abbreviation"), item.data.get("name")
            if isinstance(short, str) and isinstance(name, str):
                expansions.setdefault(short, name)
    corpus = ctx.corpus
    tokens: dict[str, list[str]] = {}
    for word in corpus.words:
        base = acronym(word)
        if base is None or base in defined:
            continue
        if base.isupper() and base.lower() in corpus.plain_words:
            continue  # an ordinary word written in capitals (PLACE beside place)
        tokens.setdefault(base, []).append(word)
    wanted = {token: base for base, spellings in tokens.items() for token in spellings}
    uses: dict[str, list[tuple]] = {}
    capitals: dict[int, bool] = {}  # per piece of text: whether it is written wholly in capitals
    seen: dict[tuple[int, str], int] = {}  # uses of each spelling so far in each piece of text
    if wanted:
        for match in TOKEN.finditer(corpus.string):
            base = wanted.get(match.group(1))
            if base is None:
                continue
            text, start = corpus.text_at(match.start(1))
            end = start + match.end(1) - match.start(1)
            # Which use of this spelling it is in its text, for the fix and the position (the spelling's
            # whole-word uses are exactly these matches, so counting here saves a search per finding).
            occurrence = seen.get((id(text), match.group(1)), 0)
            seen[id(text), match.group(1)] = occurrence + 1
            upper = capitals.get(id(text))
            if upper is None:
                upper = capitals[id(text)] = _heading(text.text, corpus)
            if upper or (_POSTCODE.match(base) and _INWARD_AT.match(text.text, end)):
                continue  # a heading in capitals, or a postcode; another use may still need defining
            uses.setdefault(base, []).append((text, start, end, occurrence))
    firsts = []
    for name, places in uses.items():
        first = ctx.first(place[0] for place in places)
        text, start, end, occurrence = next(place for place in places if place[0] is first)  # first in that text
        if not _spelt_out(text.text, start, end):
            firsts.append((name, text, start, end, occurrence))
    places_of = _Places(ctx, {(id(text), text.text[start:end]) for _, text, start, end, _ in firsts})
    for name, text, start, end, occurrence in firsts:
        token = text.text[start:end]
        fix = None
        expansion = expansions.get(name)
        if expansion:
            fix = Fix(f'spell out {name} at its first use: "{expansion} ({token})"', True,
                      (InsertInText(text.parts, token, f"{expansion} ({token})", occurrence),))
        yield ctx.finding(text.parts, f'"{name}" is not in the glossary and is not spelt out at its first use',
                          value=name, item=text.item, fix=fix, at=places_of.at(text, token, occurrence),
                          hint=f'Write "{expansion} ({token})" here, or add {name} to the glossary.'
                          if expansion else None)


def _heading(text: str, corpus) -> bool:
    """A heading written in capitals ("HOUSING AND PLANNING"): wholly in capitals, with a word the plan also
    writes in lower case. A short title such as "NRPF %" (an indicator's) is not one: its acronyms count."""
    if not text.isupper():
        return False
    plain = corpus.plain_words
    return any(len(word) > 2 and word.lower() in plain for word in _RUN.findall(text))


class _Places:
    """Line and column of acronyms as written in the file, each text scanned once.

    The same answers as ``ctx.word_position``, which scans a text once per word it is asked about: a long text
    with thousands of different acronyms would be scanned thousands of times.
    """

    def __init__(self, ctx, wanted: set[tuple[int, str]]):
        self.ctx = ctx
        self.wanted = wanted
        self.found: dict[int, dict[str, list[tuple[int, int]]]] = {}
        self._breaks: list[int] | None = None

    def at(self, text, token: str, occurrence: int) -> tuple[int, int] | None:
        words = self.found.get(id(text))
        if words is None:
            words = self.found[id(text)] = self._scan(text)
        spots = words.get(token, ())
        return spots[occurrence] if occurrence < len(spots) else None

    def _scan(self, text) -> dict[str, list[tuple[int, int]]]:
        node = self.ctx.document.node_at(text.parts)
        if node is None or not isinstance(getattr(node, "value", None), str):
            return {}
        source = self.ctx.document.text
        if self._breaks is None:
            self._breaks = [found.start() for found in re.finditer("\n", source)]
        start = node.start_mark.index
        words: dict[str, list[tuple[int, int]]] = {}
        for match in _RUN.finditer(source[start:node.end_mark.index]):
            if (id(text), match.group(1)) in self.wanted:
                index = start + match.start(1)
                line = bisect_left(self._breaks, index)
                words.setdefault(match.group(1), []).append(
                    (line + 1, index - (self._breaks[line - 1] if line else -1)))
        return words
