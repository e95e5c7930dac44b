"""N605 mixed-date-styles: dates are worded one way throughout.

"27th July 2022" beside "8 June 2022", or "Jan 2023" beside "March 2023":
a public document should pick one style. The published wording of every
date (its ``text``) is read for two things: whether months are written in
full or shortened, and whether days carry "st", "nd", "rd", "th". Where a
plan mixes styles, the dates in its less common style are reported.
"""

import re

from ..datewords import MONTHS
from . import Severity, lint_rule

_FULL = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
         "november", "december"}
_MONTH = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?", re.IGNORECASE)
_DAY = re.compile(r"\b([0-9]{1,2})(st|nd|rd|th)?\s+(?:of\s+)?(?:" +
                  "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b", re.IGNORECASE)


RULE = lint_rule(
    "N605", "mixed-date-styles", "numbering", Severity.INFO,
    "Dates are worded in more than one style (Jan and January; 27th July and 8 June).",
    "A public document that words dates two ways looks unfinished, and mixed styles are harder to scan.",
    "Word every date in the style the plan mostly uses.")


def styles(text: str) -> dict[str, str]:
    found = {}
    month = _MONTH.search(text)
    if month:
        found["month"] = "full" if month.group(1).lower() in _FULL and not month.group(0).endswith(".") else \
            "short"
        if month.group(1).lower() == "may":
            del found["month"]  # "May" is both
    day = _DAY.search(text)
    if day:
        found["day"] = "ordinal" if day.group(2) else "plain"
    return found


_WORDS = {"month": {"full": "months in full", "short": "shortened months"},
          "day": {"ordinal": "days with st, nd, rd, th", "plain": "plain day numbers"}}


def check(ctx):
    seen: dict[str, dict[str, list]] = {"month": {}, "day": {}}
    for ref in ctx.dates:
        text = ref.data.get("text")
        if not isinstance(text, str):
            continue
        for dimension, style in styles(text).items():
            seen[dimension].setdefault(style, []).append(ref)
    for dimension, table in seen.items():
        if len(table) < 2:
            continue
        ranked = sorted(table, key=lambda style: (-len(table[style]), ctx.order(table[style][0].parts)))
        main = ranked[0]
        for style in ranked[1:]:
            for ref in table[style]:
                yield ctx.finding(ref.parts + ("text",), f'"{ref.data["text"]}" uses {_WORDS[dimension][style]}; '
                                  f"most dates in the plan use {_WORDS[dimension][main]}", value=ref.data["text"],
                                  item=ref.owner)
