"""`openplan import` turns a Word or Markdown plan into a draft OpenPlan file whose structure matches the
source, with everything it guessed marked, and refuses documents with no plan structure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

docx = pytest.importorskip("docx", reason="python-docx is a dependency of openplan import")

from openplan.importer import ImportProblem, import_document  # noqa: E402
from openplan.validation import validate  # noqa: E402

from ..conftest import assert_no_traceback, run_openplan  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "london-councils-business-plan-2020-21-final-july-2020.md"


def markdown_to_docx(text: str, path: Path) -> Path:
    """A Word document with the seed's text: '#' lines as headings, '-' lines as (nested) bullets, the rest as
    paragraphs; the numbers and letters stay in the text, as in a document typed by hand."""
    document = docx.Document()
    last = None
    for raw in text.splitlines():
        line = re.sub(r"</?sup>", "", raw).replace("**", "")
        if not line.strip():
            last = None
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        item = re.match(r"^( *)[-•]\s+(.*)$", line)
        if heading:
            document.add_heading(heading.group(2).strip(), level=len(heading.group(1)))
            last = None
        elif item:
            depth = len(item.group(1)) // 2
            last = document.add_paragraph(item.group(2).strip(),
                                          style="List Bullet" if depth == 0 else f"List Bullet {depth + 1}")
        elif last is not None and line.startswith(" "):
            last.add_run(" " + line.strip())  # a list item continued on the next line
        else:
            last = document.add_paragraph(line.strip())
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory) -> Path:
    return markdown_to_docx(SEED.read_text(encoding="utf-8"), tmp_path_factory.mktemp("word") / "plan.docx")


def _objectives(data):
    return [objective for area in data["areas"] for objective in area.get("objectives", [])]


def _outputs(data):
    return [output for objective in _objectives(data) for output in objective.get("outputs", [])]


def _count_in_source():
    """The seed's own count of numbered priorities, read from its text: "2.1 ..." lines and "1 Building ..."."""
    text = SEED.read_text(encoding="utf-8")
    numbered = set(re.findall(r"^[#\s*-]*(\d{1,2}\.\d{1,2})\s", text, re.M))
    return len(numbered) + 1  # priority 1 of area 1 is numbered "1"


def test_word_import_of_the_2020_21_final_plan_matches_the_source_counts(seed_docx, tmp_path):
    imported = import_document(seed_docx)
    assert len(_objectives(imported.data)) == 33 == _count_in_source()
    assert len(_outputs(imported.data)) == 151
    assert sum(len(output.get("sub_items", [])) for output in _outputs(imported.data)) == 17
    target = tmp_path / "plan.yaml"
    target.write_text(imported.text, encoding="utf-8")
    result = validate(target)
    assert result.exit_code == 0, [f"{f.location()} {f.code} {f.message}" for f in result.findings]


def test_word_and_markdown_imports_agree(seed_docx):
    from_word = import_document(seed_docx).data
    from_markdown = import_document(SEED).data
    shape = [(objective["number"], [output.get("number") for output in objective.get("outputs", [])])
             for objective in _objectives(from_word)]
    assert shape == [(objective["number"], [output.get("number") for output in objective.get("outputs", [])])
                     for objective in _objectives(from_markdown)]
    assert shape[0] == ("1", ["a", "b", "c", "d", "e"])
    assert ("8.10", ["a", "b"]) in shape


def test_structure_follows_the_numbering(seed_docx):
    data = import_document(seed_docx).data
    areas = {area.get("number") or area["title"]: area for area in data["areas"]}
    assert [area.get("number") for area in data["areas"] if area.get("number")] == [str(n) for n in range(1, 13)]
    services = areas["Transport and Mobility Services"]
    assert services["parent"] == areas["8"]["id"]
    assert [o["number"] for o in services["objectives"]] == [f"8.{n}" for n in range(3, 11)]
    finance = {o["number"]: o for o in areas["2"]["objectives"]}
    assert finance["2.1"]["title"] == "Delivering fair levels of funding for local public services in London"
    assert finance["2.1"]["outcome"].startswith("London local government receives its fair share")
    loti = finance["2.4"]
    assert loti["notes"][0]["text"] == "To support Covid recovery, LOTI is additionally helping boroughs:"
    assert [item["text"][:8] for item in loti["notes"][0]["items"]] == ["Use data", "Adopt di"]
    housing = {o["number"]: o for o in areas["9"]["objectives"]}
    first = housing["9.1"]["outputs"][0]
    assert [item.get("number") for item in first["sub_items"]] == ["i", None, "iii", "iv", "v"]


def test_every_guess_is_marked_for_an_officer_to_check(seed_docx):
    data = import_document(seed_docx).data
    assert data["edition"]["status"] == "draft"
    assert "openplan import" in data["provenance"]["method"]
    assert "Item 9 – Appendix 1" in data["provenance"]["note"]  # the running header that was dropped
    for area in data["areas"]:
        assert "id" in area["draft:guessed"] and area["draft:source"].startswith("paragraph ")
    for objective in _objectives(data):
        assert {"id", "title"} <= set(objective["draft:guessed"])
        assert ("outcome" in objective["draft:guessed"]) == ("outcome" in objective)
    outputs = {output["text"][:20]: output for output in _outputs(data)}
    restored = outputs["Robust evidence to D"]  # its letter c. was lost in extraction
    assert restored["number"] == "c" and "number" in restored["draft:guessed"]
    unlettered = outputs["Shape the developmen"]  # published before a. without a letter
    assert "number" not in unlettered and "number" in unlettered["draft:guessed"]
    assert "number" not in outputs["Analysis and lobbyin"]["draft:guessed"]
    for output in _outputs(data):
        assert "id" in output["draft:guessed"] and output["draft:source"]


def test_word_list_numbering_is_read_even_though_it_is_not_in_the_text(tmp_path):
    document = docx.Document()
    document.add_heading("Anytown Council Plan 2025/26", 1)
    document.add_heading("1 Housing", 1)
    document.add_paragraph("1.1 More homes")
    document.add_paragraph("Every household has a decent home.")
    numbering = document.part.numbering_part.element
    letters = numbering.makeelement(docx.oxml.ns.qn("w:abstractNum"), {docx.oxml.ns.qn("w:abstractNumId"): "90"})
    for level, fmt, text in ((0, "lowerLetter", "%1."), (1, "lowerRoman", "%2.")):
        lvl = docx.oxml.parse_xml(
            f'<w:lvl {docx.oxml.ns.nsdecls("w")} w:ilvl="{level}"><w:start w:val="1"/>'
            f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>')
        letters.append(lvl)
    numbering.insert(0, letters)
    numbering.append(docx.oxml.parse_xml(
        f'<w:num {docx.oxml.ns.nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for text, level in (("Start on three sites.", 0), ("Site one", 1), ("Site two", 1), ("Buy back homes.", 0)):
        paragraph = document.add_paragraph(text, style="List Paragraph")
        paragraph._p.get_or_add_pPr().append(docx.oxml.parse_xml(
            f'<w:numPr {docx.oxml.ns.nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    data = import_document(path, organisation="Anytown Council").data
    (objective,) = _objectives(data)
    assert objective["outcome"] == "Every household has a decent home."
    assert [(o["number"], o["text"]) for o in objective["outputs"]] == [("a", "Start on three sites."),
                                                                        ("b", "Buy back homes.")]
    assert objective["outputs"][0]["sub_items"] == [{"number": "i", "text": "Site one"},
                                                    {"number": "ii", "text": "Site two"}]
    assert data["organisations"][0]["name"] == "Anytown Council"
    assert "name" not in data["organisations"][0]["draft:guessed"]
    assert data["period"]["start"] == "2025-04-01"


def test_import_command_writes_a_draft_that_validates(seed_docx, tmp_path):
    target = tmp_path / "draft.yaml"
    run = run_openplan("import", str(seed_docx), "-o", str(target), "--organisation", "London Councils",
                       "--period", "2020/21")
    assert_no_traceback(run)
    assert run.code == 0, run.output
    assert "33 objectives, 151 outputs" in run.stdout
    assert run_openplan("validate", str(target)).code == 0
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert "organisation" not in data["draft:guessed"] and "period" not in data["draft:guessed"]


def test_import_never_overwrites_without_force(seed_docx, tmp_path):
    target = tmp_path / "draft.yaml"
    target.write_text("# an officer's work\n", encoding="utf-8")
    run = run_openplan("import", str(seed_docx), "-o", str(target))
    assert run.code == 2 and "--force" in run.stderr
    assert target.read_text(encoding="utf-8") == "# an officer's work\n"
    assert run_openplan("import", str(seed_docx), "-o", str(target), "--force").code == 0
    assert "openplan: " in target.read_text(encoding="utf-8")


def test_a_document_with_no_structure_is_refused_and_nothing_is_written(tmp_path):
    document = docx.Document()
    document.add_heading("Minutes of the meeting", 1)
    document.add_paragraph("Members discussed the budget.")
    document.add_paragraph("Actions", style="List Bullet")
    source = document.save(str(tmp_path / "minutes.docx")) or tmp_path / "minutes.docx"
    run = run_openplan("import", str(source))
    assert_no_traceback(run)
    assert run.code == 1
    assert "no plan structure recognised" in run.stderr and "nothing was written" in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.docx"]


@pytest.mark.parametrize("name, content", [("broken.docx", b"not a zip file"), ("plan.pdf", b"%PDF-1.4"),
                                           ("latin1.md", "# 1 Caf\xe9\n".encode("latin-1"))])
def test_unreadable_documents_exit_2_without_a_traceback(tmp_path, name, content):
    source = tmp_path / name
    source.write_bytes(content)
    run = run_openplan("import", str(source))
    assert_no_traceback(run)
    assert run.code == 2
    assert name in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_library_raises_instead_of_printing(tmp_path):
    (tmp_path / "empty.md").write_text("Just a paragraph.\n", encoding="utf-8")
    with pytest.raises(ImportProblem) as raised:
        import_document(tmp_path / "empty.md")
    assert raised.value.exit_code == 1


def test_the_draft_points_editors_at_a_schema_copy_they_can_load_offline(tmp_path):
    # Outside a project, a copy of the schema is written beside the draft; inside one (made by `openplan init`),
    # the draft points up to the project's copy. Either way the modeline names a file that exists.
    (tmp_path / "alone").mkdir()
    alone = run_openplan("import", str(SEED), "-o", str(tmp_path / "alone" / "draft.yaml"))
    assert alone.code == 0, alone.output
    made = run_openplan("init", str(tmp_path / "project"), "--council", "London Councils", "--period", "2020/21")
    assert made.code == 0, made.output
    (tmp_path / "project" / "drafts").mkdir()
    inside = run_openplan("import", str(SEED), "-o", str(tmp_path / "project" / "drafts" / "draft.yaml"))
    assert inside.code == 0, inside.output
    for draft, expected in ((tmp_path / "alone" / "draft.yaml", ".openplan/schema/1.1/plan.schema.json"),
                            (tmp_path / "project" / "drafts" / "draft.yaml",
                             "../.openplan/schema/1.1/plan.schema.json")):
        first = draft.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema={expected}"
        assert (draft.parent / expected).is_file()
    assert not (tmp_path / "project" / "drafts" / ".openplan").exists()  # no second copy inside a project
