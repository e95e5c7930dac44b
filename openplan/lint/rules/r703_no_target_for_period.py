"""R703 indicator-without-target-for-period: a figure is reported against the target for its period.

An observation in a progress report is judged against the target in force: its own `target`, else the
indicator's target whose `period` is the report's period. Without either, no RAG rating can be worked out from
the tolerance and readers cannot tell whether the figure is good.
"""

from ...performance.tolerance import target_for
from . import Severity, lint_rule
from ._reports import indicator_name, is_report, observations

RULE = lint_rule(
    "R703", "indicator-without-target-for-period", "performance", Severity.INFO,
    "An indicator reported in a progress report has no target for the report's period.",
    "A figure without the target in force cannot be rated: neither readers nor OpenPlan can tell whether it is on "
    "track.",
    "Give the observation the `target:` the report publishes, or add a target with this `period` to the "
    "indicator in the plan.")


def check(ctx):
    if not is_report(ctx):
        return
    period = ctx.data.get("period") if isinstance(ctx.data.get("period"), dict) else None
    for position, observation, indicator in observations(ctx):
        if isinstance(observation.get("target"), dict) or target_for(indicator.data, period) is not None:
            continue
        words = (period or {}).get("text") or (period or {}).get("value")
        yield ctx.finding(("observations", position, "indicator"),
                          f"{indicator_name(indicator)} has no target for the period {words}", item=indicator.id)
