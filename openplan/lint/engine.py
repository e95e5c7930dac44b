"""The lint run: validation first, then the lint rules, then suppressions and the baseline.

For each file: load it and validate it (:class:`openplan.validation.Validator`,
the same as ``openplan validate``). If it does not match the schema, its lint
rules are skipped and a note (X904) says so. Otherwise every rule the file's
settings turn on runs over the indexed plan. Many files are shared among worker
processes as ``validate`` shares them (:mod:`openplan.lint.workers`), with the
same result. Rules that need every file at once (``check_project``,
:mod:`openplan.lint.project`) run after all files, in this process. Inline
suppressions are then applied, file by file (:mod:`openplan.lint.inline`),
then the baseline (:mod:`openplan.lint.keys`) and the cap on findings shown.

Never prints, never exits: the result is a :class:`LintResult`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..loader import Document, LoadError, decode, parse, paused_gc, read_stream
from ..report import Finding, dedup_key
from ..rules import Rule, Severity
from ..validation import Options, Validator, discover, plans_using
from . import config as configuration, inline, keys, project as project_rules, split, workers
from .context import Context, RuleContext
from .project import Project, RuleFailed  # noqa: F401 - their old home
from .registry import LintRule, catalogue, validation_rules
from .result import NOT_SHOWN, LintResult, cap as _cap  # noqa: F401 - their old home
from .structural_fixes import FIXABLE, attach

MAX_PER_RULE = 100


@dataclass(frozen=True)
class LintOptions:
    """How to lint. Command-line settings win over the configuration file."""

    validation: Options = field(default_factory=Options)  # its ``jobs`` shares files among processes
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
class _File:
    display: str
    path: Path
    settings: configuration.Settings
    document: Document | None = None
    index: Any = None
    context: Context | None = None
    ran: set[str] = field(default_factory=set)  # lint rules that ran on the file
    partial: Any = None  # the index of a file that does not match the schema: its references still count
    suppressions: Any = None  # parsed where the file was linted, when that was in a worker process


class Linter:
    """Lints files; configuration files and registries are read once per run."""

    def __init__(self, options: LintOptions | None = None):
        self.options = options or LintOptions()
        self.rules = catalogue(self.options.plugins)
        configuration.check_command_line(self.options.command_line, self.rules)
        self.validator = Validator(self.options.validation)
        self._configs: dict[Path | None, configuration.Config] = {}
        self._found: dict[Path, Path | None] = {}
        self.split_rules = True  # a large file's rules shared with a second process; off in worker processes

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

    def file(self, path: Path, display: str) -> _File:
        """A file of a run, not yet read, with its settings."""
        return _File(display, path, self.settings(path))

    # -- one file ---------------------------------------------------------------

    def _lint_document(self, state: _File, document: Document, rules_here: split.Rules = split.Rules()
                       ) -> list[Finding]:
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
        rules = state.settings.rules
        codes = [code for code in sorted(state.settings.enabled) if code in rules and rules[code].check is not None]
        state.ran.update(codes)

        def run(code: str) -> list[Finding]:
            return self._run(rules[code], state.settings, RuleContext(
                state.context, rules[code].rule, state.settings.options.get(code, {})), document.path)

        found = rules_here.run(codes, run, document.text)
        for code in codes:
            findings.extend(found[code])
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

    def lint_file(self, state: _File) -> list[Finding]:
        """Load, validate and lint one file of a run, with the garbage collector paused as validate does."""
        with paused_gc():  # see loader.paused_gc: the document and its index are large acyclic graphs
            if self.split_rules and split.worth_it(state.path, self.options.validation.jobs):
                return split.in_two(lambda rules_here: self._lint_loaded(state, rules_here))
            return self._lint_loaded(state, split.Rules())

    def _lint_loaded(self, state: _File, rules_here: split.Rules) -> list[Finding]:
        try:
            document = self.validator.workspace.load(state.path, state.display)
        except LoadError as error:
            return [error.finding]
        return self._lint_document(state, document, rules_here)

    def lint(self, *paths: str | Path) -> LintResult:
        # The collector stays paused for the whole run, not only while a file is read: every file's findings
        # and index are kept until the end, and each collection would scan them all again (it cost more than
        # the rules on a 10,000-output plan). Rules and suppressions build no cycles worth collecting meanwhile.
        with paused_gc():
            return self._lint(*paths)

    def _lint(self, *paths: str | Path) -> LintResult:
        result = LintResult()
        # The same discovery as validate and stats: in a folder, only OpenPlan files (not action.yml, say).
        files, findings = discover(paths, self.options.validation.limits, skip_non_plans=self.options.skip_non_plans)
        if self.options.dependents:
            named = {path.resolve() for path, _ in files}
            files += [(path, display) for path, display in plans_using([path for path, _ in files],
                                                                       self.options.validation.limits)
                      if path not in named]
        self.validator.workspace.run_files = tuple(files)  # as validate: parent plans among the run's files
        states = [_File(display, path, self.settings(path)) for path, display in files]
        result.files.extend(state.display for state in states)
        shared = workers.lint_in_parallel(self, states)
        if shared is None:
            for state in states:
                findings.extend(self.lint_file(state))
        else:
            for found in shared:
                findings.extend(found)
        findings.extend(project_rules.run(self.rules, states))
        return self._finish(result, states, findings)

    def lint_text(self, text: str, display: str = "<stdin>") -> LintResult:
        with paused_gc():
            return self._lint_text(text, display)

    def _lint_text(self, text: str, display: str) -> LintResult:
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
        return project_rules.run(self.rules, states)

    # -- suppressions, baseline and the cap -------------------------------------

    def _finish(self, result: LintResult, states: list[_File], findings: list[Finding]) -> LintResult:
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
            found = dedup_key(finding)
            if found not in seen:
                seen.add(found)
                unique.append(finding)
        kept = inline.silence(unique, documents, {state.display: state for state in states}, known, result)

        levels = [state.settings.fail_on for state in states]
        if not levels:
            levels = [configuration.fail_on_level(self.options.command_line.fail_on or "error")]
        # Files may be configured differently; the run fails at the strictest level any of them asks for.
        ranked = [level for level in levels if level is not None]
        result.fail_on = min(ranked, key=lambda level: level.rank) if ranked else None
        result.rules = {**validation_rules(), **{code: entry.rule for state in states
                                                 for code, entry in state.settings.rules.items()}}
        path = self.options.baseline
        if path is None and self.options.use_baseline:
            paths = {state.settings.baseline for state in states if state.settings.baseline is not None}
            path = sorted(paths)[0] if paths else None
        locate = keys.locator(result, [state.index for state in states if state.index is not None])
        keys.apply(result, kept, locate, path, self.options.use_baseline,
                   [state.document.path for state in states if state.document is not None])
        _cap(result, self.options.max_per_rule)
        # Every file the run read, so that a report or baseline written afterwards never replaces one.
        result.inputs = [*(state.path for state in states), *self.validator.workspace.documents,
                         *(document.resolved for document in documents.values() if document.resolved),
                         *(source for source in self._configs if source is not None),
                         *([result.baseline_path] if result.baseline_path is not None else [])]
        return result


def _skipped(rule: Rule, path: str, errors: int) -> Finding:
    if errors:
        message = (f"lint rules were skipped: the file does not match the schema ({errors} error"
                   f"{'s' if errors != 1 else ''} above); fix them and lint again")
    else:
        message = "lint rules were skipped: the file could not be indexed"
    return Finding(rule.code, message, rule.severity, path, 1, 1, hint=rule.fix)


def lint(*paths: str | Path, options: LintOptions | None = None) -> LintResult:
    """Lint plans and registries (files, or folders to search). Never prints, never exits.

    Raises :class:`~openplan.lint.config.ConfigError` for a configuration it cannot use,
    :class:`~openplan.lint.baseline.BaselineError` for an unreadable baseline, and
    :class:`~openplan.lint.registry.PluginError` or :class:`RuleFailed` for a faulty rule.
    """
    return Linter(options).lint(*paths)
