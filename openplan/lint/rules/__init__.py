"""Lint rules: one module per rule, in the manner of yamllint.

Each module's docstring is the rule's documentation (the generated page under
``docs/rules/`` quotes it), ``RULE`` holds the rule's data (its failing and
passing cases are in ``openplan/rule_cases/<CODE>.yaml``), ``OPTIONS`` its
options with their defaults, and ``check(ctx)`` yields findings for one plan
(see :mod:`openplan.lint.context`). A rule that needs every file of a run at
once, such as one about registry entries nothing uses, defines
``check_project(project)`` instead.

Codes are stable and grouped by family: C1xx completeness, M2xx measurability,
D3xx schedule, P4xx coverage and references, W5xx language, N6xx numbering and
consistency, R7xx performance (progress reports), X9xx the linter itself.
"""

from __future__ import annotations

from ...rules import Rule, Severity, register

__all__ = ["BASE_PLAN", "lint_rule", "Severity"]

# The smallest valid plan, for rule packages that build their inline examples from it. The built-in rules keep
# their examples in openplan/rule_cases/ instead.
BASE_PLAN = """openplan: "1.0"
id: plan.example
title: Example Council Plan 2025/26
organisation: org.example
period: {start: "2025-04-01", end: "2026-03-31"}
edition: {status: draft}
organisations:
  - {id: org.example, name: Example Council}
"""


def lint_rule(code: str, name: str, family: str, severity: Severity, summary: str, rationale: str, fix: str,
              failing: str = "", passing: str = "", files: dict[str, str] | None = None, exit_code: int = 0) -> Rule:
    """Declare a lint rule. A built-in rule's examples are the cases of openplan/rule_cases/<CODE>.yaml; a rule
    package, which has no such file, may give them inline. ``exit_code`` is what `openplan validate` gives on the
    failing example: 0, since lint rules look at plans that are valid."""
    return register(Rule(code=code, name=name, family=family, severity=severity, summary=summary,
                         rationale=rationale, fix=fix, failing=failing, passing=passing, files=files,
                         exit_code=exit_code))
