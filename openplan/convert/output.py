"""Writing a conversion's output: atomically, never over an input, as a file, a folder or a zip archive."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from ..atomic import refuse_inputs, write_atomic
from .csv_folder import zipped


def as_bytes(content: str | bytes | dict[str, bytes]) -> bytes:
    """Content for one stream (standard output, or one file): several files go in a zip archive."""
    if isinstance(content, dict):
        return zipped(content)
    return content.encode("utf-8") if isinstance(content, str) else content


def _check(target: Path, protect: Iterable[Path]) -> None:
    refuse_inputs(target, protect)  # the guard every writing command shares


def write(content: str | bytes | dict[str, bytes], out: str | os.PathLike, protect: Iterable[Path] = ()) -> list[Path]:
    """Write ``content`` to ``out``. Several files go into a folder, or into a zip archive when ``out`` ends in .zip.

    Each file is written atomically (a temporary file in the same folder, then a rename). Raises WriteRefused
    when the output would replace or sit inside an input.
    """
    target = Path(out)
    protect = [Path(p) for p in protect]
    if isinstance(content, dict) and target.suffix.lower() != ".zip":
        _check(target, protect)
        target.mkdir(parents=True, exist_ok=True)
        written = []
        for name, data in content.items():
            path = target / name
            _check(path, protect)
            write_atomic(path, data, protect=tuple(protect))
            written.append(path)
        return written
    _check(target, protect)
    if not target.parent.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, as_bytes(content), protect=tuple(protect))
    return [target]
