"""Reading the two plans a diff compares, and refusing what cannot be compared.

A diff needs two files (the same file twice compares as the same) that are
both OpenPlan plans this package can read. Problems that do not stop a comparison (the plans belong to two
organisations; a plan has a broken reference) become warnings on the diff.
"""

from __future__ import annotations

from pathlib import Path

from ..index import PlanIndex
from ..loader import Document, LoadError, parse
from ..report import Finding
from ..rules import Severity
from ..validation import Options, Validator
from ..version import SCHEMA_VERSION, SUPPORTED_SCHEMA_VERSIONS
from ..wording import counted
from .model import DiffWarning


class DiffError(Exception):
    """The plans cannot be compared. ``findings`` holds the problems behind it, with file and position."""

    def __init__(self, message: str, findings: list[Finding] | None = None):
        super().__init__(message)
        self.message = message
        self.findings = findings or []


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


def _pair_warnings(old: PlanIndex, new: PlanIndex) -> list[DiffWarning]:
    warnings = []
    a, b = old.main.data, new.main.data
    if a.get("organisation") != b.get("organisation"):
        warnings.append(DiffWarning("different-organisations", f"the plans belong to different organisations "
                                    f"({a.get('organisation')} in {old.main.path}, {b.get('organisation')} in "
                                    f"{new.main.path}); items are matched by id and wording all the same"))
    if str(a.get("openplan")) != str(b.get("openplan")):
        warnings.append(DiffWarning("different-versions", f"{old.main.path} follows OpenPlan {a.get('openplan')} "
                                    f"and {new.main.path} OpenPlan {b.get('openplan')}; fields only one version "
                                    "has are compared as if absent in the other"))
    return warnings


def load_pair(old: str | Path, new: str | Path, options: Options | None = None
              ) -> tuple[PlanIndex, PlanIndex, list[DiffWarning]]:
    """Load, check and index the two plans named by path. Raises :class:`DiffError`."""
    old_path, new_path = Path(old), Path(new)  # the same file twice is allowed: the plans are the same
    validator = Validator(options)
    indexes, warnings = [], []
    for path in (old_path, new_path):
        try:
            document = validator.workspace.load(path, str(path))
        except LoadError as error:
            raise DiffError(f"cannot read {error.finding.location()}: {error.finding.message}",
                            [error.finding]) from None
        index, problems = _check_plan(validator, document)
        indexes.append(index)
        warnings.extend(problems)
    return indexes[0], indexes[1], warnings + _pair_warnings(*indexes)


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
