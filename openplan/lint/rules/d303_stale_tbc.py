"""D303 stale-tbc: a date left "to be confirmed" is confirmed in time.

"TBC" is honest in a first draft. Months after the plan was agreed it means
nobody has gone back to it. The age of a TBC is counted from the edition's
date (or, failing that, the report's meeting date or the start of the
period) to today; ``max-age-days`` sets the limit.
"""

from datetime import date

from . import Severity, lint_rule

OPTIONS = {"max-age-days": 90}
RULE = lint_rule(
    "D303", "stale-tbc", "schedule", Severity.WARNING,
    "A date is still 'to be confirmed' long after the plan's edition date.",
    "TBC is honest in a first draft; months after approval it means nobody went back to it.",
    "Confirm the date and give its value, or say in a note why it cannot yet be fixed.")


def since(ctx) -> date | None:
    """The day the plan's dates were last set: the edition's date, the meeting's, or the period's start."""
    edition = ctx.data.get("edition") if isinstance(ctx.data.get("edition"), dict) else {}
    report = ctx.data.get("report") if isinstance(ctx.data.get("report"), dict) else {}
    for candidate in (edition.get("date"), report.get("meeting_date")):
        span = ctx.span(candidate)
        if span is not None and span.earliest is not None:
            return span.earliest
    return ctx.period.earliest if ctx.period is not None else None


def check(ctx):
    start = since(ctx)
    if start is None:
        return
    age = (ctx.today - start).days
    if age <= ctx.options["max-age-days"]:
        return
    for ref in ctx.dates:
        if ref.data.get("tbc") is True and ref.data.get("value") is None:
            what = f'{ref.owner.kind.lower()} "{ref.owner.id}"' if ref.owner else "a date"
            yield ctx.finding(ref.parts + ("tbc",), f"the {ref.field} date of {what} is still to be confirmed "
                              f"{age:,} days after {start} (the limit is {ctx.options['max-age-days']} days)",
                              item=ref.owner)
