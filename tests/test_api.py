"""The Python API: typed loading, result objects, and a library that never prints or exits."""

from __future__ import annotations

import pytest

import openplan
from openplan import model

from .conftest import EXAMPLES

FINAL = EXAMPLES / "london-councils" / "business-plan-2020-21-final.yaml"


def test_load_returns_a_typed_plan(capsys):
    plan = openplan.load(FINAL)
    assert isinstance(plan, model.Plan)
    assert plan.edition.status == "approved"
    assert any(area.title == "Recovery and Renewal" for area in plan.areas)
    assert capsys.readouterr() == ("", "")


def test_load_raises_with_findings_for_an_invalid_plan(tmp_path, capsys):
    path = tmp_path / "plan.yaml"
    path.write_text('openplan: "1.0"\nid: p\n', encoding="utf-8")
    with pytest.raises(openplan.InvalidPlanError) as caught:
        openplan.load(path)
    codes = {finding.code for finding in caught.value.result.findings}
    assert "S001" in codes
    assert capsys.readouterr() == ("", "")


def test_validate_returns_a_result_and_never_exits(tmp_path, capsys):
    missing = tmp_path / "missing.yaml"
    result = openplan.validate(missing)
    assert result.exit_code == 2 and not result.valid
    assert result.findings[0].code == "L001"
    assert capsys.readouterr() == ("", "")


def test_load_of_a_registry_gives_a_registry():
    registry = openplan.load(EXAMPLES / "london-councils" / "registry.yaml")
    assert isinstance(registry, model.Registry)
    assert {org.id for org in registry.organisations} >= {"org.london-councils"}


def test_load_takes_what_the_schema_takes_and_refuses_what_it_refuses(tmp_path):
    """The schema is the contract: 2.0 is an integer to it, and a number beyond a float's range is a number."""
    head = ('openplan: "1.0"\nid: plan.a\ntitle: A\norganisation: org.a\n'
            'period: {start: "2025-04-01", end: "2026-03-31"}\nedition: {status: draft}\n'
            'organisations: [{id: org.a, name: A}]\n')
    path = tmp_path / "plan.yaml"
    path.write_text(head + "areas: [{id: area.a, number: 2.0, title: A}]\n"
                    f"milestones: [{{id: ms.a, title: A, indicators: [{{id: ind.a, title: A, "
                    f"targets: [{{value: 1{'0' * 400}}}]}}]}}]\n", encoding="utf-8")
    plan = openplan.load(path)
    assert plan.areas[0].number == 2 and type(plan.areas[0].number) is int
    assert plan.milestones[0].indicators[0].targets[0].value == float("inf")
    path.write_text(head + 'provenance: {encoded_on: "2025-02-30"}\n', encoding="utf-8")
    with pytest.raises(openplan.InvalidPlanError) as caught:
        openplan.load(path)
    assert [finding.code for finding in caught.value.result.errors] == ["S005"]
