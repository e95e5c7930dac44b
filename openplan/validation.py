"""Validation of plans and registries: loading, structure, cross-file references and integrity.

:func:`validate` is the library entry point behind ``openplan validate``. It
returns a :class:`~openplan.report.Result`; it never prints and never exits.
"""

from __future__ import annotations

import os
import re
import stat
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Iterator

from . import extensions, structure
from .checks import all_checks
from .checks import finding as positioned
from .index import PlanIndex, build
from .migrations import deprecation
from .loader import (DEFAULT_LIMITS, FILE_NOT_FOUND, LIMIT, OUTSIDE_PROJECT, UNKNOWN_VERSION, URL_REFERENCE,
                     Document, Limits, LoadError, decode, is_folder, load_document, parse, paused_gc, read_stream)
from .report import Finding, Result
from .rules import Rule, Severity, register
from .version import SUPPORTED_SCHEMA_VERSIONS

PLAN_SUFFIXES = (".yaml", ".yml", ".json")
_PROJECT_MARKERS = (".git", "pyproject.toml", "openplan.toml", ".openplan.toml")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

_REGISTRY = 'openplan: "1.0"\nkind: registry\nid: reg.shared\ntitle: Shared things\n'
_PLAN_USING = ('openplan: "1.0"\nid: plan.example\ntitle: Example plan\norganisation: org.example\n'
               'period: {start: "2025-04-01", end: "2026-03-31"}\nedition: {status: draft}\n'
               'registries: [shared.yaml]\norganisations:\n  - {id: org.example, name: Example Council}\n')

NOT_A_REGISTRY = register(Rule(
    "I009", "not-a-registry", "integrity", Severity.ERROR, "A file named in `registries` is not a registry file.",
    "Only registry files (kind: registry) can be shared; a plan named as a registry would merge two plans' ids.",
    "Name a registry file, or add `kind: registry` to the file if it is one.",
    failing=_PLAN_USING, passing=_PLAN_USING,
    files={"shared.yaml": _PLAN_USING.replace("registries: [shared.yaml]\n", "").replace("plan.example", "plan.b")}))
REGISTRY_CYCLE = register(Rule(
    "I010", "registry-cycle", "integrity", Severity.ERROR, "Registry files name each other in a circle.",
    "A circle of registries has no starting point; it is almost always a mistake in a `registries` list.",
    "Remove one of the `registries` entries that closes the circle.",
    failing=_REGISTRY + "registries: [other.yaml]\n",
    passing=_REGISTRY + "registries: [other.yaml]\n",
    files={"other.yaml": _REGISTRY.replace("reg.shared", "reg.other") + "registries: [plan.yaml]\n"}))
PREVIOUS_EDITION = register(Rule(
    "I011", "previous-edition-mismatch", "integrity", Severity.ERROR,
    "The file named as the previous edition holds a different plan id than `edition.previous.id` says.",
    "Edition links are how diffs and histories find the draft of a final plan; a wrong link compares the wrong "
    "plans.",
    "Correct `edition.previous.id` or `edition.previous.path`.",
    failing=_PLAN_USING.replace("registries: [shared.yaml]\n", "").replace(
        "edition: {status: draft}", "edition: {status: approved, previous: {id: plan.draft, path: draft.yaml}}"),
    passing=_PLAN_USING.replace("registries: [shared.yaml]\n", "").replace(
        "edition: {status: draft}", "edition: {status: approved, previous: {id: plan.draft, path: draft.yaml}}"),
    files={"draft.yaml": _PLAN_USING.replace("registries: [shared.yaml]\n", "").replace("plan.example",
                                                                                         "plan.other")}))
UNKNOWN_PREVIOUS_ITEM = register(Rule(
    "I012", "unknown-previous-item", "integrity", Severity.ERROR,
    "An edition change names, in `previous_items`, an id that the previous edition does not define.",
    "Change records are how a reader follows an item from the draft to the final; a wrong id breaks the trail.",
    "Correct the id to one defined in the previous edition's file.",
    failing=_PLAN_USING.replace("registries: [shared.yaml]\n", "").replace(
        "edition: {status: draft}", "edition:\n  status: approved\n  previous: {id: plan.draft, path: draft.yaml}\n"
        "  changes:\n    - {kind: withdrawn, items: [org.example], previous_items: [obj.gone]}"),
    passing=_PLAN_USING.replace("registries: [shared.yaml]\n", "").replace(
        "edition: {status: draft}", "edition:\n  status: approved\n  previous: {id: plan.draft, path: draft.yaml}\n"
        "  changes:\n    - {kind: withdrawn, items: [org.example], previous_items: [obj.kept]}"),
    files={"draft.yaml": _PLAN_USING.replace("registries: [shared.yaml]\n", "").replace("plan.example", "plan.draft")
           + "areas:\n  - id: area.a\n    title: A\n    objectives: [{id: obj.kept, title: Kept}]\n"}))
# Every rule this module declares, listed for the catalogue (openplan/catalogue.py).
RULES: tuple[Rule, ...] = (NOT_A_REGISTRY, REGISTRY_CYCLE, PREVIOUS_EDITION, UNKNOWN_PREVIOUS_ITEM)
# The passing examples differ from the failing ones only in the files beside them; see _PASSING_FILES.
PASSING_FILES = {
    "I009": {"shared.yaml": _REGISTRY},
    "I010": {"other.yaml": _REGISTRY.replace("reg.shared", "reg.other")},
    "I011": {"draft.yaml": _PLAN_USING.replace("registries: [shared.yaml]\n", "").replace("plan.example",
                                                                                         "plan.draft")},
}


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
        if any((folder / marker).exists() for marker in _PROJECT_MARKERS):
            return folder
    return start


def _resolve(path: Path) -> Path:
    """The absolute, symlink-free path; a symlink loop stays as written, so reading it reports the loop."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop (RuntimeError before 3.13); ValueError: a NUL
        return path.absolute()


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


@dataclass
class Workspace:
    """Loads each file once per run and remembers the outcome."""

    options: Options = field(default_factory=Options)
    documents: dict[Path, Document | LoadError] = field(default_factory=dict)
    # Files another file names (registries, previous editions): kept for the whole run.
    shared: set[Path] = field(default_factory=set)

    def load(self, path: Path, display: str | None = None, *, shared: bool = False) -> Document:
        key = _resolve(path)
        if shared:
            self.shared.add(key)
        if key not in self.documents:
            try:
                self.documents[key] = load_document(path, display or _display(path), self.options.limits)
            except LoadError as error:
                self.documents[key] = error
        outcome = self.documents[key]
        if isinstance(outcome, LoadError):
            raise outcome
        return outcome

    def release(self, path: Path) -> None:
        """Forget a file that was checked on its own, unless another file names it; keeps memory flat."""
        key = _resolve(path)
        if key not in self.shared:
            self.documents.pop(key, None)


def _version_problem(document: Document) -> Finding | None:
    version = document.data.get("openplan")
    if isinstance(version, str) and re.match(r"^[0-9]+\.[0-9]+$", version) and version not in SUPPORTED_SCHEMA_VERSIONS:
        line, column = document.position(["openplan"])
        return Finding(UNKNOWN_VERSION.code, f"this file is OpenPlan {version}; this openplan package reads "
                       f"{', '.join(SUPPORTED_SCHEMA_VERSIONS)}", Severity.ERROR, document.path, line, column,
                       "/openplan", version, UNKNOWN_VERSION.fix)
    return None


class Validator:
    """Validates files, sharing loaded registries between them."""

    def __init__(self, options: Options | None = None):
        self.options = options or Options()
        self.workspace = Workspace(self.options)
        self._structural: dict[Path, list[Finding]] = {}

    # -- single documents ---------------------------------------------------

    def structural(self, document: Document) -> list[Finding]:
        key = document.resolved or Path(document.path)
        if key not in self._structural:
            problem = _version_problem(document)
            self._structural[key] = [problem] if problem else list(structure.check(document))
        return self._structural[key]

    def _reference(self, document: Document, parts: tuple, target: str) -> tuple[Path | None, Finding | None]:
        """Resolve a file reference written in ``document``; refuse URLs and paths outside the project."""
        if _URL.match(target):
            return None, positioned(URL_REFERENCE, document, parts, f'"{target}" is a web address; OpenPlan never '
                                    "fetches files from the network", value=target)
        base = document.resolved.parent if document.resolved else Path.cwd()
        path = _resolve(base / target)
        if not self.options.allow_outside:
            root = project_root(document.resolved) if document.resolved else Path.cwd()
            if not path.is_relative_to(root):
                return None, positioned(OUTSIDE_PROJECT, document, parts,
                                        f'"{target}" is outside the project folder {_display(root)}', value=target)
        return path, None

    def _load_reference(self, document: Document, parts: tuple, target: str) -> tuple[Document | None,
                                                                                      list[Finding]]:
        path, problem = self._reference(document, parts, target)
        if problem:
            return None, [problem]
        try:
            return self.workspace.load(path, shared=True), []
        except LoadError as error:
            inner = error.finding
            if inner.code == FILE_NOT_FOUND.code:
                return None, [positioned(FILE_NOT_FOUND, document, parts, f'"{target}" does not exist',
                                         value=target)]
            # The referenced file is broken: report it where it is broken, and here where it is named.
            here = positioned(LIMIT if inner.code == LIMIT.code else FILE_NOT_FOUND, document, parts,
                              f'"{target}" cannot be read: {inner.message}', value=target)
            return None, [inner, here] if inner.code != FILE_NOT_FOUND.code else [here]

    def registries(self, document: Document) -> tuple[list[Document], list[Finding]]:
        """Every registry ``document`` uses, directly or through other registries, in order."""
        found: list[Document] = []
        findings: list[Finding] = []
        seen: set[Path] = {document.resolved} if document.resolved else set()
        chain: list[Document] = [document]

        def entries(current: Document) -> Iterator[tuple[int, Any]]:
            names = current.data.get("registries")
            return iter(enumerate(names)) if isinstance(names, list) else iter(())

        # Depth first with a stack, not recursion: a chain of thousands of registries must not overflow it.
        stack = [entries(document)]
        while stack:
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                chain.pop()
                continue
            position, target = step
            current = chain[-1]
            if not isinstance(target, str):
                continue
            parts = ("registries", position)
            registry, problems = self._load_reference(current, parts, target)
            findings.extend(problems)
            if registry is None:
                continue
            if any(registry.resolved == link.resolved for link in chain):
                circle = " → ".join(link.path for link in chain[chain.index(
                    next(link for link in chain if link.resolved == registry.resolved)):] + [registry])
                findings.append(positioned(REGISTRY_CYCLE, current, parts,
                                           f"registries name each other in a circle: {circle}", value=target))
                continue
            if registry.resolved in seen:
                continue
            seen.add(registry.resolved)
            if registry.data.get("kind") != "registry":
                findings.append(positioned(NOT_A_REGISTRY, current, parts,
                                           f'"{target}" is not a registry file (it has no kind: registry)',
                                           value=target))
                continue
            findings.extend(self.structural(registry))
            found.append(registry)
            chain.append(registry)
            stack.append(entries(registry))
        return found, findings

    def previous_edition(self, document: Document) -> list[Finding]:
        edition = document.data.get("edition")
        previous = edition.get("previous") if isinstance(edition, dict) else None
        if not isinstance(previous, dict) or not isinstance(previous.get("path"), str):
            return []
        parts = ("edition", "previous", "path")
        other, problems = self._load_reference(document, parts, previous["path"])
        if other is None:
            return problems
        if other.data.get("id") != previous.get("id"):
            return [positioned(PREVIOUS_EDITION, document, ("edition", "previous", "id"),
                               f'the previous edition {previous["path"]} has the id "{other.data.get("id")}", not '
                               f'"{previous.get("id")}"', value=previous.get("id"))]
        known = set(build(other).items)
        findings = []
        changes = edition.get("changes")
        for position, change in enumerate(changes if isinstance(changes, list) else []):
            names = change.get("previous_items") if isinstance(change, dict) else None
            for slot, name in enumerate(names if isinstance(names, list) else []):
                if isinstance(name, str) and name not in known:
                    findings.append(positioned(
                        UNKNOWN_PREVIOUS_ITEM, document, ("edition", "changes", position, "previous_items", slot),
                        f'"{name}" is not defined in the previous edition {previous["path"]}', value=name))
        return findings

    # -- whole files --------------------------------------------------------

    def check_document(self, document: Document) -> tuple[list[Finding], PlanIndex | None]:
        findings = list(self.structural(document))
        if any(f.fatal for f in findings):
            return findings, None
        registries, problems = self.registries(document)
        findings.extend(problems)
        findings.extend(self.previous_edition(document))
        index = build(document, registries)
        findings = extensions.apply(self, document, index, findings)  # before the checks: adds its references
        for _rule, check in all_checks():
            findings.extend(check(index))
        findings.extend(deprecation.check(index))
        return findings, index

    def check_file(self, path: Path, display: str | None = None) -> list[Finding]:
        try:
            document = self.workspace.load(path, display)
        except LoadError as error:
            return [error.finding]
        return self.check_document(document)[0]

    def check_text(self, text: str, display: str = "<stdin>") -> list[Finding]:
        try:
            document = parse(text, display, self.options.limits, json=display.lower().endswith(".json"))
        except LoadError as error:
            return [error.finding]
        document.resolved = Path.cwd() / "<stdin>"
        return self.check_document(document)[0]


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
    extra = (f" ({passed_over} extension folder{'s' if passed_over != 1 else ''} passed over: extensions are "
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
        names[path] = [_resolve(path.parent / target) for target in (listed if isinstance(listed, list) else [])
                       if isinstance(target, str) and not _URL.match(target)]

    changed: set[Path] = set()
    roots: set[Path] = set()
    for given in files:
        path = _resolve(Path(given))
        if path.is_file():
            read(path)
            if kinds[path] == "registry":
                changed.add(path)
                roots.add(project_root(path))
    if not changed:
        return []
    for root in sorted(roots):
        for candidate, _ in discover([root], limits)[0]:
            read(_resolve(candidate))

    def uses(path: Path, seen: set[Path]) -> bool:
        for registry in names.get(path, ()):
            if registry in changed or (registry not in seen and registry in names
                                       and uses(registry, seen | {registry})):
                return True
        return False

    return [(path, _display(path)) for path in sorted(names)
            if kinds[path] != "registry" and path not in changed and uses(path, {path})]


def expand(paths: Iterable[str | Path], limits: Limits = DEFAULT_LIMITS) -> list[tuple[Path, str]]:
    """Files to validate: files as given; folders searched for OpenPlan YAML and JSON files (see discover)."""
    return discover(paths, limits)[0]


def _check_one(validator: Validator, path: Path, display: str) -> list[Finding]:
    """Check one file named on the command line, then let it go (registries stay loaded)."""
    with paused_gc():  # see loader.paused_gc: the index is another large acyclic graph
        findings = validator.check_file(path, display)
        validator.workspace.release(path)
    return findings


# -- many files: one worker process per core ----------------------------------

# Below this much work, starting worker processes costs more than it saves.
_PARALLEL_MIN_FILES = 8
_PARALLEL_MIN_BYTES = 1_000_000
_WORKER: Validator | None = None
_NO_VALUE_DEFAULT = Finding.__dataclass_fields__["value"].default


def _start_worker(options: Options) -> None:
    global _WORKER
    _WORKER = Validator(options)  # one per process, so each registry is read once per worker


def _check_batch(batch: list[tuple[Path, str]]) -> list[list[tuple[Finding, bool]]]:
    assert _WORKER is not None
    # "No value" is a sentinel object that does not survive pickling; send a flag instead.
    return [[(finding if finding.has_value else replace(finding, value=None), finding.has_value)
             for finding in _check_one(_WORKER, path, display)] for path, display in batch]


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _jobs(options: Options, files: list[tuple[Path, str]]) -> int:
    cores = _cores()
    if options.jobs is not None:  # never more workers than cores or files: -j 10000 would only thrash
        return max(1, min(options.jobs, len(files), cores))
    if cores < 2 or len(files) < _PARALLEL_MIN_FILES:
        return 1
    size = 0
    for path, _display_name in files:
        try:
            size += path.stat().st_size
        except (OSError, ValueError):  # reading the file reports why
            pass
        if size >= _PARALLEL_MIN_BYTES:
            return min(cores, len(files))
    return 1


def _check_in_parallel(files: list[tuple[Path, str]], options: Options, jobs: int) -> list[list[Finding]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork starts a worker in milliseconds with everything imported; it is only safe with one thread.
    method = "fork" if ("fork" in multiprocessing.get_all_start_methods()
                        and threading.active_count() == 1) else None
    context = multiprocessing.get_context(method)
    size = max(1, min(16, len(files) // (jobs * 8)))
    batches = [files[start:start + size] for start in range(0, len(files), size)]
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(options,)) as pool:
        done = [found for batch in pool.map(_check_batch, batches) for found in batch]
    return [[finding if has_value else replace(finding, value=_NO_VALUE_DEFAULT) for finding, has_value in found]
            for found in done]


def validate(*paths: str | Path, options: Options | None = None) -> Result:
    """Validate files and folders of plans and registries. Never prints, never exits.

    Many files are shared out among worker processes, one per core; the result
    is the same, in the same order, as checking them one by one.
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
    outcomes: Iterable[list[Finding]] | None = None
    jobs = _jobs(validator.options, files)
    if jobs > 1:
        try:
            outcomes = _check_in_parallel(files, validator.options, jobs)
        except (OSError, ImportError, RuntimeError):  # no processes here (a sandbox, a broken pool): go on alone
            outcomes = None
    if outcomes is None:
        outcomes = (_check_one(validator, path, display) for path, display in files)
    seen: set[tuple] = set()
    for (_path, display), findings in zip(files, outcomes):
        result.files.append(display)
        for finding in findings:
            key = finding.key
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
    """Load and validate a plan or registry file, returning the typed model (:class:`openplan.model.Plan`)."""
    from . import model

    validator = Validator(options)
    findings = validator.check_file(Path(path), str(path))
    result = Result(files=[str(path)], findings=findings)
    if not result.valid:
        raise InvalidPlanError(result)
    data = validator.workspace.load(Path(path)).data
    cls = model.Registry if data.get("kind") == "registry" else model.Plan
    return cls.model_validate(data)
