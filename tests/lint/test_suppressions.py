"""Inline suppressions: on a line, on a block, for a file; with a reason; unused and unknown ones reported."""

from __future__ import annotations

from ..plans import BASE_PLAN
from openplan.lint.suppressions import parse

from .conftest import codes, lint_files, write_project

# Two areas with no owner (C103) and no objectives (C107).
AREAS = "areas:\n  - {id: area.housing, title: Housing}\n  - {id: area.parks, title: Parks}\n"


def lint_text(tmp_path, text, **settings):
    paths = write_project(tmp_path, {"plan.yaml": text})
    return lint_files(paths["plan.yaml"], **settings)


def test_a_trailing_comment_covers_its_line_only(tmp_path):
    text = BASE_PLAN + AREAS.replace("Housing}", 'Housing}  # openplan: disable=C103 reason="lead agreed in May"')
    result = lint_text(tmp_path, text)
    c103 = [f for f in result.findings if f.code == "C103"]
    assert [f.item for f in c103] == ["area.parks"]
    assert [(f.item, reason) for f, reason in result.suppressed] == [("area.housing", "lead agreed in May")]
    assert "X901" not in codes(result) and "X902" not in codes(result)


def test_a_comment_on_its_own_line_covers_the_next_block(tmp_path):
    text = BASE_PLAN + ("areas:\n  # openplan: disable=C103,C107 reason='a new area, filled in at the next edition'\n"
                        "  - id: area.housing\n    title: Housing\n\n    description: Homes.\n"
                        "  - {id: area.parks, title: Parks}\n")
    result = lint_text(tmp_path, text)
    assert sorted((f.code, f.item) for f in result.findings if f.code in ("C103", "C107")) == [
        ("C103", "area.parks"), ("C107", "area.parks")]
    assert len(result.suppressed) == 2


def test_disable_file_covers_the_whole_file(tmp_path):
    text = '# openplan: disable-file=C107 reason="objectives are added in the autumn"\n' + BASE_PLAN + AREAS
    result = lint_text(tmp_path, text)
    assert "C107" not in codes(result) and codes(result).count("C103") == 2


def test_a_suppression_without_a_reason_is_reported_and_fails(tmp_path):
    text = BASE_PLAN + AREAS.replace("Housing}", "Housing}  # openplan: disable=C103")
    result = lint_text(tmp_path, text)
    x901 = [f for f in result.findings if f.code == "X901"]
    assert len(x901) == 1 and x901[0].line == text.splitlines().index(
        "  - {id: area.housing, title: Housing}  # openplan: disable=C103") + 1
    assert x901[0].column == len("  - {id: area.housing, title: Housing}  ") + 1
    assert result.exit_code == 1  # X901 is an error
    assert [f.item for f in result.findings if f.code == "C103"] == ["area.parks"]  # it still suppresses


def test_unused_suppressions_are_reported(tmp_path):
    text = BASE_PLAN + AREAS.replace("Housing}", 'Housing}  # openplan: disable=C103,W502 reason="long title"')
    result = lint_text(tmp_path, text)
    unused = [f for f in result.findings if f.code == "X902"]
    assert len(unused) == 1 and "W502" in unused[0].message and "line 10" in unused[0].message


def test_unused_is_not_reported_for_a_rule_that_did_not_run(tmp_path):
    text = BASE_PLAN + AREAS.replace("Housing}", 'Housing}  # openplan: disable=C103,W502 reason="long title"')
    result = lint_text(tmp_path, text, ignore=("W502",))
    assert "X902" not in codes(result)


def test_unknown_codes_and_unreadable_comments_are_reported(tmp_path):
    text = BASE_PLAN + AREAS.replace("Housing}", 'Housing}  # openplan: disable=C103,W599 reason="x"').replace(
        "Parks}", "Parks}  # openplan: disable C103 because")
    result = lint_text(tmp_path, text)
    bad = sorted(f.message for f in result.findings if f.code == "X903")
    assert len(bad) == 2
    assert '"W599" is not a rule code' in bad[0] or '"W599" is not a rule code' in bad[1]
    assert any("cannot read this suppression" in message for message in bad)


def test_validation_errors_cannot_be_suppressed(tmp_path):
    text = BASE_PLAN + 'areas:\n  - {id: area.housing}  # openplan: disable=S001 reason="title later"\n'
    result = lint_text(tmp_path, text)
    assert "S001" in codes(result)
    assert any("S001 is a validation error and cannot be suppressed" in f.message for f in result.findings)


def test_validation_warnings_can_be_suppressed(tmp_path):
    text = BASE_PLAN + ("milestones:\n  - id: ms.a\n    title: Launch\n    objectives: []\n"
                        '    due: {text: May 2052, value: "2052-05"}  # openplan: disable=I008 reason="a long lead"\n')
    result = lint_text(tmp_path, text)
    assert "I008" not in codes(result) and [f.code for f, _ in result.suppressed] == ["I008"]


def test_a_hash_inside_text_is_not_a_comment():
    text = ('openplan: "1.0"\ntitle: "Plan # openplan: disable=C101 reason=\'x\'"\n'
            "description: >-\n  text # openplan: disable=C102 reason='y'\n")
    from openplan.loader import parse as load

    found, problems = parse(text, load(text).node)
    assert found == [] and problems == []


def test_block_extent_follows_indentation():
    text = ("areas:\n  # openplan: disable=C103 reason='x'\n  - id: a\n    title: A\n\n    objectives:\n"
            "      - id: b\n  - id: c\n")
    (suppression,), _ = parse(text)
    assert (suppression.first, suppression.last) == (3, 7)


def test_a_file_with_no_findings_still_reports_its_unused_suppressions(tmp_path):
    text = BASE_PLAN + '# openplan: disable-file=C103 reason="leads agreed later"\n'
    result = lint_text(tmp_path, text)
    assert codes(result) == ["X902"] and "in this file" in result.findings[0].message
