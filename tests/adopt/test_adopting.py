"""The walk in docs/adopting.md works end to end: init, import a Word plan, link it to the registries, validate."""

from __future__ import annotations

import pytest
import yaml

from ..conftest import assert_no_traceback, run_openplan
from .test_import import SEED, markdown_to_docx

pytest.importorskip("docx", reason="python-docx is a dependency of openplan import")


def test_from_a_word_plan_to_a_validated_project(tmp_path):
    plans = tmp_path / "plans"
    steps = [
        ("init", str(plans), "--council", "London Councils", "--period", "2020/21",
         "--executive", "Leaders' Committee", "--pledges", "Pledges to Londoners"),
        ("import", str(markdown_to_docx(SEED.read_text(encoding="utf-8"), tmp_path / "plan.docx")),
         "-o", str(plans / "imported.yaml"), "--organisation", "London Councils"),
    ]
    for step in steps:
        run = run_openplan(*step)
        assert_no_traceback(run)
        assert run.code == 0, run.output
    imported = plans / "imported.yaml"
    # Imported beside registry.yaml, the draft already uses its organisation and names it.
    data = yaml.safe_load(imported.read_text(encoding="utf-8"))
    registry = yaml.safe_load((plans / "registry.yaml").read_text(encoding="utf-8"))
    assert data["organisation"] == registry["organisations"][0]["id"] and "organisations" not in data
    assert data["registries"] == ["registry.yaml"]
    # Step 4 of the guide: link the pledges too.
    text = imported.read_text(encoding="utf-8")
    imported.write_text(text.replace("registries: [registry.yaml]\n", "registries: [registry.yaml, pledges.yaml]\n"),
                        encoding="utf-8")
    run = run_openplan("validate", str(plans))
    assert run.code == 0, run.output
    assert "4 files checked: all valid" in run.stdout
