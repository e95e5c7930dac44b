"""Small generated plans for the diff tests: a builder, and Hypothesis strategies for plans and single edits."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from hypothesis import strategies as st

WORDS = ("fund", "housing", "boroughs", "lobby", "deliver", "review", "London", "skills", "transport", "care",
         "climate", "grants", "safety", "report", "agree", "publish", "support", "evidence", "campaign", "plan")
OWNERS = ("post.leader", "post.chief", "body.board", "org.partner")
DATES = ("2025-05", "2025-06", "2025-07-14", "2025-23", "FY2025-Q2", "FY2025-Q3", "2025-35", "../2025-12",
         "2025-09/2025-11", "2026-01")
STATUSES = ("not-started", "on-track", "at-risk", "complete")

BASE = {
    "openplan": "1.0",
    "id": "plan.generated",
    "title": "Generated Council Plan 2025/26",
    "organisation": "org.council",
    "period": {"start": "2025-04-01", "end": "2026-03-31", "text": "2025/26"},
    "edition": {"status": "draft"},
    "organisations": [{"id": "org.council", "name": "Generated Council"},
                      {"id": "org.partner", "name": "A Partner"}],
    "bodies": [{"id": "body.board", "name": "The Board", "kind": "board"}],
    "posts": [{"id": "post.leader", "title": "Leader"}, {"id": "post.chief", "title": "Chief Executive"}],
}


def dump(plan: dict[str, Any]) -> str:
    return yaml.safe_dump(plan, sort_keys=False, allow_unicode=True)


def sentence(draw, low: int = 2, high: int = 8) -> str:
    return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=low, max_size=high)))


@st.composite
def plans(draw) -> dict[str, Any]:
    """A valid plan of one to three areas, with objectives, outputs, sub-items and milestones.

    Ids come from positions ("obj.1.2"), so two independently drawn plans share many ids.
    """
    plan = copy.deepcopy(BASE)
    plan["edition"]["status"] = draw(st.sampled_from(("draft", "approved")))
    areas = []
    for a in range(1, draw(st.integers(1, 3)) + 1):
        area: dict[str, Any] = {"id": f"area.{a}", "number": str(a), "title": sentence(draw, 1, 4)}
        if draw(st.booleans()):
            area["owners"] = [{"ref": draw(st.sampled_from(OWNERS)), "role": "accountable"}]
        objectives = []
        for o in range(1, draw(st.integers(0, 3)) + 1):
            objective: dict[str, Any] = {"id": f"obj.{a}.{o}", "number": f"{a}.{o}", "title": sentence(draw)}
            if draw(st.booleans()):
                objective["outcome"] = sentence(draw, 4, 12)
            outputs = []
            for u in range(1, draw(st.integers(0, 3)) + 1):
                output: dict[str, Any] = {"id": f"out.{a}.{o}.{u}", "number": "abc"[u - 1],
                                          "text": sentence(draw, 3, 10)}
                if draw(st.booleans()):
                    output["due"] = {"value": draw(st.sampled_from(DATES))}
                if draw(st.booleans()):
                    output["owners"] = [{"ref": r, "role": "lead"} for r in
                                        draw(st.sets(st.sampled_from(OWNERS), min_size=1, max_size=2))]
                if draw(st.booleans()):
                    output["progress"] = [{"date": "2025-06-30", "status": draw(st.sampled_from(STATUSES))}]
                subs = [{"id": f"sub.{a}.{o}.{u}.{s}", "text": sentence(draw, 2, 6)}
                        for s in range(1, draw(st.integers(0, 2)) + 1)]
                if subs:
                    output["sub_items"] = subs
                outputs.append(output)
            if outputs:
                objective["outputs"] = outputs
            objectives.append(objective)
        if objectives:
            area["objectives"] = objectives
        areas.append(area)
    plan["areas"] = areas
    milestones = []
    for m in range(1, draw(st.integers(0, 3)) + 1):
        milestone: dict[str, Any] = {"id": f"ms.{m}", "title": sentence(draw, 2, 6)}
        if draw(st.booleans()):
            milestone["due"] = {"value": draw(st.sampled_from(DATES))}
        milestones.append(milestone)
    if milestones:
        plan["milestones"] = milestones
    return plan


def outputs_of(plan: dict[str, Any]) -> list[tuple[dict, dict]]:
    """(objective, output) pairs, in document order."""
    return [(o, u) for a in plan["areas"] for o in a.get("objectives", []) for u in o.get("outputs", [])]


def objectives_of(plan: dict[str, Any]) -> list[dict]:
    return [o for a in plan["areas"] for o in a.get("objectives", [])]
