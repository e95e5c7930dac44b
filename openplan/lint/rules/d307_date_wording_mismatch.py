"""D307 date-wording-mismatch: a date's value says what its published wording says.

Every date keeps the wording as published in ``text`` and a computable
``value``. When the wording can be read with certainty ("Autumn 2022",
"by Jan 2023") and the value names days outside it, one of the two was typed
wrongly, and every timeline built from the value is wrong. A value more
precise than its wording (a day within the month the wording names) is
accepted.

The fix sets the value from the wording. It is unsafe, because the wording
could be the mistake: apply it with ``--unsafe-fixes`` after checking.
"""

from ..datewords import read
from ..edits import Fix, SetKey
from . import Severity, lint_rule

FIXES = "unsafe"
RULE = lint_rule(
    "D307", "date-wording-mismatch", "schedule", Severity.WARNING,
    "A date's value names days outside what its published wording says.",
    "One of the two was typed wrongly, and every timeline and overdue report built from the value is wrong.",
    "Correct the value (or the wording); `openplan lint --fix --unsafe-fixes` sets the value from the wording.")


def check(ctx):
    for ref in ctx.dates:
        text, value = ref.data.get("text"), ref.data.get("value")
        if not isinstance(text, str) or value is None or ref.span is None:
            continue
        reading = read(text, ctx.calendar, ctx.period)
        if reading is None or reading.value is None or not reading.safe:
            continue
        said = ctx.span({"value": reading.value})
        if said is None or said.contains(ref.span):
            continue
        fix = Fix(f'set the value to "{reading.value}" from the wording "{text}"', False,
                  (SetKey(ref.parts, "value", reading.value, after="text"),))
        yield ctx.finding(ref.parts + ("value",), f'the value "{value}" does not match the wording "{text}", which '
                          f'reads as "{reading.value}"', value=str(value), item=ref.owner, fix=fix)
