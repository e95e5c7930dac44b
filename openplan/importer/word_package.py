"""The parts of a .docx package, read with bounded sizes and parsed with DTDs and entities refused, so no
document, however built, can exhaust memory or expand entities."""

from __future__ import annotations

import re
import zipfile
from typing import Any

from .blocks import MAX_PARTS, MAX_UNPACKED, MAX_XML, ReadProblem

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DAMAGED = "it is a damaged Word document"


def whole_number(element: Any, attribute: str, what: str, low: int, high: int, default: int | None = None) -> int:
    """A whole-number attribute of a Word XML element, within Word's own bounds; a damaged document otherwise."""
    raw = element.get(f"{W}{attribute}")
    if raw is None and default is not None:
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        value = None
    if value is None or not low <= value <= high:
        shown = "no value" if raw is None else f'"{raw[:40]}"'
        raise ReadProblem(f"{DAMAGED}: {what} has {shown}, where a whole number from {low:,} to {high:,} belongs")
    return value


def check_package(archive: zipfile.ZipFile) -> None:
    """Refuse a package holding more data than the limit, before anything is inflated."""
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise ReadProblem(f"it holds {len(infos):,} parts, more than the {MAX_PARTS:,} a Word document may have")
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNPACKED:
        raise ReadProblem(f"it expands to {declared:,} bytes, more than the limit of {MAX_UNPACKED:,} bytes for "
                          "a Word document")


class Package:
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
            raise ReadProblem(f"{DAMAGED}: {name} is not well-formed XML ({exc})") from None
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
        raise ReadProblem(f"{DAMAGED}: {name} declares the text encoding {declared.group(1).decode()!r}; Word "
                          "writes UTF-8")
    if b"<!DOCTYPE" in visible or b"<!ENTITY" in visible:
        raise ReadProblem(f"{DAMAGED}: {name} declares a DTD or XML entities, which Word never writes "
                          "(refused: entity expansion can exhaust memory)")


_MAX_DEPTH = 256  # as libxml2 allows by default; Word documents nest a few dozen levels at most


def _check_depth(root: Any, name: str) -> None:
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > _MAX_DEPTH:
            raise ReadProblem(f"{DAMAGED}: {name} nests its XML deeper than {_MAX_DEPTH} levels, which no Word "
                              "document does")
        depth += 1
        stack.extend((child, depth) for child in element if len(child))  # leaves cannot be too deep
