"""Atomic file writes: nothing a user wrote is ever half-overwritten.

Every command that writes a file goes through :func:`write_atomic`: the new
content goes to a temporary file in the same folder, is flushed and fsynced,
takes the old file's mode, and only then replaces the target with an atomic
rename. If anything fails (a full disk, an interrupt), the original is left
untouched and the temporary file is removed.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


class WriteRefused(Exception):
    """The write would overwrite a file the command was told to keep (for example its own input)."""


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def write_atomic(path: str | os.PathLike, data: str | bytes, *, protect: tuple[str | os.PathLike, ...] = (),
                 encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` atomically. Refuse if ``path`` is one of ``protect`` (e.g. the input)."""
    target = Path(path)
    for kept in protect:
        if target.exists() and same_file(target, kept):
            raise WriteRefused(f"{target} is an input of this command; refusing to overwrite it")
    payload = data.encode(encoding) if isinstance(data, str) else data
    folder = target.parent if str(target.parent) else Path(".")
    mode = None
    if target.exists():
        mode = stat.S_IMODE(target.stat().st_mode)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
    try:  # make the rename itself durable
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except OSError:
        pass
