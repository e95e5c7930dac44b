"""W508 long-sentence: sentences short enough to read once.

Plain-English guidance for public documents keeps most sentences under 25
words; a sentence of more than ``max-words`` (40 by default) usually holds
two or three ideas. The first overlong sentence of each piece of text is
reported. Off in ``recommended``; on in ``strict``.
"""

import re

from . import Severity, lint_rule

OPTIONS = {"max-words": 40}
_SPLIT = re.compile(r"(?<=[.!?;])\s+")
RULE = lint_rule(
    "W508", "long-sentence", "language", Severity.INFO,
    "A sentence is longer than the configured number of words.",
    "A sentence of more than 40 words usually holds two or three ideas; residents should not need to read it "
    "twice.",
    "Split the sentence; put one idea in each.")


def check(ctx):
    limit = ctx.options["max-words"]
    for text in ctx.texts:
        for sentence in _SPLIT.split(text.text):
            count = len(sentence.split())
            if count > limit:
                yield ctx.finding(text.parts, f"a sentence of {count} words (the limit is {limit}): "
                                  f'"{" ".join(sentence.split()[:8])} ..."', item=text.item)
                break
