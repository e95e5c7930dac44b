"""Validation runs one list of stages per file; what stops them, what does not, and the pieces they share."""

from __future__ import annotations

import pickle
from pathlib import Path

from openplan.report import NO_VALUE, Finding, dedup_key, is_fatal
from openplan.rules import Severity
from openplan.validation import Options, Validator, validate
from openplan.validation.parallel import run_in_parallel
from openplan.validation.stages import STAGES, Context, run
from openplan.validation.workspace import Workspace

from .conftest import EXAMPLES
from .plans import BASE_PLAN


def _project(tmp_path: Path, text: str) -> Path:
    (tmp_path / ".git").mkdir(exist_ok=True)
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_stages_run_in_the_order_the_flow_is_described():
    assert [stage.name for stage in STAGES] == [
        "load", "structure", "index", "extension references", "integrity", "deprecations"]
    assert [stage.name for stage in STAGES if stage.stops_when_fatal] == ["load", "structure"]


def test_a_version_it_cannot_read_stops_every_later_stage(tmp_path):
    # The duplicate id would be I001 if the integrity stage ran.
    text = BASE_PLAN.replace('openplan: "1.0"', 'openplan: "9.9"') + (
        "areas:\n  - {id: area.a, title: A}\n  - {id: area.a, title: B}\n")
    context = run(Context(Workspace(), path=_project(tmp_path, text), display="plan.yaml"))
    assert [f.code for f in context.findings] == ["L014"]
    assert context.index is None and context.registries == []


def test_a_file_that_cannot_be_parsed_stops_before_the_structure(tmp_path):
    context = run(Context(Workspace(), text="openplan: [1.0\n", display="plan.yaml"))
    assert [f.code for f in context.findings] == ["L004"]
    assert context.document is None and context.index is None


def test_a_registry_that_cannot_be_read_is_reported_and_the_checks_go_on(tmp_path):
    text = BASE_PLAN + "registries: [missing.yaml]\nareas:\n  - {id: area.a, title: A, owners: [{ref: post.nobody}]}\n"
    findings = Validator().check_file(_project(tmp_path, text), "plan.yaml")
    assert [(f.code, f.line) for f in findings] == [("L001", 9), ("I002", 11)]
    assert findings[0].message == '"missing.yaml" does not exist'


def test_a_registry_is_checked_once_however_many_plans_use_it(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "shared.yaml").write_text('openplan: "1.0"\nkind: registry\nid: reg.shared\ntitle: Shared\n'
                                          "titel: typo\n", encoding="utf-8")
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(
            BASE_PLAN.replace("plan.example", f"plan.{name}") + "registries: [shared.yaml]\n", encoding="utf-8")
    result = validate(tmp_path / "a.yaml", tmp_path / "b.yaml", options=Options(jobs=1))
    assert [(f.code, Path(f.file).name) for f in result.findings] == [("S002", "shared.yaml")]


def test_fatal_means_a_load_rule_and_nothing_else():
    assert is_fatal(Finding("L004", "not YAML", Severity.ERROR))
    assert is_fatal(Finding("L017", "unknown extension", Severity.ERROR))  # an extension that cannot be read
    assert not is_fatal(Finding("S001", "missing field", Severity.ERROR))
    # A council's own lint rule may have a code starting with L: it is never fatal.
    assert not is_fatal(Finding("L999", "local rule", Severity.ERROR))
    assert not is_fatal(Finding("LBC101", "local rule", Severity.ERROR))


def test_two_findings_of_one_problem_share_one_key():
    first = Finding("I002", "refers to x", Severity.ERROR, "shared.yaml", 4, 7, "/areas/0", "x", "Correct it.")
    told_again = Finding("I002", "refers to x", Severity.ERROR, "shared.yaml", 4, 7, "/areas/0", "x", None, "a")
    elsewhere = Finding("I002", "refers to x", Severity.ERROR, "shared.yaml", 5, 7, "/areas/1", "x")
    assert dedup_key(first) == dedup_key(told_again) != dedup_key(elsewhere)


def test_a_finding_without_a_value_keeps_none_through_a_worker_process():
    finding = Finding("S002", "unknown field", Severity.ERROR, "plan.yaml", 3, 1, "/titel")
    back = pickle.loads(pickle.dumps(finding))
    assert back.value is NO_VALUE and not back.has_value and "value" not in back.to_dict()


def _start(offset: int) -> None:
    global _OFFSET
    _OFFSET = offset


def _add(batch: list[int]) -> list[int]:
    return [item + _OFFSET for item in batch]


_OFFSET = 0


def test_the_parallel_runner_gives_one_result_per_item_in_order():
    items = list(range(200))
    assert run_in_parallel(items, _start, (1000,), _add, 2) == [item + 1000 for item in items]


def test_many_files_in_workers_report_what_one_process_does(tmp_path):
    (tmp_path / ".git").mkdir()
    for number in range(10):
        extra = f"areas:\n  - {{id: area.a, title: A, owners: [{{ref: post.{number}}}]}}\n" if number % 2 else ""
        (tmp_path / f"plan-{number}.yaml").write_text(
            BASE_PLAN.replace("plan.example", f"plan.n{number}") + extra, encoding="utf-8")
    alone = validate(tmp_path, options=Options(jobs=1))
    shared = validate(tmp_path, options=Options(jobs=2))
    assert [f.code for f in alone.findings] == ["I002"] * 5
    assert shared.findings == alone.findings and shared.files == alone.files


def test_a_file_of_the_run_keeps_its_name_when_another_file_reads_it_first(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "shared.yaml").write_text('openplan: "1.0"\nkind: registry\nid: reg.shared\ntitle: Shared\n'
                                          "titel: typo\n", encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(BASE_PLAN + "registries: [shared.yaml]\n", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")  # the plan reads the registry as "../shared.yaml" from here
    result = validate(tmp_path / "plan.yaml", tmp_path / "shared.yaml", options=Options(jobs=1))
    assert [(f.code, f.file) for f in result.findings] == [("S002", str(tmp_path / "shared.yaml"))]
    assert result.files == [str(tmp_path / "plan.yaml"), str(tmp_path / "shared.yaml")]


def _counting_reads(monkeypatch) -> list[str]:
    from openplan.validation import workspace

    read: list[str] = []
    real = workspace.load_document

    def counting(path, display=None, limits=None):
        read.append(Path(path).name)
        return real(path, display, limits)

    monkeypatch.setattr(workspace, "load_document", counting)
    return read


def test_a_report_named_by_the_next_report_is_not_read_again(monkeypatch):
    read = _counting_reads(monkeypatch)
    folder = EXAMPLES / "hart-district-council"
    result = validate(folder, options=Options(jobs=1))  # the q2 report names q1 as the report before it
    assert sorted(read) == sorted(Path(name).name for name in result.files)


def test_files_kept_after_they_are_checked_are_bounded(monkeypatch):
    from openplan.validation import workspace

    monkeypatch.setattr(workspace, "KEEP_RELEASED", 1)  # nothing fits: every released file is let go
    read = _counting_reads(monkeypatch)
    folder = EXAMPLES / "hart-district-council"
    result = validate(folder, options=Options(jobs=1))
    assert sorted(read) == sorted([*(Path(name).name for name in result.files), "report-2014-15-q1.yaml"])
    checked = Workspace()
    for name in ("report-2014-15-q1.yaml", "report-2014-15-q2.yaml"):
        checked.load(folder / name)
        checked.release(folder / name)
    assert checked.documents == {}


def test_a_kept_file_finds_its_positions_again():
    folder = EXAMPLES / "hart-district-council"
    checked = Workspace()
    loaded = checked.load(folder / "report-2014-15-q1.yaml")
    places = [loaded.position(parts) for parts in (("id",), ("updates", 3, "rag"), ("updates", 3))]
    checked.release(folder / "report-2014-15-q1.yaml")
    kept = checked.load(folder / "report-2014-15-q1.yaml")
    assert kept is not loaded and kept.data is loaded.data  # the same data, without the node graph
    assert [kept.position(parts) for parts in (("id",), ("updates", 3, "rag"), ("updates", 3))] == places
