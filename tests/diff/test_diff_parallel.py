"""Reading the newer plan in a second process gives exactly the diff of reading both in turn."""

from __future__ import annotations

import json
import pickle

import pytest

from openplan import diff
from openplan.diff import inputs
from openplan.diff.side import Side
from openplan.validation.parallel import cores

from ..conftest import EXAMPLES

LONDON = EXAMPLES / "london-councils"
DRAFT = LONDON / "business-plan-2020-21-draft.yaml"
FINAL = LONDON / "business-plan-2020-21-final.yaml"
Y2013 = LONDON / "business-plan-2013-14.yaml"
Y2022 = LONDON / "shared-ambitions-milestones-2022-23.yaml"


def _both_ways(monkeypatch: pytest.MonkeyPatch, old, new) -> tuple[dict, dict]:
    monkeypatch.setattr(inputs, "_worth_a_second_process", lambda paths, options: False)
    in_turn = json.loads(diff.render(diff.compare(old, new), "json"))
    monkeypatch.setattr(inputs, "_worth_a_second_process", lambda paths, options: True)
    in_parallel = json.loads(diff.render(diff.compare(old, new), "json"))
    return in_turn, in_parallel


@pytest.mark.skipif(cores() < 2, reason="one core: the newer plan is never read in a second process")
@pytest.mark.parametrize("old, new", [(DRAFT, FINAL), (Y2013, Y2022), (FINAL, DRAFT)])
def test_the_same_diff_either_way(monkeypatch: pytest.MonkeyPatch, old, new) -> None:
    in_turn, in_parallel = _both_ways(monkeypatch, old, new)
    assert in_parallel == in_turn
    assert (in_turn["old"]["path"], in_turn["new"]["path"]) == (str(old), str(new))  # as named, either way
    assert in_turn["changes"]  # plans that differ, so the comparison means something


def test_a_side_sent_between_processes_keeps_every_item_place_date_and_owner() -> None:
    old_index, new_index, _warnings = inputs.load_pair(DRAFT, FINAL)
    side = Side(new_index)
    copy = pickle.loads(pickle.dumps(side))
    assert copy.index is None
    assert [e.key for e in copy.entries] == [e.key for e in side.entries]
    assert copy.refs == side.refs
    for entry in side.entries:
        if entry.date_field:
            assert copy.date(entry) == side.date(entry)
        assert copy.owners(entry) == side.owners(entry)


@pytest.mark.skipif(cores() < 2, reason="one core: the newer plan is never read in a second process")
def test_a_broken_newer_plan_read_in_the_second_process_is_reported_with_its_findings(
        monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text('openplan: "1.0"\nid: x\ntitle: [unclosed\n', encoding="utf-8")
    monkeypatch.setattr(inputs, "_worth_a_second_process", lambda paths, options: True)
    with pytest.raises(diff.DiffError) as raised:
        diff.compare(DRAFT, broken)
    assert "broken.yaml:4:1" in raised.value.message
    assert raised.value.findings and raised.value.findings[0].line == 4


def test_jobs_one_keeps_diff_to_one_process(tmp_path):
    from openplan.validation import Options

    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * inputs.PARALLEL_MIN_BYTES)
    if inputs.cores() >= 2 and "fork" in __import__("multiprocessing").get_all_start_methods():
        assert inputs._worth_a_second_process((big, big), None)
    assert not inputs._worth_a_second_process((big, big), Options(jobs=1))
