"""The `openplan` command: a thin typer layer over the library.

Every command calls one library function, prints what a reporter renders and
exits with the documented code: 0 valid, 1 invalid, 2 unreadable input or a
usage error. No traceback reaches the user.
"""

from __future__ import annotations

import re
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .report import EXIT_ERROR

app = typer.Typer(
    name="openplan",
    help="Check, lint and convert OpenPlan local-government business plans.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(str, Enum):
    text = "text"
    json = "json"


# Control characters from a plan (escape sequences, bells) must never reach the terminal. They are shown as
# \u00XX instead; in JSON output that is the same escape JSON itself uses, so the data is unchanged.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _safe(text: str) -> str:
    return _CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _emit(text: str) -> None:
    sys.stdout.write(_safe(text))


def _emit_error(text: str) -> None:
    sys.stderr.write(_safe(text))
    sys.stderr.flush()
    sys.stdout.flush()


def _version(value: bool) -> None:
    if value:
        from .version import SCHEMA_VERSION, __version__

        _emit(f"openplan {__version__} (schema {SCHEMA_VERSION})\n")
        raise typer.Exit(0)


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the package and schema versions and exit."),
) -> None:
    """OpenPlan: an open standard for local-government business plans."""


@app.command()
def validate(
    paths: List[str] = typer.Argument(..., help="Plan or registry files, or folders to search; '-' reads stdin."),
    output_format: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    allow_outside: bool = typer.Option(False, "--allow-outside",
                                       help="Let registries and previous editions lie outside the project folder."),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", min=1, help="Largest file to read, in bytes."),
    max_depth: Optional[int] = typer.Option(None, "--max-depth", min=1, help="Deepest nesting of lists and mappings."),
    max_values: Optional[int] = typer.Option(None, "--max-values", min=1,
                                             help="Most values one file may expand to, aliases counted per use."),
    max_files: Optional[int] = typer.Option(None, "--max-files", min=1, help="Most files to check in one run."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                       help="Worker processes for many files (default: one per core when it pays)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print findings only, without hints and source lines."),
) -> None:
    """Validate plans against the OpenPlan schema and check their integrity.

    Exit codes: 0 all valid; 1 some file is invalid; 2 a file cannot be read or parsed.
    """
    from dataclasses import replace

    from . import validation
    from .reporters import render

    options = validation.Options(allow_outside=allow_outside, jobs=jobs)
    limits = {name: value for name, value in (("max_bytes", max_bytes), ("max_depth", max_depth),
                                              ("max_values", max_values), ("max_files", max_files))
              if value is not None}
    if limits:
        options = replace(options, limits=replace(options.limits, **limits))
    if paths == ["-"]:
        result = validation.validate_text(sys.stdin.read(), "<stdin>", options)
    else:
        result = validation.validate(*paths, options=options)
    if output_format is Format.text:
        _emit(render(result, "text", snippets=not quiet, hints=not quiet))
    else:
        _emit(render(result, "json"))
    raise typer.Exit(result.exit_code)


# --- diff and stats ----------------------------------------------------------------


class DiffFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


class MatchMode(str, Enum):
    auto = "auto"
    id = "id"
    text = "text"


@app.command()
def diff(
    old: str = typer.Argument(..., help="The older plan, for example the draft."),
    new: str = typer.Argument(..., help="The newer plan, for example the final edition."),
    output_format: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f",
                                             help="text, markdown (to paste into a committee report) or json."),
    match: MatchMode = typer.Option(MatchMode.auto, "--match",
                                    help="Pair items by: auto (ids, then wording), id (ids only) or text (wording "
                                         "only, ignoring ids)."),
    threshold: int = typer.Option(60, "--threshold", min=1, max=100,
                                  help="Least similarity of wording, in per cent, for two items to be matched."),
    full: bool = typer.Option(False, "--full", help="Show reworded texts in full, not just around the changes."),
    allow_outside: bool = typer.Option(False, "--allow-outside",
                                       help="Let registries lie outside the project folder."),
) -> None:
    """Show what changed between two plans: items added, removed, reworded, renumbered and moved, date slips
    and pull-ins, owner and status changes, with the reasons the newer plan records.

    Exit codes: 0 the plans are the same; 1 they differ; 2 a plan cannot be read or compared.
    """
    from . import diff as diffing
    from .validation import Options

    try:
        result = diffing.compare(old, new, mode=match.value, threshold=threshold / 100,
                                 options=Options(allow_outside=allow_outside))
    except diffing.DiffError as error:
        _emit_error(f"openplan diff: {error.message}\n")
        raise typer.Exit(EXIT_ERROR)
    _emit(diffing.render(result, output_format.value, full=full))
    raise typer.Exit(result.exit_code)


@app.command()
def stats(
    paths: List[str] = typer.Argument(..., help="Plan files, or folders to search for plans."),
    output_format: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    allow_outside: bool = typer.Option(False, "--allow-outside",
                                       help="Let registries lie outside the project folder."),
) -> None:
    """Count what each plan holds: themes, areas, objectives, outputs, sub-items, milestones, owners, pledge
    links and events.

    Exit codes: 0 counted; 2 a file cannot be read or is not a valid plan, or no plan was found.
    """
    from . import stats as counting
    from .validation import Options

    result = counting.stats(*paths, options=Options(allow_outside=allow_outside))
    for finding in result.errors:
        _emit_error(f"openplan stats: {finding.location()}: {finding.message}\n")
    if not result.plans and not result.errors:
        skipped = f" (registry files hold no plan: {', '.join(result.skipped)})" if result.skipped else ""
        _emit_error(f"openplan stats: no plans found in {', '.join(paths)}{skipped}\n")
    if output_format is Format.json:
        import json

        _emit(json.dumps(counting.as_data(result), indent=2, ensure_ascii=False) + "\n")
    elif result.plans:
        _emit(counting.table(result))
    raise typer.Exit(result.exit_code)


# --- adopting OpenPlan: init, import, schema, lint-schema, upgrade ------------------------------


def _fail(command: str, message: str, code: int = EXIT_ERROR) -> None:
    _emit_error(f"openplan {command}: {message}\n")
    raise typer.Exit(code)


@app.command()
def init(
    folder: str = typer.Argument(".", help="Folder for the new plan and its registries; created if missing."),
    council: Optional[str] = typer.Option(None, "--council", help="The council's name, as it publishes it."),
    abbreviation: Optional[str] = typer.Option(None, "--abbreviation", help="A short name the plan uses."),
    kind: Optional[str] = typer.Option(None, "--kind", help="Kind of organisation (default local-authority)."),
    period: Optional[str] = typer.Option(None, "--period",
                                         help="Financial year such as 2025/26 (default: the current one)."),
    title: Optional[str] = typer.Option(None, "--title", help="The plan's title."),
    executive: Optional[str] = typer.Option(None, "--executive", help="Body that approves the plan (Cabinet)."),
    leader: Optional[str] = typer.Option(None, "--leader", help="Title of the political leader's post."),
    chief_executive: Optional[str] = typer.Option(None, "--chief-executive",
                                                  help="Title of the most senior officer's post."),
    pledges: Optional[str] = typer.Option(None, "--pledges", help="Title of the council's pledge set, if any."),
    interactive: Optional[bool] = typer.Option(None, "--interactive/--no-interactive",
                                               help="Ask for what the flags do not give (default: in a terminal)."),
) -> None:
    """Start a plan: plan.yaml, registry.yaml (organisation, bodies, posts) and pledges.yaml, ready to fill in.

    Run in a terminal it asks questions; otherwise give at least --council. Never overwrites a file.
    Exit codes: 0 created; 2 files exist already, or an answer cannot be used.
    """
    from . import init as starting

    given: dict[str, Optional[str]] = {"council": council, "abbreviation": abbreviation, "kind": kind,
                                       "period": period, "title": title, "executive": executive, "leader": leader,
                                       "chief_executive": chief_executive, "pledges": pledges}
    if interactive if interactive is not None else sys.stdin.isatty():
        import click

        answers: dict[str, str] = {}
        for question in starting.QUESTIONS:
            value = given.get(question.name)
            while value is None:
                default = question.default(answers) if question.default else None
                value = typer.prompt(question.prompt, default=default, show_default=bool(default),
                                     type=click.Choice(question.choices) if question.choices else str)
                if question.name == "period":
                    try:
                        starting.period(value)
                    except starting.InitProblem as problem:
                        _emit_error(f"{problem}\n")
                        value = None
            answers[question.name] = given[question.name] = value
    elif council is None:
        _fail("init", "--council is needed when openplan init is not run in a terminal (or pass --interactive); "
                      "see openplan init --help")
    try:
        written = starting.write(folder, starting.scaffold(given))
    except starting.InitProblem as problem:
        _fail("init", str(problem))
    names = ", ".join(path.name for path in written)
    _emit(f"Created {names} in {folder}.\nNext: fill in the plan, then check it with: openplan validate {folder}\n")


@app.command("import")
def import_document(
    source: str = typer.Argument(..., help="A Word (.docx) or Markdown (.md) plan."),
    output: Optional[str] = typer.Option(None, "--output", "-o",
                                         help="The draft to write (default: the document's name with .yaml)."),
    organisation: Optional[str] = typer.Option(None, "--organisation",
                                               help="The organisation's name (default: guessed from the title)."),
    period: Optional[str] = typer.Option(None, "--period",
                                         help="Financial year such as 2025/26 (default: guessed from the text)."),
    force: bool = typer.Option(False, "--force", help="Replace the output file if it exists."),
) -> None:
    """Turn a plan's headings and numbered or lettered lists into a draft OpenPlan file.

    "2" headings become areas, "2.1" objectives, "a." outputs and "i." sub-items. Everything guessed is marked
    draft:guessed for an officer to check. Exit codes: 0 imported; 1 no plan structure found (nothing written);
    2 the document cannot be read, or the output exists.
    """
    from pathlib import Path

    from . import importer

    target = Path(output) if output else Path(source).with_suffix(".yaml")
    try:
        imported = importer.import_document(source, organisation=organisation, period=period)
        importer.write(imported, target, overwrite=force)
    except importer.ImportProblem as problem:
        _fail("import", problem.message, problem.exit_code)
    counts = imported.counts
    found = ", ".join(f"{counts.get(kind, 0)} {kind}" for kind in ("areas", "objectives", "outputs", "sub-items"))
    _emit(f"Imported {found} from {source} into {target}.\nThis is a draft: check every item marked draft:guessed "
          f"against the document, then run: openplan validate {target}\n")


class SchemaKind(str, Enum):
    plan = "plan"
    registry = "registry"


@app.command()
def schema(
    version: Optional[str] = typer.Option(None, "--version", help="Schema version, MAJOR.MINOR (default: current)."),
    kind: SchemaKind = typer.Option(SchemaKind.plan, "--kind", help="The plan schema or the registry schema."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to this file instead of printing."),
) -> None:
    """Print or write the OpenPlan JSON Schema this package ships, for editors and other tools.

    Exit codes: 0 done; 2 no such version, or the file cannot be written.
    """
    from .atomic import write_atomic
    from .resources import schema_path, schema_root
    from .version import SCHEMA_VERSION

    version = version or SCHEMA_VERSION
    path = schema_path(kind.value, version)
    if not path.is_file():
        shipped = sorted(p.name for p in schema_root().iterdir() if (p / "plan.schema.json").is_file())
        _fail("schema", f"this openplan has no schema version {version!r}; it ships {', '.join(shipped)}")
    text = path.read_text(encoding="utf-8")
    if output is None:
        _emit(text)
        return
    try:
        write_atomic(output, text)
    except OSError as exc:
        _fail("schema", f"cannot write {output} ({exc.strerror or exc})")
    _emit(f"Wrote the OpenPlan {version} {kind.value} schema to {output}\n")


@app.command("lint-schema")
def lint_schema(
    targets: Optional[List[str]] = typer.Argument(None, help="Extensions to check: a shipped extension's name or "
                                                            "an extension's folder (default: every shipped one)."),
    output_format: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
) -> None:
    """Check an extension: it loads, every field has a title and a description, nothing clashes with the core
    schema, and its codelists are valid and agree with the schema.

    Exit codes: 0 all good; 1 problems found; 2 an extension cannot be loaded.
    """
    from . import extensions
    from .report import Result
    from .reporters import render

    result = Result()
    for target in targets or extensions.shipped_names():
        checked = extensions.lint(target)
        result.files.extend(checked.files)
        result.findings.extend(checked.findings)
    if output_format is Format.text:
        _emit(render(result, "text"))
    else:
        _emit(render(result, "json"))
    raise typer.Exit(result.exit_code)


@app.command()
def upgrade(
    path: str = typer.Argument(..., help="The plan or registry file to upgrade in place."),
    show_diff: bool = typer.Option(False, "--diff", help="Show what would change, and write nothing."),
    migrations: Optional[str] = typer.Option(None, "--migrations",
                                             help="A folder of migration files to use instead of the package's own "
                                                  "(to try a migration before it ships)."),
) -> None:
    """Rewrite a file to the OpenPlan version this package reads, keeping its comments and layout.

    Exit codes: 0 upgraded, previewed, or already current; 2 the file cannot be upgraded (nothing written).
    """
    from pathlib import Path

    from .migrations.upgrade import UpgradeError, upgrade_file

    try:
        outcome = upgrade_file(path, migrations_folder=Path(migrations) if migrations else None,
                               write=not show_diff)
    except UpgradeError as error:
        _fail("upgrade", str(error))
    except OSError as exc:
        _fail("upgrade", f"cannot write {path} ({exc.strerror or exc}); the file is unchanged")
    if not outcome.changed:
        _emit(f"{path} is already OpenPlan {outcome.target}; nothing to do.\n")
    elif show_diff:
        _emit(outcome.diff())
    else:
        steps = "".join(f"  - {line}\n" for line in outcome.done)
        _emit(f"Upgraded {path} from OpenPlan {outcome.source} to {outcome.target}:\n{steps}"
              f"Check it with: openplan validate {path}\n")


# --- convert -------------------------------------------------------------------------------------


class LossFormat(str, Enum):
    text = "text"
    json = "json"
    none = "none"


@app.command()
def convert(
    source: str = typer.Argument(..., help="The plan: YAML, JSON, an .xlsx workbook, a folder or .zip of CSV "
                                           "sheets, or a StratML .xml file; '-' reads stdin."),
    to: Optional[str] = typer.Option(None, "--to", "-t", help="Output format (default: from -o's extension): json, "
                                     "yaml, html, markdown, xlsx, csv, datapackage, ical, stratml1, stratml2."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Output file or folder; '-' or none for "
                                         "stdout. Several files (csv, datapackage) go in a folder, or a .zip."),
    source_format: Optional[str] = typer.Option(None, "--from", help="Input format when the name does not say: "
                                                "yaml, json, xlsx, csv, stratml."),
    report: LossFormat = typer.Option(LossFormat.text, "--report", help="The loss report (on stderr): text, json "
                                      "or none."),
    allow_outside: bool = typer.Option(False, "--allow-outside",
                                       help="Let registries lie outside the project folder."),
) -> None:
    """Convert a plan to another format, listing on stderr what the format cannot carry.

    Exit codes: 0 converted; 1 the plan is invalid (warnings alone do not stop it); 2 the input cannot be read,
    the format is unknown, or the output would overwrite an input.
    """
    import json as _json

    from .atomic import WriteRefused
    from .convert import ConvertError, UnknownFormat, convert as converting, registry
    from .convert.output import as_bytes, write
    from .convert.reading import read_bytes, read_path
    from .reporters import render
    from .report import Result
    from .validation import Options

    try:
        target = registry.get(to) if to else (registry.from_path(output) if output and output != "-" else None)
    except UnknownFormat as problem:
        _fail("convert", str(problem))
    if target is None:
        _fail("convert", "name the output format with --to, or an output file whose extension says it; the formats "
                         f"are: {', '.join(registry.names())}")
    options = Options(allow_outside=allow_outside)
    try:
        if source == "-":
            loaded = read_bytes(sys.stdin.buffer.read(), "<stdin>", source_format, options)
        else:
            loaded = read_path(Path(source), source_format, display=source, options=options)
    except ConvertError as problem:
        result = Result(files=[source], findings=problem.findings)
        if report is LossFormat.json:
            _emit_error(_json.dumps({"converted": False, "message": str(problem),
                                          "findings": [f.to_dict() for f in result.sorted()]}, indent=2) + "\n")
        else:
            _emit_error(render(result, "text", snippets=False, hints=True))
            _emit_error(f"openplan convert: {source} was not converted\n")
        raise typer.Exit(problem.exit_code)
    try:
        done = converting(loaded, target)
    except ValueError as problem:
        _fail("convert", str(problem))
    if output and output != "-":
        try:
            write(done.content, output, protect=[p for p in loaded.inputs if p is not None])
        except (WriteRefused, OSError) as problem:
            _fail("convert", str(problem))
    else:
        if target.kind != "text" and sys.stdout.isatty():
            _fail("convert", f"{target.name} is not text; name an output file with -o")
        sys.stdout.buffer.write(as_bytes(done.content))
        sys.stdout.flush()
    warnings = [f for f in loaded.findings if f.severity.value != "info"]
    if report is LossFormat.json:
        payload = {"converted": True, "format": target.name, "output": output or "-",
                   "findings": [f.to_dict() for f in warnings], **done.losses.to_dict()}
        if loaded.import_losses is not None:
            payload["import_losses"] = loaded.import_losses.to_dict()
        _emit_error(_json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    elif report is LossFormat.text:
        if warnings:
            _emit_error(render(Result(files=[source], findings=warnings), "text", snippets=False, hints=False))
        if loaded.import_losses is not None and not loaded.import_losses.lossless:
            _emit_error(loaded.import_losses.render_text())
        _emit_error(done.losses.render_text())


# --- lint, rules and rule ----------------------------------------------------------------------


class LintFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    gitlab = "gitlab"
    junit = "junit"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Preset(str, Enum):
    recommended = "recommended"
    strict = "strict"


def _codes(text: Optional[str]) -> Optional[tuple]:
    return None if text is None else tuple(code.strip() for code in text.split(",") if code.strip())


def _lint_fail(message: str) -> None:
    _emit_error(f"openplan lint: {message}\n")
    raise typer.Exit(EXIT_ERROR)


@app.command()
def lint(
    paths: List[str] = typer.Argument(..., help="Plan or registry files, or folders to search; '-' reads stdin."),
    output_format: Optional[LintFormat] = typer.Option(
        None, "--format", "-f", help="text (the default), json, sarif, github, gitlab or junit. "
        "github is chosen by itself when GITHUB_ACTIONS=true."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on",
                                             help="Exit 1 on findings at or above this level (default: error)."),
    preset: Optional[Preset] = typer.Option(None, "--preset", help="recommended (the default) or strict."),
    select: Optional[str] = typer.Option(None, "--select", help="Only these rules: codes, code prefixes or families, "
                                         "separated by commas. NONE runs validation only."),
    ignore: Optional[str] = typer.Option(None, "--ignore", help="Rules to leave out, separated by commas."),
    config: Optional[Path] = typer.Option(None, "--config", help="A configuration file to use instead of searching "
                                          "upward from each plan."),
    isolated: bool = typer.Option(False, "--isolated", help="Use no configuration file."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Accept the findings listed in this baseline."),
    no_baseline: bool = typer.Option(False, "--no-baseline", help="Ignore the baseline named in the configuration."),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline",
                                                  help="Write every current finding to this baseline file and exit."),
    reason: Optional[str] = typer.Option(None, "--reason", help="The reason recorded for new baseline entries."),
    fix: bool = typer.Option(False, "--fix", help="Apply safe fixes, then report what is left."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="With --fix or --diff, apply unsafe fixes too."),
    show_diff: bool = typer.Option(False, "--diff", help="Show what --fix would change, and change nothing."),
    skip_non_plans: bool = typer.Option(False, "--skip-non-plans",
                                        help="Pass over files with no `openplan:` key, such as other YAML files."),
    allow_outside: bool = typer.Option(False, "--allow-outside",
                                       help="Let registries and previous editions lie outside the project folder."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print findings only, without hints and source lines."),
) -> None:
    """Lint plans: validate them, then check what makes a valid plan a good one.

    Exit codes: 0 clean; 1 findings at or above --fail-on; 2 a usage, input or configuration error.
    """
    import os

    from .atomic import WriteRefused, write_atomic
    from .lint import engine, fixes
    from .lint.baseline import BaselineError, read, write
    from .lint.config import CommandLine, ConfigError
    from .lint.registry import PluginError
    from .reporters import render
    from .validation import Options

    if write_baseline is not None and (fix or show_diff):
        _lint_fail("--write-baseline cannot be combined with --fix or --diff")
    if paths == ["-"] and (fix or show_diff):
        _lint_fail("--fix and --diff need files, not standard input")
    validation_options = Options(allow_outside=allow_outside)
    options = engine.LintOptions(
        validation=validation_options, config=config, isolated=isolated,
        command_line=CommandLine(preset=preset.value if preset else None, select=_codes(select),
                                 ignore=_codes(ignore) or (), fail_on=fail_on.value if fail_on else None),
        baseline=baseline, use_baseline=not no_baseline and write_baseline is None,
        skip_non_plans=skip_non_plans)

    def run_lint() -> "engine.LintResult":
        linter = engine.Linter(options)
        return linter.lint_text(sys.stdin.read()) if paths == ["-"] else linter.lint(*paths)

    try:
        result = run_lint()
        if write_baseline is not None:
            previous = read(write_baseline) if write_baseline.exists() else None
            if previous is None and baseline is not None:
                previous = read(baseline)
            count = write(write_baseline, [key for _, key in result.accepted], previous, reason)
            _emit_error(f"openplan lint: wrote {count} entr{'ies' if count != 1 else 'y'} to {write_baseline}\n")
            raise typer.Exit(EXIT_ERROR if result.exit_code == EXIT_ERROR else 0)
        if fix or show_diff:
            outcomes = fixes.plan(result, unsafe=unsafe_fixes, options=validation_options)
            for outcome in outcomes:
                if outcome.refused:
                    _emit_error(f"openplan lint: {outcome.path}: not fixed: {outcome.refused}\n")
                for skipped, why in outcome.skipped:
                    _emit_error(f"openplan lint: {outcome.path}: skipped \"{skipped.description}\": {why}\n")
            if show_diff:
                _emit("".join(outcome.diff() for outcome in outcomes))
                raise typer.Exit(1 if any(outcome.changed for outcome in outcomes) else 0)
            applied = fixes.write(outcomes)
            changed = sum(1 for outcome in outcomes if outcome.changed)
            _emit_error(f"openplan lint: applied {applied} fix{'es' if applied != 1 else ''} in {changed} "
                             f"file{'s' if changed != 1 else ''}\n")
            result = run_lint()
    except (ConfigError, BaselineError, PluginError, engine.RuleFailed) as exc:
        _lint_fail(str(exc))
    except (WriteRefused, OSError) as exc:
        _lint_fail(f"cannot write: {exc}")

    chosen = output_format or (LintFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else LintFormat.text)
    if chosen is LintFormat.text:
        report = render(result, "text", snippets=not quiet, hints=not quiet, summary=False) + result.summary() + "\n"
        safe = sum(1 for f in result.findings if f.fix is not None and f.fix.safe)
        unsafe = fixes.unsafe_available(result)
        if safe or unsafe:
            report += (f"{safe} finding{'s' if safe != 1 else ''} can be fixed with --fix"
                       + (f" ({unsafe} more with --unsafe-fixes)" if unsafe else "") + "\n")
        if report.startswith("\n"):
            report = report[1:]
    else:
        report = render(result, chosen.value)
    if chosen is LintFormat.github and os.environ.get("GITHUB_STEP_SUMMARY"):
        from .reporters.github import summary

        target = Path(os.environ["GITHUB_STEP_SUMMARY"])
        try:
            earlier = target.read_text(encoding="utf-8") if target.exists() else ""
            write_atomic(target, earlier + summary(result))
        except OSError as exc:
            _emit_error(f"openplan lint: cannot write the job summary: {exc}\n")
    if output is not None:
        try:
            write_atomic(output, report, protect=tuple(p for p in paths if p != "-"))
        except (WriteRefused, OSError) as exc:
            _lint_fail(f"cannot write the report: {exc}")
    else:
        _emit(report)
    raise typer.Exit(result.exit_code)


def _catalogue() -> dict:
    from .lint.registry import PluginError, catalogue, validation_rules

    try:
        lint_rules = catalogue()
    except PluginError as exc:
        _emit_error(f"openplan: {exc}\n")
        raise typer.Exit(EXIT_ERROR)
    return {**{code: (rule, None) for code, rule in validation_rules().items()},
            **{code: (entry.rule, entry) for code, entry in lint_rules.items()}}


@app.command("rules")
def list_rules(
    family: Optional[str] = typer.Option(None, "--family", help="Only rules of this family."),
    output_format: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
) -> None:
    """List every rule: validation (L, S, I) and lint rules, with the presets that run them."""
    import json as _json

    from .lint import presets

    table = _catalogue()
    chosen = [(rule, entry) for _, (rule, entry) in sorted(table.items()) if family in (None, rule.family)]
    if not chosen:
        _emit_error(f"openplan: no rules in the family {family!r}\n")
        raise typer.Exit(EXIT_ERROR)

    def runs_in(rule, entry) -> list[str]:
        if entry is None:
            return ["always"]
        return [name for name in presets.NAMES if name == "strict" or rule.code not in presets.STRICT_ONLY]

    if output_format is Format.json:
        _emit(_json.dumps([{"code": rule.code, "name": rule.name, "family": rule.family,
                            "severity": rule.severity.value, "summary": rule.summary, "presets": runs_in(rule, entry),
                            "fixes": entry.fixes if entry else None,
                            "origin": entry.origin if entry else "openplan"}
                           for rule, entry in chosen], indent=2) + "\n")
        return
    lines = []
    for rule, entry in chosen:
        where = ", ".join(runs_in(rule, entry))
        lines.append(f"{rule.code}  {rule.name:<30} {rule.family:<13} {rule.severity.value:<8} {where:<20} "
                     f"{rule.summary}")
    _emit("\n".join(lines) + f"\n{len(chosen)} rules. `openplan rule CODE` explains one.\n")



@app.command("rule")
def explain_rule(code: str = typer.Argument(..., help="A rule code, such as W501.")) -> None:
    """Explain one rule: what it checks, why, how to fix it, its options, and examples."""
    import difflib

    from .lint import presets
    from .lint.config import toml_value

    table = _catalogue()
    key = code.strip().upper()
    if key not in table:
        close = difflib.get_close_matches(key, list(table), n=1, cutoff=0.6)
        hint = f' Did you mean "{close[0]}"?' if close else ""
        _emit_error(f"openplan: no rule {code!r}.{hint} `openplan rules` lists them.\n")
        raise typer.Exit(EXIT_ERROR)
    rule, entry = table[key]
    out = [f"{rule.code} {rule.name}", "", rule.summary, "",
           f"Family:    {rule.family}", f"Severity:  {rule.severity.value} (by default)"]
    if entry is None:
        out.append("Runs:      always (validation; `openplan validate` reports it too)")
    else:
        names = [n for n in presets.NAMES if n == "strict" or rule.code not in presets.STRICT_ONLY]
        out.append(f"Presets:   {', '.join(names)}")
        if entry.fixes:
            out.append(f"Fix:       {entry.fixes} (openplan lint --fix{' --unsafe-fixes' if entry.fixes == 'unsafe' else ''})")
        if entry.origin != "openplan":
            out.append(f"From:      {entry.origin}")
    out += ["", "Why:", f"  {rule.rationale}", "", "How to fix:", f"  {rule.fix}"]
    if entry is not None and entry.options:
        out += ["", "Options (in [tool.openplan.lint.options." + rule.code + "]):"]
        for name, default in entry.options.items():
            strict = presets.STRICT_OPTIONS.get(rule.code, {}).get(name)
            extra = f" (strict: {toml_value(strict)})" if strict is not None else ""
            out.append(f"  {name} = {toml_value(default)}{extra}")
    if rule.failing:
        out += ["", "Fails:", *("  " + line for line in rule.failing.rstrip("\n").splitlines())]
    if rule.passing:
        out += ["", "Passes:", *("  " + line for line in rule.passing.rstrip("\n").splitlines())]
    out += ["", f"Reference: docs/{rule.doc_path}"]
    _emit("\n".join(out) + "\n")


def run() -> None:
    """Console-script entry point: typer's own errors exit 2; anything unexpected is one line, exit 2."""
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:
        _emit_error("openplan: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # pragma: no cover - a bug; never show a traceback to an officer
        _emit_error(f"openplan: internal error: {type(exc).__name__}: {exc}\n"
                         "Please report this at the OpenPlan issue tracker.\n")
        sys.exit(EXIT_ERROR)
