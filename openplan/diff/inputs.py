"""Reading the two plans a diff compares, and refusing what cannot be compared.

A diff needs two files (the same file twice compares as the same) that are
both OpenPlan plans this package can read. Problems that do not stop a comparison (the plans belong to two
organisations; a plan has a broken reference) become warnings on the diff.
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..index import PlanIndex
from ..loader import Document, LoadError, parse, paused_gc
from ..report import Finding
from ..rules import Severity
from ..validation import Options, Validator
from ..validation.parallel import PARALLEL_MIN_BYTES, cores
from ..version import SCHEMA_VERSION, SUPPORTED_SCHEMA_VERSIONS
from ..wording import counted
from .model import DiffWarning
from .side import Side


class DiffError(Exception):
    """The plans cannot be compared. ``findings`` holds the problems behind it, with file and position."""

    def __init__(self, message: str, findings: list[Finding] | None = None):
        super().__init__(message)
        self.message = message
        self.findings = findings or []

    def __reduce__(self):  # raised in the process that read the newer plan: keep the findings on the way back
        return (DiffError, (self.message, self.findings))


def schema_errors(findings: list[Finding], document: Document) -> list[Finding]:
    """The errors that make ``document`` something other than a plan: its structure breaks the schema.

    A broken reference or a missing registry does not stop a comparison; a wrong shape does, because items
    could not be found where the schema puts them.
    """
    return [f for f in findings if f.severity is Severity.ERROR and f.code.startswith("S") and f.file == document.path]


def _older(version: str) -> bool:
    """Whether ``version`` (MAJOR.MINOR) is older than every version this package reads."""
    def parts(text: str) -> tuple[int, ...]:
        return tuple(int(p) for p in text.split("."))

    try:
        return parts(version) < min(parts(v) for v in SUPPORTED_SCHEMA_VERSIONS)
    except ValueError:
        return False


def _check_plan(validator: Validator, document: Document) -> tuple[PlanIndex, list[DiffWarning]]:
    name = document.path
    data = document.data
    if "openplan" not in data:
        raise DiffError(f"{name} is not an OpenPlan plan: it has no `openplan:` version line at the top")
    if data.get("kind") == "registry":
        raise DiffError(f"{name} is a registry file (kind: registry), not a plan; `openplan diff` compares two "
                        "plans")
    version = data.get("openplan")
    if str(version) not in SUPPORTED_SCHEMA_VERSIONS:
        readable = ", ".join(SUPPORTED_SCHEMA_VERSIONS)
        if _older(str(version)):
            remedy = f"upgrade a copy with `openplan upgrade` to OpenPlan {SCHEMA_VERSION} and compare that"
        else:
            remedy = "install a newer openplan (pip install -U openplan) to compare it"
        line, column = document.position(["openplan"])
        where = f"{name}:{line}:{column}" if line else name
        raise DiffError(f"cannot compare {where}: it follows OpenPlan {version}, and this openplan package reads "
                        f"OpenPlan {readable} only; {remedy}", validator.structural(document))
    findings, index = validator.check_document(document)
    structural = schema_errors(findings, document)
    if structural or index is None:
        first = structural[0] if structural else findings[0]
        more = f" (and {counted(len(structural) - 1, 'more problem')})" if len(structural) > 1 else ""
        raise DiffError(f"{name} is not a valid OpenPlan plan, so it cannot be compared: {first.location()}: "
                        f"{first.message}{more}. Run `openplan validate {name}` to see every problem.",
                        structural or findings)
    warnings = []
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        warnings.append(DiffWarning("invalid-plan", f"{name} has {counted(len(errors), 'validation error')} (for "
                                    f"example {errors[0].location()}: {errors[0].message}); the comparison may be "
                                    f"incomplete. Run `openplan validate {name}`."))
    return index, warnings


def _data(plan: PlanIndex | Side) -> dict:
    return plan.data if isinstance(plan, Side) else plan.main.data


def _path(plan: PlanIndex | Side) -> str:
    return plan.info.path if isinstance(plan, Side) else plan.main.path


def _pair_warnings(old: PlanIndex | Side, new: PlanIndex | Side) -> list[DiffWarning]:
    warnings = []
    a, b = _data(old), _data(new)
    old_path, new_path = _path(old), _path(new)
    if a.get("organisation") != b.get("organisation"):
        warnings.append(DiffWarning("different-organisations", f"the plans belong to different organisations "
                                    f"({a.get('organisation')} in {old_path}, {b.get('organisation')} in "
                                    f"{new_path}); items are matched by id and wording all the same"))
    if str(a.get("openplan")) != str(b.get("openplan")):
        warnings.append(DiffWarning("different-versions", f"{old_path} follows OpenPlan {a.get('openplan')} "
                                    f"and {new_path} OpenPlan {b.get('openplan')}; fields only one version "
                                    "has are compared as if absent in the other"))
    return warnings


def _checked(validator: Validator, path: Path) -> tuple[PlanIndex, list[DiffWarning]]:
    try:
        document = validator.workspace.load(path, str(path))
    except LoadError as error:
        raise DiffError(f"cannot read {error.finding.location()}: {error.finding.message}",
                        [error.finding]) from None
    return _check_plan(validator, document)


def load_pair(old: str | Path, new: str | Path, options: Options | None = None
              ) -> tuple[PlanIndex, PlanIndex, list[DiffWarning]]:
    """Load, check and index the two plans named by path. Raises :class:`DiffError`."""
    # One validator each, so that each plan is shown by the name given here, even when the older plan names the
    # newer as its previous edition (or the same file is given twice: then the plans are the same).
    old_index, old_problems = _checked(Validator(options), Path(old))
    new_index, new_problems = _checked(Validator(options), Path(new))
    return old_index, new_index, old_problems + new_problems + _pair_warnings(old_index, new_index)


def _settled_side(path: str, options: Options | None) -> tuple[Side, list[DiffWarning]]:
    """In the second process: the newer plan read, checked and worked out, as plain data."""
    with paused_gc():
        index, problems = _checked(Validator(options), Path(path))
        return Side(index).settle(), problems


def _worth_a_second_process(paths: tuple[Path, Path], options: Options | None) -> bool:
    """Two cores, plans big enough that reading one in each pays for starting a process, and no jobs=1."""
    if (options is not None and options.jobs == 1) or cores() < 2 or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return False  # fork starts a process in milliseconds with everything imported; safe with one thread
    try:
        return sum(path.stat().st_size for path in paths) >= PARALLEL_MIN_BYTES
    except (OSError, ValueError):  # reading the file reports why
        return False


def load_sides(old: str | Path, new: str | Path, options: Options | None = None
               ) -> tuple[Side, Side, list[DiffWarning]]:
    """The two plans named by path, as :class:`Side` s, with the warnings about them. Raises :class:`DiffError`.

    With two cores and large plans, the newer plan is read in a second process while this one reads the older:
    the same results as reading them one after the other, in about half the time."""
    paths = (Path(old), Path(new))
    if _worth_a_second_process(paths, options):
        try:
            pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        except (OSError, RuntimeError):  # processes cannot be started here (a sandbox): read them in turn
            pool = None
        if pool is not None:
            with pool:
                newer = pool.submit(_settled_side, str(paths[1]), options)
                try:
                    old_index, old_problems = _checked(Validator(options), paths[0])
                except DiffError:
                    newer.cancel()
                    raise
                old_side = Side(old_index)
                try:
                    new_side, new_problems = newer.result()
                except BrokenProcessPool:
                    new_side = None
            if new_side is not None:
                return old_side, new_side, old_problems + new_problems + _pair_warnings(old_side, new_side)
    old_index, new_index, warnings = load_pair(*paths, options)
    return Side(old_index), Side(new_index), warnings


def load_texts(old_text: str, new_text: str, old_name: str = "old.yaml", new_name: str = "new.yaml",
               options: Options | None = None) -> tuple[PlanIndex, PlanIndex, list[DiffWarning]]:
    """As :func:`load_pair`, for plans given as text (registries are looked up from the working folder)."""
    if old_name == new_name:
        raise DiffError("the two plans need different names")
    validator = Validator(options)
    indexes, warnings = [], []
    for text, name in ((old_text, old_name), (new_text, new_name)):
        try:
            document = parse(text, name, validator.options.limits)
        except LoadError as error:
            raise DiffError(f"cannot read {error.finding.location()}: {error.finding.message}",
                            [error.finding]) from None
        document.resolved = Path.cwd() / name
        index, problems = _check_plan(validator, document)
        indexes.append(index)
        warnings.extend(problems)
    return indexes[0], indexes[1], warnings + _pair_warnings(*indexes)
