"""`openplan init` for a council anywhere: its country, its calendar and its period in any form the docs accept,
only what the officer gave written down, and every bad answer refused with one clear line."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from openplan import init
from openplan.dates import calendar_of, resolve_value
from openplan.validation import validate

from ..conftest import assert_no_traceback, run_openplan

HAWKESBURY = ("--organisation", "Hawkesbury City Council", "--country", "AU-NSW", "--calendar", "financial-july",
              "--period", "2022/23", "--language", "en-AU", "--executive", "Council")


def _load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_an_australian_council_with_a_july_year(tmp_path):
    folder = tmp_path / "plans"
    run = run_openplan("init", str(folder), *HAWKESBURY)
    assert_no_traceback(run)
    assert run.code == 0, run.output
    assert "The plan covers 1 July 2022 to 30 June 2023 (calendar financial-july)." in run.stdout
    plan, registry, pledges = (_load(folder / name) for name in init.FILES)
    assert plan["openplan"] == "1.1"
    assert plan["period"] == {"start": "2022-07-01", "end": "2023-06-30"}  # no published wording was given
    assert plan["calendar"] == "financial-july"
    assert plan["jurisdiction"] == {"country": "AU-NSW"}  # no hemisphere unless given
    assert plan["language"] == "en-AU"
    assert plan["edition"] == {"status": "draft", "approved_by": "body.council"}
    assert registry["organisations"] == [{"id": "org.hawkesbury-city-council", "name": "Hawkesbury City Council",
                                          "kind": "local-authority"}]
    assert registry["bodies"] == [{"id": "body.council", "name": "Council", "kind": "committee",
                                   "organisation": "org.hawkesbury-city-council"}]  # only the one named
    assert registry["posts"] == [] and pledges["pledge_sets"] == []
    text = "".join((folder / name).read_text(encoding="utf-8") for name in init.FILES)
    assert "Full Council" not in text and "en-GB" not in text and "financial-april" not in text
    # The plan's own dates mean what the officer meant: its quarters are July years, its seasons southern.
    calendar = calendar_of(plan)
    assert resolve_value("FY2022-Q1", calendar).earliest == date(2022, 7, 1)
    assert resolve_value("2022-22", calendar).earliest == date(2022, 12, 1)  # summer
    result = validate(folder)
    assert result.exit_code == 0 and not result.findings, [f"{f.location()} {f.message}" for f in result.findings]
    linted = run_openplan("lint", str(folder))
    assert linted.code == 0 and "error" not in linted.stdout, linted.output


def test_a_us_council_on_calendar_years_over_several_years(tmp_path):
    run = run_openplan("init", str(tmp_path), "--council", "Louisville Metro Government", "--country", "us-ky",
                       "--calendar", "calendar", "--period", "2019 to 2023", "--period-text", "2019-2023",
                       "--hemisphere", "north")
    assert run.code == 0, run.output
    plan = _load(tmp_path / "plan.yaml")
    assert plan["period"] == {"start": "2019-01-01", "end": "2023-12-31", "text": "2019-2023"}
    assert plan["calendar"] == "calendar"
    assert plan["jurisdiction"] == {"country": "US-KY", "hemisphere": "north"}
    assert "language" not in plan
    result = validate(tmp_path)
    assert result.exit_code == 0 and not result.findings, [f"{f.location()} {f.message}" for f in result.findings]


@pytest.mark.parametrize("text, calendar, start, end", [
    ("2022/23", "financial-july", "2022-07-01", "2023-06-30"),
    ("2011/12", "financial-july", "2011-07-01", "2012-06-30"),
    ("2025/26", "financial-april", "2025-04-01", "2026-03-31"),
    ("2025-26", "financial-april", "2025-04-01", "2026-03-31"),
    ("2025/2026", "financial-april", "2025-04-01", "2026-03-31"),
    ("1999/00", "financial-april", "1999-04-01", "2000-03-31"),
    ("2019 to 2023", "calendar", "2019-01-01", "2023-12-31"),
    ("2019-2023", "calendar", "2019-01-01", "2023-12-31"),
    ("2019 – 2023", "financial-january", "2019-01-01", "2023-12-31"),
    ("2022-2026", "financial-july", "2022-07-01", "2026-06-30"),  # a NSW Delivery Program: four July years
    ("2024 to 2025", "financial-july", "2024-07-01", "2025-06-30"),
    ("2019/20 to 2022/23", "financial-april", "2019-04-01", "2023-03-31"),
    ("FY2019 to FY2022", "financial-july", "2019-07-01", "2023-06-30"),
    ("FY2024", "financial-july", "2024-07-01", "2025-06-30"),
    ("FY2024", "financial-october", "2024-10-01", "2025-09-30"),
    ("fy2024-q1", "financial-july", "2024-07-01", "2024-09-30"),
    ("2024", "calendar", "2024-01-01", "2024-12-31"),
    ("2024", "financial-july", "2024-07-01", "2025-06-30"),  # a year in a financial calendar: FY2024
    ("2024-07-01/2025-06-30", "calendar", "2024-07-01", "2025-06-30"),
    ("2024-07-01 to 2025-06-30", "financial-april", "2024-07-01", "2025-06-30"),
    ("2024-07/2025-06", "calendar", "2024-07-01", "2025-06-30"),
])
def test_every_period_form_the_docs_accept(text, calendar, start, end):
    assert init.period(text, calendar) == (start, end)


@pytest.mark.parametrize("args, message", [
    (("--period", "2025/27"), '"2025/27" is not one financial year: write 2025/26'),
    (("--period", "2024/23"), '"2024/23" ends before it starts'),
    (("--period", "twenty-five"), '"twenty-five" is not a period openplan understands'),
    (("--calendar", "financial-july", "--period", "FY24"), '"FY24" is not a financial year OpenPlan can read'),
    (("--calendar", "financial-july", "--period", "FY2024-Q5"), '"FY2024-Q5" is not a financial year'),
    (("--calendar", "calendar", "--period", "FY2024"), '"FY2024" names a financial year, but the calendar "calendar"'),
    (("--calendar", "calendar", "--period", "2025/26"), '"2025/26" is a financial year running into 2026'),
    (("--country", "UK"), '"UK" is not an ISO 3166 country code; did you mean "GB"?'),
    (("--country", "XX"), '"XX" is not an ISO 3166 country code'),
    (("--country", "uk-wls"), '"uk-wls" is not an ISO 3166 country code; did you mean "GB-WLS"?'),
    (("--country", "Australia"), '"Australia" is not a country code'),
    (("--country", "AU-NSW", "--period", "2022/23"), "--calendar is needed for a council in AU-NSW"),
    (("--calendar", "financial-julio"), '"financial-julio" is not a calendar code; did you mean "financial-july"?'),
    (("--calendar", "july"), '"july" is not a calendar code; did you mean "financial-july"?'),
    (("--calendar", "fiscal"), '"fiscal" is not a calendar code; choose one of financial-april'),
    (("--hemisphere", "down under"), '"down under" is not a hemisphere'),
    (("--language", "English!"), '"English!" is not a BCP 47 language tag'),
])
def test_bad_answers_get_one_clear_line_and_nothing_is_written(tmp_path, args, message):
    folder = tmp_path / "plans"
    run = run_openplan("init", str(folder), "--council", "Anytown", *args)
    assert_no_traceback(run)
    assert run.code == 2, run.output
    assert run.stderr.startswith(f"openplan init: {message}"), run.stderr
    assert run.stderr.count("\n") == 1 and run.stdout == ""
    assert not folder.exists()


def test_a_bad_flag_is_refused_before_any_question(tmp_path):
    run = run_openplan("init", str(tmp_path / "plans"), "--interactive", "--country", "UK", stdin="Anytown\n")
    assert run.code == 2, run.output
    assert 'did you mean "GB"?' in run.stderr and "Name of the council" not in run.output


def test_asked_in_turn_a_council_outside_the_uk_must_name_its_calendar(tmp_path):
    answers = "\n".join(["Hawkesbury City Council", "", "", "AU-NSW",
                         "",  # calendar: no default outside the UK, so asked again
                         "financial-julio",  # refused with a did-you-mean, asked again
                         "financial-july", "2011/12", "", "", "", "", ""]) + "\n"
    run = run_openplan("init", str(tmp_path), "--interactive", stdin=answers)
    assert_no_traceback(run)
    assert run.code == 0, run.output
    assert 'did you mean "financial-july"?' in run.stderr
    plan = _load(tmp_path / "plan.yaml")
    assert plan["period"] == {"start": "2011-07-01", "end": "2012-06-30"}
    assert plan["calendar"] == "financial-july" and plan["jurisdiction"] == {"country": "AU-NSW"}


def test_init_never_overwrites_a_plan(tmp_path):
    (tmp_path / "plan.yaml").write_text("# an officer's work\n", encoding="utf-8")
    run = run_openplan("init", str(tmp_path), *HAWKESBURY)
    assert_no_traceback(run)
    assert run.code == 2
    assert "plan.yaml already exists; openplan init never overwrites a file" in run.stderr
    assert (tmp_path / "plan.yaml").read_text(encoding="utf-8") == "# an officer's work\n"
    assert not (tmp_path / "registry.yaml").exists() and not (tmp_path / "pledges.yaml").exists()


def test_the_help_shows_a_council_outside_england():
    run = run_openplan("init", "--help")
    assert run.code == 0
    assert '--organisation "Hawkesbury City Council" --country AU-NSW' in run.stdout
    assert "--calendar financial-july --period \"2022/23\"" in run.stdout


def test_the_worked_example_in_adopting_md_is_what_init_writes(tmp_path):
    """docs/adopting.md shows a council outside England: its command, run here, writes exactly the YAML shown."""
    import re
    import shlex

    from ..conftest import ROOT

    guide = (ROOT / "docs" / "adopting.md").read_text(encoding="utf-8")
    command = next(line for line in guide.splitlines() if line.startswith("openplan init plans --organisation"))
    assert "--country AU-NSW" in command and "--calendar financial-july" in command
    shown = re.findall(r"```yaml\n(.*?)```", guide[guide.index(command):], re.DOTALL)
    run = run_openplan(*shlex.split(command)[1:], cwd=tmp_path)
    assert run.code == 0, run.output
    assert shown[0] == (tmp_path / "plans" / "plan.yaml").read_text(encoding="utf-8")
    assert shown[1] == (tmp_path / "plans" / "registry.yaml").read_text(encoding="utf-8")


def test_answers_that_run_out_are_a_usage_error_not_an_abort(tmp_path):
    run = run_openplan("init", str(tmp_path / "plans"), "--interactive", stdin="Anytown\n")
    assert_no_traceback(run)
    assert run.code == 2, run.output
    assert 'no answer to "Short name the plan uses (empty for none)": the input ended' in run.stderr
    assert not (tmp_path / "plans").exists()
