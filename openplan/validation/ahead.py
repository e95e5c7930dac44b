"""A few large files validated with a second process reading ahead: it parses files from the back of the run
while this process checks them from the front.

Reading a file (the YAML parse) is most of the cost of checking it, and a plan's progress reports cannot be
checked apart from the plan: each report is joined to the plan's index. So for a run too small for worker
processes (a plan and its four quarterly reports, say), a second process is forked before anything is read.
It takes files one at a time from the back of the run, parses each, works out its structural findings (the
schema needs nothing else) and writes the data to a spool file. This process takes files from the front and
checks them as usual; when none are left to take, it checks the files the second process read, in the order
they arrive, and a file being checked that names one the second process is reading waits for it. Progress
reports go to the back, whatever the run's order, so their plan is read here, once. Every file goes through
the same stages with the same workspace, and the findings are given back in the run's order: the result is
the same as one process checking the files one by one.

The node graph (where each value came from) is not sent: it is composed again here only when a finding needs
a position (:class:`~openplan.loader.Recomposed`). A file the second process did not send (one it could not
read, a pipe or a device, a process that died) is read here, and reading it reports any error exactly as in
one process.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
import threading
from collections import deque
from pathlib import Path
from typing import Callable, Iterator, Sequence

from ..loader import Recomposed, load_document, paused_gc
from ..report import Finding
from . import reports, stages
from .parallel import PARALLEL_MIN_BYTES, PARALLEL_MIN_FILES, TwoEnds, cores
from .workspace import Workspace, resolve_path

File = tuple[Path, str]  # a file of the run, and the name findings give it
_RECORD = struct.Struct("<iqq")  # position, offset and length of one file's data in the spool


def worth_it(files: Sequence[File], jobs: int | None) -> bool:
    """Two files or more but too few for worker processes, two cores, one thread, enough to read to repay a
    second process, and no --jobs 1."""
    if jobs == 1 or not 2 <= len(files) < PARALLEL_MIN_FILES or cores() < 2 or threading.active_count() > 1 \
            or not hasattr(os, "fork"):
        return False  # a fork has everything imported at once; it is only safe with one thread
    size = 0
    for path, _display in files:
        try:
            if path.is_file():
                size += path.stat().st_size
        except (OSError, ValueError):  # reading the file reports why
            pass
    return size >= PARALLEL_MIN_BYTES


def check_all(files: Sequence[File], workspace: Workspace, check: Callable[[Path, str], list[Finding]]
              ) -> list[list[Finding]]:
    """``check`` over ``files``, with a second process reading ahead; one list of findings per file, in the
    files' order. Raises OSError or ImportError when no second process can be started (the caller then checks
    the files itself)."""
    import tempfile  # here, not at the top: every `openplan validate` imports this module, few runs fork

    order = sorted(range(len(files)), key=lambda at: reports.looks_like_report(files[at][0]))  # reports last
    ordered = [files[at] for at in order]
    ends = TwoEnds()
    with tempfile.TemporaryFile() as spool:
        read, write = os.pipe()
        try:
            child = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            raise
        if child == 0:  # pragma: no cover - the second process; tests compare the results with one process's
            try:
                os.close(read)
                _read_ahead(ordered, workspace, ends, spool.fileno(), write)
            finally:
                os._exit(0)  # never return into the caller, nor flush its buffers twice
        os.close(write)
        arrivals = _Arrivals(ordered, workspace, ends, spool.fileno(), read)
        workspace.incoming = arrivals.wait_for
        try:
            with paused_gc():  # see loader.paused_gc: what arrives is a large acyclic graph
                found = _check_here(ordered, check, ends, arrivals)
        except BaseException:  # stopped (Ctrl-C, a fault): the second process's reading is no longer wanted
            os.kill(child, signal.SIGKILL)
            raise
        finally:
            workspace.incoming = None
            os.close(read)
            os.waitpid(child, 0)
    results: list[list[Finding]] = [[] for _file in files]
    for at, findings in zip(order, found):
        results[at] = findings
    return results


def _check_here(files: Sequence[File], check: Callable[[Path, str], list[Finding]], ends: TwoEnds,
                arrivals: _Arrivals) -> list[list[Finding]]:
    results: list[list[Finding] | None] = [None] * len(files)
    while (position := ends.take(len(files), front=True)) is not None:
        results[position] = check(*files[position])
    for position in arrivals:
        if results[position] is None:
            results[position] = check(*files[position])
    # Whatever the second process did not send is checked here.
    return [found if found is not None else check(*files[position]) for position, found in enumerate(results)]


class _Arrivals:
    """The files the second process sends, taken in as they arrive: by the loop that checks them, or sooner
    when a file being checked names one the second process is reading (a report naming the report before it),
    which is then waited for rather than read twice."""

    def __init__(self, files: Sequence[File], workspace: Workspace, ends: TwoEnds, spool: int, read: int):
        self.files, self.workspace, self.ends = files, workspace, ends
        self.positions = {resolve_path(path): position for position, (path, _display) in enumerate(files)}
        self.records = _received(read, spool)
        self.arrived: set[int] = set()
        self.unchecked: deque[int] = deque()  # arrived, in the order they arrived, and not yet given out

    def _take_in(self) -> bool:
        """Take in the next file sent; False when nothing more will come."""
        record = next(self.records, None)
        if record is None:
            return False
        position, sent = record
        if 0 <= position < len(self.files):
            if sent is not None:
                _keep(self.workspace, self.files[position], sent)
            self.arrived.add(position)
            self.unchecked.append(position)
        return True

    def wait_for(self, key: Path) -> None:
        position = self.positions.get(key)
        if position is None or position < len(self.files) - self.ends.taken(front=False):
            return  # not a file the second process has taken
        while position not in self.arrived and self._take_in():
            pass

    def __iter__(self) -> Iterator[int]:
        while self.unchecked or self._take_in():
            if self.unchecked:
                yield self.unchecked.popleft()


def _keep(workspace: Workspace, file: File, sent: tuple) -> None:
    """Give the workspace the file the second process read, as if it had read it itself."""
    path, display = file
    data, text, resolved, json, structure = sent
    key = resolve_path(path)
    if key not in workspace.documents:  # read here already (another file named it): keep that one
        workspace.documents[key] = Recomposed(display, data, text, resolved, workspace.options.limits, json)
        workspace.structure.setdefault(resolved, structure)


def _received(read: int, spool: int) -> Iterator[tuple[int, tuple | None]]:
    """What the second process sent, file by file as it arrives, until it is done or has died."""
    pending = b""
    while chunk := os.read(read, 1 << 16):
        pending += chunk
        while len(pending) >= _RECORD.size:
            position, offset, length = _RECORD.unpack_from(pending)
            pending = pending[_RECORD.size:]
            sent = None
            if length > 0:
                try:
                    sent = pickle.loads(os.pread(spool, length, offset))
                except Exception:  # a spool cut short: the file is read here
                    sent = None
            yield position, sent


def _read_ahead(files: Sequence[File], workspace: Workspace, ends: TwoEnds, spool: int, write: int
                ) -> None:  # pragma: no cover - runs in the second process
    offset = 0
    while (position := ends.take(len(files), front=False)) is not None:
        path, display = files[position]
        length = 0
        try:
            if path.is_file():  # a pipe or a device is read once, by the first process
                document = load_document(path, display, workspace.options.limits)
                payload = pickle.dumps((document.data, document.text, document.resolved, document.json,
                                        stages.structural(workspace, document)),
                                       protocol=pickle.HIGHEST_PROTOCOL)
                view = memoryview(payload)
                while view:
                    view = view[os.pwrite(spool, view, offset + len(payload) - len(view)):]
                length = len(payload)
        except Exception:  # read again in the first process, which reports it
            length = 0
        os.write(write, _RECORD.pack(position, offset, length))
        offset += length
