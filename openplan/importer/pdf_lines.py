"""A PDF's pages as styled lines of text (:class:`Line`), read with pdfplumber: the raw material of
:mod:`.pdf_blocks`."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .blocks import ReadProblem

_PASSWORD = ("it is protected by a password, so its text cannot be read; save a copy without the password (in "
             "the PDF reader that opens it, print it to a new PDF) and import that")
# Bullets as PDFs draw them, including Word's Symbol and Wingdings bullets (private-use characters).
PDF_BULLETS = "•▪◦‣·●○■□➢►▶✓✔\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8\uf06e\uf0e0"
DASHES = "–—-"
LETTER_MARKER = re.compile(r"^\(?(?:[a-z]|[ivx]{1,5})[.)]\s")
NUMBER_MARKER = re.compile(r"^\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s")
_BOLD = re.compile(r"bold|black|heavy|semibold|demibold|extrabold", re.IGNORECASE)
_JUNK_TITLE = re.compile(r"^(?:microsoft \w+ - |untitled)|\.(?:docx?|pdf|rtf|odt)$", re.IGNORECASE)


def unwrap(exc: BaseException) -> BaseException:
    """The error pdfplumber wrapped (as PdfminerException(error))."""
    for _ in range(10):
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        if inner is None:
            break
        exc = inner
    return exc


@dataclass
class Line:
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


def open_pdf(raw: bytes) -> Any:
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect
    except ImportError:
        raise ReadProblem("reading PDF needs the pdfplumber package, which is not installed: "
                          "python -m pip install pdfplumber") from None
    try:
        return pdfplumber.open(io.BytesIO(raw))
    except Exception as exc:  # pdfplumber wraps pdfminer's error (PdfminerException), which has no common base
        cause = unwrap(exc)
        if isinstance(cause, (MemoryError, RecursionError)):
            raise cause from None
        if isinstance(cause, PDFPasswordIncorrect):
            raise ReadProblem(_PASSWORD) from None
        raise ReadProblem(f"it is a damaged PDF ({type(cause).__name__}: {str(cause)[:160] or 'unreadable'})") \
            from None


def count_pages(pdf: Any, max_pages: int) -> int:
    from pdfminer.pdfpage import PDFPage

    count = 0
    for _ in PDFPage.create_pages(pdf.doc):  # walks the page tree without reading any page
        count += 1
        if count > max_pages:
            raise ReadProblem(f"it has more than {max_pages:,} pages, the limit for a plan; import the part that "
                              "holds the plan (save those pages as a PDF of their own)")
    return count


def title_of(pdf: Any) -> str | None:
    title = pdf.metadata.get("Title")
    if isinstance(title, str):
        title = " ".join(title.split())
        if 3 <= len(title) <= 200 and not _JUNK_TITLE.search(title):
            return title
    return None


def _round(size: float) -> float:
    return round(size * 2) / 2


def read_line(page_number: int, number: int, raw: dict, height: float) -> Line | None:
    chars = [char for char in raw.get("chars", []) if char.get("text", "").strip()]
    text = " ".join(str(raw.get("text", "")).split())
    if not chars or not text:
        return None
    for bullet in PDF_BULLETS:
        text = text.replace(bullet, "•")
    sizes = Counter(_round(float(char.get("size", 0))) for char in chars)
    bold = all(_BOLD.search(str(char.get("fontname", ""))) for char in chars)
    x0 = float(raw["x0"])
    text_x = x0
    first = text.split(" ", 1)[0]
    if len(text) > len(first) and (first in ("•", *DASHES) or LETTER_MARKER.match(text)
                                   or NUMBER_MARKER.match(text)):
        text_x = float(chars[min(len(first.replace(" ", "")), len(chars) - 1)]["x0"])
    top, bottom = float(raw["top"]), float(raw["bottom"])
    return Line(page_number, number, text, x0, float(raw["x1"]), text_x, top, bottom, sizes.most_common(1)[0][0],
                 bold, top, height - bottom, height)
