"""Read a Word or Markdown document as a flat run of blocks: headings, paragraphs and list items.

A block keeps what structure recognition needs and nothing else: its text, its heading level or list depth,
the list number Word or Markdown generated (which is not part of the text), and where it is in the document.
Nothing is executed and nothing is fetched: a .docx is read as XML by python-docx, Markdown by markdown-it-py.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

MAX_BYTES = 50 * 1024 * 1024


class ReadProblem(Exception):
    """The document cannot be read at all."""


@dataclass
class Block:
    kind: str  # "heading", "paragraph" or "item"
    text: str
    level: int  # heading level (1 is the top), or list depth (0 is the outer list)
    marker: str | None  # a generated list number such as "a", "2" or "iv"; None for bullets and plain text
    where: str  # "line 12" or "paragraph 40"


# --- Markdown ---------------------------------------------------------------------


def _inline_text(token: Any) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def read_markdown(text: str) -> list[Block]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    blocks: list[Block] = []
    items: list[dict[str, Any]] = []  # open list items, innermost last
    heading_level = None
    for token in tokens:
        kind = token.type
        if kind == "list_item_open":
            items.append({"marker": token.info or None, "block": None})
        elif kind == "list_item_close":
            items.pop()
        elif kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "heading_close":
            heading_level = None
        elif kind in ("inline", "code_block", "fence"):
            content = _inline_text(token) if kind == "inline" else " ".join(token.content.split())
            if not content:
                continue
            where = f"line {token.map[0] + 1}" if token.map else "?"
            if heading_level is not None:
                blocks.append(Block("heading", content, heading_level, None, where))
            elif items and items[-1]["block"] is None:
                depth = sum(1 for item in items[:-1] if item["block"] is not None)
                block = Block("item", content, depth, items[-1]["marker"], where)
                items[-1]["block"] = block
                blocks.append(block)
            elif items:  # a later paragraph of the same list item
                items[-1]["block"].text += " " + content
            else:
                blocks.append(Block("paragraph", content, 0, None, where))
    return blocks


# --- Word -------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_STYLE_LEVEL = re.compile(r"^List(?: \w+)? (\d)$")
_HEADING = re.compile(r"^Heading (\d)$")


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out += letters
            number -= value
    return out


def _letters(number: int) -> str:
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _format(number: int, style: str) -> str | None:
    if style == "decimal" or style == "decimalZero":
        return str(number)
    if style == "lowerLetter":
        return _letters(number)
    if style == "upperLetter":
        return _letters(number).upper()
    if style == "lowerRoman":
        return _roman(number)
    if style == "upperRoman":
        return _roman(number).upper()
    return None  # bullets and anything without a number


class _Numbering:
    """Word's automatic list numbers, which are not in the text: counted per list as Word counts them."""

    def __init__(self, document: Any):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.lists: dict[str, str] = {}
        self.starts: dict[tuple[str, int], int] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in root.findall(f"{_W}abstractNum"):
            levels = {}
            for level in abstract.findall(f"{_W}lvl"):
                ilvl = int(level.get(f"{_W}ilvl", "0"))
                fmt = level.find(f"{_W}numFmt")
                text = level.find(f"{_W}lvlText")
                start = level.find(f"{_W}start")
                levels[ilvl] = (fmt.get(f"{_W}val") if fmt is not None else "decimal",
                                text.get(f"{_W}val") if text is not None else f"%{ilvl + 1}.",
                                int(start.get(f"{_W}val")) if start is not None else 1)
            self.levels[abstract.get(f"{_W}abstractNumId")] = levels
        for num in root.findall(f"{_W}num"):
            num_id = num.get(f"{_W}numId")
            abstract = num.find(f"{_W}abstractNumId")
            if abstract is not None:
                self.lists[num_id] = abstract.get(f"{_W}val")
            for override in num.findall(f"{_W}lvlOverride"):
                start = override.find(f"{_W}startOverride")
                if start is not None:
                    self.starts[(num_id, int(override.get(f"{_W}ilvl", "0")))] = int(start.get(f"{_W}val"))

    def marker(self, num_id: str, ilvl: int) -> str | None:
        levels = self.levels.get(self.lists.get(num_id, ""), {})
        if ilvl not in levels:
            return None
        counters = self.counters.setdefault(num_id, [0] * 10)
        ilvl = min(ilvl, 9)
        if counters[ilvl] == 0:
            counters[ilvl] = self.starts.get((num_id, ilvl), levels[ilvl][2])
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = 0
        style, text, _ = levels[ilvl]
        if _format(counters[ilvl], style) is None:
            return None

        def number(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            fmt = levels.get(level, ("decimal", "", 1))[0]
            return _format(max(counters[level], 1), fmt) or ""

        return re.sub(r"%(\d)", number, text).strip(" .)(") or None


def _numbering_of(paragraph: Any) -> tuple[str, int] | None:
    """The (list id, level) of a numbered or bulleted paragraph, from the paragraph or its style."""
    p_pr = paragraph._p.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    ilvl = None
    if num_pr is not None:
        if num_pr.ilvl is not None:
            ilvl = int(num_pr.ilvl.val)
        if num_pr.numId is not None:
            return str(num_pr.numId.val), ilvl or 0
    style = paragraph.style
    while style is not None:
        s_pr = style.element.pPr
        if s_pr is not None and s_pr.numPr is not None and s_pr.numPr.numId is not None:
            level = ilvl if ilvl is not None else (int(s_pr.numPr.ilvl.val) if s_pr.numPr.ilvl is not None else 0)
            return str(s_pr.numPr.numId.val), level
        style = style.base_style
    return None


def _paragraphs(document: Any) -> Iterator[Any]:
    """Body paragraphs in reading order, including those inside tables."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    def walk(parent: Any, element: Any) -> Iterator[Any]:
        for child in element.iterchildren():
            if child.tag == f"{_W}p":
                yield Paragraph(child, parent)
            elif child.tag == f"{_W}tbl":
                table = Table(child, parent)
                for row in table.rows:
                    for cell in row.cells:
                        yield from walk(cell, cell._tc)

    yield from walk(document, document.element.body)


def read_docx(path: Path) -> tuple[list[Block], str | None]:
    """The blocks of a .docx file, and the title in its document properties if it has one."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        if path.stat().st_size > MAX_BYTES:
            raise ReadProblem(f"the file is larger than {MAX_BYTES:,} bytes")
        with zipfile.ZipFile(path) as archive:  # refuse zip bombs before python-docx inflates anything
            if sum(info.file_size for info in archive.infolist()) > 10 * MAX_BYTES:
                raise ReadProblem("the document expands to more data than the limit")
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise ReadProblem(f"it is not a Word .docx document ({exc})") from None
    except OSError as exc:
        raise ReadProblem(f"it cannot be read ({exc.strerror or exc})") from None
    numbering = _Numbering(document)
    blocks: list[Block] = []
    seen = set()
    for number, paragraph in enumerate(_paragraphs(document), start=1):
        text = " ".join(paragraph.text.split())
        if not text or paragraph._p in seen:
            continue  # merged table cells repeat the same paragraph
        seen.add(paragraph._p)  # the element itself: keeping it alive keeps identities unique
        style = paragraph.style.name if paragraph.style is not None else ""
        where = f"paragraph {number}"
        heading = _HEADING.match(style or "")
        outline = paragraph._p.pPr.find(f"{_W}outlineLvl") if paragraph._p.pPr is not None else None
        listed = _numbering_of(paragraph)
        marker = numbering.marker(*listed) if listed else None
        if heading or style == "Title" or outline is not None:
            level = int(heading.group(1)) if heading else 1 if style == "Title" else int(outline.get(f"{_W}val")) + 1
            blocks.append(Block("heading", f"{marker} {text}" if marker else text, level, None, where))
        elif listed or (style or "").startswith("List"):
            depth = listed[1] if listed else 0
            match = _STYLE_LEVEL.match(style or "")
            if match and (listed is None or paragraph._p.pPr is None or paragraph._p.pPr.numPr is None):
                depth = int(match.group(1)) - 1
            blocks.append(Block("item", text, depth, marker, where))
        else:
            blocks.append(Block("paragraph", text, 0, None, where))
    title = (document.core_properties.title or "").strip() or None
    return blocks, title
