"""Word import keeps the structure a reader sees: the visible numbering decides the level, action tables become
outputs with owners and due dates, and every guess is marked for C109 to report until an officer checks it.

The fixture is the 2020/21 final plan made into Word by pandoc (see data/PANDOC.md), whose letters a., b. are
Word numbering nested inside bullets: read by indentation alone it gave 37 outputs and 131 sub-items."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

docx = pytest.importorskip("docx", reason="python-docx writes the test documents")

from openplan.importer import import_document  # noqa: E402
from openplan.importer.enrich import read_due  # noqa: E402
from openplan.validation import validate  # noqa: E402

from ..badinput.build_corpus import WORD_PLAN, docx_bytes, word_paragraph  # noqa: E402
from ..conftest import assert_no_traceback, run_openplan  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "london-councils-business-plan-2020-21-final-july-2020.md"
PANDOC_DOCX = DATA / "london-councils-business-plan-2020-21-final.pandoc.docx"
HAND = Path(__file__).resolve().parents[2] / "examples" / "london-councils" / "business-plan-2020-21-final.yaml"
PERIOD = {"start": "2025-04-01", "end": "2026-03-31"}


def _levels(data: dict) -> dict[str, int]:
    objectives = [objective for area in data["areas"] for objective in area.get("objectives", [])]
    outputs = [output for objective in objectives for output in objective.get("outputs", [])]
    return {"areas": len(data["areas"]), "objectives": len(objectives), "outputs": len(outputs),
            "sub-items": sum(len(output.get("sub_items", [])) for output in outputs)}


def _shape(data: dict) -> dict[str, list[tuple]]:
    return {str(objective.get("number")): [(output.get("number"), len(output.get("sub_items", [])))
                                           for output in objective.get("outputs", [])]
            for area in data["areas"] for objective in area.get("objectives", [])}


@pytest.fixture(scope="module")
def hand() -> dict:
    return yaml.safe_load(HAND.read_text(encoding="utf-8"))


def _assert_close_to_hand(imported: dict, hand: dict) -> None:
    found, expected = _levels(imported), _levels(hand)
    assert expected == {"areas": 13, "objectives": 33, "outputs": 151, "sub-items": 17}
    for level, count in expected.items():
        assert abs(found[level] - count) <= 2, (level, found, expected)


def test_pandoc_word_document_of_the_2020_21_final_imports_as_encoded_by_hand(hand, tmp_path):
    data = import_document(PANDOC_DOCX).data
    _assert_close_to_hand(data, hand)
    # Objective by objective, the outputs' letters and their sub-items match the hand encoding.
    assert _shape(data) == _shape(hand)
    target = tmp_path / "plan.yaml"
    target.write_text(import_document(PANDOC_DOCX).text, encoding="utf-8")
    assert validate(target).exit_code == 0


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed; the committed fixture is "
                                                           "tested above")
def test_a_fresh_pandoc_conversion_imports_as_encoded_by_hand(hand, tmp_path):
    made = tmp_path / "plan.docx"
    subprocess.run(["pandoc", "-f", "markdown", "-t", "docx", "-o", str(made), str(SEED)], check=True, timeout=120)
    _assert_close_to_hand(import_document(made).data, hand)


def test_the_visible_letter_decides_the_level_not_the_indent():
    data = import_document(PANDOC_DOCX).data
    objectives = {objective["number"]: objective for area in data["areas"]
                  for objective in area.get("objectives", [])}
    first = objectives["1"]["outputs"]
    # "b." and "d." are numbered one level inside a bullet list; their bullets sit at that same level.
    assert [output["number"] for output in first] == ["a", "b", "c", "d", "e"]
    assert [item["text"][:20] for item in first[1]["sub_items"]] == ["Collect and share le", "Commission other use"]
    # A bullet between b. and d., one level out: the output whose letter c. was lost.
    funding = objectives["2.1"]["outputs"]
    assert funding[2]["number"] == "c" and "number" in funding[2]["draft:guessed"]
    assert funding[2]["text"].startswith("Robust evidence to DfE")
    # An unnumbered item followed by ii., iii.: the sub-item i. whose number was lost.
    assert len(objectives["9.1"]["outputs"][0]["sub_items"]) == 5


def _numbered_docx(path: Path, items: list[tuple[str, str | None, int]]) -> Path:
    """An objective, then list items: (text, list, level), "letters" a Word list of a./i., None a bullet."""
    numbering = ('<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
                 '<w:lvlText w:val="•"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/>'
                 '<w:lvlText w:val="–"/></w:lvl></w:abstractNum>'
                 '<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="1"><w:start w:val="1"/>'
                 '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2."/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>')
    body = WORD_PLAN + "".join(word_paragraph(text, list_id="2" if kind == "letters" else "1", level=str(level))
                               for text, kind, level in items)
    path.write_bytes(docx_bytes(body, numbering=numbering))
    return path


def test_bullets_under_a_numbered_letter_at_its_own_indent_are_its_sub_items(tmp_path):
    source = _numbered_docx(tmp_path / "plan.docx", [
        ("Build homes.", "letters", 1), ("On site one", None, 1), ("On site two", None, 1),
        ("Buy homes.", "letters", 1), ("Let homes.", None, 0), ("Sell homes.", "letters", 1)])
    (objective,) = [o for area in import_document(source).data["areas"] for o in area["objectives"]]
    # Word shows a. b. c. for the lettered list; the bullet one level out between b. and c. has no letter.
    assert [(output.get("number"), len(output.get("sub_items", []))) for output in objective["outputs"]] == \
        [("a", 2), ("b", 0), (None, 0), ("c", 0)]
    assert "number" in objective["outputs"][2]["draft:guessed"]


def _action_table(path: Path, rows: list[tuple[str, ...]]) -> Path:
    document = docx.Document()
    document.add_heading("Anytown Council Plan 2025/26", 1)
    document.add_heading("1 Housing", 1)
    document.add_heading("1.1 More homes", 2)
    document.add_paragraph("Every household has a decent home.")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(str(path))
    return path


REGISTRY = """openplan: "1.0"
kind: registry
id: registry.anytown
title: Anytown shared things
organisations:
  - {id: org.anytown, name: Anytown Council}
  - {id: org.gla, name: Greater London Authority, abbreviation: GLA}
bodies:
  - {id: body.housing-committee, name: Housing Committee, kind: committee}
posts:
  - {id: post.director-housing, title: Director of Housing}
  - {id: post.chief-executive, title: Chief Executive}
"""
ROWS = [("Ref", "Action", "Lead", "Due"),
        ("a", "Build 100 council homes", "Director of Housing", "by March 2026"),
        ("b", "Publish the tenancy strategy", "Parks Team", "Q3 2025/26"),
        ("c", "Work with the GLA on land", "Chief Executive and GLA", "ongoing"),
        ("d", "Review allocations", "Housing Committee", "Autumn 2025"),
        ("e", "Lobby for funding", "Nobody Known", "ahead of the Budget")]


def test_an_action_table_becomes_outputs_with_numbers_owners_and_due_dates(tmp_path):
    source = _action_table(tmp_path / "plan.docx", ROWS)
    (tmp_path / "registry.yaml").write_text(REGISTRY, encoding="utf-8")
    imported = import_document(source, output=tmp_path / "draft.yaml")
    (objective,) = [o for area in imported.data["areas"] for o in area["objectives"]]
    outputs = {output["number"]: output for output in objective["outputs"]}
    assert [(number, output["text"]) for number, output in outputs.items()] == [row[:2] for row in ROWS[1:]]
    assert outputs["a"]["owners"] == [{"ref": "post.director-housing", "role": "lead"}]
    assert outputs["a"]["due"] == {"text": "by March 2026", "value": "../2026-03"}
    assert {"due", "owners"} <= set(outputs["a"]["draft:guessed"])
    assert outputs["b"]["due"] == {"text": "Q3 2025/26", "value": "FY2025-Q3"}
    assert "owners" not in outputs["b"] and outputs["b"]["draft:lead"] == "Parks Team"
    assert outputs["c"]["owners"] == [{"ref": "post.chief-executive", "role": "lead"},
                                      {"ref": "org.gla", "role": "co-lead"}]
    assert outputs["c"]["due"] == {"text": "ongoing", "value": "FY2025", "recurrence": "ongoing"}
    assert outputs["d"]["due"]["value"] == "2025-23" and outputs["d"]["owners"][0]["ref"] == "body.housing-committee"
    assert "due" not in outputs["e"] and outputs["e"]["draft:due"] == "ahead of the Budget"
    # The draft names the registry it matched in, and uses its organisation rather than defining another.
    assert imported.data["registries"] == ["registry.yaml"]
    assert imported.data["organisation"] == "org.anytown" and "organisations" not in imported.data
    report = "\n".join(imported.report)
    assert "Parks Team" in report and "Nobody Known" in report and "ahead of the Budget" in report
    target = tmp_path / "draft.yaml"
    target.write_text(imported.text, encoding="utf-8")
    result = validate(target)
    assert result.exit_code == 0, [f"{f.location()} {f.code} {f.message}" for f in result.findings]


def test_the_import_command_reports_unmatched_owners_and_takes_a_registry(tmp_path):
    source = _action_table(tmp_path / "plan.docx", ROWS)
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "people.yaml").write_text(REGISTRY, encoding="utf-8")
    (tmp_path / "openplan.toml").write_text("", encoding="utf-8")
    target = tmp_path / "draft.yaml"
    run = run_openplan("import", str(source), "-o", str(target), "--registry", str(shared / "people.yaml"))
    assert_no_traceback(run)
    assert run.code == 0, run.output
    assert "Owners not found in people.yaml, kept as published in draft:lead: Parks Team; Nobody Known." \
        in run.stdout
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["registries"] == ["shared/people.yaml"]
    assert run_openplan("validate", str(target)).code == 0
    # Without a registry, every lead is reported and kept as published.
    run = run_openplan("import", str(source), "-o", str(tmp_path / "bare.yaml"))
    assert run.code == 0 and "none was found beside the draft; name one with --registry" in run.stdout
    missing = run_openplan("import", str(source), "-o", str(tmp_path / "x.yaml"), "--registry", "nowhere.yaml")
    assert_no_traceback(missing)
    assert missing.code == 2 and "nowhere.yaml" in missing.stderr


def test_a_table_without_action_columns_is_read_cell_by_cell(tmp_path):
    source = _action_table(tmp_path / "plan.docx", [("Borough", "Homes"), ("a. Build homes", "Camden")])
    (objective,) = [o for area in import_document(source).data["areas"] for o in area["objectives"]]
    assert [output["text"] for output in objective["outputs"]] == ["Build homes"]


@pytest.mark.parametrize("wording, expected", [
    ("by March 2026", {"value": "../2026-03"}),
    ("Q3 2025/26", {"value": "FY2025-Q3"}),
    ("Autumn 2025", {"value": "2025-23"}),
    ("ongoing", {"value": "FY2025", "recurrence": "ongoing"}),
    ("TBC", {"tbc": True}),
    ("ahead of the Budget", None),
])
def test_due_wording_becomes_a_date_with_the_wording_kept(wording, expected):
    assert read_due(wording, PERIOD, "financial-april") == (None if expected is None
                                                           else {"text": wording, **expected})


def test_a_due_date_at_the_end_of_a_list_item_is_read_and_marked(tmp_path):
    source = tmp_path / "plan.docx"
    source.write_bytes(docx_bytes(word_paragraph("Anytown Council Plan 2025/26") + WORD_PLAN
                                  + word_paragraph("a. Publish the housing strategy (by March 2026).")
                                  + word_paragraph("b. Review allocations.")))
    (objective,) = [o for area in import_document(source).data["areas"] for o in area["objectives"]]
    first, second = objective["outputs"]
    assert first["text"] == "Publish the housing strategy (by March 2026)."
    assert first["due"] == {"text": "by March 2026", "value": "../2026-03"} and "due" in first["draft:guessed"]
    assert "due" not in second


def test_lint_reports_guesses_left_in_an_imported_plan_until_they_are_checked(tmp_path):
    source = _action_table(tmp_path / "plan.docx", ROWS[:2])
    target = tmp_path / "draft.yaml"
    assert run_openplan("import", str(source), "-o", str(target)).code == 0
    run = run_openplan("lint", str(target), "--select", "C109")
    assert_no_traceback(run)
    assert "C109" in run.output and 'the output "a Build 100 council homes" has not been checked' in run.output
    assert 'a lead not yet matched ("Director of Housing")' in run.output
    checked = yaml.safe_load(target.read_text(encoding="utf-8"))

    def strip(node):
        if isinstance(node, dict):
            return {key: strip(value) for key, value in node.items() if not key.startswith("draft:")}
        return [strip(value) for value in node] if isinstance(node, list) else node

    target.write_text(yaml.safe_dump(strip(checked), sort_keys=False), encoding="utf-8")
    run = run_openplan("lint", str(target), "--select", "C109")
    assert "C109" not in run.output, run.output


def test_outline_level_9_is_body_text_not_a_heading(tmp_path):
    """Word writes outline level 9 for body text; levels 0 to 8 are headings."""
    source = tmp_path / "plan.docx"
    source.write_bytes(docx_bytes(WORD_PLAN + word_paragraph("Housing matters.", properties='<w:outlineLvl w:val="9"/>')
                                  + word_paragraph("2 Transport", properties='<w:outlineLvl w:val="0"/>')
                                  + word_paragraph("2.1 Better buses")))
    data = import_document(source).data
    assert [area.get("number") for area in data["areas"]] == ["1", "2"]
    assert data["areas"][0]["objectives"][0]["outcome"] == "Every household has a decent home."
    assert data["areas"][0]["objectives"][0]["description"] == "Housing matters."
