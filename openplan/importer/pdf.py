"""Read a PDF plan as the blocks a Word document gives (:mod:`.blocks`): headings, paragraphs, list items and
the rows of action tables, for :mod:`.recognise` to turn into a plan.

A PDF has no headings or lists, only characters at positions in fonts. So:

* a heading is a short line set larger than the body text, or wholly in bold; its level is the rank of its size
  (larger first, bold before regular at the same size);
* a list item is a line that starts with a bullet, or with a number or letter ("a.", "iv)", "2.1"), and its
  depth is the rank of its indent among all list items;
* lines in the same style that follow closely, at the paragraph's own indent, are one paragraph, across a page
  break too;
* a ruled table whose first row names an action column ("Action", "Output" ...) and another ("Lead", "Due" ...)
  gives one row block per action, as a Word action table does; any other table gives one paragraph per cell;
* page furniture, a line repeated at the same place near the top or foot of most pages (a running header, a
  page number), is dropped and listed for the import report.

The pages become styled lines in :mod:`.pdf_lines`, lose their furniture in :mod:`.pdf_furniture` and become
blocks in :mod:`.pdf_blocks`; this module runs those steps, in a process of their own.

The PDF is read by pdfplumber (on pdfminer.six) in a separate Python process with at most
:data:`MEMORY_LIMIT` bytes of memory and :data:`TIME_LIMIT` seconds (:data:`TIME_PER_PAGE` a page for a long
PDF), after its pages are counted against :data:`MAX_PAGES`, so that no file, however built, can exhaust the
memory or the time of the command that reads it. Nothing in the PDF is run or followed: pdfminer reads
text and drawing operators only, and never JavaScript, links, forms or embedded files.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

from .blocks import MAX_BYTES, Block, ReadProblem
from .pdf_blocks import to_blocks
from .pdf_furniture import drop_furniture
from .pdf_lines import Line, count_pages, open_pdf, read_line, title_of, unwrap

MAX_PAGES = 400  # a long plan has a hundred pages; past this is a report pack or a mistake
# Seconds of wall-clock time for reading a PDF: pdfminer reads a page of text in a fifth to half a second, so
# TIME_LIMIT for opening it and its first pages, and TIME_PER_PAGE for each page from there.
TIME_LIMIT = 30.0
TIME_PER_PAGE = 0.75
MEMORY_LIMIT = 900 * 1024 * 1024  # bytes of address space for the process that reads it
MAX_CHARS = 5_000_000  # characters of text in all: ten times the longest plan

_NO_TEXT = ("it has no text to read: its pages are images, as a scanned document is; import the Word original, "
            "or run the PDF through text recognition (OCR) first")


@dataclass
class PdfText:
    """What a PDF held: its blocks, the title in its properties, and what was dropped (lines for the import
    report)."""

    blocks: list[Block]
    title: str | None
    dropped: list[str] = field(default_factory=list)


def read_pdf(path: Path) -> PdfText:
    """The blocks of a PDF file. Raises :class:`ReadProblem` if it cannot be read, and ``LoadError`` if it is not
    a regular file or is larger than the limit."""
    from ..loader import read_limited

    raw = read_limited(path, str(path), MAX_BYTES)  # regular files only, bounded
    if b"%PDF-" not in raw[:1024]:
        raise ReadProblem("it is not a PDF file (it does not start with %PDF-)")
    return _read_in_child(raw)


# --- the reading process -----------------------------------------------------------


def _read_in_child(raw: bytes) -> PdfText:
    root = str(Path(__file__).resolve().parents[2])  # the folder that holds the openplan package
    code = "import sys; sys.path.insert(0, sys.argv[1]); from openplan.importer.pdf import _child; _child()"
    # -P: nothing from the current folder is imported; the package comes from where this one was loaded.
    command = [sys.executable or "python3", "-P", "-c", code, root, str(MAX_PAGES), str(MEMORY_LIMIT),
               str(MAX_CHARS), repr(TIME_LIMIT), repr(TIME_PER_PAGE)]
    most = _budget(MAX_PAGES, TIME_LIMIT, TIME_PER_PAGE) + 5  # the reader keeps its own time; this is a backstop
    try:
        done = subprocess.run(command, input=raw, capture_output=True, timeout=most)
    except subprocess.TimeoutExpired:
        raise ReadProblem(_too_slow(most)) from None
    except OSError as exc:
        raise ReadProblem(f"the PDF reader could not be started ({exc.strerror or exc})") from None
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        how = f"stopped by signal {-done.returncode}" if done.returncode < 0 else f"exit code {done.returncode}"
        raise ReadProblem(f"it could not be read within the limits for a PDF ({MEMORY_LIMIT // 2 ** 20:,} MB of "
                          f"memory, {TIME_LIMIT:g} seconds and {TIME_PER_PAGE:g} a page): the reader stopped "
                          f"({how})")
    if "problem" in answer:
        raise ReadProblem(answer["problem"])
    return PdfText([Block(**block) for block in answer["blocks"]], answer["title"], answer["dropped"])


def _budget(pages: int, base: float, per_page: float) -> float:
    return max(base, per_page * pages)


def _too_slow(seconds: float) -> str:
    return (f"reading it took longer than {seconds:g} seconds, the limit for a PDF of its length, so it was stopped "
            "(a page of a plan reads in under a second)")


class _TimeUp(BaseException):
    """Out of time. Not an Exception, so that no handler in the PDF library can swallow it."""


def _alarm(left: float | None, limit: float) -> None:
    """Interrupt the reading ``left`` seconds from now, or never if ``left`` is None (POSIX; elsewhere the
    parent's backstop stops it). ``limit`` is the whole time allowed, for the message."""
    import signal

    if hasattr(signal, "setitimer"):
        def stop(signum: int, frame: Any) -> None:
            raise _TimeUp(limit)

        signal.signal(signal.SIGALRM, stop)
        signal.setitimer(signal.ITIMER_REAL, max(left, 0.001) if left is not None else 0)


def _limit(memory: int, seconds: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: the parent's time limit still holds
        return
    for kind, value in ((resource.RLIMIT_AS, memory), (resource.RLIMIT_CPU, seconds)):
        try:
            _, hard = resource.getrlimit(kind)
            resource.setrlimit(kind, (value if hard == resource.RLIM_INFINITY else min(value, hard), hard))
        except (ValueError, OSError):  # a platform that does not enforce it (macOS and RLIMIT_AS)
            pass


def _child() -> None:
    """The reading process: a PDF on standard input, its blocks as JSON on standard output."""
    max_pages, memory, max_chars = (int(value) for value in sys.argv[2:5])
    base, per_page = float(sys.argv[5]), float(sys.argv[6])
    began = time.monotonic()
    _limit(memory, int(_budget(max_pages, base, per_page)) + 5)
    raw = sys.stdin.buffer.read()

    def counted(pages: int) -> None:
        limit = _budget(pages, base, per_page)
        _alarm(limit - (time.monotonic() - began), limit)

    try:
        _alarm(base, base)
        text = extract(raw, max_pages=max_pages, max_chars=max_chars, counted=counted)
        _alarm(None, 0)
        answer: dict[str, Any] = {"blocks": [asdict(block) for block in text.blocks], "title": text.title,
                                  "dropped": text.dropped}
    except ReadProblem as problem:
        answer = {"problem": str(problem)}
    except _TimeUp as late:
        answer = {"problem": _too_slow(late.args[0])}
    except Exception as exc:  # pdfminer's errors on damaged files have no common base
        cause = unwrap(exc)
        if isinstance(cause, MemoryError):
            problem = (f"it needs more than the {memory // 2 ** 20:,} MB of memory allowed for reading a PDF (a page "
                       "or a compressed stream in it is far larger than any plan's)")
        elif isinstance(cause, RecursionError):
            problem = "it is a damaged PDF: its objects nest deeper than any PDF's"
        else:
            problem = f"it is a damaged PDF ({type(cause).__name__}: {str(cause)[:160]})"
        answer = {"problem": problem}
    sys.stdout.write(json.dumps(answer))



def extract(raw: bytes, *, max_pages: int = MAX_PAGES, max_chars: int = MAX_CHARS,
            counted: Callable[[int], None] | None = None) -> PdfText:
    """The blocks of a PDF given as bytes, read in this process. Raises :class:`ReadProblem`. ``counted`` is told
    the number of pages before any is read."""
    pdf = open_pdf(raw)
    try:
        pages = count_pages(pdf, max_pages)
        if counted is not None:
            counted(pages)
        title = title_of(pdf)
        lines: list[Line] = []
        tables: list[tuple[int, float, list[list[str]]]] = []  # (page, top, cells)
        image_pages: list[int] = []
        chars = 0
        for page_number, page in enumerate(pdf.pages, start=1):
            height = float(page.height)
            found = page.find_tables()
            boxes = [table.bbox for table in found]
            for table in found:
                cells = [[" ".join((cell or "").split()) for cell in row] for row in table.extract()]
                tables.append((page_number, float(table.bbox[1]), cells))
            page_lines = []
            for number, raw_line in enumerate(page.extract_text_lines(return_chars=True), start=1):
                line = read_line(page_number, number, raw_line, height)
                if line is None:
                    continue
                middle = (line.top + line.bottom) / 2
                if any(box[1] <= middle <= box[3] and line.x0 < box[2] and box[0] < line.x0 + 1 for box in boxes):
                    continue  # read with its table
                page_lines.append(line)
                chars += len(line.text)
            if not page_lines and not found and page.images:
                image_pages.append(page_number)
            lines.extend(page_lines)
            page.close()  # frees the page's parsed objects: memory stays that of one page
            if chars > max_chars:
                raise ReadProblem(f"it holds more than {max_chars:,} characters of text, the limit for a plan")
    finally:
        pdf.close()
    if not lines and not tables:
        if image_pages:
            raise ReadProblem(_NO_TEXT)
        raise ReadProblem("it has no text to read")
    lines, dropped = drop_furniture(lines, pages)
    if image_pages:
        shown = ", ".join(str(number) for number in image_pages[:10]) + (" ..." if len(image_pages) > 10 else "")
        dropped.append(f"Not read: {len(image_pages)} page{'s' if len(image_pages) > 1 else ''} with no text, only "
                       f"images (scanned?): page {shown}")
    return PdfText(to_blocks(lines, tables), title, dropped)
