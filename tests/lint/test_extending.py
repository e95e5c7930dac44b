"""Extending the linter: third-party rule packages through entry points, and local rules written as data."""

from __future__ import annotations

import textwrap

from ..plans import BASE_PLAN

from ..conftest import assert_no_traceback
from .conftest import codes, run_in_ci, write_project
from openplan.lint.engine import LintOptions, Linter

PLAN = BASE_PLAN + ("areas:\n  - id: area.housing\n    title: Housing\n    owners: [{ref: org.example}]\n"
                    "    objectives:\n      - id: obj.homes\n        title: More homes\n"
                    "        outcome: Families are housed.\n        outputs:\n"
                    "          - {id: out.sites, text: Identify 20 sites.}\n"
                    "          - {id: out.repairs, text: Continue repairs., due: {text: March 2026, value: '2026-03'}}\n"
                    "milestones:\n  - {id: ms.launch, title: Launch, objectives: [obj.homes]}\n")


def _plugin(folder, body: str) -> None:
    """A rule package installed the way pip would: a module and its dist-info with an entry point."""
    (folder / "camden_rules.py").write_text(textwrap.dedent(body))
    info = folder / "camden_rules-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: camden-rules\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[openplan.lint_rules]\nward = camden_rules\n")


def test_a_rule_package_registers_through_an_entry_point(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    _plugin(site, '''
        """CAM101 ward-named: every area names the ward it serves.

        Camden reports by ward.
        """
        from openplan.lint.rules import BASE_PLAN, Severity, lint_rule

        RULE = lint_rule("CAM101", "ward-named", "camden", Severity.WARNING, "An area names no ward.",
                         "Camden reports by ward.", "Add camden:ward.", failing=BASE_PLAN, passing=BASE_PLAN)

        def check(ctx):
            for area in ctx.items("Area"):
                if "camden:ward" not in area.data:
                    yield ctx.finding(area.parts + ("id",), f"area {area.id} names no ward", item=area)
    ''')
    paths = write_project(tmp_path / "project", {"plan.yaml": PLAN})
    run = run_in_ci("lint", str(paths["plan.yaml"]), "--isolated", "--fail-on", "warning", "-q",
                    env={"PYTHONPATH": f"{site}:{__import__('tests.conftest').conftest.ROOT}"})
    assert run.code == 1 and "warning CAM101 area area.housing names no ward" in run.stdout, run.output
    listed = run_in_ci("rule", "CAM101", env={"PYTHONPATH": f"{site}:{__import__('tests.conftest').conftest.ROOT}"})
    assert "From:      camden-rules (ward)" in listed.stdout, listed.output


def test_a_broken_rule_package_is_a_clear_error(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    _plugin(site, "import missing_dependency_of_the_plugin\n")
    paths = write_project(tmp_path / "project", {"plan.yaml": PLAN})
    run = run_in_ci("lint", str(paths["plan.yaml"]), "--isolated",
                    env={"PYTHONPATH": f"{site}:{__import__('tests.conftest').conftest.ROOT}"})
    assert run.code == 2 and "the rule package camden-rules (ward) cannot be loaded" in run.stderr
    assert_no_traceback(run)


def test_a_rule_that_fails_is_a_clear_error(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    _plugin(site, '''
        """CAM102 divides: a rule with a fault."""
        from openplan.lint.rules import BASE_PLAN, Severity, lint_rule

        RULE = lint_rule("CAM102", "divides", "camden", Severity.WARNING, "s", "r", "f", failing=BASE_PLAN,
                         passing=BASE_PLAN)

        def check(ctx):
            return 1 / 0
    ''')
    paths = write_project(tmp_path / "project", {"plan.yaml": PLAN})
    run = run_in_ci("lint", str(paths["plan.yaml"]), "--isolated",
                    env={"PYTHONPATH": f"{site}:{__import__('tests.conftest').conftest.ROOT}"})
    assert run.code == 2 and "the rule CAM102 (camden-rules (ward)) failed on" in run.stderr
    assert "ZeroDivisionError" in run.stderr
    assert_no_traceback(run)


LOCAL = """
[lint]
[[lint.local-rules]]
code = "LBC101"
name = "milestone-needs-owner"
kind = "milestone"
field = "owners"
required = true
message = "milestone {id} names no owner; our scheme of delegation asks for one"

[[lint.local-rules]]
code = "LBC102"
name = "no-continue"
path = "areas[*].objectives[*].outputs[*]"
field = "text"
not-pattern = "^Continue"
severity = "error"
message = "output {id} starts with 'Continue': {value}"

[[lint.local-rules]]
code = "LBC103"
name = "due-is-a-month"
kind = "output"
field = "due.value"
pattern = "^[0-9]{4}-[0-9]{2}$"
message = "the due date of {id} is not a month"
"""


def test_local_rules_written_as_data(tmp_path):
    paths = write_project(tmp_path, {"plan.yaml": PLAN, "openplan.toml": LOCAL})
    result = Linter(LintOptions()).lint(paths["plan.yaml"])
    found = {(f.code, f.item, f.severity.value): f.message for f in result.findings if f.code.startswith("LBC")}
    assert found == {
        ("LBC101", "ms.launch", "warning"): 'milestone "ms.launch" names no owner; our scheme of delegation asks '
                                             "for one",
        ("LBC102", "out.repairs", "error"): "output \"out.repairs\" starts with 'Continue': Continue repairs.",
    }
    assert result.exit_code == 1
    # Local rules are selected, ignored and suppressed like any other.
    paths["openplan.toml"].write_text(LOCAL.replace("[lint]\n", "[lint]\nignore = ['LBC1']\n", 1))
    assert not [c for c in codes(Linter(LintOptions()).lint(paths["plan.yaml"])) if c.startswith("LBC")]
