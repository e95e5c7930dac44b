"""R704 rag-contradicts-tolerance: a published RAG rating agrees with the tolerance rule.

Where the plan declares a tolerance (on the indicator, else for the whole plan), the RAG rating of a figure
follows from it: the distance from target, counted only in the bad direction, within `green_within` is green,
within `amber_within` amber, beyond it red; meeting or beating the target is green. A published rating that
differs from the one the rule gives is a slip in the report, or a sign the tolerance is out of date.
"""

from ...performance.tolerance import observation_rag
from . import Severity, lint_rule
from ._reports import indicator_name, is_report, observations, plan_data

RULE = lint_rule(
    "R704", "rag-contradicts-tolerance", "performance", Severity.WARNING,
    "A published RAG rating contradicts the tolerance rule.",
    "Councils declare tolerances so that ratings are applied the same way every quarter; a rating that breaks the "
    "rule misleads readers and hides the figures that need attention.",
    "Correct the published `rag`, or the figure or target, or the tolerance in the plan if it has changed.")


def check(ctx):
    if not is_report(ctx):
        return
    plan = plan_data(ctx)
    for position, observation, indicator in observations(ctx):
        published = observation.get("rag")
        computed = observation_rag(observation, indicator.data, plan, ctx.data.get("period"))
        if published is None or computed is None or published == computed:
            continue
        yield ctx.finding(("observations", position, "rag"),
                          f"{indicator_name(indicator)} is published as {published}, but its figure "
                          f"{observation.get('value'):g} against the target gives {computed} under the tolerance",
                          item=indicator.id)
