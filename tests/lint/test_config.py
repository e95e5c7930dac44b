"""Configuration: found upward from the plan, presets, selection by code and family, per-path overrides,
per-rule options, and a clear error (exit 2) for a configuration the linter cannot use."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..plans import BASE_PLAN
from openplan.lint.config import ConfigError, find
from openplan.lint.engine import LintOptions, Linter

from ..conftest import assert_no_traceback, run_openplan
from .conftest import codes, write_project

# An area with no owner (C103) and no objectives (C107), and a long title (W502 at 40 characters).
PLAN = BASE_PLAN + "areas:\n  - {id: area.housing, title: Housing services for every resident of the borough}\n"


def lint(path: Path, **options):
    return Linter(LintOptions(**options)).lint(path)


def test_found_by_searching_upward_from_the_plan(tmp_path):
    paths = write_project(tmp_path, {
        "pyproject.toml": "[project]\nname = 'x'\n\n[tool.openplan.lint]\nignore = ['C103']\n",
        "plans/2025/plan.yaml": PLAN})
    assert find(paths["plans/2025/plan.yaml"].parent) == paths["pyproject.toml"]
    found = codes(lint(paths["plans/2025/plan.yaml"]))
    assert "C107" in found and "C103" not in found


def test_a_pyproject_without_tool_openplan_is_passed_over(tmp_path):
    paths = write_project(tmp_path, {
        "openplan.toml": "[lint]\nignore = ['C107']\n",
        "plans/pyproject.toml": "[project]\nname = 'x'\n",
        "plans/plan.yaml": PLAN})
    assert find(paths["plans/plan.yaml"].parent) == paths["openplan.toml"]
    assert "C107" not in codes(lint(paths["plans/plan.yaml"]))


def test_the_nearest_configuration_wins_and_dot_openplan_toml_counts(tmp_path):
    paths = write_project(tmp_path, {
        "openplan.toml": "[lint]\nignore = ['C107']\n",
        "plans/.openplan.toml": "[lint]\nignore = ['C103']\n",
        "plans/plan.yaml": PLAN})
    found = codes(lint(paths["plans/plan.yaml"]))
    assert "C107" in found and "C103" not in found


def test_select_and_ignore_by_family_prefix_and_code(tmp_path):
    paths = write_project(tmp_path, {"openplan.toml": "[lint]\nignore = ['completeness']\n", "plan.yaml": PLAN})
    assert not {"C103", "C107"} & set(codes(lint(paths["plan.yaml"])))
    paths["openplan.toml"].write_text("[lint]\nignore = ['C1']\nselect = ['W502']\n[lint.options.W502]\n"
                                      "max-length = 40\n")
    found = codes(lint(paths["plan.yaml"]))
    assert "W502" in found and not {"C103", "C107"} & set(found)


def test_strict_preset_runs_more_rules_and_tightens_options(tmp_path):
    text = PLAN.replace("  - {id: area.housing, title: Housing services for every resident of the borough}\n",
                        "  - id: area.housing\n    title: Housing\n    owners: [{ref: org.example}]\n"
                        "    objectives:\n      - id: obj.homes\n        title: More homes\n"
                        "        outcome: Families are housed.\n        outputs:\n"
                        "          - {id: out.sites, text: Identify 20 sites.}\n")
    paths = write_project(tmp_path, {"plan.yaml": text})
    recommended = codes(lint(paths["plan.yaml"], isolated=True))
    paths["openplan.toml"] = tmp_path / "openplan.toml"
    paths["openplan.toml"].write_text('[lint]\npreset = "strict"\n')
    strict = codes(lint(paths["plan.yaml"]))
    assert "C102" not in recommended  # the output inherits the area's owner
    assert "C102" in strict  # strict asks for an owner on every output
    assert "P404" not in recommended and "P404" not in strict  # no themes in this plan, so nothing to relate to


def test_per_path_overrides(tmp_path):
    paths = write_project(tmp_path, {
        "openplan.toml": "[lint]\n[[lint.overrides]]\nfiles = ['drafts/*.yaml']\nignore = ['C107']\n"
                         "severity = {C103 = 'error'}\n",
        "drafts/plan.yaml": PLAN, "final/plan.yaml": PLAN})
    draft = lint(paths["drafts/plan.yaml"])
    final = lint(paths["final/plan.yaml"])
    assert "C107" not in codes(draft) and "C107" in codes(final)
    assert [f.severity.value for f in draft.findings if f.code == "C103"] == ["error"]
    assert [f.severity.value for f in final.findings if f.code == "C103"] == ["warning"]
    assert draft.exit_code == 1 and final.exit_code == 0


def test_fail_on_in_the_configuration(tmp_path):
    paths = write_project(tmp_path, {"openplan.toml": "[lint]\nfail-on = 'warning'\n", "plan.yaml": PLAN})
    assert lint(paths["plan.yaml"]).exit_code == 1
    paths["openplan.toml"].write_text("[lint]\nfail-on = 'never'\n")
    assert lint(paths["plan.yaml"]).exit_code == 0


def test_command_line_wins(tmp_path):
    paths = write_project(tmp_path, {"openplan.toml": "[lint]\nignore = ['C107']\n", "plan.yaml": PLAN})
    run = run_openplan("lint", str(paths["plan.yaml"]), "--select", "C107", "--fail-on", "warning")
    assert run.code == 1 and "C107" in run.stdout and "C103" not in run.stdout
    run = run_openplan("lint", str(paths["plan.yaml"]), "--config", str(paths["openplan.toml"]), "--ignore",
                       "C103", "--fail-on", "warning")
    assert run.code == 0, run.output


@pytest.mark.parametrize("text,message", [
    ("[lint]\nselcet = ['C101']\n", 'unknown setting "selcet" (did you mean "select"?)'),
    ("[lint]\nignore = ['C199']\n", '"C199" is not a rule code, code prefix or family'),
    ("[lint]\nignore = ['langauge']\n", 'did you mean "language"?'),
    ("[lint]\nignore = ['S002']\n", "S002 is a validation error and cannot be ignored"),
    ("[lint]\npreset = 'lenient'\n", "preset"),
    ("[lint]\nfail-on = 'sometimes'\n", "fail-on"),
    ("[lint.options.W502]\nmax-length = 'long'\n", "W502.max-length: must be a whole number"),
    ("[lint.options.W502]\nmaxlength = 10\n", 'W502 has no option "maxlength" (did you mean "max-length"?)'),
    ("[lint.options.C101]\nx = 1\n", "C101 has no options"),
    ("[lint.severity]\nW502 = 'fatal'\n", "severity.W502"),
    ("[lint\n", "not valid TOML"),
    ("[lint]\n[[lint.overrides]]\nfiles = []\n", "list at least one file pattern"),
    ("[lint]\n[[lint.local-rules]]\ncode = 'W501'\nname = 'x'\nmessage = 'm'\nkind = 'output'\nfield = 'due'\n"
     "required = true\n", "the code W501 is already used"),
    ("[lint]\n[[lint.local-rules]]\ncode = 'LBC1'\nname = 'x'\nmessage = 'm'\nkind = 'outptu'\nfield = 'due'\n"
     "required = true\n", 'kind "outptu" is not a kind of item'),
    ("[lint]\n[[lint.local-rules]]\ncode = 'LBC1'\nname = 'x'\nmessage = 'm'\nkind = 'output'\nfield = 'text'\n"
     "pattern = '('\n", "not a valid regular expression"),
    ("[lint]\n[[lint.local-rules]]\ncode = 'LBC1'\nname = 'x'\nmessage = 'm'\nkind = 'output'\nfield = 'text'\n",
     "give exactly one condition"),
    ("title = 'x'\n", "lint settings go under [lint]"),
])
def test_invalid_configuration_is_a_clear_error(tmp_path, text, message):
    paths = write_project(tmp_path, {"openplan.toml": text, "plan.yaml": PLAN})
    with pytest.raises(ConfigError) as caught:
        lint(paths["plan.yaml"])
    assert message in str(caught.value)
    assert str(paths["openplan.toml"]) in str(caught.value)


def test_invalid_configuration_exits_2_without_a_traceback(tmp_path):
    paths = write_project(tmp_path, {"pyproject.toml": "[tool.openplan.lint]\nselcet = ['C101']\n",
                                     "plan.yaml": PLAN})
    run = run_openplan("lint", str(paths["plan.yaml"]))
    assert run.code == 2, run.output
    assert f'{paths["pyproject.toml"]}: [tool.openplan.lint] selcet: unknown setting "selcet"' in run.stderr
    assert run.stdout == ""
    assert_no_traceback(run)


def test_unknown_code_on_the_command_line(tmp_path):
    paths = write_project(tmp_path, {"plan.yaml": PLAN})
    run = run_openplan("lint", str(paths["plan.yaml"]), "--select", "W5O1")
    assert run.code == 2 and '"W5O1" is not a rule code' in run.stderr and 'did you mean "W501"' in run.stderr
    assert_no_traceback(run)


def test_today_makes_schedule_rules_repeatable(tmp_path):
    text = BASE_PLAN + ("milestones:\n  - {id: ms.a, title: Launch, objectives: [], "
                        "due: {text: June 2025, value: \"2025-06\"}}\n")
    paths = write_project(tmp_path, {"openplan.toml": "[lint]\ntoday = 2025-05-01\n", "plan.yaml": text})
    assert "D302" not in codes(lint(paths["plan.yaml"]))
    paths["openplan.toml"].write_text("[lint]\ntoday = 2025-07-01\n")
    assert "D302" in codes(lint(paths["plan.yaml"]))
    paths["openplan.toml"].write_text("[lint]\ntoday = 2025-07-01\n[lint.options.D302]\ngrace-days = 30\n")
    assert "D302" not in codes(lint(paths["plan.yaml"]))
