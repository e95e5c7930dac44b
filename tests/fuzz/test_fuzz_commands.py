"""Plans drawn by Hypothesis, and mutations of them, fed to every command that reads plans.

No command may print a traceback, crash, hang or give an exit code its help does not document; `openplan
validate` must give, run as a command, the same verdict as the library. Each command runs in its own process
(tests/badinput/runner.py). The number of documents follows the Hypothesis profile: a dozen by default,
hundreds with OPENPLAN_FUZZ=long.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from openplan.validation import validate_text

from ..badinput.entrypoints import Place, entry_points
from ..strategies import documents, mutations
from .test_fuzz_properties import ruamel_yaml

COUNT = max(12, settings().max_examples // 4)


def _case(data, drawn: bool) -> tuple[str, object]:
    """A drawn document, or a mutation of one. Which of the two is decided by the caller, not drawn: early
    examples are the simplest ones, and some Hypothesis releases would then give mutations only."""
    document = data.draw(documents())
    return ("drawn", document) if drawn else data.draw(mutations(document))


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    """Files of drawn and mutated documents, half YAML and half JSON, with the verdict the library gives."""
    folder = tmp_path_factory.mktemp("fuzz") / "plans"
    (folder / "out").mkdir(parents=True)
    (folder / "openplan.toml").write_text("# project folder for drawn plans\n")
    found: list[tuple[str, str, int]] = []

    @settings(max_examples=COUNT, phases=[Phase.generate], database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def collect(source):
        what, data = _case(source, drawn=len(found) % 4 < 2)  # YAML and JSON of each
        name = f"drawn-{len(found):04d}.{'json' if len(found) % 2 else 'yaml'}"
        text = json.dumps(data) if name.endswith(".json") else ruamel_yaml(data)
        (folder / name).write_text(text, encoding="utf-8")
        found.append((name, what, validate_text(text, name).exit_code))

    collect()
    good = folder / "good.yaml"
    good.write_text(ruamel_yaml({"openplan": "1.0", "id": "plan.good", "title": "Good", "organisation": "org.a",
                                 "period": {"start": "2025-04-01", "end": "2026-03-31"},
                                 "edition": {"status": "draft"}, "organisations": [{"id": "org.a", "name": "A"}]}))
    return folder, good, found


ENTRY_POINTS = entry_points()


@pytest.mark.parametrize("entry", ENTRY_POINTS, ids=[entry.name for entry in ENTRY_POINTS])
def test_drawn_and_mutated_plans_through_every_command(entry, drawn, command_runner):
    folder, good, found = drawn
    place = Place(cwd=folder, good=good, out=folder / "out")
    jobs = [(entry.run_argv(name, place), folder) for name, _what, _code in found]
    problems = []
    for (name, what, expected), outcome in zip(found, command_runner.run_all(jobs, timeout=60)):
        if outcome.timed_out or outcome.signal or "Traceback (most recent call last)" in outcome.output \
                or "internal error" in outcome.output or outcome.code not in entry.codes:
            problems.append(f"{name} ({what}): {outcome.describe()}")
        elif entry.name == "validate" and outcome.code != expected:
            problems.append(f"{name} ({what}): the library says {expected}; {outcome.describe()}")
    assert not problems, "\n\n".join(problems)
    kinds = {what.split(" at ")[0] for _name, what, _code in found}
    assert "drawn" in kinds and len(kinds) > 1, "both drawn and mutated documents were run"
