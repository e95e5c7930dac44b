"""W508 long-sentence: sentences short enough to read once.

Plain-English guidance for public documents keeps most sentences under 25
words; a sentence of more than ``max-words`` (40 by default) usually holds
two or three ideas. The first overlong sentence of each piece of text is
reported. Off in ``recommended``; on in ``strict``.
"""

import re

from . import BASE_PLAN, Severity, lint_rule

OPTIONS = {"max-words": 40}
_LONG = ("We will work with partners across the borough, including the health service, the police, schools, "
         "voluntary groups and local businesses, to develop and deliver a coordinated programme of support that "
         "helps residents who are struggling with the rising cost of living, so that fewer families fall into "
         "debt and more people can find secure work.")
_SPLIT = re.compile(r"(?<=[.!?;])\s+")
RULE = lint_rule(
    "W508", "long-sentence", "language", Severity.INFO,
    "A sentence is longer than the configured number of words.",
    "A sentence of more than 40 words usually holds two or three ideas; residents should not need to read it "
    "twice.",
    "Split the sentence; put one idea in each.",
    failing=BASE_PLAN + f"areas:\n  - id: area.place\n    title: Place\n    description: {_LONG}\n",
    passing=BASE_PLAN + "areas:\n  - id: area.place\n    title: Place\n    description: We will support residents "
                        "with the cost of living. Fewer families will fall into debt.\n")


def check(ctx):
    limit = ctx.options["max-words"]
    for text in ctx.texts:
        for sentence in _SPLIT.split(text.text):
            count = len(sentence.split())
            if count > limit:
                yield ctx.finding(text.parts, f"a sentence of {count} words (the limit is {limit}): "
                                  f'"{" ".join(sentence.split()[:8])} ..."', item=text.item)
                break
