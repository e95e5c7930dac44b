"""A .json file must be JSON: what YAML would accept but JSON does not (NaN, Infinity, single quotes, trailing
commas, comments, raw tabs in strings) is refused with its line and column; valid JSON keeps its positions."""

from __future__ import annotations

import pytest

from openplan.loader import LoadError, parse
from openplan.validation import Validator

from .conftest import assert_no_traceback, run_openplan

HEAD = ('{"openplan": "1.0", "id": "plan.json", "title": "JSON plan", "organisation": "org.example",\n'
        ' "period": {"start": "2025-04-01", "end": "2026-03-31"}, "edition": {"status": "draft"},\n'
        ' "organisations": [{"id": "org.example", "name": "Example Council"}]')


@pytest.mark.parametrize("tail, code, message, position", [
    (',\n "x:size": NaN}', "L011", "NaN has no JSON form", (4, 12)),
    (',\n "x:size": Infinity}', "L011", "Infinity has no JSON form", (4, 12)),
    (',\n "x:size": [1, -Infinity]}', "L011", "-Infinity has no JSON form", (4, 16)),
    (",\n 'x:size': 1}", "L004", "a name in double quotes was expected", (4, 2)),
    (',\n "x:size": \'text\'}', "L004", "a value was expected", (4, 12)),
    (',\n "x:size": [1, 2,]}', "L004", "a value was expected", (4, 18)),
    (',\n}', "L004", "a name in double quotes was expected", (4, 1)),
    (',\n "x:note": "a\ttab"}', "L004", "a tab or control character inside quotes", (4, 14)),
    ('\n# a comment\n}', "L004", "not valid JSON", (4, 1)),
])
def test_json_that_yaml_would_accept_is_refused_with_its_place(tail, code, message, position):
    with pytest.raises(LoadError) as caught:
        parse(HEAD + tail + "\n", "plan.json", json=True)
    finding = caught.value.finding
    assert (finding.code, (finding.line, finding.column)) == (code, position), finding.message
    assert message in finding.message


def test_the_same_text_is_still_read_as_yaml_from_a_yaml_file():
    assert parse(HEAD + ',\n "x:size": NaN}\n', "plan.yaml").data["x:size"] == "NaN"


def test_text_that_spells_nan_is_fine():
    document = parse(HEAD + ',\n "x:size": "NaN, Infinity and \'quotes\', [1,]"}\n', "plan.json", json=True)
    assert document.data["x:size"] == "NaN, Infinity and 'quotes', [1,]"


def test_valid_json_keeps_positions_for_findings(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "plan.json").write_text(HEAD.replace('"draft"', '"drafted"') + "}\n", encoding="utf-8")
    [finding] = Validator().check_file(tmp_path / "plan.json", "plan.json")
    assert (finding.code, finding.line, finding.column) == ("S006", 2, 80)


@pytest.mark.parametrize("command", [["validate"], ["lint"], ["stats"], ["convert", "--to", "yaml"]])
def test_every_command_refuses_nan_in_json(tmp_path, command):
    (tmp_path / ".git").mkdir()
    (tmp_path / "plan.json").write_text(HEAD + ',\n "x:size": NaN}\n', encoding="utf-8")
    run = run_openplan(command[0], "plan.json", *command[1:], cwd=tmp_path)
    assert_no_traceback(run)
    assert run.code == 2, run.output
    assert "plan.json:4:12" in run.output and "NaN has no JSON form" in run.output
