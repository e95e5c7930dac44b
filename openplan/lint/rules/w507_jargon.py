"""W507 jargon: words a council has chosen to keep out of its public plans.

Management jargon ("leverage", "synergies", "going forward") tells residents
nothing. The ``words`` option holds the list; a council replaces it with its
own style guide's list. Each word or phrase is matched whole, in any case,
and reported once per piece of text.
"""

from . import Severity, lint_rule

OPTIONS = {"words": ["leverage", "leveraging", "synergy", "synergies", "going forward", "holistic", "paradigm",
                     "deep dive", "step change", "thought leadership", "best-in-class", "ecosystem", "workstream",
                     "workstreams", "catalyse", "key enablers", "across the piece", "blue-sky", "quick wins",
                     "move the needle", "touch base", "bandwidth", "upskill", "incentivise", "operationalise"]}
RULE = lint_rule(
    "W507", "jargon", "language", Severity.INFO,
    "A word or phrase from the council's jargon list is used.",
    "Jargon tells residents nothing and hides what the council will actually do.",
    "Say what will happen in plain words; a council sets its own list in the `words` option.")


def check(ctx):
    corpus = ctx.corpus
    hits = []
    for word in {w.strip().lower() for w in ctx.options["words"] if w.strip()}:
        hits.extend((offset, word) for offset in corpus.find_words(word))
    reported = set()
    for offset, word in sorted(hits):
        text, inner = corpus.text_at(offset)
        if (text.parts, word) in reported:
            continue
        reported.add((text.parts, word))
        spelt = text.text[inner:inner + len(word)]
        yield ctx.finding(text.parts, f'"{word}" is on the jargon list', value=word, item=text.item,
                          at=ctx.word_position(text.parts, spelt))
