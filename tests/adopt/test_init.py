"""`openplan init` scaffolds a plan with its registries that validates, asks questions when interactive,
takes flags otherwise, and never overwrites a file."""

from __future__ import annotations

import pytest
import yaml

from openplan import init
from openplan.validation import validate

from ..conftest import assert_no_traceback, run_openplan


def test_init_then_validate_passes(tmp_path):
    folder = tmp_path / "plans"
    run = run_openplan("init", str(folder), "--council", "Example Borough Council", "--period", "2025/26",
                       "--pledges", "Our Pledges to Residents")
    assert_no_traceback(run)
    assert run.code == 0, run.output
    assert sorted(p.name for p in folder.iterdir()) == [".openplan", "plan.yaml", "pledges.yaml", "registry.yaml"]
    assert sorted(p.name for p in (folder / ".openplan" / "schema" / "1.1").iterdir()) == \
        ["plan.schema.json", "registry.schema.json"]
    assert not (folder / ".openplan" / "schema" / "1.0").exists()
    checked = run_openplan("validate", str(folder))
    assert checked.code == 0, checked.output
    assert "3 files checked: all valid" in checked.stdout
    plan = yaml.safe_load((folder / "plan.yaml").read_text(encoding="utf-8"))
    registry = yaml.safe_load((folder / "registry.yaml").read_text(encoding="utf-8"))
    pledges = yaml.safe_load((folder / "pledges.yaml").read_text(encoding="utf-8"))
    assert plan["period"] == {"start": "2025-04-01", "end": "2026-03-31"}  # no wording the user did not give
    assert "calendar" not in plan and "language" not in plan and "jurisdiction" not in plan
    assert plan["openplan"] == registry["openplan"] == pledges["openplan"] == "1.1"
    assert plan["edition"] == {"status": "draft"}  # no approving body was named
    assert plan["registries"] == ["registry.yaml", "pledges.yaml"]
    assert plan["organisation"] == registry["organisations"][0]["id"]
    assert registry["organisations"][0]["name"] == "Example Borough Council"
    assert registry["bodies"] == [] and registry["posts"] == []  # none invented
    assert pledges["pledge_sets"][0]["title"] == "Our Pledges to Residents"
    assert (folder / "plan.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path):
    (tmp_path / "registry.yaml").write_text("# mine\n", encoding="utf-8")
    run = run_openplan("init", str(tmp_path), "--council", "Example Borough Council")
    assert_no_traceback(run)
    assert run.code == 2
    assert "registry.yaml" in run.stderr and "never overwrites" in run.stderr
    assert (tmp_path / "registry.yaml").read_text(encoding="utf-8") == "# mine\n"
    assert not (tmp_path / "plan.yaml").exists() and not (tmp_path / "pledges.yaml").exists()


def test_init_without_a_terminal_needs_the_council_flag(tmp_path):
    run = run_openplan("init", str(tmp_path / "plans"))
    assert_no_traceback(run)
    assert run.code == 2
    assert "--council" in run.stderr
    assert not (tmp_path / "plans").exists()


def test_init_asks_questions_and_asks_again_after_a_bad_answer(tmp_path):
    answers = "\n".join([
        "Anytown District Council",  # council
        "ADC",  # abbreviation
        "",  # kind: the default
        "",  # country: none
        "",  # calendar: none declared, so April years
        "twenty-five",  # period: not understood, asked again
        "2024/25",
        "",  # title: the default, built from the answers
        "Executive",  # body that approves
        "",  # leader: none
        "Head of Paid Service",  # chief executive
        "",  # pledges: none
    ]) + "\n"
    run = run_openplan("init", str(tmp_path), "--interactive", stdin=answers)
    assert_no_traceback(run)
    assert run.code == 0, run.output
    assert "not a period openplan understands" in run.stderr
    plan = yaml.safe_load((tmp_path / "plan.yaml").read_text(encoding="utf-8"))
    registry = yaml.safe_load((tmp_path / "registry.yaml").read_text(encoding="utf-8"))
    assert plan["title"] == "Anytown District Council Plan 2024/25"
    assert plan["period"]["start"] == "2024-04-01"
    assert registry["organisations"][0] == {"id": "org.adc", "name": "Anytown District Council",
                                            "abbreviation": "ADC", "kind": "local-authority"}
    assert [post["title"] for post in registry["posts"]] == ["Head of Paid Service"]
    assert [body["name"] for body in registry["bodies"]] == ["Executive"]
    assert validate(tmp_path).exit_code == 0


@pytest.mark.parametrize("council, period", [
    ('Cyngor Sir Ynys Môn: "Test" #1 Council', "2025/26"),
    ("123 Borough", "2025-04-01/2026-09-30"),
    ("O'Brien & Sons' Parish: 'yes' no", "2030/2031"),
])
def test_awkward_answers_still_make_valid_files(tmp_path, council, period):
    files = init.scaffold({"council": council, "period": period, "executive": "Full Council",
                           "pledges": "Pledges: 2025 - 2029"})
    init.write(tmp_path, files)
    result = validate(tmp_path)
    assert result.exit_code == 0, [f"{f.location()} {f.message}" for f in result.findings]
    registry = yaml.safe_load((tmp_path / "registry.yaml").read_text(encoding="utf-8"))
    assert registry["organisations"][0]["name"] == council


@pytest.mark.parametrize("period", ["2025/27", "2024/23", "2026-03-31/2025-04-01", "2025-02-30/2026-01-01",
                                    "twenty-five", "2025-04-01", "../2026"])
def test_periods_that_are_not_a_year_or_a_span_are_refused(period):
    with pytest.raises(init.InitProblem):
        init.period(period)
