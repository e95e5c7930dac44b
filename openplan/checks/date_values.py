"""I005 impossible-date: every date value names days that exist, in order.

The schema checks the form of a date value (a value not in OpenPlan date
syntax is S005, reported once, by the schema); this check resolves a
well-formed value to its earliest and latest day, so 2022-02-30, an interval
that ends before it starts and an interval with no ends at all are caught.
"""

from ..dates import DateValueError, is_value, resolve_value
from .base import finding, integrity_rule

RULE = integrity_rule(
    "I005", "impossible-date", "A date value names a day that does not exist, or an interval that ends before "
    "it starts.",
    "A date that cannot be resolved to days cannot go on a timeline or into a calendar.",
    "Correct the value; keep the published wording in `text`.")


def check(index):
    for node in index.nodes_of("FuzzyDate"):
        value = node.data.get("value")
        if value is None or isinstance(value, bool) or not isinstance(value, (str, int)):
            continue
        if not is_value(str(value)):
            continue  # not date syntax at all: the schema reports it (S005), once
        try:
            resolve_value(value, index.calendar)
        except DateValueError as exc:
            yield finding(RULE, node.document, node.parts + ("value",), str(exc), value=value,
                          item=node.owner.id if node.owner else None)
