"""Which files a run checks: OpenPlan files named or found in folders, and the plans that use a registry."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any, Iterable

from ..loader import DEFAULT_LIMITS, FILE_NOT_FOUND, Limits, LoadError, is_folder, load_document
from ..report import Finding
from ..rules import Severity
from ..wording import counted
from .workspace import URL, display_path, project_root, resolve_path

PLAN_SUFFIXES = (".yaml", ".yml", ".json")
# A plan or registry has an `openplan` key at the top: a YAML line, or a key of a JSON (or flow) mapping.
_PLAN_HEAD = re.compile(rb"""(?m)^(?:\xef\xbb\xbf)?(?:openplan|"openplan"|'openplan')\s*:"""
                        rb"""|[{,]\s*(?:openplan|"openplan"|'openplan')\s*:""")
# An extension folder (extension.json beside schema.json and codelists) describes fields, never a plan.
EXTENSION_MARKER = "extension.json"


def looks_like_plan(path: Path) -> bool:
    """Whether a file named on the command line has an `openplan` key at the top, as every OpenPlan file does."""
    try:
        if not path.is_file():
            return True  # a folder, a pipe or a missing file: loading reports what it is, without waiting on it
        with open(path, "rb") as handle:
            return bool(_PLAN_HEAD.search(handle.read(4096)))
    except OSError:
        return True  # let loading report why it cannot be read


def is_openplan_file(path: Path) -> bool:
    """Whether a file found in a folder is an OpenPlan file (has an `openplan` key at the top)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return False  # a named pipe, socket or device in a folder is never a plan (and reading may block)
    except OSError:
        return True  # let validation report why it cannot be read
    return looks_like_plan(path)


def in_extension_folder(path: Path) -> bool:
    """Whether a file sits in an extension folder (beside extension.json)."""
    return (path.absolute().parent / EXTENSION_MARKER).is_file()


def _no_plans(display: str, passed_over: int) -> Finding:
    extra = (f" ({counted(passed_over, 'extension folder')} passed over: extensions are "
             "not plans)" if passed_over else "")
    return Finding(FILE_NOT_FOUND.code, f"the folder holds no OpenPlan files{extra}", Severity.ERROR, display,
                   hint="Check the path. A plan or registry is a .yaml, .yml or .json file with an `openplan:` "
                        "line at the top; folders are searched with the folders inside them, except hidden "
                        "folders and extension folders.")


def discover(paths: Iterable[str | Path], limits: Limits = DEFAULT_LIMITS, *,
             skip_non_plans: bool = False) -> tuple[list[tuple[Path, str]], list[Finding]]:
    """The files `validate`, `lint` and `stats` check, and a finding (L001) for each folder that holds none.

    A folder is searched for OpenPlan YAML and JSON files, passing over hidden folders, node_modules and
    extension folders. A file named is checked as given (reading it reports what is wrong with it), unless
    ``skip_non_plans`` is set and it is not an OpenPlan file or belongs to an extension. More than
    ``limits.max_files`` files stop the search, so that the caller can report the limit.
    """
    files: list[tuple[Path, str]] = []
    findings: list[Finding] = []
    for given in paths:
        path = Path(given)
        if not is_folder(path):  # a name too long to be a file is checked, and reading reports it
            if not skip_non_plans or (looks_like_plan(path) and not in_extension_folder(path)):
                files.append((path, str(given)))
            continue
        before, extensions_seen = len(files), 0
        for folder, subfolders, names in os.walk(path):
            if EXTENSION_MARKER in names:
                extensions_seen += 1
                subfolders[:] = []
                continue
            subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and d != "node_modules")
            for name in sorted(names):
                candidate = Path(folder) / name
                if candidate.suffix.lower() in PLAN_SUFFIXES and is_openplan_file(candidate):
                    files.append((candidate, str(candidate)))
                    if len(files) > limits.max_files:
                        return files, findings
        if len(files) == before:
            findings.append(_no_plans(str(given), extensions_seen))
    return files, findings


def plans_using(files: Iterable[Path], limits: Limits = DEFAULT_LIMITS) -> list[tuple[Path, str]]:
    """The plans in the project of each registry in ``files`` that use it, directly or through other registries.

    A commit that changes only a registry can break the plans that use it; pre-commit names only the changed
    files, so the plans are found here: every OpenPlan file under the registry's project folder is read, and
    those whose `registries` lead to it are returned (with paths relative to the working folder).
    """
    names: dict[Path, list[Path]] = {}  # file -> the registries it names
    kinds: dict[Path, Any] = {}

    def read(path: Path) -> None:
        if path in kinds:
            return
        try:
            data = load_document(path, str(path), limits).data
        except LoadError:
            data = {}
        kinds[path] = data.get("kind")
        listed = data.get("registries")
        names[path] = [resolve_path(path.parent / target) for target in (listed if isinstance(listed, list) else [])
                       if isinstance(target, str) and not URL.match(target)]

    changed: set[Path] = set()
    roots: set[Path] = set()
    for given in files:
        path = resolve_path(Path(given))
        if path.is_file():
            read(path)
            if kinds[path] == "registry":
                changed.add(path)
                roots.add(project_root(path))
    if not changed:
        return []
    for root in sorted(roots):
        for candidate, _ in discover([root], limits)[0]:
            read(resolve_path(candidate))

    def uses(path: Path, seen: set[Path]) -> bool:
        for registry in names.get(path, ()):
            if registry in changed or (registry not in seen and registry in names
                                       and uses(registry, seen | {registry})):
                return True
        return False

    return [(path, display_path(path)) for path in sorted(names)
            if kinds[path] != "registry" and path not in changed and uses(path, {path})]


def expand(paths: Iterable[str | Path], limits: Limits = DEFAULT_LIMITS) -> list[tuple[Path, str]]:
    """Files to validate: files as given; folders searched for OpenPlan YAML and JSON files (see discover)."""
    return discover(paths, limits)[0]
