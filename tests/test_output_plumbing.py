"""What every command shares on the way out: one escaper, one registry of output formats, and the library
calls behind `openplan lint` and `openplan rules`, which never print."""

from __future__ import annotations

import pytest

from .plans import BASE_PLAN
from openplan.diff import renderers
from openplan.lint import run
from openplan.lint.engine import LintOptions
from openplan.report import Finding, Result
from openplan.reporters import REPORTERS, render
from openplan.reporters.registry import Formats
from openplan.rules import Severity
from openplan.visible import visible

PLAN = BASE_PLAN + "areas:\n  - {id: area.housing, title: Housing}\n"


@pytest.mark.parametrize(("raw", "shown"), [
    ("a\x1b[2Jb", "a\\u001b[2Jb"), ("bell\x07", "bell\\u0007"), ("\x9b", "\\u009b"), ("\x7f", "\\u007f"),
    ("evil\u202etxt", "evil\\u202etxt"), ("\u2066x\u2069", "\\u2066x\\u2069"),
    ("over\rwrite", "over\\u000dwrite"),  # a lone carriage return would overwrite the line
    ("tab\tline\nwindows\r\n", "tab\tline\nwindows\r\n"), ("Café – £5 🏠", "Café – £5 🏠"),
])
def test_one_escaper_shows_controls_and_keeps_text(raw, shown):
    assert visible(raw) == shown
    assert visible(shown) == shown  # escaping twice changes nothing


def test_the_text_report_uses_the_same_escaper():
    finding = Finding("S001", "bad \x1b]0;title\x07 value \u202e", Severity.ERROR, file="odd\x1b.yaml", line=2)
    text = render(Result(files=["odd\x1b.yaml"], findings=[finding]), "text", snippets=False)
    assert "odd\\u001b.yaml:2: error S001 bad \\u001b]0;title\\u0007 value \\u202e" in text
    assert not any(ch in text for ch in "\x1b\x07\u202e")


def test_reporters_and_diff_renderers_share_one_registry():
    assert isinstance(REPORTERS, Formats) and isinstance(renderers.RENDERERS, Formats)
    assert REPORTERS.names() == ["github", "gitlab", "json", "junit", "sarif", "text"]
    assert renderers.formats() == ["text", "markdown", "json"]  # in the order the help lists them
    with pytest.raises(KeyError, match="unknown format 'xml'; choose one of: github, gitlab"):
        REPORTERS.get("xml")
    with pytest.raises(KeyError, match="unknown diff format 'xml'; choose one of: text, markdown, json"):
        renderers.get("xml")


def test_a_registered_format_renders_through_its_module():
    formats = Formats({"text": "openplan.reporters.text"})
    formats.register("plain", "openplan.reporters.json")
    assert formats.names() == ["plain", "text"]
    result = Result(files=["plan.yaml"])
    assert formats.render(result, "plain") == render(result, "json")


def test_lint_options_that_cannot_go_together_are_named():
    assert run.usage_problem(run.Asked(paths=["p.yaml"], write_baseline=run.Path("b"), fix=True)) == \
        "--write-baseline cannot be combined with --fix or --diff"
    assert run.usage_problem(run.Asked(paths=["-"], show_diff=True)) == \
        "--fix and --diff need files, not standard input"
    assert run.usage_problem(run.Asked(paths=["p.yaml"], fix=True)) is None


def test_writing_a_baseline_is_told_not_printed(tmp_path, capsys):
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    target = tmp_path / "baseline.jsonl"
    told: list[str] = []
    outcome = run.run(LintOptions(isolated=True, use_baseline=False),
                      run.Asked(paths=[str(plan)], write_baseline=target, reason="as published"), told.append)
    header, *entries = target.read_text(encoding="utf-8").splitlines()
    assert '"openplan-lint-baseline"' in header
    assert len(entries) >= 2 and all('"reason": "as published"' in entry for entry in entries)
    assert told == [f"wrote {len(entries)} entries to {target}"]
    assert outcome.report is False and outcome.exit_code == 0
    assert capsys.readouterr() == ("", "")


DRAFT = BASE_PLAN + """milestones:
  - {id: ms.launch, title: Launch, objectives: [], due: {text: Autumn 2025}}
"""


def test_a_diff_of_fixes_changes_nothing_and_says_what_would(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(DRAFT, encoding="utf-8")
    outcome = run.run(LintOptions(isolated=True), run.Asked(paths=[str(plan)], show_diff=True))
    assert plan.read_text(encoding="utf-8") == DRAFT
    assert outcome.report is False and outcome.exit_code == 1
    assert '+  - {id: ms.launch, title: Launch, objectives: [], due: {text: Autumn 2025, value: "2025-23"}}' \
        in outcome.diff.splitlines()


def test_fixing_tells_what_was_applied_then_lints_again(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(DRAFT, encoding="utf-8")
    told: list[str] = []
    outcome = run.run(LintOptions(isolated=True), run.Asked(paths=[str(plan)], fix=True), told.append)
    assert 'value: "2025-23"' in plan.read_text(encoding="utf-8")
    assert told == ["applied 1 fix in 1 file"]
    assert outcome.report and outcome.exit_code == outcome.result.exit_code
    assert "S008" not in {finding.code for finding in outcome.result.findings}  # the result after the fix


def test_the_rulebook_says_where_each_rule_runs():
    from openplan import rulebook

    rows = {row["code"]: row for row in rulebook.listing_data(rulebook.listing())}
    assert rows["S001"]["presets"] == ["always"] and rows["S001"]["origin"] == "openplan"
    assert rows["W501"]["presets"] == ["recommended", "strict"] and rows["W501"]["fixes"] == "safe"
    assert {row["presets"][0] for row in rows.values() if row["family"] == "convert"} == {"convert"}
    assert {row["presets"][0] for row in rows.values() if row["family"] == "extension-schema"} == {"lint-schema"}
    assert rulebook.listing_text(rulebook.listing("load")).endswith(" rules. `openplan rule CODE` explains one.\n")


def test_the_rulebook_refuses_unknown_codes_and_families_with_a_suggestion():
    from openplan import rulebook

    with pytest.raises(rulebook.RuleLookupError, match="""no rule 'W50'. Did you mean "W50\\d"\\?"""):
        rulebook.explanation("W50")
    with pytest.raises(rulebook.RuleLookupError, match="no rules in the family 'nope'"):
        rulebook.listing("nope")
    assert rulebook.explanation(" w501 ").startswith("W501 ")
