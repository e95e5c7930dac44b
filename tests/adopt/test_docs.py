"""The reference documentation is generated from the schema, committed, and kept up to date by this test."""

from __future__ import annotations

import re
import shutil

import pytest

from openplan import codelists
from openplan.resources import load_schema
from tools import docgen, generated

from ..conftest import ROOT

REFERENCE = ROOT / "docs" / "reference"


@pytest.fixture(scope="module")
def pages():
    return docgen.pages(ROOT)


def test_committed_reference_docs_are_up_to_date():
    problems = [str(problem) for problem in generated.stale(docgen.GENERATOR, ROOT)]
    assert problems == [], "\n".join(problems) + "\nRun `python -m tools.docgen` to regenerate docs/reference/."


def test_the_guard_notices_an_edit_a_missing_page_and_a_stray_page(tmp_path):
    (tmp_path / "docs").mkdir()
    shutil.copytree(REFERENCE, tmp_path / "docs" / "reference")
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    generated.write(docgen.GENERATOR, tmp_path)
    assert generated.stale(docgen.GENERATOR, tmp_path) == []
    page = tmp_path / "docs" / "reference" / "Objective.md"
    page.write_text(page.read_text(encoding="utf-8").replace("outcome statement", "result"), encoding="utf-8")
    (tmp_path / "docs" / "reference" / "Output.md").unlink()
    (tmp_path / "docs" / "reference" / "Retired.md").write_text("# gone\n", encoding="utf-8")
    assert [str(problem) for problem in generated.stale(docgen.GENERATOR, tmp_path)] == [
        "docs/reference/Objective.md is out of date", "docs/reference/Output.md is missing",
        "docs/reference/Retired.md is no longer generated"]
    generated.write(docgen.GENERATOR, tmp_path)
    assert generated.stale(docgen.GENERATOR, tmp_path) == []


def test_one_page_per_object_with_every_field(pages):
    plan, registry = load_schema("plan"), load_schema("registry")
    for name, definition in [*plan["$defs"].items(), *registry["$defs"].items(), ("Plan", plan),
                             ("Registry", registry)]:
        page = pages[f"docs/reference/{name}.md"]
        assert page.splitlines()[2] == f"# {name}"
        for field, prop in definition["properties"].items():
            row = next((line for line in page.splitlines() if line.startswith(f"| `{field}` |")), None)
            assert row is not None, f"{name}.{field} has no row"
            assert ("| yes |" in row) == (field in definition.get("required", [])), row
            if prop.get("description"):
                assert " ".join(prop["description"].split()).replace("|", "\\|") in row


def test_codelist_values_come_from_the_csv_files(pages):
    row = next(line for line in pages["docs/reference/Edition.md"].splitlines() if line.startswith("| `status` |"))
    assert "[edition-status](codelists.md#edition-status)" in row
    for code in codelists.codes("edition-status"):
        assert f"`{code}`" in row
    listing = pages["docs/reference/codelists.md"]
    for name in codelists.names():
        assert f"## {name}\n" in listing
        for entry in codelists.codelist(name):
            assert f"| `{entry.code}` | {entry.title} |" in listing


def test_reference_fields_name_the_kinds_they_point_to(pages):
    row = next(line for line in pages["docs/reference/OwnerLink.md"].splitlines() if line.startswith("| `ref` |"))
    for kind in ("Post", "Person", "Body", "Organisation"):
        assert f"[{kind}]({kind}.md)" in row
    row = next(line for line in pages["docs/reference/Milestone.md"].splitlines()
               if line.startswith("| `objectives` |"))
    assert row.endswith("| [Objective](Objective.md) |")


def test_examples_are_quoted_verbatim_from_the_shipped_examples(pages):
    checked = 0
    for name, page in pages.items():
        match = re.search(r"From \[([^\]]+)\]\([^)]*\):\n\n```yaml\n(.*?)\n```", page, re.S)
        if not match:
            continue
        source = (ROOT / match.group(1)).read_text(encoding="utf-8").splitlines()
        shown = [text for text in match.group(2).splitlines()
                 if "not shown" not in text and text.strip() not in ("...", "# ...")]
        starts = [number for number, line in enumerate(source) if shown[0].strip() in line]
        assert starts, (name, shown[0])
        assert any(all(any(text.strip() == candidate.strip() or text.strip() in candidate
                           for candidate in source[start: start + 200]) for text in shown[1:])
                   for start in starts), name
        checked += 1
    assert checked >= 30


def test_overview_has_a_diagram_and_links_every_page_and_the_rules(pages):
    overview = pages["docs/reference/README.md"]
    diagram = re.search(r"```mermaid\nflowchart LR\n(.*?)```", overview, re.S).group(1)
    assert "Plan -->|areas| Area" in diagram
    assert "Area -->|objectives| Objective" in diagram
    assert "Objective -->|outputs| Output" in diagram
    assert "Milestone -.->|objectives| Objective" in diagram
    for name in load_schema("plan")["$defs"]:
        assert f"]({name}.md)" in overview
    assert "](../rules/README.md)" in overview
    for name in ("budget", "risk"):
        assert f"](extensions/{name}.md)" in overview


def test_extension_pages_document_their_fields_and_codelists(pages):
    page = pages["docs/reference/extensions/risk.md"]
    assert "| `risk:register` | list of [Risk](#risk) |" in page
    assert "| `objectives` | list of identifier | yes |" in page
    assert "### risk-likelihood" in page and "| `almost-certain` |" in page
    assert "```yaml\nrisk:register:" in page
    assert "[budget](extensions/budget.md) (`budget:amounts`, `budget:staff`)" in pages["docs/reference/Output.md"]
