"""Safe file writes: nothing a user wrote is ever half-overwritten, and nothing but the named file is touched.

Every command that writes a file goes through :func:`write_atomic`. What it does depends on what the
target is (see docs/limits.md, "Writing files"):

- a regular file (or a new one): the new content goes to a temporary file in the same folder, is flushed
  and fsynced, takes the old file's mode, and only then replaces the target with an atomic rename. If
  anything fails (a full disk, an interrupt), the original is left untouched and the temporary file is
  removed;
- a regular file with more than one name (a hard link): renaming would split the names, so the file is
  overwritten in place, as editors do, with its old content kept in a temporary copy until the write is
  complete and put back if the write fails;
- standard output and standard error (``-``, ``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N``), a character
  device such as ``/dev/null``, or a named pipe: written straight, never replaced;
- a symbolic link: refused, since a link planted in a checkout could otherwise send a report anywhere;
  a command that rewrites a file it has read (``lint --fix``, ``upgrade``) follows the link instead and
  replaces the file the link points to, so the link is kept;
- a read-only file, a folder or any other kind of file: refused (a read-only file is replaced only when
  the caller passes ``force``).

Every write can be told which files the command read (``protect``): it refuses to write over any of them,
whatever name, link or hard link leads there, or inside an input folder.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Iterable

STANDARD_OUTPUT = "-"
_STREAM = re.compile(r"^/(?:dev/(?:std(?P<name>out|err)|fd/(?P<fd>[0-9]+))|proc/self/fd/(?P<proc>[0-9]+))$")


class WriteRefused(Exception):
    """The write would overwrite a file the command was told to keep (for example its own input)."""


class ReadOnly(WriteRefused):
    """The file to replace is read-only; it is replaced only when forced."""


class FileChanged(WriteRefused):
    """The file changed on disk after it was read, so writing would lose that change."""


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def stream_descriptor(path: str | os.PathLike) -> int | None:
    """The descriptor ``path`` names when it is ``-`` or a standard stream (``/dev/stdout``), else None."""
    text = os.fspath(path)
    if text == STANDARD_OUTPUT:
        return 1
    match = _STREAM.match(os.path.abspath(text)) if os.name == "posix" else None
    if match is None:
        return None
    if match.group("name"):
        return 1 if match.group("name") == "out" else 2
    return int(match.group("fd") or match.group("proc"))


def is_stream(path: str | os.PathLike) -> bool:
    """Whether writing to ``path`` goes to a stream (standard output, a device, a pipe), not into a file."""
    if stream_descriptor(path) is not None:
        return True
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def refuse_inputs(target: str | os.PathLike, protect: Iterable[str | os.PathLike]) -> None:
    """The guard every writing command uses: raise WriteRefused when ``target`` is one of the files the command
    read (by any name, link or hard link), or lies inside a folder it read."""
    target = Path(target)
    for kept in protect:
        kept = Path(kept)
        if os.path.lexists(target) and same_file(target, kept):
            also = "" if os.path.abspath(target) == os.path.abspath(kept) else f" (the same file as {kept})"
            raise WriteRefused(f"{target} is an input of this command{also}; refusing to overwrite it")
        if kept.is_dir() and target.resolve().is_relative_to(kept.resolve()):
            raise WriteRefused(f"{target} is inside the input folder {kept}; refusing to write there")


def read_only(path: str | os.PathLike, info: os.stat_result) -> bool:
    """Whether the file's permissions say it must not be written. Root may write anything, so for root the
    mode bits decide: no write bit at all means read-only."""
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return True
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        return not os.access(path, os.W_OK)
    return False


def write_atomic(path: str | os.PathLike, data: str | bytes, *, protect: Iterable[str | os.PathLike] = (),
                 encoding: str = "utf-8", force: bool = False, unchanged: bytes | None = None,
                 follow_links: bool = False) -> None:
    """Write ``data`` to ``path`` safely (see the module's notes).

    ``protect``: inputs never to overwrite. ``force``: replace a read-only file too. ``unchanged``: the bytes
    the file held when it was read; if it holds anything else just before it is replaced, FileChanged is
    raised and nothing is written. ``follow_links``: replace the file a symbolic link points to, instead of
    refusing the link. Raises WriteRefused (or a subclass) or OSError.
    """
    payload = data.encode(encoding) if isinstance(data, str) else data
    descriptor = stream_descriptor(path)
    if descriptor is not None:
        _write_descriptor(descriptor, payload)
        return
    target = Path(path)
    refuse_inputs(target, protect)
    try:
        info: os.stat_result | None = os.lstat(target)
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISLNK(info.st_mode):
        if not follow_links:
            raise WriteRefused(f"{target} is a symbolic link; openplan does not write through a link it is given "
                               "as an output. Remove the link, or name the file it points to")
        resolved = Path(os.path.realpath(target))
        try:
            info = os.stat(resolved)
        except FileNotFoundError:
            raise WriteRefused(f"{target} is a symbolic link to nothing ({resolved}); refusing to write") from None
        target = resolved
    if info is None:
        _replace(target, payload, None, unchanged)
        return
    if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
        _write_device(target, payload)
        return
    if stat.S_ISDIR(info.st_mode):
        raise WriteRefused(f"{target} is a folder; name a file to write")
    if not stat.S_ISREG(info.st_mode):
        raise WriteRefused(f"{target} is not a regular file; refusing to write to it")
    if not force and read_only(target, info):
        raise ReadOnly(f"{target} is read-only, so it was left unchanged; make it writable first")
    if info.st_nlink > 1:
        _overwrite_in_place(target, payload, unchanged)
    else:
        _replace(target, payload, stat.S_IMODE(info.st_mode), unchanged)


def _write_all(descriptor: int, payload: bytes, name: str | os.PathLike) -> None:
    view = memoryview(payload)
    try:
        while view:
            view = view[os.write(descriptor, view):]
    except OSError as exc:  # name the file in the message: os.write does not
        raise OSError(exc.errno, exc.strerror, os.fspath(name)) from None


def _write_descriptor(descriptor: int, payload: bytes) -> None:
    """Standard output or error, or an inherited descriptor: written where it points, as a shell would."""
    import sys

    for stream in (sys.stdout, sys.stderr):  # what the command printed before comes first
        try:
            if stream is not None and stream.fileno() == descriptor:
                stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    name = {1: "standard output", 2: "standard error"}.get(descriptor, f"/dev/fd/{descriptor}")
    _write_all(descriptor, payload, name)


def _write_device(target: Path, payload: bytes) -> None:
    """A character device or a named pipe: written straight; a write error (such as /dev/full's) is raised."""
    descriptor = os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    try:
        _write_all(descriptor, payload, target)
    finally:
        os.close(descriptor)


def _check_unchanged(target: Path, unchanged: bytes | None) -> None:
    if unchanged is None:
        return
    try:
        current = target.read_bytes()
    except FileNotFoundError:
        current = None
    if current != unchanged:
        raise FileChanged(f"{target} changed on disk while openplan was working on it; nothing was written, so "
                          "that change is kept. Run the command again")


def _fsync_folder(folder: Path) -> None:
    try:  # make the rename itself durable
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except OSError:
        pass


def _folder(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def _remove(temporary: str) -> None:
    try:
        os.unlink(temporary)
    except FileNotFoundError:
        pass


def _temporary_copy(target: Path, payload: bytes) -> str:
    """A new temporary file beside ``target`` holding ``payload``, flushed and fsynced; its name. Beside, so that
    a rename onto the target stays in one file system. Nothing is left behind if writing it fails."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=_folder(target))
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        _remove(temporary)
        raise
    return temporary


def _replace(target: Path, payload: bytes, mode: int | None, unchanged: bytes | None) -> None:
    temporary = _temporary_copy(target, payload)
    try:
        if mode is not None:
            os.chmod(temporary, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        _check_unchanged(target, unchanged)  # as late as possible: just before the rename
        os.replace(temporary, target)
    except BaseException:
        _remove(temporary)
        raise
    _fsync_folder(_folder(target))


def _overwrite_in_place(target: Path, payload: bytes, unchanged: bytes | None) -> None:
    """Overwrite a file with several names (hard links) in place, so every name sees the new content.

    The old content is first copied to a temporary file beside it (fsynced), so that it survives a crash;
    if the write fails, it is put back and the copy removed.
    """
    original = target.read_bytes()
    if unchanged is not None and original != unchanged:
        _check_unchanged(target, unchanged)
    backup = _temporary_copy(target, original)
    try:
        _overwrite(target, payload)
    except BaseException:
        try:
            _overwrite(target, original)
        except BaseException:
            raise OSError(errno.EIO, f"{target} could not be written, nor put back as it was; its previous "
                                     f"content is kept in {backup}") from None
        os.unlink(backup)
        raise
    os.unlink(backup)


def _overwrite(target: Path, payload: bytes) -> None:
    descriptor = os.open(target, os.O_WRONLY)
    try:
        _write_all(descriptor, payload, target)
        os.ftruncate(descriptor, len(payload))
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
