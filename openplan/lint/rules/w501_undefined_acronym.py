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
(PLACE in a heading beside "place" in the text), text written wholly in
capitals, and postcodes (SE1 2AB).

The fix spells the acronym out at its first use, when its expansion is
known: from ``expansions`` in the configuration, or from an organisation or
body in the plan or its registries whose ``abbreviation`` it is.
"""

import re

from ..edits import Fix, InsertInText
from . import BASE_PLAN, Severity, lint_rule

OPTIONS = {"ignore": ["UK", "EU", "UN", "US", "OK", "TV", "COVID", "AM", "PM", "TBC"], "expansions": {},
           "count-added-glossary": True}
TOKEN = re.compile(r"(?<![\w&-])([A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*)(?![\w&])")
_ROMAN = re.compile(r"^[IVXLC]+$")
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
_INWARD = re.compile(r"^\s+[0-9][A-Z]{2}\b")
FIXES = "safe"
RULE = lint_rule(
    "W501", "undefined-acronym", "language", Severity.WARNING,
    "An acronym is neither in the glossary nor spelt out where it first appears.",
    "A public plan is read by residents, not only officers; an acronym nobody explains shuts them out.",
    "Spell the acronym out at its first use, as in 'Greater London Authority (GLA)', or add it to `glossary:`. "
    "`openplan lint --fix` does this when the expansion is known.",
    failing=BASE_PLAN + "areas:\n  - id: area.place\n    title: Place\n    description: We will work with TfL on "
                        "bus routes.\n",
    passing=BASE_PLAN + "areas:\n  - id: area.place\n    title: Place\n    description: We will work with TfL on "
                        "bus routes.\nglossary:\n  - {term: TfL, expansion: Transport for London}\n")


def acronym(word: str) -> str | None:
    """The acronym a word is (a plural s dropped), or None if it is not one."""
    if word[1:].islower() or len(word) < 2:
        return None  # an ordinary word, capitalised or not: the quick answer for most words
    letters = [c for c in word if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    if capitals < 2 or capitals * 5 < len(letters) * 3 or _ROMAN.match(word):
        return None
    return word[:-1] if len(word) > 2 and word.endswith("s") and word[-2].isupper() else word


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
    before, after = text[:start].rstrip(), text[end:].lstrip()
    if before.endswith("(") and after.startswith(")") and re.search(r"[A-Za-z]{3,}\s*\($", before):
        return True
    if after.startswith("(s)"):
        after = after[3:].lstrip()
    return bool(re.match(r"^\((?!s\))[^()]*[a-z][^()]*\)", after))


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
    if wanted:
        for match in TOKEN.finditer(corpus.string):
            base = wanted.get(match.group(1))
            if base is None:
                continue
            text, start = corpus.text_at(match.start(1))
            end = start + match.end(1) - match.start(1)
            if text.text.isupper() or (_POSTCODE.match(base) and _INWARD.match(text.text[end:])):
                continue  # a heading in capitals, or a postcode; another use may still need defining
            uses.setdefault(base, []).append((text, start, end))
    for name, places in uses.items():
        first = ctx.first(text for text, _, _ in places)
        text, start, end = next(place for place in places if place[0] is first)  # its first use in that text
        if _spelt_out(text.text, start, end):
            continue
        token = text.text[start:end]
        fix = None
        expansion = expansions.get(name)
        occurrence = len(re.findall(rf"(?<![\w&-]){re.escape(token)}(?![\w&])", text.text[:start]))
        if expansion:
            fix = Fix(f'spell out {name} at its first use: "{expansion} ({token})"', True,
                      (InsertInText(text.parts, token, f"{expansion} ({token})", occurrence),))
        yield ctx.finding(text.parts, f'"{name}" is not in the glossary and is not spelt out at its first use',
                          value=name, item=text.item, fix=fix, at=ctx.word_position(text.parts, token, occurrence),
                          hint=f'Write "{expansion} ({token})" here, or add {name} to the glossary.'
                          if expansion else None)
