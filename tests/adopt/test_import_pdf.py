"""`openplan import plan.pdf` reads a published PDF as it reads a Word document: headings by font size and
weight, numbered and lettered lists, action tables; it drops page furniture and says so; and it refuses what it
cannot read (a password, no text layer, a damaged file, too many pages, too much memory or time) with one line
naming the file and exit code 2.

The fixtures in data/pdf/ were made from the seed documents with pandoc and LibreOffice (data/pdf/make_pdfs.py).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
import yaml

pytest.importorskip("pdfplumber", reason="pdfplumber is a dependency of openplan import")
pypdf = pytest.importorskip("pypdf", reason="pypdf writes the test PDFs (a test extra)")

from openplan.importer import ImportProblem, import_document  # noqa: E402
from openplan.importer import pdf as pdf_reader  # noqa: E402
from openplan.importer.pdf import read_pdf  # noqa: E402
from openplan.validation import validate  # noqa: E402

from ..conftest import ROOT, assert_no_traceback, run_openplan  # noqa: E402

PDFS = Path(__file__).resolve().parent / "data" / "pdf"
FINAL = PDFS / "business-plan-2020-21-final.pdf"
TABLE = PDFS / "action-table.pdf"
HAND = ROOT / "examples" / "london-councils" / "business-plan-2020-21-final.yaml"


def _objectives(data):
    return [objective for area in data["areas"] for objective in area.get("objectives", [])]


def _outputs(data):
    return [output for objective in _objectives(data) for output in objective.get("outputs", [])]


def _counts(data):
    return {"areas": len(data["areas"]), "objectives": len(_objectives(data)), "outputs": len(_outputs(data)),
            "sub-items": sum(len(output.get("sub_items", [])) for output in _outputs(data))}


@pytest.fixture(scope="module")
def final_run(tmp_path_factory):
    """The 2020/21 final plan imported from its PDF by the command, as an officer would."""
    target = tmp_path_factory.mktemp("pdf") / "plan.yaml"
    run = run_openplan("import", str(FINAL), "-o", str(target))
    assert_no_traceback(run)
    assert run.code == 0, run.output
    return run, target, yaml.safe_load(target.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def final_blocks():
    return read_pdf(FINAL)


def test_the_2020_21_final_pdf_imports_within_two_items_of_the_hand_encoding(final_run):
    run, target, data = final_run
    hand = _counts(yaml.safe_load(HAND.read_text(encoding="utf-8")))
    assert hand == {"areas": 13, "objectives": 33, "outputs": 151, "sub-items": 17}
    found = _counts(data)
    assert all(abs(found[kind] - hand[kind]) <= 2 for kind in hand), (found, hand)
    assert "13 areas, 33 objectives, 151 outputs, 17 sub-items" in run.stdout
    result = validate(target)
    assert result.exit_code == 0, [f"{f.location()} {f.code} {f.message}" for f in result.findings]
    assert data["sources"][0]["format"] == "PDF"


def test_pdf_and_hand_encoding_agree_on_every_objectives_lettering(final_run):
    data = final_run[2]
    hand = yaml.safe_load(HAND.read_text(encoding="utf-8"))

    def shape(plan):
        return [(objective["number"], [output.get("number") for output in objective.get("outputs", [])])
                for objective in _objectives(plan)]

    assert shape(data) == shape(hand)
    housing = {objective["number"]: objective for objective in _objectives(data)}["9.1"]
    assert [item.get("number") for item in housing["outputs"][0]["sub_items"]] == ["i", None, "iii", "iv", "v"]


def test_headings_come_from_font_size_and_weight(final_blocks):
    headings = {block.text: block.level for block in final_blocks.blocks if block.kind == "heading"}
    # 16pt bold area headings outrank 12pt bold objective headings; body-size regular text is no heading.
    assert headings["1 Recovery and Renewal"] == 1
    assert headings["2.1 Delivering fair levels of funding for local public services in London"] == 2
    assert not any(text.startswith("London local government receives its fair share") for text in headings)


def test_lettered_items_carry_their_letter_as_word_numbering_does(final_blocks):
    items = [block for block in final_blocks.blocks if block.kind == "item"]
    lettered = next(block for block in items if block.text.startswith("Co-ordinate borough"))
    assert lettered.marker == "a" and lettered.where.startswith("page 2, line ")
    bullet = next(block for block in items if block.text.startswith("Resourcing London"))
    assert bullet.marker is None and "•" not in bullet.text
    # a paragraph broken over a page is one block
    assert any(block.text.endswith("from a range of managerial and professional advisors).") or
               "(jointly led by London Councils’ Office Holders" in block.text for block in items)


def test_page_furniture_is_dropped_and_listed_in_the_import_report(final_run, final_blocks):
    run, _, data = final_run
    assert 'Dropped page furniture: running header "Item 9 – Appendix 1" (top of 26 of 26 pages)' in run.stdout
    assert 'Dropped page furniture: page numbers "Page 1" to "Page 26" (foot of 26 of 26 pages)' in run.stdout
    assert not any(block.text.startswith("Page ") and block.text[5:].isdigit() for block in final_blocks.blocks)
    assert 'page numbers "Page 1" to "Page 26"' in data["provenance"]["note"]


def test_an_action_table_gives_one_row_per_action():
    blocks = read_pdf(TABLE).blocks
    rows = [block for block in blocks if block.kind == "row"]
    assert [(row.marker, row.text, row.fields) for row in rows] == [
        ("a", "Start building on three council sites.", {"ref": "a", "lead": "Director of Housing",
                                                         "due": "March 2026"}),
        ("b", "Buy back 40 former council homes.", {"ref": "b", "lead": "Head of Assets", "due": "Q3 2025/26"})]
    assert not any("Director of" in block.text for block in blocks if block.kind != "row")
    (objective,) = _objectives(import_document(TABLE).data)
    assert [output["text"] for output in objective["outputs"]] == ["Start building on three council sites.",
                                                                   "Buy back 40 former council homes."]


# --- what cannot be read ------------------------------------------------------------------


def _refused(path: Path, *words: str) -> str:
    began = time.monotonic()
    run = run_openplan("import", str(path), "-o", str(path.with_suffix(".yaml")))
    assert time.monotonic() - began < 30
    assert_no_traceback(run)
    assert run.code == 2, run.output
    assert run.stdout == "" and run.stderr.count("\n") == 1, run.stderr  # one line
    assert str(path) in run.stderr
    for word in words:
        assert word in run.stderr
    assert not path.with_suffix(".yaml").exists()
    return run.stderr


def _encrypted(tmp_path: Path, user: str, owner: str) -> Path:
    writer = pypdf.PdfWriter(clone_from=str(TABLE))
    writer.encrypt(user_password=user, owner_password=owner)
    target = tmp_path / "protected.pdf"
    with open(target, "wb") as stream:
        writer.write(stream)
    return target


def test_a_password_protected_pdf_is_refused(tmp_path):
    _refused(_encrypted(tmp_path, "secret", "owner"), "protected by a password", "without the password")


def test_a_pdf_that_opens_without_a_password_is_read_though_encrypted(tmp_path):
    # Councils often publish PDFs locked against editing only: anyone can open and read them, and so can import.
    source = _encrypted(tmp_path, "", "owner")
    assert pypdf.PdfReader(str(source)).is_encrypted
    (objective,) = _objectives(import_document(source).data)
    assert len(objective["outputs"]) == 2


def test_a_scanned_pdf_with_no_text_layer_is_refused(tmp_path):
    from PIL import Image

    source = tmp_path / "scanned.pdf"
    Image.new("RGB", (600, 800), "white").save(source)  # one page that is only an image
    _refused(source, "no text to read", "scanned", "OCR")


@pytest.mark.parametrize("content", [
    pytest.param(TABLE.read_bytes()[:9000], id="truncated"),
    pytest.param(b"%PDF-1.7\n" + bytes(range(256)) * 40, id="garbage"),
    pytest.param(b"%PDF-1.4", id="header only"),
])
def test_a_damaged_pdf_is_refused(tmp_path, content):
    source = tmp_path / "damaged.pdf"
    source.write_bytes(content)
    _refused(source, "damaged PDF")


def test_a_file_that_is_not_a_pdf_is_refused(tmp_path):
    source = tmp_path / "plan.pdf"
    source.write_bytes(b"PK\x03\x04 a zip file named .pdf")
    _refused(source, "not a PDF file")


def test_a_pdf_with_too_many_pages_is_refused_before_any_is_read(tmp_path):
    writer = pypdf.PdfWriter()
    for _ in range(pdf_reader.MAX_PAGES + 1):
        writer.add_blank_page(width=595, height=842)
    source = tmp_path / "huge.pdf"
    with open(source, "wb") as stream:
        writer.write(stream)
    _refused(source, f"more than {pdf_reader.MAX_PAGES} pages")


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1, the first the catalog), written by hand so that they are exact."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _stream(content: bytes, extra: str = "") -> bytes:
    return f"<< /Length {len(content)} {extra}>>\nstream\n".encode() + content + b"\nendstream"


def _one_page_pdf(content: bytes, extra: str = "", catalog: str = "", page: str = "",
                  more: list[bytes] | None = None) -> bytes:
    """One page whose content stream (object 4) is ``content``, with Helvetica as /F1 (object 5)."""
    return _pdf([f"<< /Type /Catalog /Pages 2 0 R {catalog}>>".encode(),
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                 f"/Resources << /Font << /F1 5 0 R >> >> {page}>>".encode(),
                 _stream(content, extra),
                 b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                 *(more or [])])


def _deflate_bomb(megabytes: int) -> bytes:
    """A zlib stream of ``megabytes`` MB of spaces, about a thousandth of that size, made without compressing
    it all: after a full flush, every further megabyte of spaces compresses to the same bytes."""
    chunk = b" " * 2 ** 20
    compressor = zlib.compressobj(9)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeat = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(megabytes):
        checksum = zlib.adler32(chunk, checksum)
    return first + repeat * (megabytes - 1) + b"\x03\x00" + checksum.to_bytes(4, "big")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the memory limit is measured on Linux")
def test_a_stream_that_inflates_past_the_memory_limit_is_refused_and_memory_stays_bounded(tmp_path):
    bomb = _deflate_bomb(1200)  # 1.2 GB of spaces in about a megabyte
    assert len(zlib.decompressobj().decompress(bomb, 2 ** 20)) == 2 ** 20  # a real zlib stream
    source = tmp_path / "bomb.pdf"
    source.write_bytes(_one_page_pdf(bomb, "/Filter /FlateDecode "))
    _refused(source, "memory")
    # The reader's peak memory, measured in a process of its own whose only child is the reader.
    measure = ("import resource, sys\nfrom openplan.importer import ImportProblem, import_document\n"
               "try:\n    import_document(sys.argv[1])\nexcept ImportProblem:\n    pass\n"
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", measure, str(source)], capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    peak = int(done.stdout.split()[-1]) * 1024  # Linux reports kilobytes
    assert 10 ** 8 < peak < 10 ** 9  # it did inflate far (the limit was reached), and stayed under 1 GB


def test_reading_that_takes_too_long_is_stopped(monkeypatch):
    monkeypatch.setattr(pdf_reader, "TIME_LIMIT", 0.05)
    monkeypatch.setattr(pdf_reader, "TIME_PER_PAGE", 0.001)
    with pytest.raises(ImportProblem) as raised:
        import_document(FINAL)
    assert raised.value.exit_code == 2
    assert "took longer than 0.05 seconds" in raised.value.message and str(FINAL) in raised.value.message


def test_javascript_links_and_embedded_files_are_never_followed(tmp_path):
    text = b"BT /F1 12 Tf 72 700 Td (1.1 Visible objective) Tj 0 -20 Td (a. Visible output.) Tj ET"
    hidden = b"# 7 Hidden area\n\n7.1 Hidden objective\n\n- a. Hidden output\n"
    source = tmp_path / "active.pdf"
    source.write_bytes(_one_page_pdf(
        text,
        catalog="/OpenAction 6 0 R /Names << /EmbeddedFiles << /Names [(hidden-plan.md) 7 0 R] >> >> ",
        page="/Annots [9 0 R] ",
        more=[b"<< /S /JavaScript /JS (app.launchURL('https://example.invalid/js', true);) >>",
              b"<< /Type /Filespec /F (hidden-plan.md) /EF << /F 8 0 R >> >>",
              _stream(hidden, "/Type /EmbeddedFile "),
              b"<< /Type /Annot /Subtype /Link /Rect [72 690 300 715] "
              b"/A << /S /URI /URI (https://example.invalid/link) >> >>"]))
    reader = pypdf.PdfReader(str(source))  # an independent reader sees all of it
    assert "hidden-plan.md" in reader.attachments and "/OpenAction" in reader.trailer["/Root"]
    assert reader.pages[0]["/Annots"][0].get_object()["/A"]["/URI"] == "https://example.invalid/link"
    blocks = read_pdf(source).blocks
    assert [(block.marker, block.text) for block in blocks] == [(None, "1.1 Visible objective"),
                                                                ("a", "Visible output.")]


def _pages_pdf(pages: list[list[tuple[float, str]]]) -> bytes:
    """A PDF whose pages hold these lines of 11pt Helvetica, each at (distance from the top, text)."""
    count = len(pages)
    kids = " ".join(f"{4 + 2 * index} 0 R" for index in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for index, lines in enumerate(pages):
        content = b"".join(f"BT /F1 11 Tf 72 {842 - top:.1f} Td ({text}) Tj ET\n".encode() for top, text in lines)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {5 + 2 * index} 0 R "
                       f"/Resources << /Font << /F1 3 0 R >> >> >>".encode())
        objects.append(_stream(content))
    return _pdf(objects)


def test_only_what_repeats_at_the_same_place_on_most_pages_is_furniture():
    # A line whose number changes but not with the page is content; so is a header's text away from the top.
    pages = [[(40, "Anytown Council Plan"), (100, f"Build {homes} homes."), (130, "Outputs"), (800, f"{number}")]
             for number, homes in ((1, 50), (2, 90), (3, 20))]
    pages[1][0] = (70, "Anytown Council Plan")  # on page 2 the header's words are lower down: content
    pages[2].append((160, "Outputs"))
    text = pdf_reader.extract(_pages_pdf(pages))
    assert text.dropped == ['Dropped page furniture: running header "Anytown Council Plan" (top of 2 of 3 pages)',
                            'Dropped page furniture: page numbers "1" to "3" (foot of 3 of 3 pages)']
    kept = [block.text for block in text.blocks]
    assert kept.count("Outputs") == 4  # an outputs label is content wherever it falls
    assert "Anytown Council Plan" in kept and "Build 90 homes." in kept
