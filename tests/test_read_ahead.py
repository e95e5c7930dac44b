"""A few large files validated with a second process reading ahead (:mod:`openplan.validation.ahead`) report
exactly what one process does, in the same order.

The size at which a second process pays is lowered to nothing here, so that small files go through it, and the
first file checked here waits until the second process has taken a file, so that it really reads one.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from pathlib import Path

import pytest

from openplan.loader import DEFAULT_LIMITS, Recomposed, load_document
from openplan.validation import Options, ahead, api, validate

from .conftest import EXAMPLES
from .performance.files import REPORT, project

pytestmark = pytest.mark.skipif(
    len(os.sched_getaffinity(0)) < 2 or "fork" not in multiprocessing.get_all_start_methods(),
    reason="one core, or no fork: files are never read ahead")


@pytest.fixture
def read_ahead(monkeypatch):
    """Every run of two files or more is read ahead, and the first file checked here waits until the second
    process has taken every other file; returns the files the second process sent, by name."""
    monkeypatch.setattr(ahead, "PARALLEL_MIN_BYTES", 0)
    sent: list[str] = []
    keep, made = ahead._keep, []

    def keeping(workspace, file, payload):
        sent.append(file[1])
        keep(workspace, file, payload)

    class Ends(ahead.TwoEnds):
        size = 0

        def __init__(self):
            super().__init__()
            made.append(self)

        def take(self, size, front):
            self.size = size
            return super().take(size, front)

    check_one = api._check_one

    def waiting(validator, path, display):
        for _ in range(1000):
            if not made or made[-1].taken(front=False) >= made[-1].size - 1:
                break
            time.sleep(0.005)
        return check_one(validator, path, display)

    monkeypatch.setattr(ahead, "_keep", keeping)
    monkeypatch.setattr(ahead, "TwoEnds", Ends)
    monkeypatch.setattr(api, "_check_one", waiting)
    return sent


def _as_data(result) -> tuple[list[str], list[dict]]:
    return result.files, [finding.to_dict() for finding in result.findings]


def _broken_project(folder: Path) -> list[Path]:
    """A plan with a report whose item is not in the plan, a report that does not match the schema, one that is
    not YAML at all, and the plan again as JSON with a finding of its own."""
    report = project(folder, REPORT.replace("item: out.homes", "item: out.hoems"))
    (folder / "q3.yaml").write_text(REPORT.replace("id: report.q2", "id: report.q3")
                                    .replace("rag: amber", "rag: purple"), encoding="utf-8")
    (folder / "q4.yaml").write_text("openplan: '1.1'\nkind: report\nupdates: [unclosed\n", encoding="utf-8")
    plan = load_document(folder / "plan.yaml").data
    plan["id"] = "plan.json"
    plan["themes"][0]["id"] = plan["areas"][0]["id"]  # a duplicate id: I001, positioned in the JSON text
    (folder / "plan.json").write_text(json.dumps(plan, indent=2), encoding="utf-8")
    return [folder / "plan.yaml", report, folder / "q3.yaml", folder / "q4.yaml", folder / "plan.json"]


RUNS = {
    "a plan and two quarterly reports": lambda tmp: [EXAMPLES / "hart-district-council"],
    "reports named before their plan": lambda tmp: sorted((EXAMPLES / "hart-district-council").glob("*.yaml")),
    "plans, a registry and pledges": lambda tmp: [EXAMPLES / "london-councils"],
    "files with findings of every kind": _broken_project,
}


@pytest.mark.parametrize("name", RUNS)
def test_read_ahead_reports_what_one_process_does_in_the_same_order(name, tmp_path, read_ahead):
    paths = RUNS[name](tmp_path)
    shared = validate(*paths)
    sent = list(read_ahead)
    alone = validate(*paths, options=Options(jobs=1))
    assert read_ahead == sent  # --jobs 1 never reads ahead
    assert len(sent) == len(shared.files) - 1 - (name == "files with findings of every kind")  # not q4's syntax
    assert _as_data(shared) == _as_data(alone)


def test_findings_in_files_read_ahead_keep_their_lines_and_columns(tmp_path, read_ahead):
    paths = _broken_project(tmp_path)
    shared = validate(*paths)
    positioned = {(f.file, f.code, f.line, f.column) for f in shared.findings if f.file in read_ahead}
    assert positioned, "no finding in a file the second process read"
    assert positioned <= {(f.file, f.code, f.line, f.column)
                          for f in validate(*paths, options=Options(jobs=1)).findings}
    assert all(line and column for _file, _code, line, column in positioned)


def test_reports_go_to_the_second_process_and_their_plan_stays_here(read_ahead):
    folder = EXAMPLES / "hart-district-council"
    reports = sorted(folder.glob("report-*.yaml"))
    validate(*reports, folder / "service-plans-2014-15.yaml")  # the plan named last is checked first here
    assert sorted(read_ahead) == sorted(map(str, reports))


@pytest.mark.parametrize("failure", ["the second process stops", "the spool cannot be read",
                                     "no shared memory", "no processes"])
def test_what_the_second_process_does_not_send_is_checked_here(failure, tmp_path, monkeypatch, read_ahead):
    paths = _broken_project(tmp_path)
    alone = validate(*paths, options=Options(jobs=1))

    def refused(*args, **kwargs):
        raise OSError("not here")

    def taking_all_then_stopping(files, workspace, ends, spool, write):
        while ends.take(len(files), front=False) is not None:
            pass

    def unreadable(payload):
        raise EOFError("cut short")

    where, name, replacement = {
        "the second process stops": (ahead, "_read_ahead", taking_all_then_stopping),
        "the spool cannot be read": (ahead.pickle, "loads", unreadable),
        "no shared memory": (ahead, "TwoEnds", refused),
        "no processes": (ahead.os, "fork", refused),
    }[failure]
    monkeypatch.setattr(where, name, replacement)
    assert _as_data(validate(*paths)) == _as_data(alone)
    assert read_ahead == []


def test_a_document_sent_without_its_nodes_finds_the_same_positions(tmp_path):
    paths = _broken_project(tmp_path)
    for path in (paths[0], paths[-1]):
        loaded = load_document(path)
        sent = Recomposed(str(path), loaded.data, loaded.text, loaded.resolved, DEFAULT_LIMITS,
                          path.suffix == ".json")
        places = [("id",), ("areas", 0, "id"), ("themes", 0), ("areas", 0, "objectives", 0, "title"), ("nowhere",)]
        for parts in places:
            assert sent.position(parts) == loaded.position(parts)
            assert sent.position(parts, key=True) == loaded.position(parts, key=True)
        assert sent.position(("areas", 0, "id")) != (None, None)


def test_when_reading_ahead_pays(tmp_path, monkeypatch):
    small = [(EXAMPLES / "hart-district-council" / "service-plans-2014-15.yaml", "plan"),
             (EXAMPLES / "hart-district-council" / "report-2014-15-q1.yaml", "q1")]
    assert not ahead.worth_it(small, None)  # a few small files: one process
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * ahead.PARALLEL_MIN_BYTES)
    files = [small[0], (big, "big")]
    assert ahead.worth_it(files, None) and ahead.worth_it(files, 2)
    assert not ahead.worth_it(files, 1)  # --jobs 1
    assert not ahead.worth_it([(big, "big")], None)  # one file: nothing to read ahead
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert not ahead.worth_it([small[0], (fifo, "pipe")], None)  # never opened to learn its size
