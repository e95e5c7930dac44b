"""Versioning: migrations kept as data and applied by `openplan upgrade` (comments and layout kept, atomic,
previewed with --diff), refusals that say what to do, and deprecation reported from the schema itself."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
import yaml

from openplan.index import build
from openplan.loader import load_document
from openplan.migrations import deprecation
from openplan.migrations.upgrade import UpgradeError, load_migrations, upgrade_file, upgrade_text
from openplan.resources import load_schema
from openplan.validation import validate

from ..conftest import EXAMPLES, assert_no_traceback, run_openplan

DATA = Path(__file__).resolve().parent / "data"
MIGRATIONS = DATA / "migrations"
OLD_PLAN = DATA / "plan-0.9.yaml"


@pytest.fixture
def old_plan(tmp_path) -> Path:
    (tmp_path / ".git").mkdir()
    target = tmp_path / "plan.yaml"
    shutil.copy(OLD_PLAN, target)
    return target


def test_upgrade_applies_rename_move_split_and_code_mapping(old_plan):
    outcome = upgrade_file(old_plan, migrations_folder=MIGRATIONS)
    data = yaml.safe_load(old_plan.read_text(encoding="utf-8"))
    assert data["openplan"] == "1.1"  # 0.9 to 1.0 from the fixtures, then the shipped 1.0 to 1.1
    assert data["period"] == {"start": "2025-04-01", "end": "2026-03-31"}
    assert data["edition"] == {"status": "approved", "approved_by": "body.cabinet"}
    objective = data["areas"][0]["objectives"][0]
    assert objective["outcome"] == "The council sets a balanced budget every year."
    assert "outcome_statement" not in objective
    assert objective["owners"] == [{"ref": "post.treasurer", "role": "lead"}]
    assert len(outcome.done) == 6
    assert validate(old_plan).exit_code == 0  # the upgraded file is a valid 1.1 plan


def test_upgrade_keeps_comments_order_and_quoting(old_plan):
    before = old_plan.read_text(encoding="utf-8")
    upgrade_file(old_plan, migrations_folder=MIGRATIONS)
    after = old_plan.read_text(encoding="utf-8")
    for comment in ("# A plan written for the fictional OpenPlan 0.9.", "# Comments like these must survive",
                    "# the whole financial year", "# approved in February", "# The council's first priority.",
                    "# as published"):
        assert comment in after, comment
    assert 'outcome: The council sets a balanced budget every year.            # as published' in after
    assert '  start: "2025-04-01"' in after  # the quotes the author used are kept
    assert 'number: "1.1"' in after
    unchanged = [line for line in before.splitlines() if not any(word in line for word in (
        "openplan:", "period", "approved", "outcome_statement", "status", "role: owner"))]
    assert [line for line in after.splitlines() if line in unchanged] == unchanged  # untouched lines, in order


def test_diff_previews_and_writes_nothing(old_plan):
    before = old_plan.read_bytes()
    run = run_openplan("upgrade", str(old_plan), "--diff", "--migrations", str(MIGRATIONS))
    assert_no_traceback(run)
    assert run.code == 0
    assert old_plan.read_bytes() == before
    assert '-openplan: "0.9"' in run.stdout and '+openplan: "1.1"' in run.stdout
    assert "-        outcome_statement: The council" in run.stdout
    assert "+        outcome: The council" in run.stdout


def test_upgrade_command_rewrites_then_finds_nothing_to_do(old_plan):
    run = run_openplan("upgrade", str(old_plan), "--migrations", str(MIGRATIONS))
    assert_no_traceback(run)
    assert run.code == 0 and "from OpenPlan 0.9 to 1.1" in run.stdout
    assert "renamed outcome_statement to outcome" in run.stdout
    upgraded = old_plan.read_bytes()
    again = run_openplan("upgrade", str(old_plan))
    assert again.code == 0 and "already OpenPlan 1.1; nothing to do" in again.stdout
    assert old_plan.read_bytes() == upgraded


def test_migrations_chain_across_versions(old_plan):
    text = old_plan.read_text(encoding="utf-8").replace('openplan: "0.9"', 'openplan: "0.8"').replace(
        "    objectives:\n", "    priorities:\n")
    outcome = upgrade_text(text, "plan.yaml", migrations=load_migrations(MIGRATIONS))
    assert [line.split(":")[0] for line in outcome.done[:2]] == ["0.8 → 0.9", "0.9 → 1.0"]
    assert outcome.done[-1] == "set openplan: 1.1"  # the shipped 1.0 to 1.1 step carries it on
    data = yaml.safe_load(outcome.after)
    assert data["areas"][0]["objectives"][0]["outcome"].startswith("The council sets")


def test_a_failing_step_leaves_the_file_untouched(old_plan):
    text = old_plan.read_text(encoding="utf-8").replace('"2025-04-01/2026-03-31"', '"April 2025 to March 2026"')
    old_plan.write_text(text, encoding="utf-8")
    run = run_openplan("upgrade", str(old_plan), "--migrations", str(MIGRATIONS))
    assert_no_traceback(run)
    assert run.code == 2
    assert "plan.yaml:7: cannot split period" in run.stderr and "by hand" in run.stderr
    assert old_plan.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in old_plan.parent.iterdir()) == [".git", "plan.yaml"]  # no temporary file left


@pytest.mark.parametrize("first_line, words", [
    ('openplan: "2.0"', "newer than this openplan"),
    ('openplan: "9.1"', "pip install -U openplan"),
    ("", "has no `openplan:` line"),
    ("openplan: 0.9", "not written as MAJOR.MINOR in quotes"),
    ('openplan: "0.7"', "no migration from OpenPlan 0.7"),
])
def test_upgrade_says_what_to_do_when_it_cannot(old_plan, first_line, words):
    text = old_plan.read_text(encoding="utf-8").replace('openplan: "0.9"', first_line)
    old_plan.write_text(text, encoding="utf-8")
    run = run_openplan("upgrade", str(old_plan), "--migrations", str(MIGRATIONS))
    assert_no_traceback(run)
    assert run.code == 2
    assert words in run.stderr
    assert old_plan.read_text(encoding="utf-8") == text


def test_invalid_migration_files_are_refused(tmp_path, old_plan):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "0.9-to-1.0.yaml").write_text('from: "0.9"\nto: "1.0"\nchanges:\n  - rename: {from: a, to: b}\n',
                                            encoding="utf-8")
    with pytest.raises(UpgradeError, match="rename is missing at"):
        load_migrations(folder)
    run = run_openplan("upgrade", str(old_plan), "--migrations", str(folder))
    assert run.code == 2 and "rename is missing at" in run.stderr


@pytest.mark.parametrize("path", sorted((EXAMPLES / "london-councils").glob("*.yaml")), ids=lambda p: p.name)
def test_upgrading_a_real_plan_changes_only_what_the_migration_says(path):
    """Layout survives on real files: each example, declared as 0.9, changes in its version line alone."""
    text = path.read_text(encoding="utf-8")
    old = text.replace('openplan: "1.0"', 'openplan: "0.9"', 1)
    outcome = upgrade_text(old, path.name, migrations=load_migrations(MIGRATIONS))
    assert outcome.after == text.replace('openplan: "1.0"', 'openplan: "1.1"', 1)


def test_json_files_are_upgraded_as_json(tmp_path):
    import json

    data = yaml.safe_load(OLD_PLAN.read_text(encoding="utf-8"))
    source = tmp_path / "plan.json"
    source.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    upgrade_file(source, migrations_folder=MIGRATIONS)
    upgraded = json.loads(source.read_text(encoding="utf-8"))
    assert upgraded["openplan"] == "1.1" and upgraded["edition"]["approved_by"] == "body.cabinet"


# --- deprecation -------------------------------------------------------------------------


def test_the_core_schema_deprecates_nothing_yet():
    assert deprecation.deprecated_fields(load_schema("plan")) == {}


def test_a_deprecated_core_field_is_a_warning_on_its_line(tmp_path):
    schema = copy.deepcopy(load_schema("plan"))
    schema["$defs"]["Objective"]["properties"]["outcome"]["deprecated"] = True
    schema["$defs"]["Objective"]["properties"]["outcome"]["description"] = "Deprecated in 9.1: use description."
    table = deprecation.deprecated_fields(schema)
    assert list(table) == ["Objective"]
    path = EXAMPLES / "london-councils" / "business-plan-2020-21-final.yaml"
    document = load_document(path)
    findings = list(deprecation.check(build(document), table))
    uses = [number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
            if line.strip().startswith("outcome:")]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    with_outcome = [o for a in data["areas"] for o in a.get("objectives", []) if "outcome" in o]
    assert len(findings) == len(with_outcome) == 32  # 11.1 is published without an outcome statement
    for finding in findings:
        assert finding.code == "U001" and finding.severity.value == "warning"
        assert "Deprecated in 9.1: use description." in finding.message and finding.line in uses
        assert finding.pointer.endswith("/outcome") and "/objectives/" in finding.pointer


def test_deprecation_is_reported_by_the_validator_without_failing(tmp_path):
    rule = deprecation.RULE
    (tmp_path / ".git").mkdir()
    for name, text in rule.files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(rule.failing, encoding="utf-8")
    run = run_openplan("validate", str(tmp_path / "plan.yaml"))
    assert run.code == 0
    assert "warning U001" in run.stdout and "Deprecated in 1.1: use ward:names." in run.stdout
    assert "plan.yaml:13:5" in run.stdout
