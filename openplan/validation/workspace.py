"""The files of one run, and the policy for the files a file names.

A :class:`Workspace` loads each file once per run and remembers the outcome.
It is also the one public reference resolver: every file reference a plan
makes (a registry, a previous edition, an extension folder) goes through
:meth:`Workspace.resolve_reference`, which refuses web addresses and, unless
allowed, paths outside the project folder.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from ..findings import finding_at
from ..loader import (DEFAULT_LIMITS, FILE_NOT_FOUND, LIMIT, OUTSIDE_PROJECT, URL_REFERENCE, Document, Limits,
                      LoadError, Recomposed, load_document)
from ..report import Finding
from ..wording import display_path

KEEP_RELEASED = 8_000_000  # characters of text of files kept after they are released (see Workspace.release)
PROJECT_MARKERS = (".git", "pyproject.toml", "openplan.toml", ".openplan.toml")
URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True)
class Options:
    """How to validate: resource limits, and whether references may leave the project folder."""

    limits: Limits = DEFAULT_LIMITS
    allow_outside: bool = False
    # Worker processes for many files: None chooses (one per core when there is enough work), 1 never forks.
    # Never more than one per core or one per file, whatever is asked.
    jobs: int | None = None


def project_root(path: Path) -> Path:
    """The nearest folder above ``path`` that holds a project marker, else the file's own folder."""
    start = path.parent
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in PROJECT_MARKERS):
            return folder
    return start


def resolve_path(path: Path) -> Path:
    """The absolute, symlink-free path; a symlink loop stays as written, so reading it reports the loop."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop (RuntimeError before 3.13); ValueError: a NUL
        return path.absolute()


@dataclass
class Workspace:
    """Loads each file once per run and remembers the outcome; resolves the files a file names."""

    options: Options = field(default_factory=Options)
    documents: dict[Path, Document | LoadError] = field(default_factory=dict)
    # Files another file names (registries, previous editions): kept for the whole run.
    shared: set[Path] = field(default_factory=set)
    # The structural findings of each file, worked out once however many plans use it.
    structure: dict[Path, list[Finding]] = field(default_factory=dict)
    # The index of each plan a progress report names, built once however many reports name it.
    plan_indexes: dict[Path, Any] = field(default_factory=dict)
    # The folders of the run's progress reports (None: not yet looked): a plan at or above one stays loaded.
    report_folders: tuple[Path, ...] | None = None
    # The files of the run, as (path, display): a parent plan named only by its id is looked for among them.
    run_files: tuple[tuple[Path, str], ...] = ()
    # Called with a file's resolved path before it is read: a second process reading ahead may deliver it.
    incoming: Callable[[Path], None] | None = field(default=None, repr=False)
    _plan_ids: dict[str, tuple[Path, str]] | None = field(default=None, repr=False)
    _run_names: dict[Path, str] | None = field(default=None, repr=False)
    _released: OrderedDict[Path, int] = field(default_factory=OrderedDict, repr=False)  # kept after release, by size

    def load(self, path: Path, display: str | None = None, *, shared: bool = False) -> Document:
        key = resolve_path(path)
        if shared:
            self.shared.add(key)
        if key not in self.documents and self.incoming is not None:
            self.incoming(key)
        if key not in self.documents:
            try:
                self.documents[key] = load_document(path, display or self._run_name(key) or display_path(path),
                                                    self.options.limits)
            except LoadError as error:
                self.documents[key] = error
        outcome = self.documents[key]
        if isinstance(outcome, LoadError):
            raise outcome
        return outcome

    def _run_name(self, key: Path) -> str | None:
        """The name the run gives a file of the run, so that its findings are named alike whether it was first
        read to be checked or because another file names it."""
        if self._run_names is None:
            self._run_names = {}
            for path, display in self.run_files:
                self._run_names.setdefault(resolve_path(path), display)
        return self._run_names.get(key)

    def release(self, path: Path) -> None:
        """Let go of a file that was checked on its own, unless another file names it; keeps memory flat.

        The last few stay, without their node graphs (most of their memory), while their text comes to at most
        :data:`KEEP_RELEASED` characters: the next file often names the one before it (a progress report names
        the previous quarter's), and is spared reading it again."""
        key = resolve_path(path)
        if key in self.shared:
            return
        document = self.documents.get(key)
        if not isinstance(document, Document) or len(document.text) > KEEP_RELEASED:
            self.documents.pop(key, None)
            return
        if not isinstance(document, Recomposed):
            self.documents[key] = Recomposed(document.path, document.data, document.text, document.resolved,
                                             self.options.limits, document.json)
        self._released[key] = len(document.text)
        self._released.move_to_end(key)
        while sum(self._released.values()) > KEEP_RELEASED:
            oldest, _size = self._released.popitem(last=False)
            if oldest not in self.shared:  # named since: kept for the run
                self.documents.pop(oldest, None)

    def plan_named(self, plan_id: str) -> Document | None:
        """The plan among the run's files whose id is ``plan_id`` (kept for the whole run), or None.

        The first call reads every file of the run once to learn its id, keeping none of them loaded."""
        if self._plan_ids is None:
            self._plan_ids = {}
            for path, display in self.run_files:
                loaded = resolve_path(path) in self.documents
                try:
                    data = self.load(path, display).data
                except LoadError:
                    continue  # checking that file reports why it cannot be read
                if not loaded:
                    self.release(path)
                if data.get("kind", "plan") == "plan" and isinstance(data.get("id"), str):
                    self._plan_ids.setdefault(data["id"], (path, display))
        found = self._plan_ids.get(plan_id)
        if found is None:
            return None
        try:
            return self.load(found[0], found[1], shared=True)
        except LoadError:
            return None

    def resolve_reference(self, document: Document, parts: Sequence[str | int], target: str
                          ) -> tuple[Path | None, Finding | None]:
        """The file ``target`` names, written at ``parts`` of ``document``; or a finding (L015, L016) if it is
        a web address or, unless the options allow it, outside the project folder."""
        if URL.match(target):
            return None, finding_at(URL_REFERENCE, document, parts, f'"{target}" is a web address; OpenPlan never '
                                    "fetches files from the network", value=target)
        base = document.resolved.parent if document.resolved else Path.cwd()
        path = resolve_path(base / target)
        if not self.options.allow_outside:
            root = project_root(document.resolved) if document.resolved else Path.cwd()
            if not path.is_relative_to(root):
                return None, finding_at(OUTSIDE_PROJECT, document, parts,
                                        f'"{target}" is outside the project folder {display_path(root)}',
                                        value=target)
        return path, None

    def load_reference(self, document: Document, parts: Sequence[str | int], target: str
                       ) -> tuple[Document | None, list[Finding]]:
        """Load the file ``target`` names (kept for the whole run), or say why it cannot be used."""
        path, problem = self.resolve_reference(document, parts, target)
        if problem is not None:
            return None, [problem]
        assert path is not None
        try:
            return self.load(path, shared=True), []
        except LoadError as error:
            inner = error.finding
            if inner.code == FILE_NOT_FOUND.code:
                return None, [finding_at(FILE_NOT_FOUND, document, parts, f'"{target}" does not exist',
                                         value=target)]
            # The referenced file is broken: report it where it is broken, and here where it is named.
            here = finding_at(LIMIT if inner.code == LIMIT.code else FILE_NOT_FOUND, document, parts,
                              f'"{target}" cannot be read: {inner.message}', value=target)
            return None, [inner, here] if inner.code != FILE_NOT_FOUND.code else [here]
