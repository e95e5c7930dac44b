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


# Control characters from a plan (escape sequences, bells) must never reach the terminal, nor the bidi controls
# that make text display in another order than it is stored (U+202A-U+202E, U+2066-U+2069: "Trojan Source").
# They are shown as \uXXXX instead; in JSON output that is the same escape JSON itself uses, so the data is
# unchanged.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _safe(text: str) -> str:
    return _CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _emit(text: str) -> None:
    sys.stdout.write(_safe(text))


def _emit_error(text: str) -> None:
    sys.stderr.write(_safe(text))
    sys.stderr.flush()
    sys.stdout.flush()


def _stdin():
    """Standard input as bytes, or None when it is closed; the library reads it within the size limit."""
    return getattr(sys.stdin, "buffer", None)


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
                                       help="Worker processes for many files (default: one per core when it pays; "
                                            "never more than one per core or one per file)."),
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
        result = validation.validate_stream(_stdin(), "<stdin>", options)
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
        answers: dict[str, str] = {}
        for question in starting.QUESTIONS:
            value = given.get(question.name)
            while value is None:
                default = question.default(answers) if question.default else None
                # Choices are checked here, not by a click type: click is not a dependency of OpenPlan.
                text = question.prompt + (f" ({', '.join(question.choices)})" if question.choices else "")
                value = typer.prompt(text, default=default, show_default=bool(default), type=str)
                try:
                    value = starting.answer(question, value)
                    if question.name == "period":
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
    names = ", ".join(path.relative_to(folder).as_posix() for path in written)  # with .openplan/schema/...
    _emit(f"Created {names} in {folder}.\nNext: fill in the plan, then check it with: openplan validate {folder}\n")


@app.command("import")
def import_document(
    source: str = typer.Argument(..., help="A Word (.docx), PDF (.pdf) or Markdown (.md) plan."),
    output: Optional[str] = typer.Option(None, "--output", "-o",
                                         help="The draft to write (default: the document's name with .yaml)."),
    organisation: Optional[str] = typer.Option(None, "--organisation",
                                               help="The organisation's name (default: guessed from the title)."),
    period: Optional[str] = typer.Option(None, "--period",
                                         help="Financial year such as 2025/26 (default: guessed from the text)."),
    registry: Optional[List[str]] = typer.Option(
        None, "--registry", help="A registry file to match action tables' leads against (repeatable; default: the "
        "registry files beside the output)."),
    force: bool = typer.Option(False, "--force", help="Replace the output file if it exists."),
) -> None:
    """Turn a plan's headings and numbered or lettered lists into a draft OpenPlan file.

    "2" headings become areas, "2.1" objectives, "a." outputs and "i." sub-items; rows of a table with columns
    such as Ref, Action, Lead and Due become outputs with owners and due dates. Everything guessed is marked
    draft:guessed for an officer to check. Exit codes: 0 imported; 1 no plan structure found (nothing written);
    2 the document cannot be read, or the output exists.
    """
    from pathlib import Path

    from . import importer
    from .atomic import is_stream

    target = Path(output) if output else Path(source).with_suffix(".yaml")
    try:
        imported = importer.import_document(source, organisation=organisation, period=period, registries=registry,
                                            output=None if is_stream(target) else target)
        importer.write(imported, target, overwrite=force)
    except importer.ImportProblem as problem:
        _fail("import", problem.message, problem.exit_code)
    counts = imported.counts
    found = ", ".join(f"{counts.get(kind, 0)} {kind}" for kind in ("areas", "objectives", "outputs", "sub-items"))
    # When the draft itself went to standard output, the note goes to stderr so as not to spoil it.
    (_emit_error if is_stream(target) else _emit)(
        f"Imported {found} from {source} into {target}.\n" + "".join(line + "\n" for line in imported.report)
        + f"This is a draft: check every item marked draft:guessed against the document, then run: openplan "
        f"validate {target}\n")


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
    from .atomic import WriteRefused, is_stream, write_atomic
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
    except WriteRefused as refused:
        _fail("schema", str(refused))
    except OSError as exc:
        _fail("schema", f"cannot write {output} ({exc.strerror or exc})")
    if not is_stream(output):  # after the schema itself on standard output, a note would spoil it
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
    force: bool = typer.Option(False, "--force", help="Rewrite the file even if it is read-only."),
) -> None:
    """Rewrite a file to the OpenPlan version this package reads, keeping its comments and layout.

    Exit codes: 0 upgraded, previewed, or already current; 2 the file cannot be upgraded (nothing written).
    """
    from pathlib import Path

    from .atomic import ReadOnly, WriteRefused
    from .migrations.upgrade import UpgradeError, upgrade_file

    try:
        outcome = upgrade_file(path, migrations_folder=Path(migrations) if migrations else None,
                               write=not show_diff, force=force)
    except UpgradeError as error:
        _fail("upgrade", str(error))
    except ReadOnly as refused:
        _fail("upgrade", f"{refused} (or pass --force to rewrite it anyway)")
    except WriteRefused as refused:
        _fail("upgrade", str(refused))
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
    include: Optional[str] = typer.Option(None, "--include", help="ical only: also put dated outputs and "
                                          "objectives in the calendar: outputs, objectives, or both with a comma."),
    verbose: bool = typer.Option(False, "--verbose", help="List the plan's validation warnings, not only how "
                                 "many there are."),
    write_registries: bool = typer.Option(False, "--registries", help="Importing a workbook: write registry "
                                          "entries changed on its Registry data sheet back to their registry "
                                          "files, reporting each change."),
) -> None:
    """Convert a plan to another format, listing on stderr what the format cannot carry.

    Exit codes: 0 converted; 1 the plan is invalid (warnings alone do not stop it); 2 the input cannot be read,
    the format is unknown, the output would overwrite an input, or a calendar would have no entries.
    """
    import json as _json

    from .atomic import WriteRefused
    from .convert import ConvertError, UnknownFormat, convert as converting, registry
    from .convert.output import as_bytes, write
    from .convert.reading import read_path, read_stream
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
    extra = {}
    if include is not None:
        from .convert.ical import INCLUDE

        kinds = tuple(kind.strip() for kind in include.split(",") if kind.strip())
        if target.name != "ical" or not kinds or not set(kinds) <= set(INCLUDE):
            _fail("convert", f"--include takes {', '.join(INCLUDE)} (or both, separated by a comma) and works with "
                             "--to ical only")
        extra["include"] = kinds
    if write_registries:
        from .convert.reading import input_format

        named = (source_format or "").strip().lower()
        workbook = named in ("xlsx", "excel") or (not named and source != "-" and input_format(Path(source)) == "xlsx")
        if not workbook:
            _fail("convert", "--registries works when importing an Excel workbook (.xlsx): it writes registry entries "
                             "changed on the workbook's Registry data sheet back to their registry files")
    options = Options(allow_outside=allow_outside)
    try:
        if source == "-":
            loaded = read_stream(_stdin(), "<stdin>", source_format, options)
        else:
            loaded = read_path(Path(source), source_format, display=source, options=options,
                               registries=write_registries)
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
        done = converting(loaded, target, **extra)
    except ValueError as problem:
        _fail("convert", str(problem))
    if output and output != "-":
        try:
            write(done.content, output, protect=[p for p in loaded.inputs if p is not None])
        except WriteRefused as problem:
            _fail("convert", str(problem))
        except OSError as problem:
            _fail("convert", f"cannot write {output} ({problem.strerror or problem})")
    else:
        if target.kind != "text" and sys.stdout.isatty():  # a zip or a workbook would garble the terminal
            example = f"plan{target.extensions[0]}" if target.extensions else "plan-files"
            _fail("convert", f"{target.name} output ({target.title}) is a file to save, not text for the screen; "
                             f"name where to write it with -o, for example -o {example}")
        if sys.stdout.isatty():  # shown, not kept: the plan's control characters must not drive the terminal
            _emit(as_bytes(done.content).decode("utf-8", "replace"))
        else:
            sys.stdout.buffer.write(as_bytes(done.content))
        sys.stdout.flush()
    warnings = [f for f in loaded.findings if f.severity.value != "info"]
    # What the import did (registry entries placed or written) and paths that do not resolve from the output's
    # folder are always shown: they are about this conversion, not the plan's everyday warnings.
    from .convert.errors import RULES as _IMPORT_RULES
    from .convert.source import unresolved_from

    import_codes = {rule.code for rule in _IMPORT_RULES}
    notes = [f for f in warnings if f.code in import_codes]
    warnings = [f for f in warnings if f.code not in import_codes]
    if output and output != "-" and target.name in ("yaml", "json", "csv"):
        notes.extend(unresolved_from(loaded.data, output))
    if notes and report is LossFormat.text:
        _emit_error(render(Result(files=[source], findings=notes), "text", snippets=False, hints=True))
    if report is LossFormat.json:
        payload = {"converted": True, "format": target.name, "output": output or "-",
                   "findings": [f.to_dict() for f in notes + warnings], **done.losses.to_dict()}
        if loaded.import_losses is not None:
            payload["import_losses"] = loaded.import_losses.to_dict()
        _emit_error(_json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    elif report is LossFormat.text:
        if warnings and verbose:
            _emit_error(render(Result(files=[source], findings=warnings), "text", snippets=False, hints=False))
        elif warnings:  # validate's job to list them; repeating them on every conversion buries the loss report
            _emit_error(_warning_summary(len(warnings), source) + "\n")
        if loaded.import_losses is not None and not loaded.import_losses.lossless:
            _emit_error(loaded.import_losses.render_text())
        _emit_error(done.losses.render_text())


def _warning_summary(count: int, source: str) -> str:
    import shlex

    noun = "warning" if count == 1 else "warnings"
    see = "it" if count == 1 else "them"
    if source != "-" and Path(source).suffix.lower() in (".yaml", ".yml", ".json"):
        return f"{count} {noun} in the plan; run `openplan validate {shlex.quote(source)}` to see {see}, or add --verbose"
    return f"{count} {noun} in the plan; add --verbose to see {see}"


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
    force: bool = typer.Option(False, "--force", help="Write over read-only files too (with --fix, --output or "
                               "--write-baseline)."),
    skip_non_plans: bool = typer.Option(False, "--skip-non-plans",
                                        help="Pass over files with no `openplan:` key, such as other YAML files."),
    dependents: bool = typer.Option(False, "--dependents",
                                    help="With a registry file, also lint the plans in its project that use it "
                                         "(as the pre-commit hooks do)."),
    allow_outside: bool = typer.Option(False, "--allow-outside",
                                       help="Let registries and previous editions lie outside the project folder."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print findings only, without hints and source lines."),
    max_per_rule: int = typer.Option(100, "--max-per-rule", min=0,
                                     help="Show at most this many findings of one rule in one file, and count the "
                                          "rest in an X905 note (0 shows every finding)."),
) -> None:
    """Lint plans: validate them, then check what makes a valid plan a good one.

    Exit codes: 0 clean; 1 findings at or above --fail-on; 2 a usage, input or configuration error.
    """
    import os

    from .atomic import ReadOnly, WriteRefused, is_stream, refuse_inputs, write_atomic
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
        skip_non_plans=skip_non_plans, dependents=dependents, max_per_rule=max_per_rule)

    def run_lint() -> "engine.LintResult":
        linter = engine.Linter(options)
        return linter.lint_stream(_stdin()) if paths == ["-"] else linter.lint(*paths)

    try:
        result = run_lint()
        if write_baseline is not None:
            refuse_inputs(write_baseline, result.inputs)  # before it is read as a baseline: a plan is not one
            # A stream has nothing to keep; a link is refused by the write, so it is not read either.
            keep = write_baseline.exists() and not is_stream(write_baseline) and not write_baseline.is_symlink()
            previous = read(write_baseline) if keep else None
            if previous is None and baseline is not None:
                previous = read(baseline)
            count = write(write_baseline, [key for _, key in result.accepted], previous, reason,
                          protect=result.inputs, force=force)
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
            ready = [outcome for outcome in outcomes if outcome.changed]
            applied = fixes.write(ready, force=force)
            for outcome in ready:  # a file edited on disk meanwhile is left as saved
                if outcome.refused:
                    _emit_error(f"openplan lint: {outcome.path}: not fixed: {outcome.refused}\n")
            changed = sum(1 for outcome in ready if outcome.changed)
            _emit_error(f"openplan lint: applied {applied} fix{'es' if applied != 1 else ''} in {changed} "
                             f"file{'s' if changed != 1 else ''}\n")
            result = run_lint()
    except (ConfigError, BaselineError, PluginError, engine.RuleFailed) as exc:
        _lint_fail(str(exc))
    except ReadOnly as exc:
        _lint_fail(f"cannot write: {exc} (or pass --force to write it anyway)")
    except WriteRefused as exc:
        _lint_fail(f"cannot write: {exc}")
    except OSError as exc:
        _lint_fail(f"cannot write {exc.filename} ({exc.strerror})" if exc.filename and exc.strerror
                   else f"cannot write: {exc}")

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
    if chosen is LintFormat.github:
        from .reporters.github import log

        _emit_error(log(result))  # the annotations' plain-text twin, for the job log
    if chosen is LintFormat.github and os.environ.get("GITHUB_STEP_SUMMARY"):
        from .reporters.github import append_summary, summary

        try:
            append_summary(os.environ["GITHUB_STEP_SUMMARY"], summary(result))
        except (OSError, ValueError) as exc:  # ValueError: a NUL in the variable
            _emit_error(f"openplan lint: cannot write the job summary: {getattr(exc, 'strerror', None) or exc}\n")
    if output is not None:
        try:  # never over a file the run read: a plan, a registry, the configuration or the baseline
            write_atomic(output, report, protect=result.inputs, force=force)
        except ReadOnly as exc:
            _lint_fail(f"cannot write the report: {exc} (or pass --force to write it anyway)")
        except WriteRefused as exc:
            _lint_fail(f"cannot write the report: {exc}")
        except OSError as exc:
            _lint_fail(f"cannot write the report to {output} ({exc.strerror or exc})")
    else:
        _emit(report)
    raise typer.Exit(result.exit_code)


def _catalogue() -> dict:
    from . import catalogue as rule_catalogue
    from .lint.registry import PluginError, catalogue

    try:
        lint_rules = catalogue()
    except PluginError as exc:
        _emit_error(f"openplan: {exc}\n")
        raise typer.Exit(EXIT_ERROR)
    # Every rule of the catalogue, with the linter's entry (presets, options, fixes) for lint and plugin rules.
    return {**{rule.code: (rule, None) for rule in rule_catalogue.rules()},
            **{code: (entry.rule, entry) for code, entry in lint_rules.items()}}


# Families raised by one command only, not by validation; the rest run always.
_COMMAND_OF = {"convert": "convert", "convert-loss": "convert", "extension-schema": "lint-schema"}


@app.command("rules")
def list_rules(
    family: Optional[str] = typer.Option(None, "--family", help="Only rules of this family."),
    output_format: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
) -> None:
    """List every rule: validation (L, S, I, U, X), lint and convert (V) rules, with where they run."""
    import json as _json

    from .lint import presets

    table = _catalogue()
    chosen = [(rule, entry) for _, (rule, entry) in sorted(table.items()) if family in (None, rule.family)]
    if not chosen:
        _emit_error(f"openplan: no rules in the family {family!r}\n")
        raise typer.Exit(EXIT_ERROR)

    def runs_in(rule, entry) -> list[str]:
        if entry is None:
            return [_COMMAND_OF.get(rule.family, "always")]
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
    if entry is None and rule.family in _COMMAND_OF:
        out.append(f"Runs:      in `openplan {_COMMAND_OF[rule.family]}`")
    elif entry is None:
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


class _Stopped(BaseException):
    """Ctrl-C or a termination signal, raised where the program is so that every cleanup runs (a temporary
    file is removed, a file being rewritten is put back). Not a KeyboardInterrupt: typer turns that into a
    silent exit."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, _frame) -> None:
    import signal

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):  # once stopping, let the cleanup finish
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    raise _Stopped(signum)


def _catch_signals() -> None:
    import signal

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        try:  # a signal the caller ignores (a background job's Ctrl-C) stays ignored
            if number is not None and signal.getsignal(number) in (signal.SIG_DFL, signal.default_int_handler):
                signal.signal(number, _stop)
        except (ValueError, OSError):  # not the main thread, or not allowed here
            pass


def run() -> None:
    """Console-script entry point: typer's own errors exit 2; anything unexpected is one line, exit 2.

    Ctrl-C prints "interrupted" and exits 130; a termination signal exits 128 + its number, as shells do."""
    import signal

    _catch_signals()
    try:
        app(standalone_mode=True)
    except (KeyboardInterrupt, _Stopped) as exc:
        signum = getattr(exc, "signum", signal.SIGINT)
        try:
            _emit_error("openplan: interrupted\n" if signum == signal.SIGINT else
                        f"openplan: stopped by {signal.Signals(signum).name}\n")
        except (OSError, ValueError):  # stderr closed: the exit code still says it
            pass
        sys.exit(128 + signum)
    except Exception as exc:  # pragma: no cover - a bug; never show a traceback to an officer
        _emit_error(f"openplan: internal error: {type(exc).__name__}: {exc}\n"
                         "Please report this at the OpenPlan issue tracker.\n")
        sys.exit(EXIT_ERROR)
