"""One large file linted by two processes, its rules shared between them.

On a large plan most of lint's time goes to the rules. With two cores, a second process is forked before the
file is read; both read and index it, then take rules one at a time from the two ends of one shared list, and
the second sends back what its rules found. Rules of a family sit together in the list and share what they
work out (every text of the plan, its dates, its numbered lists), so taking from opposite ends seldom works
the same thing out twice. Forking before the read keeps the two processes' memory apart: forked after,
every object either one touched would be copied, and that cost as much as it saved. The findings are put back
in the rules' order, so the result is the same as one process running every rule.

Whatever the second process did not send (a rule that failed there, a process that died, a file that changed
between the two reads) is run here, so that a failure is reported exactly as in one process.
"""

from __future__ import annotations

import io
import os
import pickle
import threading
from pathlib import Path
from typing import Any, Callable, Sequence, TypeVar

from ..report import NO_VALUE, Finding
from ..validation.parallel import PARALLEL_MIN_BYTES, TwoEnds, cores

Result = TypeVar("Result")
Run = Callable[[str], list[Finding]]


def worth_it(path: Path, jobs: int | None) -> bool:
    """Two cores, one thread, a plan big enough to repay reading it twice, and no --jobs 1."""
    if jobs == 1 or cores() < 2 or threading.active_count() > 1 or not hasattr(os, "fork"):
        return False  # a fork has everything imported at once; it is only safe with one thread
    try:
        return path.stat().st_size >= PARALLEL_MIN_BYTES
    except (OSError, ValueError):  # reading the file reports why
        return False


class Rules:
    """Runs a file's rules; in one process alone, all of them."""

    def run(self, codes: Sequence[str], run: Run, text: str) -> dict[str, list[Finding]]:
        return {code: run(code) for code in codes}


def in_two(work: Callable[[Rules], Result]) -> Result:
    """``work`` (lint one file) done here with a second process sharing its rules, or here alone when no
    process can be started."""
    try:
        ends = TwoEnds()
        read, write = os.pipe()
    except (OSError, ImportError):  # no shared memory here (a sandbox)
        return work(Rules())
    try:
        child = os.fork()
    except OSError:  # no processes here
        os.close(read)
        os.close(write)
        return work(Rules())
    if child == 0:  # pragma: no cover - the second process; tests compare its results with one process's
        os.close(read)
        try:
            work(_Second(ends, write))
        finally:
            os._exit(0)  # never return into the caller, nor flush its buffers twice
    os.close(write)
    first = _First(ends, read)
    try:
        return work(first)
    finally:
        first.close()
        os.waitpid(child, 0)


class _Shared(Rules):
    front = True  # which end of the list this process takes from

    def __init__(self, ends: TwoEnds):
        self.ends = ends

    def take(self, order: Sequence[str]) -> str | None:
        position = self.ends.take(len(order), self.front)
        return None if position is None else order[position]

    @staticmethod
    def order(codes: Sequence[str]) -> list[str]:
        return sorted(codes)


class _Second(_Shared):
    def __init__(self, ends: TwoEnds, write: int):
        super().__init__(ends)
        self.write = write

    def run(self, codes: Sequence[str], run: Run, text: str) -> dict[str, list[Finding]]:  # pragma: no cover
        found, order = {}, self.order(codes)
        while (code := self.take(order)) is not None:
            try:
                found[code] = run(code)
            except Exception:  # run again in the first process, which reports it
                pass
        with os.fdopen(self.write, "wb") as out:
            _Sender(out).dump((hash(text), found))
        os._exit(0)


class _First(_Shared):
    front = False

    def __init__(self, ends: TwoEnds, read: int):
        super().__init__(ends)
        self.read: int | None = read

    def run(self, codes: Sequence[str], run: Run, text: str) -> dict[str, list[Finding]]:
        found, order = {}, self.order(codes)
        while (code := self.take(order)) is not None:
            found[code] = run(code)
        mark, theirs = self._received()
        if mark != hash(text):  # the file changed between the two reads: theirs is of another text
            theirs = {}
        for code in codes:
            if code not in found:
                found[code] = theirs[code] if code in theirs else run(code)
        return found

    def _received(self) -> tuple[int | None, dict[str, list[Finding]]]:
        chunks = []
        while chunk := os.read(self.read, 1 << 20):
            chunks.append(chunk)
        self.close()
        try:
            return _Receiver(b"".join(chunks)).load()
        except Exception:  # the second process stopped part way, or never reached the rules
            return None, {}

    def close(self) -> None:
        if self.read is not None:
            os.close(self.read)
            self.read = None


class _Sender(pickle.Pickler):
    def __init__(self, stream):
        super().__init__(stream, protocol=pickle.HIGHEST_PROTOCOL)

    def persistent_id(self, obj: Any) -> str | None:
        return "no value" if obj is NO_VALUE else None  # a marker compared by identity


class _Receiver(pickle.Unpickler):
    def __init__(self, payload: bytes):
        super().__init__(io.BytesIO(payload))

    def persistent_load(self, key: str) -> Any:
        if key == "no value":
            return NO_VALUE
        raise pickle.UnpicklingError(f"unknown reference {key!r}")
