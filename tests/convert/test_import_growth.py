"""Importing extreme files stays near-linear and ends in a clear message: built from the issue's reproductions."""

from __future__ import annotations

import sys

import pytest

from openplan.convert import ConvertError, csv_folder, from_csv, from_stratml, tables, to_csv
from openplan.convert import stratml
from openplan.loader import parse

from ..conftest import assert_no_traceback, run_openplan
from .helpers import SMALL


def _goals(count: int) -> bytes:
    goal = ("<Goal><Name>Same goal</Name><Identifier>g1</Identifier>"
            "<Objective><Name>Same objective</Name><Identifier>o1</Identifier></Objective></Goal>")
    return (f"<StrategicPlan><Name>Plan</Name><StrategicPlanCore><Organization><Name>Council</Name>"
            f"</Organization>{goal * count}</StrategicPlanCore></StrategicPlan>").encode()


class _CountingSet(set):
    """A set that counts the questions asked of it."""

    asked = 0

    def __contains__(self, item) -> bool:
        type(self).asked += 1
        return super().__contains__(item)


def test_stratml_goals_sharing_one_identifier_take_the_next_free_id_at_once(monkeypatch):
    made = stratml._Ids.__init__

    def counting(self):
        made(self)
        self.used = _CountingSet()

    monkeypatch.setattr(stratml._Ids, "__init__", counting)
    _CountingSet.asked = 0
    data, _ = from_stratml(_goals(20_000))
    objectives = data["areas"][0]["objectives"]
    ids = [objective["id"] for objective in objectives]
    assert len(ids) == len(set(ids)) == 20_000
    assert ids[:3] == ["g1", "obj.same-goal", "obj.same-goal-2"] and ids[-1] == "obj.same-goal-19999"
    outputs = [output["id"] for objective in objectives for output in objective["outputs"]]
    assert len(set(outputs)) == 20_000 and outputs[-1] == "out.same-objective-19999"
    # Each id costs a question or two; trying every taken suffix again cost 400,000,000.
    assert _CountingSet.asked < 20_000 * 2 * 4


def _principles(depth: int) -> dict[str, bytes]:
    files = to_csv(parse(SMALL).data)
    heading = files["principles.csv"].decode("utf-8-sig").splitlines()[0]
    rows = "".join(f"{level},,,Principle at level {level}\r\n" for level in range(1, depth + 1))
    files["principles.csv"] = ("\ufeff" + heading + "\r\n" + rows).encode("utf-8")
    return files


def test_csv_principles_nested_3000_deep_are_refused_at_the_first_row_too_deep():
    with pytest.raises(ConvertError) as caught:
        from_csv(csv_folder.zipped(_principles(3000)))
    findings = caught.value.findings
    assert [finding.code for finding in findings] == ["V012"]  # one error, not one per row
    assert findings[0].line == tables.MAX_LEVEL + 2  # the heading row, then levels 1 to 40
    assert f"deeper than the {tables.MAX_LEVEL} levels" in findings[0].message


def test_csv_principles_40_deep_are_read():
    data = from_csv(csv_folder.zipped(_principles(tables.MAX_LEVEL)))
    depth, item = 0, {"items": data["principles"]}
    while item.get("items"):
        item, depth = item["items"][0], depth + 1
    assert depth == tables.MAX_LEVEL
    assert depth * 2 + 10 < sys.getrecursionlimit()


def test_convert_of_a_csv_folder_nested_3000_deep_exits_1_with_the_row(tmp_path):
    folder = tmp_path / "deep"
    folder.mkdir()
    for name, content in _principles(3000).items():
        (folder / name).write_bytes(content)
    run = run_openplan("convert", str(folder), "--to", "yaml", "-o", str(tmp_path / "out.yaml"))
    assert_no_traceback(run)
    assert run.code == 1
    assert "principles.csv" in run.output and "row 42" in run.output and "V012" in run.output
