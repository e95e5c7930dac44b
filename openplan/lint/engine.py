"""The lint run: validation first, then the lint rules, then suppressions and the baseline.

For each file: load it and validate it (:class:`openplan.validation.Validator`,
the same as ``openplan validate``). If it does not match the schema, its lint
rules are skipped and a note (X904) says so. Otherwise every rule the file's
settings turn on runs over the indexed plan. Rules that need every file at
once (``check_project``) run after all files. Inline suppressions are then
applied, file by file, and finally the baseline.

Never prints, never exits: the result is a :class:`LintResult`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from ..loader import Document, LoadError, decode, parse, read_stream, to_pointer
from ..report import Finding, Result, sort_key
from ..rules import Rule, Severity
from ..validation import Options, Validator, discover, plans_using
from . import config as configuration
from .baseline import Baseline, Key, read as read_baseline
from .context import Context, RuleContext
from .registry import LintRule, catalogue, validation_rules
from .structural_fixes import FIXABLE, attach
from .suppressions import apply as apply_suppressions, parse as parse_suppressions

MAX_PER_RULE = 100


class RuleFailed(Exception):
    """A rule stopped with an error. A fault in the rule (often a third-party one), not in the plan."""


@dataclass(frozen=True)
class LintOptions:
    """How to lint. Command-line settings win over the configuration file."""

    validation: Options = field(default_factory=Options)
    config: Path | None = None  # a configuration file to use for every plan, instead of searching
    isolated: bool = False  # use no configuration file at all
    command_line: configuration.CommandLine = field(default_factory=configuration.CommandLine)
    baseline: Path | None = None  # instead of the configuration's baseline
    use_baseline: bool = True
    today: date | None = None
    skip_non_plans: bool = False
    plugins: bool = True
    dependents: bool = False  # with a registry file, lint the plans of its project that use it too
    # Findings of one rule shown per file; the rest are counted in an X905 note (0: show every one). A million
    # near-duplicate findings help nobody, and would cost memory and time in every report.
    max_per_rule: int = MAX_PER_RULE


@dataclass
class LintResult(Result):
    """The outcome of a lint run: the findings left, and what was suppressed or accepted by the baseline."""

    fail_on: Severity | None = Severity.ERROR
    suppressed: list[tuple[Finding, str]] = field(default_factory=list)
    baselined: list[tuple[Finding, str]] = field(default_factory=list)  # with the baseline's reason
    stale: int = 0  # baseline entries that matched nothing
    baseline_path: Path | None = None
    accepted: list[tuple[Finding, Key]] = field(default_factory=list)  # what --write-baseline would record
    documents: dict[str, Document] = field(default_factory=dict, repr=False)
    rules: dict[str, Rule] = field(default_factory=dict, repr=False)
    inputs: list[Path] = field(default_factory=list, repr=False)  # every file read: plans, registries, settings
    hidden: list[Finding] = field(default_factory=list, repr=False)  # past max_per_rule; an X905 note counts them

    @property
    def exit_code(self) -> int:
        if any(_fatal(f) for f in self.findings):
            return 2
        if self.fail_on is None:
            return 0
        # Findings not shown count too: capping what is printed must not change whether the run fails.
        return 1 if any(f.severity.rank >= self.fail_on.rank for f in (*self.findings, *self.hidden)) else 0

    def sorted(self) -> list[Finding]:
        """Findings by file; in each file validation findings first, then the rest by position."""
        return sorted(self.findings, key=lambda f: (f.file or "", not _is_validation(f.code), *sort_key(f)[1:]))

    def summary(self) -> str:
        counts = Counter(f.severity for f in (*self.findings, *self.hidden) if f.code != NOT_SHOWN)
        noun = "file" if len(self.files) == 1 else "files"
        parts = [f"{counts[level]} {level.value}{'s' if counts[level] != 1 else ''}"
                 for level in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[level]]
        line = f"{len(self.files)} {noun} linted: " + (", ".join(parts) if parts else "no findings")
        extra = []
        if self.suppressed:
            extra.append(f"{len(self.suppressed)} suppressed inline")
        if self.baselined:
            extra.append(f"{len(self.baselined)} accepted in the baseline")
        if self.hidden:
            extra.append(f"{len(self.hidden):,} not shown")
        if extra:
            line += f" ({', '.join(extra)})"
        if self.stale:
            line += (f"\n{self.stale} baseline entr{'ies' if self.stale != 1 else 'y'} no longer match any finding; "
                     "write the baseline again to drop them")
        return line


def _fatal(finding: Finding) -> bool:
    """A file that could not be read at all (a load rule), whatever its code looks like."""
    rule = validation_rules().get(finding.code)
    return rule is not None and rule.family == "load"


def _is_validation(code: str) -> bool:
    rule = validation_rules().get(code)
    return rule is not None


@dataclass
class _File:
    display: str
    path: Path
    settings: configuration.Settings
    document: Document | None = None
    index: Any = None
    context: Context | None = None
    ran: set[str] = field(default_factory=set)  # lint rules that ran on the file
    partial: Any = None  # the index of a file that does not match the schema: its references still count


class Linter:
    """Lints files; configuration files and registries are read once per run."""

    def __init__(self, options: LintOptions | None = None):
        self.options = options or LintOptions()
        self.rules = catalogue(self.options.plugins)
        configuration.check_command_line(self.options.command_line, self.rules)
        self.validator = Validator(self.options.validation)
        self._configs: dict[Path | None, configuration.Config] = {}
        self._found: dict[Path, Path | None] = {}

    # -- configuration ----------------------------------------------------------

    def _config(self, path: Path) -> configuration.Config:
        if self.options.isolated:
            source = None
        elif self.options.config is not None:
            source = self.options.config
        else:
            folder = path.parent.resolve()
            if folder not in self._found:
                self._found[folder] = configuration.find(folder)
            source = self._found[folder]
        if source not in self._configs:
            self._configs[source] = configuration.load(source, self.rules)
        return self._configs[source]

    def settings(self, path: Path) -> configuration.Settings:
        return configuration.settings(self._config(path), path, self.rules, self.options.command_line)

    # -- one file ---------------------------------------------------------------

    def _lint_document(self, state: _File, document: Document) -> list[Finding]:
        state.document = document
        findings, index = self.validator.check_document(document)
        ignored = state.settings.ignored_validation
        findings = [attach(f, document) if f.code in FIXABLE else f for f in findings if f.code not in ignored]
        broken = [f for f in findings if f.severity is Severity.ERROR and f.file == document.path
                  and f.code[:1] in ("L", "S")]
        if index is None or broken:
            state.partial = index
            if "X904" in state.settings.enabled:
                findings.append(_skipped(state.settings.rules["X904"].rule, document.path, len(broken)))
            return findings
        state.index = index
        state.context = Context(index, self.options.today or state.settings.today or date.today())
        for code in sorted(state.settings.enabled):
            entry = state.settings.rules.get(code)
            if entry is None or entry.check is None:
                continue
            state.ran.add(code)
            findings.extend(self._run(entry, state.settings, RuleContext(
                state.context, entry.rule, state.settings.options.get(code, {})), document.path))
        return findings

    def _run(self, entry: LintRule, settings: configuration.Settings, argument, where: str) -> list[Finding]:
        try:
            found = list(entry.check(argument) or ())
        except Exception as exc:  # a fault in a rule must not become a traceback
            raise RuleFailed(f"the rule {entry.code} ({entry.origin}) failed on {where}: "
                             f"{type(exc).__name__}: {exc}") from exc
        level = settings.severity.get(entry.code)
        return [replace(f, severity=level) for f in found] if level else found

    # -- a run ------------------------------------------------------------------

    def lint(self, *paths: str | Path) -> LintResult:
        result = LintResult()
        # The same discovery as validate and stats: in a folder, only OpenPlan files (not action.yml, say).
        files, findings = discover(paths, self.options.validation.limits, skip_non_plans=self.options.skip_non_plans)
        if self.options.dependents:
            named = {path.resolve() for path, _ in files}
            files += [(path, display) for path, display in plans_using([path for path, _ in files],
                                                                       self.options.validation.limits)
                      if path not in named]
        states: list[_File] = []
        for path, display in files:
            state = _File(display, path, self.settings(path))
            states.append(state)
            result.files.append(display)
            try:
                document = self.validator.workspace.load(path, display)
            except LoadError as error:
                findings.append(error.finding)
                continue
            findings.extend(self._lint_document(state, document))
        findings.extend(self._project(states))
        return self._finish(result, states, findings)

    def lint_text(self, text: str, display: str = "<stdin>") -> LintResult:
        result = LintResult(files=[display])
        path = Path.cwd() / display
        state = _File(display, path, self.settings(path))
        try:
            document = parse(text, display, self.options.validation.limits)
        except LoadError as error:
            return self._finish(result, [state], [error.finding])
        document.resolved = path
        findings = self._lint_document(state, document)
        findings.extend(self._project([state]))
        return self._finish(result, [state], findings)

    def lint_stream(self, stream: Any, display: str = "<stdin>") -> LintResult:
        """Lint a plan read from an open binary stream such as standard input (None: closed), as a file is
        read: at most the size limit, in UTF-8 or UTF-16/32 with a byte-order mark."""
        try:
            text = decode(read_stream(stream, display, self.options.validation.limits.max_bytes), display)
        except LoadError as error:
            state = _File(display, Path.cwd() / display, self.settings(Path.cwd() / display))
            return self._finish(LintResult(files=[display]), [state], [error.finding])
        return self.lint_text(text, display)

    def _project(self, states: list[_File]) -> list[Finding]:
        ready = [state for state in states if state.context is not None]
        found: list[Finding] = []
        for code, entry in self.rules.items():
            if entry.check_project is None:
                continue
            wanted = {state.document.path: state for state in ready if code in state.settings.enabled}
            if not wanted:
                continue
            for state in wanted.values():
                state.ran.add(code)
            project = Project([RuleContext(state.context, entry.rule, state.settings.options.get(code, {}))
                               for state in ready], set(wanted),
                              [state.partial for state in states if state.partial is not None],
                              [state.document for state in states if state.context is None and state.partial is None])
            try:
                results = list(entry.check_project(project) or ())
            except Exception as exc:  # a fault in a rule must not become a traceback
                raise RuleFailed(f"the rule {entry.code} ({entry.origin}) failed: {type(exc).__name__}: {exc}") \
                    from exc
            for finding in results:
                state = wanted.get(finding.file or "")
                if state is None:
                    continue
                level = state.settings.severity.get(code)
                found.append(replace(finding, severity=level) if level else finding)
        return found

    # -- suppressions and baseline ----------------------------------------------

    def _finish(self, result: LintResult, states: list[_File], findings: list[Finding]) -> LintResult:
        by_display = {state.display: state for state in states}
        documents = {state.document.path: state.document for state in states if state.document is not None}
        for outcome in self.validator.workspace.documents.values():
            if isinstance(outcome, Document):
                documents.setdefault(outcome.path, outcome)
        result.documents = documents
        known = set(validation_rules())
        for state in states:
            known.update(state.settings.rules)

        unique: list[Finding] = []
        seen: set[tuple] = set()
        for finding in findings:  # a registry's findings appear once, however many plans use it
            key = finding.key
            if key not in seen:
                seen.add(key)
                unique.append(finding)

        kept: list[Finding] = []
        grouped: dict[str | None, list[Finding]] = {}
        for state in states:  # a file with no findings may still hold suppressions, all of them unused
            if state.document is not None:
                grouped.setdefault(state.document.path, [])
        for finding in unique:
            grouped.setdefault(finding.file, []).append(finding)
        for file, group in grouped.items():
            document = documents.get(file or "")
            if document is None:
                kept.extend(group)
                continue
            suppressions, problems = parse_suppressions(document.text, document.node)
            if not suppressions and not problems:
                kept.extend(group)
                continue
            group_kept, silenced = apply_suppressions(group, suppressions, _suppressible)
            kept.extend(group_kept)
            result.suppressed.extend((finding, hit.reason or "") for finding, hit in silenced)
            state = by_display.get(file or "")
            if state is not None:
                kept.extend(self._suppression_findings(state, document, suppressions, problems, known))

        levels = [state.settings.fail_on for state in states]
        if not levels:
            levels = [configuration.fail_on_level(self.options.command_line.fail_on or "error")]
        # Files may be configured differently; the run fails at the strictest level any of them asks for.
        ranked = [level for level in levels if level is not None]
        result.fail_on = min(ranked, key=lambda level: level.rank) if ranked else None
        result.rules = {**validation_rules(), **{code: entry.rule for state in states
                                                 for code, entry in state.settings.rules.items()}}
        self._baseline(result, states, kept)
        _cap(result, self.options.max_per_rule)
        # Every file the run read, so that a report or baseline written afterwards never replaces one.
        result.inputs = [*(state.path for state in states), *self.validator.workspace.documents,
                         *(document.resolved for document in documents.values() if document.resolved),
                         *(source for source in self._configs if source is not None),
                         *([result.baseline_path] if result.baseline_path is not None else [])]
        return result

    def _suppression_findings(self, state: _File, document: Document, suppressions, problems,
                              known: set[str]) -> Iterable[Finding]:
        rules = state.settings.rules
        enabled = state.settings.enabled
        validation = validation_rules()

        def make(code: str, line: int, column: int, message: str) -> Finding | None:
            if code not in enabled:
                return None
            rule = rules[code].rule
            return Finding(code, message, state.settings.severity.get(code, rule.severity), document.path, line,
                           column, hint=rule.fix)

        out = []
        for problem in problems:
            out.append(make("X903", problem.line, problem.column, problem.message))
        for suppression in suppressions:
            if suppression.reason is None:
                out.append(make("X901", suppression.line, suppression.column,
                                f"the suppression of {', '.join(suppression.codes)} gives no reason"))
            for code in suppression.codes:
                if code not in known:
                    out.append(make("X903", suppression.line, suppression.column,
                                    f'"{code}" is not a rule code; `openplan rules` lists them'))
                elif code in validation and validation[code].severity is Severity.ERROR:
                    out.append(make("X903", suppression.line, suppression.column,
                                    f"{code} is a validation error and cannot be suppressed; fix the plan"))
                elif code not in suppression.used and (code in state.ran or code in validation):
                    where = "in this file" if suppression.file_wide else (
                        f"on line {suppression.first}" if suppression.first == suppression.last
                        else f"on lines {suppression.first} to {suppression.last}")
                    out.append(make("X902", suppression.line, suppression.column,
                                    f"the suppression of {code} is unused: {code} found nothing {where}"))
        return [finding for finding in out if finding is not None]

    def _locator(self, result: LintResult, states: list[_File]):
        """A function giving, for a file and an item id, the file's document id and the item's JSON pointer."""
        indexes = [state.index for state in states if state.index is not None]
        cache: dict[tuple[str, str], str | None] = {}

        idents: dict[str, str] = {}

        def locate(file: str, item: str) -> tuple[str, str | None]:
            ident = idents.get(file)
            if ident is None:
                document = result.documents.get(file)
                ident = document.data.get("id") if document is not None and isinstance(document.data, dict) else None
                ident = idents[file] = ident if isinstance(ident, str) else file
            if (file, item) not in cache:
                cache[file, item] = None
                for index in indexes:
                    found = index.items.get(item)
                    if found is not None and found.document.path == file:
                        cache[file, item] = to_pointer(found.parts)
                        break
            return ident, cache[file, item]

        return locate

    def _key(self, locate, finding: Finding) -> Key:
        """The finding's baseline key: its document's id, code, item, pointer within the item, and value."""
        document, base = locate(finding.file or "", finding.item or "")
        pointer = finding.pointer
        if base is not None and (pointer == base or pointer.startswith(base + "/")):
            pointer = pointer[len(base):]
        value = ""
        if finding.has_value and isinstance(finding.value, (str, int, float)) and not isinstance(finding.value, bool):
            value = str(finding.value)[:120]
        return Key(document, finding.code, finding.item or "", pointer, value)

    def _baseline(self, result: LintResult, states: list[_File], kept: list[Finding]) -> None:
        locate = self._locator(result, states)
        keyed: list[tuple[Finding, Key]] = []
        for finding in kept:
            key = self._key(locate, finding)
            keyed.append((_stamped(finding, key.fingerprint()), key))
        result.suppressed = [(_stamped(finding, self._key(locate, finding).fingerprint()), reason)
                             for finding, reason in result.suppressed]
        result.accepted = [(finding, key) for finding, key in keyed if _baselinable(finding)]

        path = self.options.baseline
        if path is None and self.options.use_baseline:
            paths = {state.settings.baseline for state in states if state.settings.baseline is not None}
            path = sorted(paths)[0] if paths else None
        baseline: Baseline | None = read_baseline(path) if (path is not None and self.options.use_baseline) else None
        result.baseline_path = path
        if baseline is None:
            result.findings = [finding for finding, _ in keyed]
            return
        remaining = baseline.counts()
        reasons = baseline.reasons()
        for finding, key in sorted(keyed, key=lambda pair: sort_key(pair[0])):
            if _baselinable(finding) and remaining[key] > 0:
                remaining[key] -= 1
                result.baselined.append((finding, reasons[key]))
            else:
                result.findings.append(finding)
        linted = {locate(state.document.path, "")[0] for state in states if state.document is not None}
        result.stale = sum(count for key, count in remaining.items() if count > 0 and key.document in linted)


NOT_SHOWN = "X905"


def _cap(result: LintResult, limit: int) -> None:
    """Keep the first ``limit`` findings of each rule in each file (by position); count the rest in a note.

    After suppressions and the baseline, so both still see (and key) every finding; ``result.accepted`` keeps
    them all for --write-baseline, and ``result.hidden`` for --fix.
    """
    if not limit or len(result.findings) <= limit:
        return
    groups: dict[tuple[str | None, str], list[Finding]] = {}
    for finding in result.findings:
        groups.setdefault((finding.file, finding.code), []).append(finding)
    if all(len(group) <= limit for group in groups.values()):
        return
    from .registry import catalogue

    rule = catalogue(False)[NOT_SHOWN].rule
    kept: list[Finding] = []
    for (file, code), group in groups.items():
        if len(group) <= limit or code.startswith("X9") or _fatal(group[0]):
            kept.extend(group)
            continue
        group.sort(key=sort_key)
        kept.extend(group[:limit])
        rest = group[limit:]
        result.hidden.extend(rest)
        first = rest[0]
        kept.append(Finding(rule.code, f"{len(rest):,} more finding{'s' if len(rest) != 1 else ''} of {code} in "
                            f"this file not shown (at most {limit:,} of one rule a file); the first is at line "
                            f"{first.line}", rule.severity, file, first.line, first.column, hint=rule.fix,
                            value=code, fingerprint=Key(file or "", rule.code, "", "", code).fingerprint()))
    result.findings = kept


def _stamped(finding: Finding, fingerprint: str) -> Finding:
    """A copy of the finding with its fingerprint, made directly since a run stamps every finding."""
    stamped = object.__new__(Finding)
    stamped.__dict__.update(finding.__dict__, fingerprint=fingerprint)
    return stamped


def _suppressible(finding: Finding) -> bool:
    if finding.code.startswith("X9"):
        return False
    rule = validation_rules().get(finding.code)
    return rule is None or finding.severity is not Severity.ERROR


def _baselinable(finding: Finding) -> bool:
    return _suppressible(finding)


def _skipped(rule: Rule, path: str, errors: int) -> Finding:
    if errors:
        message = (f"lint rules were skipped: the file does not match the schema ({errors} error"
                   f"{'s' if errors != 1 else ''} above); fix them and lint again")
    else:
        message = "lint rules were skipped: the file could not be indexed"
    return Finding(rule.code, message, rule.severity, path, 1, 1, hint=rule.fix)


@dataclass
class Project:
    """Every file of a run, for rules that look across files (``check_project``)."""

    contexts: list[RuleContext]
    enabled_files: set[str]
    # Files whose lint rules were skipped: indexed though they do not match the schema, or not indexed at all
    # (their document, or None when the file could not be read). Rules that count uses across files need both.
    partial: list[Any] = field(default_factory=list)
    unindexed: list[Document | None] = field(default_factory=list)

    def enabled(self, ctx: RuleContext) -> bool:
        return ctx.path in self.enabled_files


def lint(*paths: str | Path, options: LintOptions | None = None) -> LintResult:
    """Lint plans and registries (files, or folders to search). Never prints, never exits.

    Raises :class:`~openplan.lint.config.ConfigError` for a configuration it cannot use,
    :class:`~openplan.lint.baseline.BaselineError` for an unreadable baseline, and
    :class:`~openplan.lint.registry.PluginError` or :class:`RuleFailed` for a faulty rule.
    """
    return Linter(options).lint(*paths)
