"""Plans the tests start from."""

# The smallest valid plan: tests add what they need to it.
BASE_PLAN = """openplan: "1.0"
id: plan.example
title: Example Council Plan 2025/26
organisation: org.example
period: {start: "2025-04-01", end: "2026-03-31"}
edition: {status: draft}
organisations:
  - {id: org.example, name: Example Council}
"""
