"""The library entry points behind ``openplan validate``: they return a :class:`~openplan.report.Result`,
and never print or exit."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from ..index import PlanIndex
from ..loader import LIMIT, Document, LoadError, decode, paused_gc, read_stream
from ..report import Finding, Result, dedup_key
from ..rules import Severity
from . import ahead, stages
from .discovery import discover
from .parallel import jobs_for, run_in_parallel
from .workspace import Options, Workspace


class Validator:
    """Validates files, sharing loaded registries between them."""

    def __init__(self, options: Options | None = None):
        self.options = options or Options()
        self.workspace = Workspace(self.options)

    def structural(self, document: Document) -> list[Finding]:
        """The structural findings of a loaded file (or the version it cannot read)."""
        return stages.structural(self.workspace, document)

    def check_document(self, document: Document) -> tuple[list[Finding], PlanIndex | None]:
        """Every finding of a loaded file, and its index (None when a fatal finding stopped the checks)."""
        context = stages.run(stages.Context(self.workspace, document=document))
        return context.findings, context.index

    def check_file(self, path: Path, display: str | None = None) -> list[Finding]:
        return stages.run(stages.Context(self.workspace, path=path, display=display)).findings

    def check_text(self, text: str, display: str = "<stdin>") -> list[Finding]:
        return stages.run(stages.Context(self.workspace, text=text, display=display)).findings


def _check_one(validator: Validator, path: Path, display: str) -> list[Finding]:
    """Check one file named on the command line, then let it go (registries stay loaded)."""
    with paused_gc():  # see loader.paused_gc: the index is another large acyclic graph
        findings = validator.check_file(path, display)
        validator.workspace.release(path)
    return findings


# -- in worker processes ------------------------------------------------------------------------------------------

_WORKER: Validator | None = None


def _start_worker(options: Options, run_files: tuple[tuple[Path, str], ...] = ()) -> None:
    global _WORKER
    _WORKER = Validator(options)  # one per process, so each registry is read once per worker
    _WORKER.workspace.run_files = run_files


def _check_batch(batch: list[tuple[Path, str]]) -> list[list[Finding]]:
    assert _WORKER is not None
    return [_check_one(_WORKER, path, display) for path, display in batch]


def _jobs(options: Options, files: list[tuple[Path, str]]) -> int:
    return jobs_for(options.jobs, [path for path, _display in files])


# -- the public API -----------------------------------------------------------------------------------------------


def validate(*paths: str | Path, options: Options | None = None) -> Result:
    """Validate files and folders of plans and registries. Never prints, never exits.

    Many files are shared out among worker processes, one per core; a few large files are read ahead by a
    second process (:mod:`.ahead`). Either way the result is the same, in the same order, as checking them
    one by one.
    """
    validator = Validator(options)
    result = Result()
    files, missing = discover(paths, validator.options.limits)
    result.findings.extend(missing)
    if len(files) > validator.options.limits.max_files:
        result.findings.append(Finding(LIMIT.code, f"more than {validator.options.limits.max_files:,} files to "
                                       "check; name fewer files or raise the limit", Severity.ERROR,
                                       str(paths[0]) if paths else None, hint=LIMIT.fix))
        files = files[: validator.options.limits.max_files]
    validator.workspace.run_files = tuple(files)  # where a parent plan named only by its id is looked for
    outcomes: Iterable[list[Finding]] | None = None
    jobs = _jobs(validator.options, files)
    if jobs > 1:
        try:
            outcomes = run_in_parallel(files, _start_worker, (validator.options, tuple(files)), _check_batch,
                                       jobs)
        except (OSError, ImportError, RuntimeError):  # no processes here (a sandbox, a broken pool): go on alone
            outcomes = None
    if outcomes is None and ahead.worth_it(files, validator.options.jobs):
        try:
            outcomes = ahead.check_all(files, validator.workspace,
                                       lambda path, display: _check_one(validator, path, display))
        except (OSError, ImportError):  # no second process here (a sandbox): go on alone
            outcomes = None
    if outcomes is None:
        outcomes = (_check_one(validator, path, display) for path, display in files)
    seen: set[tuple] = set()
    for (_path, display), findings in zip(files, outcomes):
        result.files.append(display)
        for finding in findings:
            key = dedup_key(finding)
            if key not in seen:  # a registry's own findings appear once, however many plans use it
                seen.add(key)
                result.findings.append(finding)
    return result


def validate_text(text: str, display: str = "<stdin>", options: Options | None = None) -> Result:
    validator = Validator(options)
    return Result(files=[display], findings=validator.check_text(text, display))


def validate_stream(stream: Any, display: str = "<stdin>", options: Options | None = None) -> Result:
    """Validate a plan read from an open binary stream such as standard input (None: closed), as a file is
    read: at most ``limits.max_bytes``, in UTF-8 or UTF-16/32 with a byte-order mark."""
    options = options or Options()
    try:
        text = decode(read_stream(stream, display, options.limits.max_bytes), display)
    except LoadError as error:
        return Result(files=[display], findings=[error.finding])
    return validate_text(text, display, options)


class InvalidPlanError(ValueError):
    """Raised by :func:`load` when a file is not a valid plan; ``result`` holds the findings."""

    def __init__(self, result: Result):
        errors = result.errors
        first = errors[0] if errors else None
        super().__init__(f"{first.location()}: {first.message}" if first else "invalid plan")
        self.result = result


def load(path: str | Path, options: Options | None = None) -> Any:
    """Load and validate a plan, registry or progress report file, returning the typed model
    (:class:`openplan.model.Plan`, :class:`~openplan.model.Registry` or :class:`~openplan.model.ProgressReport`)."""
    from .. import model

    validator = Validator(options)
    findings = validator.check_file(Path(path), str(path))
    result = Result(files=[str(path)], findings=findings)
    if not result.valid:
        raise InvalidPlanError(result)
    data = validator.workspace.load(Path(path)).data
    cls = {"registry": model.Registry, "report": model.ProgressReport}.get(data.get("kind"), model.Plan)
    return cls.model_validate(data)
