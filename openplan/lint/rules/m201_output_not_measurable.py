"""M201 output-not-measurable: an output says what will exist when it is done.

"Continue to support boroughs" cannot be finished, counted or reported on.
An output is taken as measurable when it has an indicator (its own, or one
it names under ``measured_by``), a due date, or a figure in its text or
title ("100 digital apprentices", "by March"). This rule flags
outputs that have none of these *and* open with a phrase of ongoing effort
from the ``vague-phrases`` option (matched at the start of the text, any
case). A council can extend or replace the list in its configuration.
"""

import re

from . import Severity, lint_rule

OPTIONS = {"vague-phrases": [
    "continue to", "continue", "support", "work with", "work towards", "engage", "explore", "consider",
    "seek to", "promote", "encourage", "help", "contribute to", "facilitate", "maintain", "monitor",
    "keep under review", "be involved in", "look at", "raise awareness"]}
_FIGURE = re.compile(r"[0-9]")
RULE = lint_rule(
    "M201", "output-not-measurable", "measurability", Severity.WARNING,
    "An output opens with ongoing effort ('continue to support ...') and has no figure, date or indicator.",
    "An output that cannot be finished or counted cannot be reported on; at the end of the year nobody can say "
    "whether it was delivered.",
    "Say what will exist when the output is done: a number, a date, a named product, or add an indicator with "
    "a target.")


def check(ctx):
    phrases = sorted((p.lower().strip() for p in ctx.options["vague-phrases"] if p.strip()), key=len, reverse=True)
    if not phrases:
        return
    opening = re.compile(r"^(?:to\s+)?(" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)
    for output in ctx.items("Output"):
        data = output.data
        field = "text" if data.get("text") else "title"  # an output may give only a title (1.1)
        text = " ".join(str(data.get(field) or "").split())
        if data.get("indicators") or data.get("measured_by") or data.get("due") or _FIGURE.search(text):
            continue
        match = opening.match(text)
        if match:
            yield ctx.finding(output.parts + (field,), f'{ctx.named(output)} opens with '
                              f'"{match.group(1)}" and gives no figure, date or indicator',
                              value=match.group(1).lower(), item=output)
