"""R706 published-counts-disagree: the counts a report publishes add up.

Reports often summarise their updates ("Green 11, Amber 5, Red 2", "49 of 56 complete"). Each entry of
`counts` is checked against the updates (or observations) in its scope: the whole plan, or an area, theme or
objective and everything under it. An update counts by its `rag` or `status`, else what its council word means;
an observation by its published RAG, else the one the tolerance gives.
"""

from ...performance.published import compare
from ...performance.rollup import rate_observations, rate_updates
from . import Severity, lint_rule
from ._reports import is_report, plan_data, scale

RULE = lint_rule(
    "R706", "published-counts-disagree", "performance", Severity.WARNING,
    "A count a progress report publishes disagrees with its updates.",
    "Summary counts are what committees read and quote; a count the updates do not bear out undermines the "
    "whole report.",
    "Correct the published count, or the updates it summarises (a missing update, a rating in the wrong column).")


def check(ctx):
    if not is_report(ctx):
        return
    items = ctx.index.items
    rated = rate_updates(ctx.data, items, scale(ctx)), rate_observations(ctx.data, items, plan_data(ctx))
    for problem in compare(ctx.data, *rated):
        scope = "the whole plan" if problem.scope == "plan" else f'"{problem.scope}"'
        if problem.code is None:
            parts = ("counts", problem.position, "total")
            what = f"a total of {problem.published} {problem.of}"
        else:
            parts = ("counts", problem.position, "counts", problem.code)
            what = f"{problem.published} {problem.code} {problem.of}"
        yield ctx.finding(parts, f"the report publishes {what} for {scope}, but the {problem.of} give "
                          f"{problem.computed}", value=problem.published)
