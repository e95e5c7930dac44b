"""Reading a workbook safely: the archive and XML checks made before anything is unpacked, and the budget
of rows and cells a sheet may use.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from .. import errors as rules
from ..errors import ConvertError, error


@dataclass(frozen=True)
class Limits:
    """Bounds on what a workbook may unpack to. The defaults hold a 100,000-output plan with room to spare."""

    max_bytes: int = 100 * 1024 * 1024  # the file itself
    max_entries: int = 1_000  # files inside the archive
    max_unpacked: int = 1024 * 1024 * 1024  # all entries, unpacked
    max_shared_strings: int = 64 * 1024 * 1024  # xl/sharedStrings.xml, unpacked: parsed whole, so kept well under 1 GB
    max_ratio: int = 200  # unpacked size / packed size of any entry larger than 1 MB unpacked
    max_rows: int = 500_000  # rows stored in all sheets together
    max_cells: int = 3_000_000  # filled cells in all sheets, with each row a merge repeats a value on
    max_merges: int = 50_000  # merged ranges in all sheets


DEFAULT_LIMITS = Limits()
_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def refusal(rule, message: str, file: str) -> ConvertError:
    return ConvertError([error(rule, message, file)])


def check_archive(archive: zipfile.ZipFile, file: str, limits: Limits, *, what: str = "workbook") -> None:
    """Refuse zip bombs before unpacking anything: count, total size, ratio and shared strings."""
    entries = archive.infolist()
    if len(entries) > limits.max_entries:
        raise refusal(rules.LIMIT, f"the {what} holds {len(entries):,} files; the limit is {limits.max_entries:,}",
                      file)
    total = 0
    for entry in entries:
        total += entry.file_size
        if entry.file_size > 1024 * 1024 and entry.file_size > limits.max_ratio * max(entry.compress_size, 1):
            ratio = entry.file_size // max(entry.compress_size, 1)
            raise refusal(rules.LIMIT, f"{entry.filename} in the {what} unpacks {ratio:,}"
                          " times larger than it is packed, as a zip bomb does", file)
        if entry.filename.lower().endswith("sharedstrings.xml") and entry.file_size > limits.max_shared_strings:
            raise refusal(rules.LIMIT, f"the shared-strings table of the {what} unpacks to {entry.file_size:,} bytes; "
                          f"the limit is {limits.max_shared_strings:,}", file)
    if total > limits.max_unpacked:
        raise refusal(rules.LIMIT, f"the {what} unpacks to {total:,} bytes; the limit is {limits.max_unpacked:,}", file)


def check_xml_parts(archive: zipfile.ZipFile, file: str) -> None:
    """Refuse XML parts that declare a DTD or entities; real workbooks never do."""
    for entry in archive.infolist():
        if not entry.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(entry) as stream:
            head = stream.read(65536)
        probe = head
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            probe = head.decode("utf-16", "replace").encode("utf-8", "replace")
        if _DECLARATION.search(probe):
            raise refusal(rules.UNSAFE_XML, f"{entry.filename} in the workbook declares a DTD or XML entities, "
                          "which workbooks never need; it is refused as unsafe", file)


def open_archive(source: str | os.PathLike | bytes | BinaryIO, file: str, limits: Limits) -> io.BytesIO:
    if isinstance(source, (bytes, bytearray)):
        raw = bytes(source)
    elif hasattr(source, "read"):
        raw = source.read(limits.max_bytes + 1)
    else:  # bounded, regular files only: a workbook linked to /dev/zero or a named pipe is refused
        raw = rules.read_input(source, file, limits.max_bytes)
    if len(raw) > limits.max_bytes:
        raise refusal(rules.LIMIT, f"the file is larger than the limit of {limits.max_bytes:,} bytes", file)
    return io.BytesIO(raw)


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of encrypted workbooks and of old .xls files
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")


def not_a_zip(raw: bytes, file: str) -> ConvertError:
    if raw.startswith(_OLE):
        if _ENCRYPTED in raw:
            return refusal(rules.UNREADABLE, "the workbook is protected with a password to open (encrypted), so "
                           "OpenPlan cannot read it; save a copy without the password and import that", file)
        return refusal(rules.UNREADABLE, "this is an old-style Excel workbook (.xls); save it as an Excel workbook "
                       "(.xlsx) and import that", file)
    if raw.startswith(b"PK"):
        return refusal(rules.UNREADABLE, "the workbook is damaged: its zip archive is broken or cut short (as by an "
                       "interrupted download or copy); save it again from your spreadsheet program", file)
    return refusal(rules.UNREADABLE, "this is not an Excel workbook (.xlsx): it is not a zip archive", file)


class Budget:
    """Rows, cells and merged ranges read so far from the whole workbook, refused past the limits."""

    def __init__(self, limits: Limits, file: str):
        self.limits, self.file = limits, file
        self.rows = self.cells = self.merges = 0

    def row(self) -> None:
        self.rows += 1
        if self.rows > self.limits.max_rows:
            raise refusal(rules.LIMIT, f"the workbook has more than {self.limits.max_rows:,} rows; the limit is "
                          f"{self.limits.max_rows:,}", self.file)

    def cell(self, count: int = 1) -> None:
        self.cells += count
        if self.cells > self.limits.max_cells:
            raise refusal(rules.LIMIT, f"the workbook has more than {self.limits.max_cells:,} filled cells (counting "
                          f"each row of a merged cell); the limit is {self.limits.max_cells:,}", self.file)

    def merge(self) -> None:
        self.merges += 1
        if self.merges > self.limits.max_merges:
            raise refusal(rules.LIMIT, f"the workbook has more than {self.limits.max_merges:,} merged ranges; the "
                          f"limit is {self.limits.max_merges:,}", self.file)
