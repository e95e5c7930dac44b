"""The golden thread: how the items of plans on disk serve each other, followed both ways.

A plan names the plans it sits under in ``parents``; its areas, objectives, outputs and milestones say which
items of those plans they serve (``serves: [{plan, item, relation}]``). :func:`thread` takes one plan and the
other plans at hand (the files of a run, and the parents its ``parents[].path`` names) and lists:

* :attr:`Thread.serves`: up the cascade, each link from an item of this plan to the item it serves, with that
  item's kind and label when its plan is at hand (else only its ids, as the link gives them);
* :attr:`Thread.served_by`: down the cascade, each link from an item of another plan at hand (a child plan)
  to an item of this plan, and each link between two items of this plan.

``openplan stats`` shows both lists; the HTML page and the site can show them beside each item
(:meth:`Thread.serving` and :meth:`Thread.served` give one item's links). Nothing is ever fetched: a plan
that is not on disk is known only by the ids its links give. The library never prints and never exits.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

from .index import Item, PlanIndex, build
from .loader import Document

# What `serves` relations mean, as words in a sentence ("contributes to obj.mayor.1").
RELATION_WORDS = {"delivers": "delivers", "contributes-to": "contributes to"}


@dataclass(frozen=True)
class End:
    """One end of a link: an item of a plan. ``kind`` and ``label`` are None when the plan is not at hand or
    does not define the item."""

    plan: str
    item: str
    kind: str | None = None  # the item's type: Area, Objective, Output or Milestone
    kind_name: str | None = None  # what its plan calls that kind: its level's name ("Strategy"), else the type
    label: str | None = None  # its number and title, as published
    path: str | None = None  # the file that holds it, when at hand


@dataclass(frozen=True)
class Link:
    """One ``serves`` entry: ``source`` serves ``target`` with ``relation`` (delivers, contributes-to)."""

    source: End
    target: End
    relation: str
    number: str | None = None  # the target's number as the source plan prints it
    note: str | None = None
    line: int | None = None  # where the link is written in the source's file
    column: int | None = None

    @property
    def resolved(self) -> bool:
        """True when the target's plan is at hand and defines the item."""
        return self.target.kind is not None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["resolved"] = self.resolved
        return data


@dataclass
class Thread:
    """The links of one plan, both ways. See the module's documentation."""

    plan: str
    serves: list[Link] = field(default_factory=list)
    served_by: list[Link] = field(default_factory=list)

    def serving(self, item: str) -> list[Link]:
        """What ``item`` of this plan serves, up the cascade."""
        return [link for link in self.serves if link.source.item == item]

    def served(self, item: str) -> list[Link]:
        """What serves ``item`` of this plan, from child plans and from this plan."""
        return [link for link in self.served_by if link.target.item == item]

    def to_dict(self) -> dict[str, Any]:
        return {"serves": [link.to_dict() for link in self.serves],
                "served_by": [link.to_dict() for link in self.served_by]}


def _index(plan: Document | PlanIndex) -> PlanIndex | None:
    if isinstance(plan, PlanIndex):
        return plan
    try:
        return build(plan)
    except (LookupError, ValueError):  # a version this package cannot read: it has no links to follow
        return None


def _plan_id(document: Document) -> str | None:
    data = document.data
    if not isinstance(data, dict) or data.get("kind", "plan") != "plan" or not isinstance(data.get("id"), str):
        return None
    return data["id"]


def _end(plan: str, item: Item, index: PlanIndex) -> End:
    return End(plan, item.id, item.kind, index.kind_name(item), item.label, item.document.path)


def _links(index: PlanIndex, plans: dict[str, PlanIndex]) -> Iterable[Link]:
    """Every ``serves`` link written in the plan of ``index``, its target resolved among ``plans``."""
    own = _plan_id(index.main)
    if own is None:
        return
    for node in index.nodes_of("ServesLink"):
        data, owner = node.data, node.owner
        if owner is None or not isinstance(data.get("plan"), str) or not isinstance(data.get("item"), str):
            continue
        there = plans.get(data["plan"])
        found = there.items.get(data["item"]) if there is not None else None
        if found is not None and found.document is not there.main:
            found = None  # an item of the other plan's registries, not of that plan
        target = _end(data["plan"], found, there) if found and there else End(data["plan"], data["item"])
        line, column = index.main.position(node.parts)
        number = data.get("number")
        yield Link(_end(own, owner, index), target, str(data.get("relation", "")),
                   str(number) if number is not None else None, data.get("note"), line, column)


def thread(plan: Document | PlanIndex, others: Iterable[Document | PlanIndex] = ()) -> Thread:
    """The links of ``plan`` both ways, among ``others``: the other plans at hand (files of the same run, and
    the parent plans read from ``parents[].path``; registries and files that are not plans are ignored, and
    ``plan`` itself may be among them). Order: as the links are written, plan by plan in the order given."""
    index = _index(plan)
    if index is None or _plan_id(index.main) is None:
        return Thread(plan="")
    own = _plan_id(index.main)
    assert own is not None
    plans: dict[str, PlanIndex] = {own: index}
    children: list[PlanIndex] = []
    for other in others:
        found = _index(other)
        other_id = _plan_id(found.main) if found is not None else None
        if found is None or other_id is None or found.main.resolved == index.main.resolved and other_id == own:
            continue
        plans.setdefault(other_id, found)
        children.append(found)
    result = Thread(plan=own, serves=list(_links(index, plans)))
    result.served_by = [link for link in result.serves if link.target.plan == own]
    for child in children:
        result.served_by.extend(link for link in _links(child, plans) if link.target.plan == own)
    return result
