"""The diff's output formats: JSON (a stable, documented shape), Markdown (for committee reports) and text."""

from __future__ import annotations

import json
import re

import pytest

from openplan import diff
from openplan.diff.renderers import json as json_renderer
from openplan.diff.renderers.markdown import escape

from .diff_plans import dump
from .test_diff_cases import outputs, plan


@pytest.fixture(scope="module")
def edited() -> diff.PlanDiff:
    new = plan(id="plan.final", edition={"status": "approved", "previous": {"id": "plan.draft"}, "changes": [
        {"kind": "added", "items": ["out.homes.survey"], "reason": "Members asked for evidence first."}]})
    outputs(new, "obj.homes")[0]["text"] = "Agree a list of council sites for new homes with tenants."
    outputs(new, "obj.homes")[0]["due"] = {"text": "Winter 2025", "value": "2025-24"}
    outputs(new, "obj.homes").append({"id": "out.homes.survey", "number": "c", "text": "Survey tenants' needs."})
    new["areas"][0]["number"] = "2"
    return diff.compare_texts(dump(plan(id="plan.draft")), dump(new))


def documented_keys(block: str) -> set[str]:
    return set(re.findall(r'^\s{6}"(\w+)":', block, re.MULTILINE))


def test_json_top_level_keys_are_the_documented_ones(edited):
    data = json.loads(diff.render(edited, "json"))
    documented = json_renderer.__doc__.split("::", 1)[1].split("PLAN   =", 1)[0]
    assert set(data) == documented_keys(documented)
    assert data["diff_version"] == "1.0"
    assert data["same"] is False and data["exit_code"] == 1 and data["previous_edition"] is True
    assert data["summary"] == {"added": 1, "removed": 0, "reworded": 1, "renumbered": 1, "moved": 0, "date": 1,
                               "owners": 0, "status": 1, "links": 0}


def test_json_changes_carry_what_changed(edited):
    data = json.loads(diff.render(edited, "json"))
    by_kind = {c["change"]: c for c in data["changes"]}
    item_keys = {"kind", "key", "id", "number", "text", "file", "line", "column", "pointer", "parent"}
    for change in data["changes"]:
        assert {"change", "item_kind", "old", "new", "field", "before", "after", "matched_by",
                "recorded"} <= set(change)
        for side in ("old", "new"):
            assert change[side] is None or set(change[side]) == item_keys
    added = by_kind["added"]
    assert (added["old"], added["new"]["id"], added["new"]["line"]) == (None, "out.homes.survey",
                                                                       added["new"]["line"])
    assert added["new"]["line"] > 1 and added["new"]["pointer"] == "/areas/0/objectives/0/outputs/2"
    assert added["recorded"][0]["reason"] == "Members asked for evidence first."
    reworded = by_kind["reworded"]
    assert reworded["words"][-1] == {"op": "insert", "text": "homes with tenants."}
    assert reworded["matched_by"] == {"method": "id", "confidence": 1.0}
    date = by_kind["date"]
    assert date["direction"] == "slipped" and date["after"]["latest"] == "2026-02-28"
    assert by_kind["renumbered"]["before"] == "1" and by_kind["renumbered"]["after"] == "2"
    assert by_kind["status"]["before"] == "draft" and by_kind["status"]["after"] == "approved"


def test_json_of_the_same_plans_says_so():
    data = json.loads(diff.render(diff.compare_texts(dump(plan()), dump(plan())), "json"))
    assert data["same"] is True and data["exit_code"] == 0 and data["changes"] == []
    assert all(m["method"] in ("plan", "id") and m["confidence"] == 1.0 for m in data["matches"])


def test_markdown_has_a_summary_table_and_marks_words(edited):
    markdown = diff.render(edited, "markdown")
    assert markdown.startswith("# Changes to Generated Council Plan 2025/26\n")
    assert "| Added | 1 |" in markdown and "| Reworded | 1 |" in markdown
    assert "## Added (1)" in markdown and "## Dates (1)" in markdown
    assert "~~homes.~~ **homes with tenants.**" in markdown
    assert "- **Output c of objective 1.1** Survey tenants' needs." in markdown
    assert "*recorded as added: Members asked for evidence first.*" in markdown
    assert 'slipped: "Autumn 2025" (2025-09-01 to 2025-11-30) → "Winter 2025" (2025-12-01 to 2026-02-28)' in markdown


def test_markdown_escapes_plan_text_that_would_change_the_formatting():
    new = plan()
    outputs(new, "obj.homes")[1]["text"] = "Publish *all* | [links](http://x) <script>alert(1)</script> # _now_"
    markdown = diff.render(diff.compare_texts(dump(plan()), dump(new)), "markdown")
    assert "<script>" not in markdown and "*all*" not in markdown and "[links]" not in markdown
    assert escape("*all* | <b>") == r"\*all\* \| \<b\>"
    for line in markdown.splitlines():
        if line.startswith("|"):  # table rows keep their columns: no unescaped pipe from plan text
            assert len(re.findall(r"(?<!\\)\|", line)) in (3, 4, 5)


def test_markdown_of_the_same_plans_says_so():
    assert "The plans are the same." in diff.render(diff.compare_texts(dump(plan()), dump(plan())), "markdown")


def test_text_marks_words_like_git_word_diff(edited):
    text = diff.render(edited, "text")
    assert "Summary: 1 added, 1 reworded, 1 renumbered, 1 date change, 1 status change" in text
    assert "[-homes.-] {+homes with tenants.+}" in text
    assert "+ output c of objective 1.1: Survey tenants' needs." in text
    assert "# area 2: Housing" in text and "number 1 -> 2" in text
    assert "The new plan names the old one as its previous edition." in text


def test_text_shortens_long_unchanged_runs_unless_asked_for_everything():
    long_text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen."
    old, new = plan(), plan()
    outputs(old, "obj.homes")[1]["text"] = f"{long_text} Old ending."
    outputs(new, "obj.homes")[1]["text"] = f"{long_text} New ending."
    result = diff.compare_texts(dump(old), dump(new))
    assert "text: ... ten eleven twelve thirteen fourteen fifteen. [-Old-] {+New+} ending." in diff.render(result)
    assert f"text: {long_text} [-Old-] {{+New+}} ending." in diff.render(result, "text", full=True)


def test_unknown_format_is_refused():
    with pytest.raises(KeyError, match="unknown diff format"):
        diff.render(diff.compare_texts(dump(plan()), dump(plan())), "html")
