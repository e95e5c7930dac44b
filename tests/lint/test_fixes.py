"""--fix and --diff: safe fixes by default, unsafe ones on request; comments, key order and formatting kept;
atomic writes; nothing written when the fixed file would not validate."""

from __future__ import annotations

import os

from ..plans import BASE_PLAN
from openplan.lint import fixes
from openplan.lint.edits import Fix, SetKey
from openplan.loader import load_document

from ..conftest import assert_no_traceback, run_openplan
from .conftest import codes, lint_files, write_project

DRAFT = """# Draft plan: comments, quoting and key order must survive a fix.
openplan: "1.0"
id: plan.example
title: 'Example Council Plan 2025/26'   # single quotes, kept
organisation: org.example
period: {start: "2025-04-01", end: "2026-03-31"}
edition: {status: draft}
organisations:
  - {id: org.example, name: Example Council}
  - {id: org.tfl, name: Transport for London, abbreviation: TfL}

milestones:
  # the launch
  - {id: ms.launch, title: Launch, objectives: [], due: {text: Autumn 2025}}   # wording only
  - id: ms.review
    title: Review
    due: by Jan 2026
  - id: ms.survey
    title: Survey
    description: >-
      We will work with TfL on bus routes and
      ask TfL again in the spring.
    due:
      text: "TBC"
      note: awaiting the budget
"""


def test_safe_fixes_fill_in_values_and_keep_everything_else(tmp_path):
    paths = write_project(tmp_path, {"plan.yaml": DRAFT})
    before = lint_files(paths["plan.yaml"])
    assert {"S008", "S003"} <= set(codes(before))  # the draft does not validate yet
    run = run_openplan("lint", str(paths["plan.yaml"]), "--fix", "--isolated")
    assert_no_traceback(run)
    assert "applied 3 fixes in 1 file" in run.stderr, run.output
    text = paths["plan.yaml"].read_text()
    expected = (DRAFT
                .replace("due: {text: Autumn 2025}}", 'due: {text: Autumn 2025, value: "2025-23"}}')
                .replace("    due: by Jan 2026\n", '    due: {text: by Jan 2026, value: "../2026-01"}\n')
                .replace('      text: "TBC"\n', '      text: "TBC"\n      tbc: true\n'))
    assert text == expected
    after = lint_files(paths["plan.yaml"])
    assert not [f for f in after.findings if f.code.startswith(("S", "L"))]  # it validates now
    # TfL is known from the registry entry's abbreviation: the next run spells it out at its first use.
    run = run_openplan("lint", str(paths["plan.yaml"]), "--fix", "--isolated")
    assert "applied 1 fix in 1 file" in run.stderr, run.output
    assert "We will work with Transport for London (TfL) on bus routes and\n      ask TfL again" in \
        paths["plan.yaml"].read_text()
    assert "W501" not in codes(lint_files(paths["plan.yaml"]))


def test_diff_previews_and_writes_nothing(tmp_path):
    paths = write_project(tmp_path, {"plan.yaml": DRAFT})
    run = run_openplan("lint", str(paths["plan.yaml"]), "--diff", "--isolated")
    assert run.code == 1, run.output
    assert '-  - {id: ms.launch, title: Launch, objectives: [], due: {text: Autumn 2025}}   # wording only' in run.stdout
    assert '+  - {id: ms.launch, title: Launch, objectives: [], due: {text: Autumn 2025, value: "2025-23"}}   ' \
           '# wording only' in run.stdout
    assert run.stdout.startswith(f"--- a/{paths['plan.yaml']}")
    assert paths["plan.yaml"].read_text() == DRAFT
    clean = write_project(tmp_path / "clean", {"plan.yaml": BASE_PLAN})
    run = run_openplan("lint", str(clean["plan.yaml"]), "--diff", "--isolated")
    assert run.code == 0 and run.stdout == ""


def test_unsafe_fixes_need_asking_for(tmp_path):
    text = BASE_PLAN + ("calendar: financial-april\nmilestones:\n  - id: ms.a\n    title: Launch\n    objectives: []\n"
                        "    due: {text: Q2 2025}\n  - id: ms.b\n    title: Review\n    objectives: []\n"
                        '    due: {text: Autumn 2025, value: "2026-23"}\n')
    paths = write_project(tmp_path, {"plan.yaml": text})
    result = lint_files(paths["plan.yaml"])
    assert fixes.unsafe_available(result) == 1  # "Q2 2025" in a financial-year plan is ambiguous
    assert [o.changed for o in fixes.plan(result)] == []
    planned = fixes.plan(result, unsafe=True)
    assert planned[0].changed and 'due: {text: Q2 2025, value: FY2025-Q2}' in planned[0].fixed
    # D307 is reported only once the plan validates; its fix is unsafe too.
    fixes.write(planned)
    result = lint_files(paths["plan.yaml"])
    assert "D307" in codes(result) and fixes.plan(result) == [] or not fixes.plan(result)[0].changed
    run = run_openplan("lint", str(paths["plan.yaml"]), "--fix", "--isolated")
    assert "applied 0 fixes" in run.stderr and 'value: "2026-23"' in paths["plan.yaml"].read_text()
    run = run_openplan("lint", str(paths["plan.yaml"]), "--fix", "--unsafe-fixes", "--isolated")
    assert "applied 1 fix" in run.stderr, run.output
    assert 'due: {text: Autumn 2025, value: "2025-23"}' in paths["plan.yaml"].read_text()


def test_nothing_is_written_if_the_fixed_file_would_not_validate(tmp_path):
    paths = write_project(tmp_path, {"plan.yaml": DRAFT})
    os.chmod(paths["plan.yaml"], 0o640)
    document = load_document(paths["plan.yaml"])
    bad = Fix("set an impossible date", True, (SetKey(("milestones", 0, "due"), "value", "2025-02-30"),))
    (outcome,) = [fixes.fix_file(document, [bad])]
    assert not outcome.changed and "would not validate" in outcome.refused and "I005" in outcome.refused
    assert fixes.write([outcome]) == 0
    assert paths["plan.yaml"].read_text() == DRAFT


def test_a_fix_that_would_change_more_than_intended_is_refused(tmp_path, monkeypatch):
    paths = write_project(tmp_path, {"plan.yaml": DRAFT})
    document = load_document(paths["plan.yaml"])
    original = fixes._splice

    def sloppy(text, document, edit):  # a splice that also swallows the next character of the file
        start, end, new = original(text, document, edit)
        return start, end + 1, new

    monkeypatch.setattr(fixes, "_splice", sloppy)
    fix = Fix("set the value", True, (SetKey(("milestones", 0, "due"), "value", "2025-23", after="text"),))
    outcome = fixes.fix_file(document, [fix])
    assert not outcome.changed and outcome.refused is not None
    assert "would not hold exactly the intended change" in outcome.refused or "would not read" in outcome.refused


def test_writes_are_atomic_and_keep_the_mode_and_line_endings(tmp_path):
    paths = write_project(tmp_path, {"plan.yaml": "x"})
    paths["plan.yaml"].write_bytes(DRAFT.replace("\n", "\r\n").encode("utf-8"))
    os.chmod(paths["plan.yaml"], 0o640)
    result = lint_files(paths["plan.yaml"])
    fixes.write(fixes.plan(result))
    data = paths["plan.yaml"].read_bytes()
    assert b'value: "../2026-01"' in data and b"\n" not in data.replace(b"\r\n", b"")
    assert b"      text: \"TBC\"\r\n      tbc: true\r\n" in data
    assert oct(os.stat(paths["plan.yaml"]).st_mode & 0o777) == oct(0o640)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_overlapping_fixes_are_applied_once(tmp_path):
    paths = write_project(tmp_path, {"plan.yaml": DRAFT})
    document = load_document(paths["plan.yaml"])
    first = Fix("one", True, (SetKey(("milestones", 0, "due"), "value", "2025-23", after="text"),))
    second = Fix("two", True, (SetKey(("milestones", 0, "due"), "value", "2025-09", after="text"),))
    outcome = fixes.fix_file(document, [first, second])
    assert outcome.applied == [first] and outcome.skipped == [(second, "another fix changes the same place")]


def test_stdin_cannot_be_fixed():
    run = run_openplan("lint", "-", "--fix", stdin=BASE_PLAN)
    assert run.code == 2 and "need files" in run.stderr
