"""A 1.1 plan that uses every field of the plan's own levels and the smaller 1.1 fields."""

LEVELS_PLAN = """openplan: "1.1"
id: plan.riverside-delivery-program
title: Riverside Council Delivery Program 2025-2029
plan_type: delivery-program
organisation: org.riverside
owners:
  - {ref: post.gm, role: lead}
  - {ref: body.corporate, role: support, confidence: {level: inferred, reason: The foreword is signed by the directorate.}}
period: {start: "2025-07-01", end: "2029-06-30", text: "2025-2029"}
jurisdiction: {country: AU-NSW, region: New South Wales}
calendar: financial-july
edition:
  status: approved
  approvals:
    - {by: body.council, role: adopts, on: {value: 2025-06-24, text: "24 June 2025"}}
    - {by: org.state, role: notes, note: The state is sent a copy.}
organisations:
  - {id: org.riverside, name: Riverside Council}
  - {id: org.state, name: Office of Local Government}
bodies:
  - {id: body.council, name: Council, kind: committee}
  - {id: body.corporate-old, name: Corporate Services, kind: directorate}
  - {id: body.corporate, name: Corporate and Community, kind: directorate, predecessor: body.corporate-old}
posts:
  - id: post.gm
    title: General Manager
    holders:
      - {status: vacant, start: {value: 2025-01}}
      - {status: acting, start: {value: 2025-03}, note: "An acting General Manager, not named."}
events:
  - {id: ev.budget, title: State Budget, date: {value: 2025-06-17}}
  - {id: ev.review, title: Rates review, date: {value: 2025-09-30}}
  - {id: ev.white-paper, title: Local government white paper}
levels:
  - {id: goal, name: Goal, kind: area, description: What the community wants.}
  - {id: strategy, name: Strategy, plural: Strategies, kind: objective}
  - {id: action, name: Action, kind: output}
areas:
  - id: goal.1
    number: "1"
    level: goal
    title: A connected community
    beneficiaries: [residents]
    objectives:
      - id: str.1-1
        number: "1.1"
        level: strategy
        title: Support local events
        tags: [events]
        outputs:
          - id: act.1-1-1
            number: "1.1.1"
            level: action
            title: Riverside festival
            text: Hold the Riverside festival each summer.
            description: With the chamber of commerce.
            beneficiaries: [families]
            locations: [Riverside Park]
            tags: [culture, events]
            due: {relative_to: [ev.budget, ev.review], relation: after, text: "after the budget and the rates review"}
          - {id: act.1-1-2, number: "1.1.2", untitled: true}
  - {id: goal.2, number: "2", untitled: true}
objectives:
  - id: str.2-1
    number: "2.1"
    title: Keep roads safe
    confidence: {level: uncertain, reason: The source's numbering is damaged here.}
    locations: [North ward]
    outputs:
      - {id: act.2-1-1, number: "2.1.1", title: Resurface Main Street,
         due: {relative_to: [ev.review, ev.budget], relation: before, text: "ahead of the budget and the review"}}
  - {id: str.2-2, number: "2.2", untitled: true, parent: str.2-1}
milestones:
  - {id: ms.1, title: Festival held, due: {value: 2026-01}}
"""
