"""Read a Word .docx document as blocks (:mod:`.blocks`): its document, styles and numbering parts as XML,
with sizes bounded and DTDs refused (:mod:`.word_package`)."""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from typing import Any, Iterator

from .blocks import ACTION_COLUMNS, MAX_BYTES, Block, ReadProblem
from .word_numbering import Numbering, Styles, num_pr
from .word_package import Package, W, check_package, whole_number

_STYLE_LEVEL = re.compile(r"^list(?: \w+)? (\d)$")  # style names, lower case
_HEADING = re.compile(r"^heading (\d)$")
_MAX_COLUMNS = 1000  # Word's widest table has 63 columns; other editors allow more
_TEXT_HOLDERS = {f"{W}{name}" for name in ("r", "hyperlink", "ins", "smartTag", "sdt", "sdtContent", "fldSimple",
                                            "customXml", "moveTo")}
_SPACES = {f"{W}{name}" for name in ("tab", "ptab", "br", "cr")}


def _text(paragraph: Any) -> str:
    """A paragraph's visible text: its runs, in hyperlinks and content controls too; not deleted text, and not
    the paragraphs of text boxes inside it."""
    parts: list[str] = []
    stack = [iter(paragraph)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == f"{W}t":
            parts.append(child.text or "")
        elif child.tag in _SPACES:
            parts.append(" ")
        elif child.tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif child.tag in _TEXT_HOLDERS:
            stack.append(iter(child))
    return " ".join("".join(parts).split())


def _cell_text(cell: Any) -> str:
    return " ".join(_text(paragraph) for paragraph in cell.iter(f"{W}p")).strip()


def _columns(row: list[Any]) -> dict[str, int] | None:
    """Which column holds what, if the row is the heading row of an action table."""
    found: dict[str, int] = {}
    for position, cell in enumerate(row[:50]):
        words = _cell_text(cell).lower().strip(" :")
        for name, pattern in ACTION_COLUMNS.items():
            if name not in found and pattern.match(words):
                found[name] = position
                break
    return found if "action" in found and len(found) >= 2 else None


_WALKED = {f"{W}{name}" for name in ("sdt", "sdtContent", "customXml", "tc", "ins", "moveTo")}


def _content(body: Any) -> Iterator[Any]:
    """Body paragraphs in reading order, including those inside tables, and the rows of action tables (as
    dicts). Cells are read as the XML holds them, once each: no grid span or merge is expanded or followed."""
    stack = [iter(body)]
    while stack:  # no recursion: nesting is bounded by the depth check, but need not cost the stack
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == f"{W}p":
            yield child
        elif child.tag == f"{W}tbl":
            rows = [list(tr.iterfind(f"{W}tc")) for tr in child.iterfind(f"{W}tr")]
            for span in child.iterfind(f"{W}tr/{W}tc/{W}tcPr/{W}gridSpan"):  # never used, but damage
                whole_number(span, "val", "a table cell's column span (w:gridSpan)", 1, _MAX_COLUMNS)
            columns = _columns(rows[0]) if rows else None
            if columns is None:
                stack.append(iter([cell for row in rows for cell in row]))
                continue
            for row in rows[1:]:
                values = {name: _cell_text(row[position]) if position < len(row) else ""
                          for name, position in columns.items()}
                if values["action"]:
                    yield values
        elif child.tag in _WALKED:
            stack.append(iter(child))


def read_docx(path: Path) -> tuple[list[Block], str | None]:
    """The blocks of a .docx file, and the title in its document properties if it has one."""
    import io

    from ..loader import read_limited

    raw = read_limited(path, str(path), MAX_BYTES)  # regular files only, bounded; LoadError otherwise
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            check_package(archive)
            package = Package(archive)
            main = package.related("", "officeDocument")
            document = package.xml(main)
            if document is None:
                raise ReadProblem("it is not a Word .docx document (it has no main document part)")
            styles = Styles(package.xml(package.related(main, "styles")))
            numbering = Numbering(package.xml(package.related(main, "numbering")))
            core = package.xml(package.related("", "core-properties"))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, RuntimeError, ValueError,
            zlib.error) as exc:  # damaged (a bad offset, a name not in UTF-8), encrypted, or oddly compressed
        raise ReadProblem(f"it is not a Word .docx document ({exc})") from None
    body = document.find(f"{W}body")
    blocks = _blocks(body if body is not None else document, styles, numbering)
    title_element = core.find("{http://purl.org/dc/elements/1.1/}title") if core is not None else None
    title = " ".join((title_element.text or "").split()) if title_element is not None else ""
    return blocks, title or None


def _blocks(body: Any, styles: Styles, numbering: Numbering) -> list[Block]:
    blocks: list[Block] = []
    for number, paragraph in enumerate(_content(body), start=1):
        where = f"paragraph {number}"
        if isinstance(paragraph, dict):
            ref = paragraph.get("ref") or None
            fields = {key: value for key, value in paragraph.items() if key != "action" and value}
            blocks.append(Block("row", paragraph["action"], 0, ref.strip(" .)(").lower() or None if ref else None,
                                f"table row at {where}", fields))
            continue
        text = _text(paragraph)
        if not text:
            continue
        p_pr = paragraph.find(f"{W}pPr")
        style_id = styles.of(p_pr)
        style = styles.name(style_id)
        heading = _HEADING.match(style)
        outline = p_pr.find(f"{W}outlineLvl") if p_pr is not None else None
        outline_level = whole_number(outline, "val", "an outline level (w:outlineLvl)", 0, 9) \
            if outline is not None else 9
        num_id, ilvl = num_pr(p_pr)
        own_numbering = num_id is not None
        if num_id is None:
            num_id, style_level = styles.numbering(style_id)
            ilvl = ilvl if ilvl is not None else style_level
        listed = (num_id, ilvl or 0) if num_id is not None and num_id != "0" else None
        marker = numbering.marker(*listed) if listed else None
        if heading or style == "title" or outline_level < 9:
            level = int(heading.group(1)) if heading else 1 if style == "title" else outline_level + 1
            blocks.append(Block("heading", f"{marker} {text}" if marker else text, level, None, where))
        elif listed or style.startswith("list"):
            depth = listed[1] if listed else 0
            match = _STYLE_LEVEL.match(style)
            if match and (listed is None or not own_numbering):
                depth = int(match.group(1)) - 1
            blocks.append(Block("item", text, depth, marker, where))
        else:
            blocks.append(Block("paragraph", text, 0, None, where))
    return blocks
