"""Validation messages: each problem reported once, hints that list only what a field accepts, pattern errors
that say what the form is, and `openplan convert` summarising warnings instead of repeating them."""

from __future__ import annotations

import json
from pathlib import Path

from .plans import BASE_PLAN
from openplan.structure import pattern_words
from openplan.validation import validate

from .conftest import EXAMPLES, assert_no_traceback, run_openplan


def _project(tmp_path: Path, files: dict[str, str]) -> dict[str, Path]:
    (tmp_path / ".git").mkdir(exist_ok=True)
    written = {}
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written[name] = path
    return written


def test_a_date_that_is_not_date_syntax_is_reported_once(tmp_path):
    plan = BASE_PLAN + "milestones:\n  - {id: ms.a, title: Launch, due: {text: Q4 2023, value: Q4 2023}}\n"
    result = validate(_project(tmp_path, {"plan.yaml": plan})["plan.yaml"])
    assert [(f.code, f.pointer) for f in result.findings] == [("S005", "/milestones/0/due/value")]


def test_a_day_that_does_not_exist_is_still_reported(tmp_path):
    plan = BASE_PLAN + "milestones:\n  - {id: ms.a, title: Launch, due: {text: 30 Feb 2026, value: 2026-02-30}}\n"
    result = validate(_project(tmp_path, {"plan.yaml": plan})["plan.yaml"])
    assert [f.code for f in result.findings] == ["I005"]


def test_a_progress_date_hint_lists_only_a_day(tmp_path):
    plan = BASE_PLAN + ("milestones:\n  - id: ms.a\n    title: Launch\n    progress:\n"
                        "      - {date: \"2023\", status: complete}\n")
    result = validate(_project(tmp_path, {"plan.yaml": plan})["plan.yaml"])
    (found,) = result.findings  # one finding, not a pattern error and a format error for the same value
    assert found.code == "S005" and "YYYY-MM-DD" in found.hint
    for refused in ("FY2020", "2022-23", "tbc", "../"):
        assert refused not in found.hint, found.hint


def test_a_pattern_error_in_a_shipped_extension_says_what_the_form_is(tmp_path):
    text = (EXAMPLES / "extensions" / "budget-plan.yaml").read_text(encoding="utf-8")
    text = text.replace('text: "£24.8m"}', 'text: "£24.8m", currency: "A$"}', 1)
    result = validate(_project(tmp_path, {"plan.yaml": text})["plan.yaml"])
    (found,) = [f for f in result.findings if f.value == "A$"]
    assert "None" not in found.message and "needs" not in found.message
    assert "three capital letters" in found.message and "ISO 4217" in found.message
    assert '"GBP"' in found.hint


def test_a_pattern_error_in_a_list_of_a_council_extension_names_the_list(tmp_path):
    meta = {"name": "ward", "namespace": "ward", "title": "Wards", "description": "Wards an item serves.",
            "version": "1.0.0", "compatibility": ["1.0"], "schema": "schema.json"}
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Wards",
              "description": "Wards an item serves.",
              "objects": {"Area": {"ward:codes": {"title": "Ward codes", "type": "array",
                                                  "description": "ONS codes of the wards the area serves.",
                                                  "items": {"type": "string", "pattern": "^E05[0-9]{6}$"}}}}}
    plan = BASE_PLAN.replace("edition:", "extensions: [./wards]\nedition:") + (
        "areas:\n  - {id: area.a, title: A, ward:codes: [six, E05000123]}\n")
    paths = _project(tmp_path, {"plan.yaml": plan, "wards/extension.json": json.dumps(meta),
                                "wards/schema.json": json.dumps(schema)})
    (found,) = validate(paths["plan.yaml"]).findings
    assert found.message == ('"six" is not in the right form for an entry of "ward:codes", in area "area.a": it '
                             "should be 'E05', then six digits (ONS codes of the wards the area serves)")


def test_patterns_in_plain_words():
    assert pattern_words("^[A-Z]{3}$") == "three capital letters"
    assert pattern_words("^[0-9]{2,4}$") == "two to four digits"
    assert pattern_words("^[a-z][a-z0-9-]*$") == "a lower-case letter, then any number of lower-case letters, " \
                                                 "digits or '-'"
    assert pattern_words("^(GBP|EUR)$") is None  # not simple: the message shows the pattern itself


def _plan_with_warnings(tmp_path: Path) -> Path:
    plan = BASE_PLAN + ("milestones:\n  - {id: ms.a, title: Launch, due: {text: May 2052, value: 2052-05}}\n"
                        "  - {id: ms.b, title: Review, due: {text: May 2053, value: 2053-05}}\n")
    return _project(tmp_path, {"plan.yaml": plan})["plan.yaml"]


def test_convert_summarises_warnings_in_one_line(tmp_path):
    path = _plan_with_warnings(tmp_path)
    run = run_openplan("convert", "plan.yaml", "--to", "json", "-o", "out.json", cwd=tmp_path)
    assert_no_traceback(run)
    assert run.code == 0
    assert "I008" not in run.stderr and "ms.a" not in run.stderr
    assert "2 warnings in the plan; run `openplan validate plan.yaml` to see them, or add --verbose" in run.stderr
    assert path.exists()


def test_convert_verbose_lists_every_warning(tmp_path):
    _plan_with_warnings(tmp_path)
    run = run_openplan("convert", "plan.yaml", "--to", "json", "-o", "out.json", "--verbose", cwd=tmp_path)
    assert run.code == 0
    assert run.stderr.count("I008") == 2 and "warnings in the plan;" not in run.stderr
