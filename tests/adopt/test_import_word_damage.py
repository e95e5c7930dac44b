"""Damaged and hostile Word documents: `openplan import` refuses each with one plain line naming the file and
exit code 2, in bounded time and memory; never "internal error". Each case is the reproduction it was reported
with, built here from a few lines of XML (the same files are in the bad-input corpus, run by every command)."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

from openplan.importer import ImportProblem, import_document
from openplan.importer.blocks import MAX_BLOCKS, MAX_UNPACKED, MAX_XML

from ..badinput.build_corpus import WORD, WORD_PLAN, docx_bytes, word_paragraph
from ..conftest import assert_no_traceback, run_openplan

REFUSED = {
    "word/malformed.docx": "word/document.xml is not well-formed XML",
    "word/nesting-300.docx": "nests its XML deeper than 256 levels",
    "word/entity-bomb.docx": "declares a DTD or XML entities",
    "word/list-start-not-a-number.docx": 'a list start (w:start) has "abc"',
    "word/list-start-10-to-the-12.docx": 'a list start (w:start) has "1000000000000"',
    "word/list-level-10.docx": 'a list level (w:ilvl) has "10"',
    "word/list-level-negative.docx": 'a list level (w:ilvl) has "-1"',
    "word/outline-level-without-value.docx": "an outline level (w:outlineLvl) has no value",
    "word/grid-span-50-million.docx": "a table cell's column span (w:gridSpan) has \"50000000\"",
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_damaged_document_is_refused_with_one_line_naming_the_file(tmp_path, name):
    source = tmp_path / Path(name).name
    source.write_bytes(WORD[name])
    with pytest.raises(ImportProblem) as raised:
        import_document(source)
    assert raised.value.exit_code == 2
    assert raised.value.message.startswith(f"{source}: it is a damaged Word document: ")
    assert REFUSED[name] in raised.value.message and "\n" not in raised.value.message
    run = run_openplan("import", str(source), "-o", str(tmp_path / "draft.yaml"), timeout=30)
    assert_no_traceback(run)
    assert run.code == 2 and "internal error" not in run.output
    assert run.stderr.strip().splitlines() == [f"openplan import: {source}: {raised.value.message.split(': ', 1)[1]}"]
    assert not (tmp_path / "draft.yaml").exists()


def test_cells_of_a_vertical_merge_that_never_started_are_read_as_they_are(tmp_path):
    source = tmp_path / "merged.docx"
    source.write_bytes(WORD["word/stray-vertical-merge.docx"])
    (area,) = import_document(source).data["areas"]
    assert [output["text"] for output in area["objectives"][0]["outputs"]] == ["Build homes", "Buy homes"]


def _limited_import(source: Path, target: Path) -> tuple[int, str, float]:
    """`openplan import` in a process held to 1 GB of memory; returns its exit code, output and the processor
    seconds it used (not the wall-clock time, which a busy machine stretches)."""
    import resource
    import subprocess

    code = ("import resource, sys\n"
            "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
            "sys.argv = ['openplan', 'import', sys.argv[1], '-o', sys.argv[2]]\n"
            "from openplan.cli import run\n"
            "run()\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-c", code, str(source), str(target)], capture_output=True, text=True,
                          timeout=300)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return done.returncode, done.stdout + done.stderr, seconds


@pytest.mark.skipif(sys.platform == "win32", reason="memory limits need POSIX resource limits")
def test_a_100_mb_document_in_a_small_zip_is_refused_from_its_declared_size(tmp_path):
    paragraph = word_paragraph("Deliver more homes across the borough with partners and residents")
    source = tmp_path / "big.docx"
    source.write_bytes(docx_bytes(WORD_PLAN + paragraph * (100 * 1024 * 1024 // len(paragraph)), compress=True))
    assert source.stat().st_size < 1024 * 1024
    code, output, seconds = _limited_import(source, tmp_path / "draft.yaml")
    assert code == 2, output
    assert f"more than the limit of {MAX_UNPACKED:,} bytes" in output and str(source) in output
    assert seconds < 30


@pytest.mark.skipif(sys.platform == "win32", reason="memory limits need POSIX resource limits")
def test_the_largest_document_accepted_imports_within_the_time_and_memory_bounds(tmp_path):
    """As many outputs as an import takes, all with the same first words, so the same id: numbering the ids
    -2, -3 ... searched from -2 each time, and 40,000 of them took more than five minutes."""
    items = "".join(word_paragraph(f"{chr(ord('a') + n % 26)}. Build homes in street {n}")
                    for n in range(MAX_BLOCKS - 10))
    source = tmp_path / "long.docx"
    source.write_bytes(docx_bytes(WORD_PLAN + items, compress=True))
    code, output, seconds = _limited_import(source, tmp_path / "draft.yaml")
    assert code == 0, output
    assert f"{MAX_BLOCKS - 10:,} outputs".replace(",", "") in output.replace(",", "")
    assert seconds < 30, seconds


def test_a_document_of_more_blocks_than_the_limit_is_refused_before_recognition(tmp_path):
    source = tmp_path / "many.docx"
    source.write_bytes(docx_bytes(WORD_PLAN + word_paragraph("Text.") * (MAX_BLOCKS + 1), compress=True))
    with pytest.raises(ImportProblem) as raised:
        import_document(source)
    assert raised.value.exit_code == 2
    assert f"more than the limit of {MAX_BLOCKS:,} for a plan" in raised.value.message


def test_a_part_that_inflates_past_its_declared_size_is_refused(tmp_path):
    """The zip's directory says document.xml is small; its data says otherwise. Only the declared bytes are
    ever inflated, and then the checksum fails."""
    honest = docx_bytes(WORD_PLAN + word_paragraph("a. Build homes") * 1000, compress=True)
    with zipfile.ZipFile(io.BytesIO(honest)) as archive:
        info = archive.getinfo("word/document.xml")
    size = info.file_size.to_bytes(4, "little")
    small = (200).to_bytes(4, "little")
    assert honest.count(size) == 2  # in the local header and in the central directory
    source = tmp_path / "lying.docx"
    source.write_bytes(honest.replace(size, small))
    with pytest.raises(ImportProblem) as raised:
        import_document(source)
    assert raised.value.exit_code == 2 and str(source) in raised.value.message


def test_a_document_over_the_xml_limit_is_refused_before_it_is_parsed(tmp_path):
    paragraph = word_paragraph("Deliver more homes across the borough with partners and residents")
    source = tmp_path / "long.docx"
    source.write_bytes(docx_bytes(WORD_PLAN + paragraph * ((MAX_XML + 4096) // len(paragraph)), compress=True))
    with pytest.raises(ImportProblem) as raised:
        import_document(source)
    assert raised.value.exit_code == 2
    assert f"more than the limit of {MAX_XML:,} bytes" in raised.value.message


def test_a_part_in_an_encoding_word_never_writes_is_refused_unparsed(tmp_path):
    """An 8-bit encoding such as EBCDIC could hide a DTD from the check for one; Word writes UTF-8."""
    body = ('<?xml version="1.0" encoding="cp037"?><w:document '
            'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>')
    source = tmp_path / "ebcdic.docx"
    source.write_bytes(docx_bytes(document=body))
    with pytest.raises(ImportProblem) as raised:
        import_document(source)
    assert raised.value.exit_code == 2 and "declares the text encoding 'cp037'" in raised.value.message


def test_a_zip_entry_named_in_broken_utf8_is_refused_as_not_a_word_document(tmp_path):
    """The zip flags its names as UTF-8, and one is not: zipfile raises UnicodeDecodeError on opening it."""
    raw = bytearray(docx_bytes(WORD_PLAN))
    central = raw.index(b"PK\x01\x02")
    raw[central + 8:central + 10] = (0x0800).to_bytes(2, "little")  # general purpose flags: names in UTF-8
    name = raw.index(b"[Content_Types].xml", central)
    raw[name] = 0xFF
    source = tmp_path / "names.docx"
    source.write_bytes(bytes(raw))
    with pytest.raises(ImportProblem) as raised:
        import_document(source)
    assert raised.value.exit_code == 2 and "it is not a Word .docx document" in raised.value.message


def test_many_outputs_with_the_same_first_words_get_their_ids_in_linear_time():
    """Ids of alike outputs are numbered -2, -3 ...; each used to be searched for from -2, so 40,000 of them
    took minutes (a document under every size limit can hold that many)."""
    import time

    from openplan.importer.blocks import Block
    from openplan.importer.recognise import recognise

    blocks = [Block("paragraph", "1.1 More homes", 0, None, "paragraph 1")]
    blocks += [Block("item", f"Build homes in street {n}", 0, chr(ord("a") + n % 26), f"paragraph {n + 2}")
               for n in range(40_000)]
    started = time.process_time()
    draft = recognise(blocks)
    outputs = draft.areas[0]["objectives"][0]["outputs"]
    assert len(outputs) == 40_000 and outputs[-1]["id"] == "out.more-homes.build-homes-40000"
    assert time.process_time() - started < 20
