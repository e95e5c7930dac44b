"""`openplan init` in a real terminal (a pseudo-terminal), as an officer runs it, and with hostile answers:
whatever is typed, the files written load and validate, or nothing is written and the officer is told why."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from openplan import init
from openplan.loader import load_document
from openplan.validation import validate

from ..terminal import run_in_terminal

pytest.importorskip("pty")  # POSIX only


def _in_terminal(argv: list[str], answers: list[tuple[str, str]]) -> tuple[int, str]:
    return run_in_terminal(argv, answers)


def test_init_asks_in_a_terminal_and_writes_a_valid_plan(tmp_path):
    folder = tmp_path / "plans"
    code, seen = _in_terminal(["init", str(folder)], [
        ("Name of the council", "Anytown District Council"),
        ("Short name the plan uses", ""),
        ("Kind of organisation", "council"),  # not a code: asked again
        ("Kind of organisation", "public-body"),
        ("Country", "GB-ENG"),
        ("Calendar the plan counts in", ""),
        ("Period the plan covers", "2024/25"),
        ("Title of the plan", ""),
        ("Body that approves the plan", "Executive"),
        ("Title of the political leader's post", ""),
        ("Title of the most senior officer's post", ""),
        ("Title of the council's pledges", "Our Pledges"),
    ])
    assert "Traceback" not in seen and "internal error" not in seen and "click" not in seen, seen
    assert code == 0, seen
    assert '"council" is not a kind; choose one of local-authority' in seen
    registry = yaml.safe_load((folder / "registry.yaml").read_text(encoding="utf-8"))
    assert registry["organisations"][0]["kind"] == "public-body"
    plan = yaml.safe_load((folder / "plan.yaml").read_text(encoding="utf-8"))
    assert plan["title"] == "Anytown District Council Plan 2024/25"
    assert plan["jurisdiction"] == {"country": "GB-ENG"} and "calendar" not in plan
    assert plan["period"] == {"start": "2024-04-01", "end": "2025-03-31"}
    result = validate(folder)
    assert result.exit_code == 0, [f"{f.location()} {f.message}" for f in result.findings]


def test_init_in_a_terminal_asks_again_for_an_answer_a_plan_cannot_hold(tmp_path):
    code, seen = _in_terminal(["init", str(tmp_path), "--period", "2025/26", "--pledges", "", "--title", "Plan"], [
        ("Name of the council", "Any\x1b[31mtown"),  # an escape sequence typed or pasted
        ("Name of the council", "Anytown"),
        ("Short name the plan uses", ""),
        ("Kind of organisation", ""),
        ("Country", ""),
        ("Calendar the plan counts in", ""),
        ("Body that approves the plan", ""),
        ("Title of the political leader's post", ""),
        ("Title of the most senior officer's post", ""),
    ])
    assert code == 0, seen
    assert "control character U+001B" in seen
    assert validate(tmp_path).exit_code == 0


# --- hostile answers ----------------------------------------------------------------------------------------

_ANY = st.text(st.characters(codec="utf-8", exclude_characters="\x00") | st.sampled_from(
    "\x07\x1b\x7f\x85\u2028\u2029\u202e\u2066\ufeff\ufffe\uffff\udcff\t\r\n\"'#:{}[]&*!|>%@`\\-?,"), max_size=20)


def _written_files_load(folder: Path) -> None:
    for name in init.FILES:
        assert isinstance(load_document(folder / name, name).data, dict), name  # LoadError if it does not parse


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(council=_ANY, title=_ANY, pledges=_ANY, leader=_ANY)
def test_whatever_the_answers_the_written_plan_loads(tmp_path_factory, council, title, pledges, leader):
    """Either the answers are refused (InitProblem, nothing written) or every file written loads and is valid."""
    folder = tmp_path_factory.mktemp("init")
    try:
        files = init.scaffold({"council": council, "title": title or None, "pledges": pledges, "leader": leader,
                               "period": "2025/26"})
    except init.InitProblem as problem:
        assert not any(init.unwritable(character) for character in str(problem)), "the message echoes it"
        return
    init.write(folder, files)
    _written_files_load(folder)
    result = validate(folder)
    assert result.exit_code == 0, [f"{f.location()} {f.code} {f.message}" for f in result.findings]
    registry = yaml.safe_load((folder / "registry.yaml").read_text(encoding="utf-8"))
    assert registry["organisations"][0]["name"] == " ".join(council.split())


@pytest.mark.parametrize("council", ["Any\x07town", "Any\x1btown", "Any\x7ftown", "Any\x9btown", "Any\udcfftown",
                                     "Any\ufffetown"])
def test_council_names_a_plan_cannot_hold_are_refused_on_the_command_line(tmp_path, council):
    with pytest.raises(init.InitProblem, match="control character U\\+"):
        init.scaffold({"council": council, "period": "2025/26"})


def test_init_flags_a_plan_cannot_hold_are_refused_and_nothing_is_written(tmp_path):
    from ..conftest import assert_no_traceback, run_openplan

    run = run_openplan("init", str(tmp_path / "plans"), "--council", "Any\x1b[2Jtown", "--period", "2025/26")
    assert_no_traceback(run)
    assert run.code == 2, run.output
    assert "control character U+001B" in run.stderr and "\x1b" not in run.output
    assert not (tmp_path / "plans").exists()


@pytest.mark.parametrize("title", ["TRUE", "false", "Null", "2025"])
def test_a_title_that_slugs_to_a_yaml_word_still_makes_a_text_id(tmp_path, title):
    init.write(tmp_path, init.scaffold({"council": "Anytown", "title": title, "period": "2025/26"}))
    plan = yaml.safe_load((tmp_path / "plan.yaml").read_text(encoding="utf-8"))
    assert isinstance(plan["id"], str) and plan["id"].startswith("plan-")
    assert validate(tmp_path).exit_code == 0
