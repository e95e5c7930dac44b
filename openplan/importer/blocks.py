"""Read a Word or Markdown document as a flat run of blocks: headings, paragraphs and list items.

A block keeps what structure recognition needs and nothing else: its text, its heading level or list depth,
the list number Word or Markdown generated (which is not part of the text), and where it is in the document.
Nothing is executed and nothing is fetched: a .docx is read as XML (its document, styles and numbering
parts, with sizes bounded and DTDs refused), Markdown by markdown-it-py.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

MAX_BYTES = 50 * 1024 * 1024  # the document file itself
# What the parts of a .docx may expand to, together: a long plan's XML is a few megabytes, and a parsed part
# takes many times its size in memory. Checked from the sizes the zip declares, and again while reading (zipfile
# also stops a part at its declared size and refuses it if its checksum then fails).
MAX_UNPACKED = 50 * 1024 * 1024
MAX_XML = 20 * 1024 * 1024  # the XML parts read (document, styles, numbering ...); images are never inflated
MAX_PARTS = 5000
# Headings, paragraphs, list items and table rows one import takes: a long plan has a few thousand.
MAX_BLOCKS = 10_000


class ReadProblem(Exception):
    """The document cannot be read at all."""


@dataclass
class Block:
    kind: str  # "heading", "paragraph", "item", or "row" (a row of an action table)
    text: str
    level: int  # heading level (1 is the top), or list depth (0 is the outer list)
    marker: str | None  # a generated list number such as "a", "2" or "iv"; None for bullets and plain text
    where: str  # "line 12" or "paragraph 40"
    fields: dict[str, str] | None = None  # a row's other columns: "ref", "lead", "due"


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
_STYLE_LEVEL = re.compile(r"^list(?: \w+)? (\d)$")  # style names, lower case
_HEADING = re.compile(r"^heading (\d)$")
# Word's own bounds: list levels 0 to 8, a list start of at most 32767, outline levels 0 to 9 (9 is body text).
# Beyond them a document is damaged (or hostile): refused, so no counter or span grows without bound.
_MAX_LEVEL = 8
_MAX_START = 32767
_MAX_COLUMNS = 1000  # Word's widest table has 63 columns; other editors allow more
_DAMAGED = "it is a damaged Word document"


def _roman(number: int) -> str:
    if not 0 < number < 4000:
        return str(number)  # Word itself shows roman numbers only up to 3999
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


def _number(element: Any, attribute: str, what: str, low: int, high: int, default: int | None = None) -> int:
    """A whole-number attribute of a Word XML element, within Word's own bounds; a damaged document otherwise."""
    raw = element.get(f"{_W}{attribute}")
    if raw is None and default is not None:
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        value = None
    if value is None or not low <= value <= high:
        shown = "no value" if raw is None else f'"{raw[:40]}"'
        raise ReadProblem(f"{_DAMAGED}: {what} has {shown}, where a whole number from {low:,} to {high:,} belongs")
    return value


class _Numbering:
    """Word's automatic list numbers, which are not in the text: counted per list as Word counts them."""

    def __init__(self, root: Any):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.lists: dict[str, str] = {}
        self.starts: dict[tuple[str, int], int] = {}
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        for abstract in root.findall(f"{_W}abstractNum"):
            levels = {}
            for level in abstract.findall(f"{_W}lvl"):
                ilvl = _number(level, "ilvl", "a list level (w:ilvl)", 0, _MAX_LEVEL, default=0)
                fmt = level.find(f"{_W}numFmt")
                text = level.find(f"{_W}lvlText")
                start = level.find(f"{_W}start")
                levels[ilvl] = (fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                                text.get(f"{_W}val", "") if text is not None else f"%{ilvl + 1}.",
                                _number(start, "val", "a list start (w:start)", 0, _MAX_START)
                                if start is not None else 1)
            self.levels[abstract.get(f"{_W}abstractNumId")] = levels
        for num in root.findall(f"{_W}num"):
            num_id = num.get(f"{_W}numId")
            abstract = num.find(f"{_W}abstractNumId")
            if abstract is not None:
                self.lists[num_id] = abstract.get(f"{_W}val")
            for override in num.findall(f"{_W}lvlOverride"):
                start = override.find(f"{_W}startOverride")
                if start is not None:
                    level = _number(override, "ilvl", "a list level (w:ilvl)", 0, _MAX_LEVEL, default=0)
                    self.starts[(num_id, level)] = _number(start, "val", "a list start (w:startOverride)", 0,
                                                           _MAX_START)

    def marker(self, num_id: str, ilvl: int) -> str | None:
        levels = self.levels.get(self.lists.get(num_id, ""), {})
        if ilvl not in levels:
            return None
        counters = self.counters.setdefault(num_id, [0] * (_MAX_LEVEL + 1))
        if counters[ilvl] == 0:
            counters[ilvl] = self.starts.get((num_id, ilvl), levels[ilvl][2])
        else:
            counters[ilvl] = min(counters[ilvl] + 1, _MAX_START * 100)  # bounded, however long the list
        for deeper in range(ilvl + 1, _MAX_LEVEL + 1):
            counters[deeper] = 0
        style, text, _ = levels[ilvl]
        if _format(counters[ilvl], style) is None:
            return None

        def number(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            if not 0 <= level <= _MAX_LEVEL:
                return ""
            fmt = levels.get(level, ("decimal", "", 1))[0]
            return _format(max(counters[level], 1), fmt) or ""

        return re.sub(r"%(\d)", number, text[:100]).strip(" .)(") or None


def _num_pr(p_pr: Any) -> tuple[str | None, int | None]:
    """The list id and level a paragraph's or a style's properties name."""
    num_pr = p_pr.find(f"{_W}numPr") if p_pr is not None else None
    if num_pr is None:
        return None, None
    ilvl_element = num_pr.find(f"{_W}ilvl")
    num_element = num_pr.find(f"{_W}numId")
    ilvl = _number(ilvl_element, "val", "a list level (w:ilvl)", 0, _MAX_LEVEL) if ilvl_element is not None \
        else None
    num_id = num_element.get(f"{_W}val") if num_element is not None else None
    return num_id, ilvl


@dataclass
class _Style:
    name: str  # lower case, as Word stores built-in names ("heading 1", "list bullet 2")
    based_on: str | None
    num_id: str | None
    ilvl: int | None


class _Styles:
    """Paragraph styles by id: names, what they are based on, and the list numbering they carry."""

    def __init__(self, root: Any):
        self.styles: dict[str, _Style] = {}
        self.default: str | None = None
        if root is None:
            return
        for style in root.iter(f"{_W}style"):
            if style.get(f"{_W}type", "paragraph") != "paragraph":
                continue
            ident = style.get(f"{_W}styleId") or ""
            name = style.find(f"{_W}name")
            based = style.find(f"{_W}basedOn")
            num_id, ilvl = _num_pr(style.find(f"{_W}pPr"))
            self.styles[ident] = _Style((name.get(f"{_W}val", "") if name is not None else ident).lower(),
                                        based.get(f"{_W}val") if based is not None else None, num_id, ilvl)
            if style.get(f"{_W}default") in ("1", "true", "on"):
                self.default = ident

    def of(self, p_pr: Any) -> str | None:
        element = p_pr.find(f"{_W}pStyle") if p_pr is not None else None
        return element.get(f"{_W}val") if element is not None else self.default

    def name(self, ident: str | None) -> str:
        style = self.styles.get(ident or "")
        return style.name if style else ""

    def numbering(self, ident: str | None) -> tuple[str | None, int | None]:
        for _ in range(50):  # a chain of based-on styles, bounded in case it loops
            style = self.styles.get(ident or "")
            if style is None:
                break
            if style.num_id is not None:
                return style.num_id, style.ilvl
            ident = style.based_on
        return None, None


# Column headings of an action table: a table whose first row names an action column and at least one other.
_COLUMNS = {
    "ref": re.compile(r"^(?:ref\.?|reference|no\.?|number|#|id)$"),
    "action": re.compile(r"^(?:actions?|outputs?|deliverables?|activit(?:y|ies)|tasks?|commitments?|milestones?|"
                         r"what we will do|key actions?|description)$"),
    "lead": re.compile(r"^(?:lead|leads|owner|owners|lead officer|lead member|responsible|responsibility|"
                       r"accountable|who|lead directorate|directorate|portfolio holder)$"),
    "due": re.compile(r"^(?:due|due date|deadline|by when|when|timescales?|target date|date|completion date|"
                      r"delivery date|timing|target)$"),
}
_TEXT_HOLDERS = {f"{_W}{name}" for name in ("r", "hyperlink", "ins", "smartTag", "sdt", "sdtContent", "fldSimple",
                                             "customXml", "moveTo")}
_SPACES = {f"{_W}{name}" for name in ("tab", "ptab", "br", "cr")}


def _text(paragraph: Any) -> str:
    """A paragraph's visible text: its runs, in hyperlinks and content controls too; not deleted text, and not
    the paragraphs of text boxes inside it."""
    parts: list[str] = []
    stack = [iter(paragraph)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == f"{_W}t":
            parts.append(child.text or "")
        elif child.tag in _SPACES:
            parts.append(" ")
        elif child.tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif child.tag in _TEXT_HOLDERS:
            stack.append(iter(child))
    return " ".join("".join(parts).split())


def _cell_text(cell: Any) -> str:
    return " ".join(_text(paragraph) for paragraph in cell.iter(f"{_W}p")).strip()


def _columns(row: list[Any]) -> dict[str, int] | None:
    """Which column holds what, if the row is the heading row of an action table."""
    found: dict[str, int] = {}
    for position, cell in enumerate(row[:50]):
        words = _cell_text(cell).lower().strip(" :")
        for name, pattern in _COLUMNS.items():
            if name not in found and pattern.match(words):
                found[name] = position
                break
    return found if "action" in found and len(found) >= 2 else None


_WALKED = {f"{_W}{name}" for name in ("sdt", "sdtContent", "customXml", "tc", "ins", "moveTo")}


def _content(body: Any) -> Iterator[Any]:
    """Body paragraphs in reading order, including those inside tables, and the rows of action tables (as
    dicts). Cells are read as the XML holds them, once each: no grid span or merge is expanded or followed."""
    stack = [iter(body)]
    while stack:  # no recursion: nesting is bounded by the depth check, but need not cost the stack
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == f"{_W}p":
            yield child
        elif child.tag == f"{_W}tbl":
            rows = [list(tr.iterfind(f"{_W}tc")) for tr in child.iterfind(f"{_W}tr")]
            for span in child.iterfind(f"{_W}tr/{_W}tc/{_W}tcPr/{_W}gridSpan"):  # never used, but damage
                _number(span, "val", "a table cell's column span (w:gridSpan)", 1, _MAX_COLUMNS)
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


def _check_package(archive: zipfile.ZipFile) -> None:
    """Refuse a package holding more data than the limit, before anything is inflated."""
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise ReadProblem(f"it holds {len(infos):,} parts, more than the {MAX_PARTS:,} a Word document may have")
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNPACKED:
        raise ReadProblem(f"it expands to {declared:,} bytes, more than the limit of {MAX_UNPACKED:,} bytes for "
                          "a Word document")


class _Package:
    """The parts of a .docx that matter, read with bounded sizes and parsed with DTDs and entities refused."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.read_so_far = 0

    def raw(self, name: str) -> bytes | None:
        try:
            info = self.archive.getinfo(name)
        except KeyError:
            return None
        too_much = ReadProblem(f"its text and structure (XML) expand to more than the limit of {MAX_XML:,} bytes "
                               "for a Word document")
        if self.read_so_far + info.file_size > MAX_XML:  # as declared, before inflating anything
            raise too_much
        chunks = []
        with self.archive.open(info) as part:  # zipfile stops at the declared size and checks the CRC
            while chunk := part.read(1024 * 1024):
                self.read_so_far += len(chunk)
                if self.read_so_far > MAX_XML:  # as read: a declared size is only a claim
                    raise too_much
                chunks.append(chunk)
        return b"".join(chunks)

    def xml(self, name: str | None) -> Any:
        raw = self.raw(name) if name else None
        if raw is None:
            return None
        from xml.etree.ElementTree import ParseError, fromstring

        _refuse_declarations(raw, name)
        try:
            root = fromstring(raw)  # expat, in C; with no DTD there is no entity to expand
        except ParseError as exc:
            raise ReadProblem(f"{_DAMAGED}: {name} is not well-formed XML ({exc})") from None
        _check_depth(root, name)
        return root

    def related(self, source: str, kind: str) -> str | None:
        """The part a relationship of ``kind`` ("officeDocument", "styles" ...) from ``source`` points to."""
        folder, _, base = source.rpartition("/")
        rels = self.xml(f"{folder}/_rels/{base}.rels" if source else "_rels/.rels")
        if rels is None:
            return None
        for rel in rels:
            if rel.get("Type", "").rsplit("/", 1)[-1] == kind and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else (f"{folder}/{target}" if folder
                                                                           else target)
                parts: list[str] = []
                for piece in path.split("/"):
                    if piece == "..":
                        if parts:
                            parts.pop()
                    elif piece not in ("", "."):
                        parts.append(piece)
                return "/".join(parts)
        return None


_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)""")


def _refuse_declarations(raw: bytes, name: str) -> None:
    """Refuse a DTD (entity expansion: the "billion laughs") before any parser sees it; Word never writes one.
    An encoding other than UTF-8 or UTF-16 could hide one from this check, and Word never writes one either."""
    visible = raw.replace(b"\x00", b"")  # UTF-16 text, read as bytes
    declared = _ENCODING.match(visible.lstrip(b"\xef\xbb\xbf\xfe\xff"))
    if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8", b"utf-16", b"utf16"):
        raise ReadProblem(f"{_DAMAGED}: {name} declares the text encoding {declared.group(1).decode()!r}; Word "
                          "writes UTF-8")
    if b"<!DOCTYPE" in visible or b"<!ENTITY" in visible:
        raise ReadProblem(f"{_DAMAGED}: {name} declares a DTD or XML entities, which Word never writes "
                          "(refused: entity expansion can exhaust memory)")


_MAX_DEPTH = 256  # as libxml2 allows by default; Word documents nest a few dozen levels at most


def _check_depth(root: Any, name: str) -> None:
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > _MAX_DEPTH:
            raise ReadProblem(f"{_DAMAGED}: {name} nests its XML deeper than {_MAX_DEPTH} levels, which no Word "
                              "document does")
        depth += 1
        stack.extend((child, depth) for child in element if len(child))  # leaves cannot be too deep


def read_docx(path: Path) -> tuple[list[Block], str | None]:
    """The blocks of a .docx file, and the title in its document properties if it has one."""
    import io

    from ..loader import read_limited

    raw = read_limited(path, str(path), MAX_BYTES)  # regular files only, bounded; LoadError otherwise
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            _check_package(archive)
            package = _Package(archive)
            main = package.related("", "officeDocument")
            document = package.xml(main)
            if document is None:
                raise ReadProblem("it is not a Word .docx document (it has no main document part)")
            styles = _Styles(package.xml(package.related(main, "styles")))
            numbering = _Numbering(package.xml(package.related(main, "numbering")))
            core = package.xml(package.related("", "core-properties"))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, RuntimeError, ValueError,
            zlib.error) as exc:  # damaged (a bad offset, a name not in UTF-8), encrypted, or oddly compressed
        raise ReadProblem(f"it is not a Word .docx document ({exc})") from None
    body = document.find(f"{_W}body")
    blocks = _blocks(body if body is not None else document, styles, numbering)
    title_element = core.find("{http://purl.org/dc/elements/1.1/}title") if core is not None else None
    title = " ".join((title_element.text or "").split()) if title_element is not None else ""
    return blocks, title or None


def _blocks(body: Any, styles: _Styles, numbering: _Numbering) -> list[Block]:
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
        p_pr = paragraph.find(f"{_W}pPr")
        style_id = styles.of(p_pr)
        style = styles.name(style_id)
        heading = _HEADING.match(style)
        outline = p_pr.find(f"{_W}outlineLvl") if p_pr is not None else None
        outline_level = _number(outline, "val", "an outline level (w:outlineLvl)", 0, 9) \
            if outline is not None else 9
        num_id, ilvl = _num_pr(p_pr)
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
