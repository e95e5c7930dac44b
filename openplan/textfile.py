"""A text file read and written back the way it was written: its encoding, byte-order mark and line endings.

Commands that rewrite a user's own file (``lint --fix``, ``upgrade``) read it with :func:`read` and write it
back with :meth:`TextFile.write`, so a UTF-16 file stays UTF-16, a byte-order mark stays, and a file whose
lines end in CRLF keeps CRLF on every line, including lines the command added. The write is refused if the
file changed on disk since it was read (see :func:`openplan.atomic.write_atomic`).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_atomic
from .loader import DEFAULT_LIMITS, decode, read_limited

# The byte-order marks the loader accepts, longest first (UTF-32 LE starts with UTF-16 LE's mark), and the
# codec that writes text after each.
_MARKS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
          (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_LONE_LF = re.compile(r"(?<!\r)\n")


@dataclass(frozen=True)
class TextFile:
    """One file as read: ``text`` is its content without the byte-order mark, line endings as written."""

    path: Path
    raw: bytes
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    newline: str = "\n"  # "\r\n" when most lines end so

    def encode(self, text: str) -> bytes:
        """``text`` as this file's bytes, in its encoding with its mark.

        Text with LF line endings only (as YAML and JSON writers produce) gets this file's endings; text that
        already holds CRLF is taken as written in the file's own endings and kept exactly. Raises
        UnicodeEncodeError for text the encoding cannot hold (a lone surrogate)."""
        if self.newline == "\r\n" and "\r\n" not in text:
            text = _LONE_LF.sub("\r\n", text)
        return self.bom + text.encode(self.encoding)

    def write(self, text: str, *, force: bool = False) -> None:
        """Replace the file with ``text``, written the same way; through a symbolic link to the file it names.

        Raises :class:`openplan.atomic.WriteRefused` (FileChanged if the file changed since it was read,
        ReadOnly if it is read-only and ``force`` is false) or OSError."""
        write_atomic(self.path, self.encode(text), unchanged=self.raw, force=force, follow_links=True)


def from_bytes(path: str | Path, raw: bytes, display: str | None = None) -> TextFile:
    """A TextFile of bytes already read. Raises :class:`openplan.loader.LoadError` for bytes that are not text."""
    text = decode(raw, display if display is not None else str(path))
    encoding, bom = "utf-8", b""
    for mark, name in _MARKS:
        if raw.startswith(mark):
            encoding, bom = name, mark
            break
    text = text.removeprefix("\ufeff")  # the loader's codecs drop the mark already; never write it twice
    crlf = text.count("\r\n")
    newline = "\r\n" if crlf and crlf >= text.count("\n") - crlf else "\n"
    return TextFile(Path(path), raw, text, encoding, bom, newline)


def read(path: str | Path, display: str | None = None, max_bytes: int = DEFAULT_LIMITS.max_bytes) -> TextFile:
    """Read a text file: UTF-8, or UTF-8/16/32 with a byte-order mark. Raises :class:`openplan.loader.LoadError`."""
    shown = display if display is not None else str(path)
    return from_bytes(path, read_limited(path, shown, max_bytes), shown)
