"""Reading user input the one bounded way: regular files and streams up to a size limit, decoded to text."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path
from typing import Any

from .limits import DEFAULT_LIMITS, Limits
from .rules import ENCODING, FILE_NOT_FOUND, LIMIT, UNREADABLE
from .rules import fail as _fail

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(raw: bytes, path: str | None) -> str:
    """Bytes to text: UTF-8, or UTF-16/32 with a byte-order mark. Binary data is refused."""
    encoding = "utf-8"
    for bom, name in _BOMS:
        if raw.startswith(bom):
            encoding = name
            break
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _fail(ENCODING, f"the file is not valid {encoding.upper().replace('-SIG', '')}: byte "
                    f"0x{raw[exc.start]:02x} cannot be decoded", path, line, column) from None
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        raise _fail(ENCODING, "the file contains a NUL byte: it looks binary, not a text plan", path, line,
                    offset - text.rfind("\n", 0, offset))
    return text


# Far above any real limit, and small enough for every read call (--max-bytes 10**24 must not overflow).
_MOST_BYTES = 2 ** 62
_CHUNK = 1 << 20


def _not_regular(mode: int) -> str | None:
    """What a file is, when it is not a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a socket" if stat.S_ISSOCK(mode) else "a special file"


def read_limited(path: Path | str, display: str, max_bytes: int = DEFAULT_LIMITS.max_bytes) -> bytes:
    """The bytes of one file of user input, read the one bounded way. Raises :class:`LoadError`.

    Every reader of user input (plans, registries, codelists, configuration, baselines, workbooks, StratML)
    comes here. Only regular files are read: a named pipe would block and a device such as /dev/zero never
    ends, and a symlink in a pull request can point at either. At most ``max_bytes`` + 1 bytes are read.
    """
    limit = max(0, min(max_bytes, _MOST_BYTES))
    nonblocking = getattr(os, "O_NONBLOCK", 0)  # opening a named pipe nobody writes to would wait
    try:
        descriptor = os.open(path, os.O_RDONLY | nonblocking | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise _fail(FILE_NOT_FOUND, "no such file", display) from None
    except IsADirectoryError:
        raise _fail(UNREADABLE, "this is a folder, not a file", display) from None
    except PermissionError:
        raise _fail(UNREADABLE, "permission denied: the file cannot be read", display) from None
    except OSError as exc:  # a name too long, a symlink loop
        raise _fail(UNREADABLE, f"the file cannot be read ({exc.strerror or exc})", display) from None
    except ValueError:  # a NUL character in the name
        raise _fail(UNREADABLE, "the file name contains a NUL character, which no file name can hold",
                    display) from None
    try:
        status = os.fstat(descriptor)
        kind = _not_regular(status.st_mode)
        if kind == "a folder":
            raise _fail(UNREADABLE, "this is a folder, not a file", display)
        if kind:
            raise _fail(UNREADABLE, f"this is {kind}, not a regular file; OpenPlan reads only regular files",
                        display, hint="Replace it with an ordinary file; a link to a device or a named pipe is "
                                      "never read.")
        if status.st_size > limit:
            raise _fail(LIMIT, f"the file is larger than the limit of {limit:,} bytes", display)
        with os.fdopen(os.dup(descriptor), "rb") as handle:
            raw = handle.read(status.st_size + 1)  # one read, unless the file grows meanwhile
            while len(raw) <= limit:
                more = handle.read(min(_CHUNK, limit + 1 - len(raw)))
                if not more:
                    break
                raw += more
    except OSError as exc:
        raise _fail(UNREADABLE, f"the file cannot be read ({exc.strerror or exc})", display) from None
    finally:
        os.close(descriptor)
    if len(raw) > limit:
        raise _fail(LIMIT, f"the file is larger than the limit of {limit:,} bytes", display)
    return raw


def is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder. A name no file can have (too long, a NUL) is not one: reading it says why."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def read_stream(stream: Any, display: str = "<stdin>", max_bytes: int = DEFAULT_LIMITS.max_bytes) -> bytes:
    """At most ``max_bytes`` from an open binary stream such as standard input. Raises :class:`LoadError`."""
    limit = max(0, min(max_bytes, _MOST_BYTES))
    if stream is None:  # Python sets sys.stdin to None when the descriptor is closed
        raise _fail(UNREADABLE, "standard input is closed, so there is nothing to read", display,
                    hint="Pipe the plan in (as in `- < plan.yaml`), or name the file.")
    chunks: list[bytes] = []
    size = 0
    try:
        while size <= limit:
            chunk = stream.read(min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except (OSError, ValueError) as exc:  # ValueError: a stream closed under us
        raise _fail(UNREADABLE, f"standard input cannot be read ({getattr(exc, 'strerror', None) or exc})",
                    display) from None
    if size > limit:
        raise _fail(LIMIT, f"the input is larger than the limit of {limit:,} bytes", display)
    return b"".join(chunks)


def read_text(path: Path, display: str, limits: Limits = DEFAULT_LIMITS) -> str:
    return decode(read_limited(path, display, limits.max_bytes), display)

