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

The PDF is read by pdfplumber (on pdfminer.six) in a separate Python process with at most
:data:`MEMORY_LIMIT` bytes of memory and :data:`TIME_LIMIT` seconds (:data:`TIME_PER_PAGE` a page for a long
PDF), after its pages are counted against :data:`MAX_PAGES`, so that no file, however built, can exhaust the
memory or the time of the command that reads it. Nothing in the PDF is run or followed: pdfminer reads
text and drawing operators only, and never JavaScript, links, forms or embedded files.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

from .blocks import _COLUMNS, MAX_BYTES, Block, ReadProblem
from .recognise import MARKER, OBJECTIVE, OUTPUTS_LABEL

MAX_PAGES = 400  # a long plan has a hundred pages; past this is a report pack or a mistake
# Seconds of wall-clock time for reading a PDF: pdfminer reads a page of text in a fifth to half a second, so
# TIME_LIMIT for opening it and its first pages, and TIME_PER_PAGE for each page from there.
TIME_LIMIT = 30.0
TIME_PER_PAGE = 0.75
MEMORY_LIMIT = 900 * 1024 * 1024  # bytes of address space for the process that reads it
MAX_CHARS = 5_000_000  # characters of text in all: ten times the longest plan

_PASSWORD = ("it is protected by a password, so its text cannot be read; save a copy without the password (in "
             "the PDF reader that opens it, print it to a new PDF) and import that")
_NO_TEXT = ("it has no text to read: its pages are images, as a scanned document is; import the Word original, "
            "or run the PDF through text recognition (OCR) first")
# Bullets as PDFs draw them, including Word's Symbol and Wingdings bullets (private-use characters).
_BULLETS = "•▪◦‣·●○■□➢►▶✓✔\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8\uf06e\uf0e0"
_DASHES = "–—-"
_LETTER_MARKER = re.compile(r"^\(?(?:[a-z]|[ivx]{1,5})[.)]\s")
_NUMBER_MARKER = re.compile(r"^\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s")
_BOLD = re.compile(r"bold|black|heavy|semibold|demibold|extrabold", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_ENDS_SENTENCE = re.compile(r"[.!?:;]['\"’”)]?$")
_BAND = 0.2  # page furniture lies within this share of the page's height from its top or foot
_JUNK_TITLE = re.compile(r"^(?:microsoft \w+ - |untitled)|\.(?:docx?|pdf|rtf|odt)$", re.IGNORECASE)


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
        cause = _unwrap(exc)
        if isinstance(cause, MemoryError):
            problem = (f"it needs more than the {memory // 2 ** 20:,} MB of memory allowed for reading a PDF (a page "
                       "or a compressed stream in it is far larger than any plan's)")
        elif isinstance(cause, RecursionError):
            problem = "it is a damaged PDF: its objects nest deeper than any PDF's"
        else:
            problem = f"it is a damaged PDF ({type(cause).__name__}: {str(cause)[:160]})"
        answer = {"problem": problem}
    sys.stdout.write(json.dumps(answer))


def _unwrap(exc: BaseException) -> BaseException:
    """The error pdfplumber wrapped (as PdfminerException(error))."""
    for _ in range(10):
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        if inner is None:
            break
        exc = inner
    return exc


# --- extraction ----------------------------------------------------------------------


@dataclass
class _Line:
    page: int
    number: int  # the line's number on its page, counting from the top
    text: str
    x0: float
    x1: float
    text_x: float  # where the text after a bullet or list number starts
    top: float
    bottom: float
    size: float
    bold: bool
    from_top: float  # distance of the line's top from the top of the page, and of its foot from the foot
    from_foot: float
    page_height: float

    @property
    def style(self) -> tuple[float, bool]:
        return self.size, self.bold


def _open(raw: bytes) -> Any:
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect
    except ImportError:
        raise ReadProblem("reading PDF needs the pdfplumber package, which is not installed: "
                          "python -m pip install pdfplumber") from None
    try:
        return pdfplumber.open(io.BytesIO(raw))
    except Exception as exc:  # pdfplumber wraps pdfminer's error (PdfminerException), which has no common base
        cause = _unwrap(exc)
        if isinstance(cause, (MemoryError, RecursionError)):
            raise cause from None
        if isinstance(cause, PDFPasswordIncorrect):
            raise ReadProblem(_PASSWORD) from None
        raise ReadProblem(f"it is a damaged PDF ({type(cause).__name__}: {str(cause)[:160] or 'unreadable'})") \
            from None


def _count_pages(pdf: Any, max_pages: int) -> int:
    from pdfminer.pdfpage import PDFPage

    count = 0
    for _ in PDFPage.create_pages(pdf.doc):  # walks the page tree without reading any page
        count += 1
        if count > max_pages:
            raise ReadProblem(f"it has more than {max_pages:,} pages, the limit for a plan; import the part that "
                              "holds the plan (save those pages as a PDF of their own)")
    return count


def _title(pdf: Any) -> str | None:
    title = pdf.metadata.get("Title")
    if isinstance(title, str):
        title = " ".join(title.split())
        if 3 <= len(title) <= 200 and not _JUNK_TITLE.search(title):
            return title
    return None


def _round(size: float) -> float:
    return round(size * 2) / 2


def _line(page_number: int, number: int, raw: dict, height: float) -> _Line | None:
    chars = [char for char in raw.get("chars", []) if char.get("text", "").strip()]
    text = " ".join(str(raw.get("text", "")).split())
    if not chars or not text:
        return None
    for bullet in _BULLETS:
        text = text.replace(bullet, "•")
    sizes = Counter(_round(float(char.get("size", 0))) for char in chars)
    bold = all(_BOLD.search(str(char.get("fontname", ""))) for char in chars)
    x0 = float(raw["x0"])
    text_x = x0
    first = text.split(" ", 1)[0]
    if len(text) > len(first) and (first in ("•", *_DASHES) or _LETTER_MARKER.match(text)
                                   or _NUMBER_MARKER.match(text)):
        text_x = float(chars[min(len(first.replace(" ", "")), len(chars) - 1)]["x0"])
    top, bottom = float(raw["top"]), float(raw["bottom"])
    return _Line(page_number, number, text, x0, float(raw["x1"]), text_x, top, bottom, sizes.most_common(1)[0][0],
                 bold, top, height - bottom, height)


def extract(raw: bytes, *, max_pages: int = MAX_PAGES, max_chars: int = MAX_CHARS,
            counted: Callable[[int], None] | None = None) -> PdfText:
    """The blocks of a PDF given as bytes, read in this process. Raises :class:`ReadProblem`. ``counted`` is told
    the number of pages before any is read."""
    pdf = _open(raw)
    try:
        pages = _count_pages(pdf, max_pages)
        if counted is not None:
            counted(pages)
        title = _title(pdf)
        lines: list[_Line] = []
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
                line = _line(page_number, number, raw_line, height)
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
    lines, dropped = _drop_furniture(lines, pages)
    if image_pages:
        shown = ", ".join(str(number) for number in image_pages[:10]) + (" ..." if len(image_pages) > 10 else "")
        dropped.append(f"Not read: {len(image_pages)} page{'s' if len(image_pages) > 1 else ''} with no text, only "
                       f"images (scanned?): page {shown}")
    return PdfText(_blocks(lines, tables), title, dropped)


# --- page furniture -----------------------------------------------------------------


def _drop_furniture(lines: list[_Line], pages: int) -> tuple[list[_Line], list[str]]:
    """Lines repeated at the same place near the top or foot of most pages (page numbers count as the same
    line): running headers and footers. Returns the other lines and a description of what was dropped."""
    if pages < 2:
        return lines, []

    def places(line: _Line) -> list[tuple[str, str, int]]:
        """The line's shape (its digits as N) and where it is: which edge, and how far from it (4pt steps)."""
        if len(line.text) > 120 or not any(char.isalnum() for char in line.text) or OUTPUTS_LABEL.match(line.text) \
                or OBJECTIVE.match(line.text):
            return []  # content, however often it falls at the same place: a long line, a bullet, "Outputs", "2.1 ..."
        return [(_DIGITS.sub("N", line.text), edge, round(distance / 4))
                for edge, distance in (("top", line.from_top), ("foot", line.from_foot))
                if distance <= line.page_height * _BAND]

    def repeated(instances: dict[int, str]) -> bool:
        """The same text on each page, or a number in it that goes up with the page: a page number."""
        if len(set(instances.values())) == 1:
            return True
        offsets = None
        for page, text in instances.items():
            found = {int(number) - page for number in _DIGITS.findall(text)[:5]}
            offsets = found if offsets is None else offsets & found
        return bool(offsets)

    on: dict[tuple[str, str, int], dict[int, str]] = defaultdict(dict)
    for line in lines:
        for place in places(line):
            on[place].setdefault(line.page, line.text)
    furniture: set[tuple[str, str, int]] = set()
    for shape, edge, step in list(on):
        nearby = [(shape, edge, step + offset) for offset in (-1, 0, 1)]  # a place on a step's border
        instances = {page: text for place in nearby for page, text in on.get(place, {}).items()}
        if len(instances) >= max(pages // 2 + 1, 2) and repeated(instances):
            furniture.update(nearby)
    found: dict[tuple[str, str], list[_Line]] = defaultdict(list)
    kept = []
    for line in lines:
        place = next((place for place in places(line) if place in furniture), None)
        if place is None:
            kept.append(line)
        else:
            found[place[:2]].append(line)
    dropped = []
    for (shape, edge), instances in sorted(found.items(), key=lambda item: (item[0][1] != "top", item[0][0])):
        first, last = instances[0].text, instances[-1].text
        count = len({line.page for line in instances})
        if first != last or any(line.text != first for line in instances):  # a number that changes: page numbers
            what = f'page numbers "{first}" to "{last}"'
        else:
            what = f'running {"header" if edge == "top" else "footer"} "{first}"'
        dropped.append(f"Dropped page furniture: {what} ({'top' if edge == 'top' else 'foot'} of {count} of {pages} "
                       "pages)")
    return kept, dropped


# --- blocks -----------------------------------------------------------------------


def _is_bullet(text: str) -> bool:
    return text[:1] == "•"


def _starts_item(line: _Line) -> bool:
    """Whether the line starts a list item whatever its indent: a bullet or dash, or a letter or roman number."""
    return _is_bullet(line.text) or line.text[:2] in ("– ", "— ", "- ") or bool(_LETTER_MARKER.match(line.text))


def _starts_number(line: _Line) -> bool:
    return bool(_NUMBER_MARKER.match(line.text))


def _clusters(values: list[float], tolerance: float = 3.0) -> list[float]:
    centres: list[float] = []
    for value in sorted(values):
        if not centres or value - centres[-1] > tolerance:
            centres.append(value)
    return centres


@dataclass
class _Open:
    """A block being assembled from lines."""

    kind: str
    lines: list[_Line]
    level: int = 0

    @property
    def last(self) -> _Line:
        return self.lines[-1]

    def text(self) -> str:
        out = ""
        for line in self.lines:
            if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line.text[:1].isalpha():
                out += line.text  # a word broken at its hyphen: "co-" + "ordinating"
            else:
                out = f"{out} {line.text}" if out else line.text
        return out

    def continuation_x(self) -> float:
        return self.lines[1].x0 if len(self.lines) > 1 else self.lines[0].text_x


def _blocks(lines: list[_Line], tables: list[tuple[int, float, list[list[str]]]]) -> list[Block]:
    if not lines:
        return [block for _, _, cells in tables for block in _table_blocks(cells, "?")]
    sizes: Counter = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    body = sizes.most_common(1)[0][0]
    margin = min(line.x0 for line in lines if line.size == body)
    ends = sorted(line.x1 for line in lines if line.size == body)
    right = ends[len(ends) * 9 // 10]  # the right margin: where most full lines of body text end

    def is_heading(line: _Line) -> bool:
        if len(line.text) > 200 or _starts_item(line):
            return False
        return line.size >= body + 1 or (line.bold and line.size >= body - 0.5)

    heading_styles = sorted({line.style for line in lines if is_heading(line)}, key=lambda s: (-s[0], not s[1]))
    heading_level = {style: min(rank + 1, 6) for rank, style in enumerate(heading_styles)}
    item_lines = [line for line in lines if _starts_item(line) or (_starts_number(line) and line.x0 > margin + 4)]
    indents = _clusters([line.x0 for line in item_lines])

    def depth(x: float) -> int:
        return min(range(len(indents)), key=lambda rank: abs(indents[rank] - x)) if indents else 0

    def continues(block: _Open, line: _Line) -> bool:
        last = block.last
        if block.kind == "heading":
            return is_heading(line) and line.style == last.style and line.page == last.page \
                and line.top - last.bottom <= line.size * 0.6
        if is_heading(line) or _starts_item(line) and not (line.text[:1] in _DASHES and
                                                            abs(line.x0 - block.continuation_x()) <= 2):
            return False
        if abs(line.size - last.size) >= 1:
            return False
        indented = block.lines[0].x0 - 2 <= line.x0 <= block.continuation_x() + 2
        if line.page != last.page:  # across a page break: the last line must be full and its sentence go on
            full = last.x1 >= right - 0.2 * (right - margin)
            return indented and full and (not _ENDS_SENTENCE.search(last.text) or line.text[:1].islower()) \
                and not _starts_number(line)
        if line.top - last.bottom > body * 0.6 or not indented:
            return False
        return not _starts_number(line) or abs(line.x0 - block.continuation_x()) <= 2

    elements: list[tuple[int, float, int, Any]] = [(line.page, line.top, 0, line) for line in lines]
    elements += [(page, top, 1, cells) for page, top, cells in tables]
    elements.sort(key=lambda element: element[:3])
    out: list[Block] = []
    current: _Open | None = None

    def close() -> None:
        if current is None:
            return
        first = current.lines[0]
        text, marker = current.text(), None
        if current.kind == "item":
            # The bullet or list number a reader sees is the item's marker, as Word's generated numbering is.
            if text[:1] == "•" or text[:2] in ("– ", "— ", "- "):
                text = text[1:].strip()
            else:
                found = MARKER.match(text)
                if found:
                    marker, text = found.group(1), found.group(2)
        if text.strip(_BULLETS + _DASHES + " "):  # an empty bullet is the start of a list nested in it
            out.append(Block(current.kind, text, current.level, marker, f"page {first.page}, line {first.number}"))

    for page, _, _, element in elements:
        if not isinstance(element, _Line):
            close()
            current = None
            out.extend(_table_blocks(element, f"page {page}"))
            continue
        line = element
        if current is not None and continues(current, line):
            current.lines.append(line)
            continue
        close()
        if is_heading(line):
            current = _Open("heading", [line], heading_level[line.style])
        elif _starts_item(line) or (_starts_number(line) and line.x0 > margin + 4):
            current = _Open("item", [line], depth(line.x0))
        else:
            current = _Open("paragraph", [line])
    close()
    return out


def _table_blocks(cells: list[list[str]], where: str) -> list[Block]:
    """An action table as rows, as :mod:`.blocks` reads a Word one; any other table as one paragraph a cell."""
    if not cells:
        return []
    columns: dict[str, int] = {}
    for position, heading in enumerate(cells[0]):
        words = heading.lower().strip(" :")
        for name, pattern in _COLUMNS.items():
            if name not in columns and pattern.match(words):
                columns[name] = position
                break
    if "action" in columns and len(columns) >= 2:
        rows = []
        for number, row in enumerate(cells[1:], start=2):
            values = {name: row[position] if position < len(row) else "" for name, position in columns.items()}
            if not values["action"]:
                continue
            ref = values.get("ref") or None
            fields = {key: value for key, value in values.items() if key != "action" and value}
            rows.append(Block("row", values["action"], 0, ref.strip(" .)(").lower() if ref else None,
                              f"table row {number} at {where}", fields))
        return rows
    return [Block("paragraph", text, 0, None, f"table at {where}") for row in cells for text in row if text]
