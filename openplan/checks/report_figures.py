"""I044 figure-only-in-text: an observation whose published wording is a plain number has a `value` too.

A figure that is not a number ("72/96", "n/a", "tbc") is kept in `text`, as published, and has no `value`.
But "97.9%" or "1,204" is a number: without `value`, no tool can compare it with its target, compute its RAG
or trend, or chart it. A warning, since the published wording itself is kept either way.
"""

from __future__ import annotations

import re

from ..rules import Severity
from .base import finding, integrity_rule

RULE = integrity_rule(
    "I044", "figure-only-in-text",
    "An observation's published wording is a plain number, but it has no `value`.",
    "Only a `value` can be compared with the target, rated, trended and charted; text is kept for the wording.",
    "Add `value:` with the number (keep `text` as published).", severity=Severity.WARNING)

# A published number: an optional sign or currency, digits with thousands separators, decimals, and a per cent
# sign. "1.2m" or "72/96" is not: the value would not be the number written.
NUMBER = re.compile(r"^\s*(?P<sign>[-+−])?\s*[£$€]?\s*(?P<digits>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)"
                    r"(?P<decimals>\.[0-9]+)?\s*%?\s*$")


def as_number(text: str) -> float | None:
    """The number a published figure states ("97.9%" is 97.9, "1,204" is 1204), or None when it is not one."""
    match = NUMBER.match(text)
    if match is None:
        return None
    number = float(match["digits"].replace(",", "") + (match["decimals"] or ""))
    return -number if match["sign"] in ("-", "−") else number


def check(index):
    if index.data.get("kind") != "report":
        return
    entries = index.data.get("observations")
    for position, entry in enumerate(entries if isinstance(entries, list) else ()):
        if not isinstance(entry, dict) or "value" in entry or not isinstance(entry.get("text"), str):
            continue
        number = as_number(entry["text"])
        if number is not None:
            shown = int(number) if number.is_integer() else number
            yield finding(RULE, index.main, ("observations", position, "text"),
                          f'observation {position + 1} of "{entry.get("indicator")}" is published as '
                          f'"{entry["text"]}" but has no value; add value: {shown}', value=entry["text"],
                          item=index.data.get("id"), hint=f"Add `value: {shown}` beside the published text.")
