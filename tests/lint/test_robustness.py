"""No rule fails on a valid plan, however sparse: every optional field of a real plan may be missing."""

from __future__ import annotations

import copy

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from openplan.lint.config import CommandLine
from openplan.lint.engine import LintOptions, Linter
from openplan.validation import Validator

from ..conftest import EXAMPLES

SOURCE = EXAMPLES / "london-councils" / "shared-ambitions-milestones-2022-23.yaml"
PLAN = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
OPTIONAL = ("owners", "outputs", "due", "outcome", "description", "objectives", "themes", "notes", "number",
            "parent", "part_of", "events", "commitments", "glossary", "text", "indicators", "targets", "progress")


def _paths(data, here=()):
    if isinstance(data, dict):
        for key, value in data.items():
            if key in OPTIONAL:
                yield here + (key,)
            yield from _paths(value, here + (key,))
    elif isinstance(data, list):
        for number, value in enumerate(data):
            yield from _paths(value, here + (number,))


PATHS = list(_paths(PLAN))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PATHS), max_size=40))
def test_rules_never_fail(tmp_path_factory, removed):
    data = copy.deepcopy(PLAN)
    for path in sorted(set(removed), key=len, reverse=True):
        target = data
        try:
            for part in path[:-1]:
                target = target[part]
            del target[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue
    folder = tmp_path_factory.mktemp("plan")
    (folder / ".git").mkdir()
    for name in ("registry.yaml", "pledges.yaml"):
        (folder / name).write_text((EXAMPLES / "london-councils" / name).read_text(encoding="utf-8"))
    plan = folder / "plan.yaml"
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = Linter(LintOptions(isolated=True, command_line=CommandLine(select=("ALL",)))).lint(plan)  # never raises
    valid = not [f for f in Validator().check_file(plan) if f.severity.value == "error" and f.code[0] in "LS"]
    assert ("X904" in [f.code for f in result.findings]) != valid
