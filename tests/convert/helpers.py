"""Shared pieces for the converter tests: the examples, loaded once, and small plans to break."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from openplan.convert import source
from openplan.convert.canonical import canonical

from ..conftest import EXAMPLES

DATA = Path(__file__).resolve().parent / "data"
LONDON = EXAMPLES / "london-councils"
ALL_FILES = sorted(LONDON.glob("*.yaml"))
PLANS = [path for path in ALL_FILES if "kind: registry" not in path.read_text(encoding="utf-8")]
FINAL = LONDON / "business-plan-2020-21-final.yaml"
MILESTONES = LONDON / "shared-ambitions-milestones-2022-23.yaml"


@lru_cache(maxsize=None)
def loaded(path: Path) -> source.Source:
    return source.load(path)


def canonical_json(data: dict) -> str:
    return json.dumps(canonical(data), ensure_ascii=False, indent=1)


SMALL = """openplan: "1.0"
id: plan.small
title: Small Council Plan 2025/26
organisation: org.small
period: {start: "2025-04-01", end: "2026-03-31", text: "2025/26"}
edition: {status: approved, date: {text: "1 April 2025", value: "2025-04-01"}}
organisations:
  - {id: org.small, name: Small Council}
posts:
  - {id: post.leader, title: Leader of the Council}
themes:
  - id: theme.green
    title: A greener borough
    commitments:
      - {text: We will plant trees}
events:
  - {id: event.budget, title: Spring Budget, kind: fiscal-event, date: {text: "March 2026", value: "2026-03"}}
glossary:
  - {term: SEND, expansion: Special educational needs and disabilities, source: added}
pledge_sets:
  - id: pledges.small
    title: Our pledges
    pledges:
      - {id: pledge.small.1, number: "1", text: Clean streets}
      - {id: pledge.small.2, number: "2", text: Safe parks}
areas:
  - id: area.environment
    number: "1"
    title: Environment
    owners: [{ref: post.leader, role: lead, note: Cabinet lead}]
    objectives:
      - id: obj.streets
        number: "1.1"
        title: Cleaner streets
        outcome: Residents see clean streets.
        themes: [theme.green]
        pledges: [{pledge: pledge.small.1, type: delivers}]
        outputs:
          - id: out.streets.bins
            number: a
            text: Replace every street bin
            due: {text: Autumn 2025, value: "2025-23"}
            sub_items:
              - {number: i, text: North ward, items: [{text: High Street}]}
              - {number: ii, text: South ward}
            indicators:
              - id: ind.bins
                title: Bins replaced
                unit: bins
                targets: [{value: 400, due: {value: "2026-03"}}]
          - id: out.streets.review
            number: b
            text: Review street cleaning contracts
            due: {text: TBC, tbc: true}
milestones:
  - id: ms.bins-ordered
    title: Bins ordered
    due: {text: "by June 2025", value: "../2025-06"}
    outputs: [out.streets.bins]
  - id: ms.contract-review
    title: Contract review reported
    due: {text: TBC, tbc: true}
    objectives: [obj.streets]
  - id: ms.launch
    title: Launch day
    due: {text: "1 September 2025", value: "2025-09-01"}
    objectives: [obj.streets]
    events: [event.budget]
"""


def small(**replacements: str) -> str:
    text = SMALL
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def write_plan(folder: Path, text: str, name: str = "plan.yaml") -> Path:
    (folder / ".git").mkdir(exist_ok=True)  # the folder is the project
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
