"""P401 pledge-not-delivered: every pledge the plan takes up is delivered by something in it.

Pledges are political commitments agreed outside any one plan. When a plan
links to a pledge set as a whole (``pledges:`` at the top of the plan), or
defines a set itself, each pledge in the set should be delivered by an
objective, output or milestone: a link of type ``delivers`` or
``contributes-to`` (the ``link-types`` option). A pledge no part of the plan
delivers is a promise the plan quietly drops.

A pledge set kept in a registry is judged against every plan in the run
that names it (the set or any of its pledges), including plans that do not
match the schema but can still be indexed: a pledge is reported in the
registry only when none of them delivers it. A registry linted without any
plan that names its sets is not judged (P403 reports a set nothing uses).
"""

from . import Severity, lint_rule

OPTIONS = {"link-types": ["delivers", "contributes-to"]}
RULE = lint_rule(
    "P401", "pledge-not-delivered", "coverage", Severity.WARNING,
    "A pledge in a set the plan takes up is delivered by no objective, output or milestone.",
    "A plan that takes up a set of pledges and leaves one undelivered drops a political commitment without "
    "saying so.",
    "Link the objective, output or milestone that delivers the pledge (`pledges: [{pledge: ..., type: "
    "delivers}]`), or say in a note why this plan does not.")


def _delivered(index, wanted: set) -> set:
    """Pledges (and pledge sets) that an objective, output or milestone of the plan delivers."""
    return {node.data.get("pledge") for node in index.nodes_of("PledgeLink")
            if node.owner is not None and node.owner.kind in ("Objective", "Output", "Milestone")
            and node.data.get("type") in wanted}


def _message(pledge: dict, pledge_set, where: str = "") -> str:
    name = f"pledge {pledge.get('number')}" if pledge.get("number") is not None else f'pledge "{pledge["id"]}"'
    return f'{name} of "{pledge_set.data.get("title")}" is delivered by no objective, output or milestone{where}'


def check(ctx):
    if ctx.is_registry:
        return  # a registry delivers nothing itself: its sets are judged against the plans (check_project)
    wanted = set(ctx.options["link-types"])
    delivered = _delivered(ctx.index, wanted)
    sets = {item.id: None for item in ctx.items("PledgeSet")}
    for number, link in enumerate(ctx.data.get("pledges") or ()):
        target = ctx.index.items.get(link.get("pledge") if isinstance(link, dict) else "")
        if target is not None and target.kind == "PledgeSet" and target.id not in sets:
            sets[target.id] = ("pledges", number, "pledge")
    for ident, link in sets.items():
        pledge_set = ctx.index.items[ident]
        for pledge in pledge_set.data.get("pledges") or ():
            if not isinstance(pledge, dict) or not isinstance(pledge.get("id"), str) or pledge["id"] in delivered:
                continue
            message = _message(pledge, pledge_set)
            if link is None:
                item = ctx.index.items.get(pledge["id"])
                yield ctx.finding(item.parts + ("id",) if item else pledge_set.parts, message, item=pledge["id"])
            else:
                yield ctx.finding(link, message, value=pledge["id"], item=pledge["id"])


def check_project(project):
    plans = [ctx.index for ctx in project.contexts if not ctx.is_registry]
    plans += [index for index in project.partial if index.data.get("kind") != "registry"]
    for ctx in project.contexts:
        if not ctx.is_registry or not project.enabled(ctx):
            continue
        wanted = set(ctx.options["link-types"])
        for pledge_set in ctx.items("PledgeSet"):
            pledges = [pledge for pledge in pledge_set.data.get("pledges") or ()
                       if isinstance(pledge, dict) and isinstance(pledge.get("id"), str)]
            names = {pledge_set.id, *(pledge["id"] for pledge in pledges)}
            naming = [index for index in plans if any(reference.target in names for reference in index.references
                                                      if reference.document is index.main)]
            if not naming:
                continue  # no plan in the run takes the set up: nothing to judge it against
            delivered = set().union(*(_delivered(index, wanted) for index in naming))
            for pledge in pledges:
                if pledge["id"] not in delivered:
                    item = ctx.index.items.get(pledge["id"])
                    yield ctx.finding(item.parts + ("id",) if item else pledge_set.parts,
                                      _message(pledge, pledge_set, f" in the {len(naming)} plan"
                                               f"{'s' if len(naming) != 1 else ''} of this run that name the set"),
                                      item=pledge["id"])
