"""Upgrading to 1.1: the shipped migration only changes the version, and every example keeps its meaning.

Schema 1.1 is additive, so a 1.0 file upgraded to 1.1 must validate and every date in it must cover exactly the
days it covered before (both read through the index, which applies the plan's calendar)."""

from __future__ import annotations

import shutil

import yaml

from openplan import validate
from openplan.convert import source as sources
from openplan.migrations.upgrade import load_migrations
from openplan.migrations.upgrade import upgrade_file

from ..conftest import EXAMPLES


def _spans(path) -> dict[tuple, object]:
    index = sources.load(path).index
    return {(str(node.document.resolved), node.parts): index.span(node.data)
            for node in index.nodes_of("FuzzyDate", main_only=False)}


def test_the_shipped_migration_from_1_0_changes_only_the_version():
    step = load_migrations()["1.0"]
    assert (step.source, step.target, step.changes) == ("1.0", "1.1", ())


def test_every_example_upgrades_to_1_1_validates_and_keeps_every_date(tmp_path):
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder)
    (folder / ".git").mkdir()
    # the examples written for 1.1 have nothing to upgrade
    files = sorted(path for path in folder.rglob("*.yaml") if 'openplan: "1.0"' in path.read_text(encoding="utf-8"))
    plans = [path for path in files if "kind: registry" not in path.read_text(encoding="utf-8")]
    before = {path: _spans(path) for path in plans}
    assert sum(len(spans) for spans in before.values()) >= 90  # the London Councils plans are full of dates
    for path in files:
        text = path.read_text(encoding="utf-8")
        outcome = upgrade_file(path)
        assert outcome.source == "1.0" and outcome.target == "1.1"
        after = path.read_text(encoding="utf-8")
        assert after == text.replace('openplan: "1.0"', 'openplan: "1.1"', 1), path  # nothing else changed
        assert yaml.safe_load(after)["openplan"] == "1.1"
    result = validate(folder)
    assert not [f for f in result.findings if f.severity.name == "ERROR"], result.findings
    for path in plans:
        assert _spans(path) == before[path], path
