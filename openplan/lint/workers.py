"""Many files of a lint run shared among worker processes, one per core, as ``validate`` shares them.

Each worker lints whole files (load, validate, the rules of one file, the file's inline suppressions read)
and sends back its findings with the file's index, so that the rules that look across files and the
baseline run here, in order, exactly as in a run of one process. A plan comes back without its node graph
and text (they are large, and only ``--fix`` needs them: it reads the file again); a registry comes back as
its path, and is read here once, so that findings placed in it by rules across files keep their positions.

The number of workers and when to use them are validate's (``--jobs``; at least 8 files and 1 MB to read).
"""

from __future__ import annotations

import io
import pickle
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from ..loader import Document, LoadError
from ..report import NO_VALUE
from ..validation.parallel import jobs_for, run_in_parallel
from . import project
from .context import Context
from .inline import parsed

_LINTER: Any = None  # the worker's own Linter: configuration files and registries read once per worker
_SHARED: dict[str, Document] = {}  # while results are read back: registries by resolved path


def _no_value() -> Any:
    return NO_VALUE


def _shared(key: str) -> Document:
    return _SHARED[key]


def _is_registry(document: Document) -> bool:
    return isinstance(document.data, dict) and document.data.get("kind") == "registry"


class _Sender(pickle.Pickler):
    """Pickles a linted file: plans without their node graph, registries as their path."""

    def __init__(self, stream, registries: dict[str, str]):
        super().__init__(stream, protocol=pickle.HIGHEST_PROTOCOL)
        self.registries = registries

    def reducer_override(self, obj):
        if obj is NO_VALUE:  # a sentinel object, which pickling would copy
            return _no_value, ()
        if isinstance(obj, Document):
            if _is_registry(obj) and obj.resolved is not None:
                key = str(Path(obj.resolved).resolve())
                self.registries[key] = obj.path
                return _shared, (key,)
            return Document, (obj.path, obj.data, None, "", obj.resolved)
        return NotImplemented


def _start(linter_class, options, run_files: tuple = ()) -> None:
    # The class comes from the caller (pickled by name), so that this module need not import the engine.
    global _LINTER
    _LINTER = linter_class(options)
    _LINTER.split_rules = False  # the cores are already shared out, a file to each worker
    _LINTER.validator.workspace.run_files = run_files  # parent plans named by id are looked for among them


def _slim(index: Any) -> Any:
    """The index as the rules across files read it: of its objects, only the kinds they look at (most of an
    index's objects are never read again here, and sending them cost a sixth of a worker's time)."""
    if index is None:
        return None
    return replace(index, nodes=[node for node in index.nodes if node.type in project.NODES_READ])


def _lint_batch(batch: list[tuple[Path, str]]) -> list[tuple[dict[str, str], bytes]]:
    out = []
    for path, display in batch:
        state = _LINTER.file(path, display)
        findings = _LINTER.lint_file(state)
        if state.document is not None and state.document.node is not None:
            state.suppressions = parsed(state.document)
        registries: dict[str, str] = {}
        stream = io.BytesIO()
        _Sender(stream, registries).dump((findings, state.document, _slim(state.index), _slim(state.partial),
                                          state.ran, state.suppressions))
        out.append((registries, stream.getvalue()))
        if state.document is not None and not _is_registry(state.document):
            _LINTER.validator.workspace.release(path)  # let a plan go once sent; registries stay for the others
    return out


def lint_in_parallel(linter, states: list) -> list[list] | None:
    """Each file's findings, in order, linted by worker processes; None when one process is better (few or
    small files, --jobs 1, a rule across files from a plugin) or when no worker process can be started."""
    jobs = jobs_for(linter.validator.options.jobs, [state.path for state in states])
    if jobs < 2:
        return None
    # A third-party rule across files may place findings in any plan, which needs the plan's node graph.
    if any(entry.check_project is not None and entry.origin != "openplan" for entry in linter.rules.values()):
        return None
    workspace = linter.validator.workspace
    waiting = iter(states)

    def receive(sent: tuple[dict[str, str], bytes]) -> list:
        # Each file is taken in as soon as it comes back, while the workers go on: not all at the end.
        return _received(next(waiting), *sent, workspace, linter.options.today)

    try:
        return run_in_parallel([(state.path, state.display) for state in states], _start,
                               (type(linter), linter.options, linter.validator.workspace.run_files), _lint_batch,
                               jobs, receive)
    except (OSError, ImportError, RuntimeError):  # no processes here (a sandbox, a broken pool): go on alone
        return None
    finally:
        _SHARED.clear()


def _received(state, registries: dict[str, str], payload: bytes, workspace, today: date | None) -> list:
    """One file's findings as a worker sent them, its state filled in as if it were linted here."""
    for key, display in registries.items():
        if key not in _SHARED:
            try:
                _SHARED[key] = workspace.load(Path(key), display)
            except LoadError:  # read by the worker a moment ago; changed since: its findings stand
                _SHARED[key] = Document(display, {}, None, "", Path(key))
    findings, state.document, state.index, state.partial, state.ran, state.suppressions = pickle.loads(payload)
    if state.index is not None:
        state.context = Context(state.index, today or state.settings.today or date.today())
    return findings
