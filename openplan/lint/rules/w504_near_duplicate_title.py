"""W504 near-duplicate-title: titles of one kind that differ by a word or two.

"Supporting boroughs to be more resilient" and "Supporting boroughs to be
resilient" are likely the same piece of work entered twice, or two pieces of
work that need clearer names. Titles are compared with a similarity ratio
(0 to 100, from the RapidFuzz library); pairs at or above ``threshold``
(default 90) that are not identical are reported.
"""

from ..context import TITLED_KINDS, label
from . import BASE_PLAN, Severity, lint_rule
from .w503_duplicate_title import normal

OPTIONS = {"threshold": 90}
_AREA = "areas:\n  - id: area.housing\n    title: Housing\n    objectives:\n" \
        "      - {id: obj.homes, title: Deliver more affordable homes for families}\n"
RULE = lint_rule(
    "W504", "near-duplicate-title", "language", Severity.INFO,
    "Two items of the same kind have titles that differ by only a word or two.",
    "Near-identical titles are usually one piece of work entered twice, or two that need clearer names.",
    "Merge the two items, or reword their titles so the difference is plain.",
    failing=BASE_PLAN + _AREA + "      - {id: obj.homes-2, title: Deliver more affordable homes for our families}\n",
    passing=BASE_PLAN + _AREA + "      - {id: obj.repairs, title: Faster repairs to council homes}\n")


def check(ctx):
    from rapidfuzz import fuzz, process  # imported on first use, to keep start-up quick

    threshold = ctx.options["threshold"]
    for kind in TITLED_KINDS:
        items = [item for item in ctx.items(kind) if isinstance(item.data.get("title"), str)]
        names = [normal(item.data["title"]) for item in items]
        for number, name in enumerate(names):
            later = names[number + 1:]
            if not later:
                break
            for _, score, offset in process.extract(name, later, scorer=fuzz.ratio, score_cutoff=threshold,
                                                    limit=None):
                other = items[number + 1 + offset]
                if names[number + 1 + offset] == name:
                    continue  # identical: W503's finding
                yield ctx.finding(other.parts + ("title",), f"{kind.lower()} {label(other)} has nearly the same title "
                                  f'as {kind.lower()} "{items[number].id}" ({score:.0f}% alike)',
                                  value=items[number].id, item=other)
