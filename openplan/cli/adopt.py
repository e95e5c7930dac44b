"""Adopting OpenPlan: `init`, `import`, `schema`, `lint-schema` and `upgrade`."""

from __future__ import annotations

import sys
from enum import Enum
from typing import List, Optional

import typer

from .output import Format, emit, emit_error, fail


def init(
    folder: str = typer.Argument(".", help="Folder for the new plan and its registries; created if missing."),
    council: Optional[str] = typer.Option(None, "--council", "--organisation",
                                          help="The council's name, as it publishes it."),
    abbreviation: Optional[str] = typer.Option(None, "--abbreviation", help="A short name the plan uses."),
    kind: Optional[str] = typer.Option(None, "--kind", help="Kind of organisation (default local-authority)."),
    country: Optional[str] = typer.Option(None, "--country",
                                          help="ISO 3166 code of the country or part of it: AU, AU-NSW, US-KY, "
                                               "GB-WLS. Written as the plan's jurisdiction."),
    calendar: Optional[str] = typer.Option(None, "--calendar",
                                           help="The year the plan counts in: financial-<month> (financial-july) "
                                                "or calendar. Needed outside the UK; else April years."),
    period: Optional[str] = typer.Option(None, "--period",
                                         help='2025/26, FY2025, 2025, "2019 to 2023" or two days '
                                              '"2025-07-01/2026-06-30", read in the calendar (default: the '
                                              "current year)."),
    period_text: Optional[str] = typer.Option(None, "--period-text",
                                              help='The period as the plan publishes it ("2022/23"), if it does.'),
    hemisphere: Optional[str] = typer.Option(None, "--hemisphere",
                                             help="north or south, if the country does not settle it."),
    language: Optional[str] = typer.Option(None, "--language", help="The plan's language, as a BCP 47 tag (en-AU)."),
    title: Optional[str] = typer.Option(None, "--title", help="The plan's title."),
    executive: Optional[str] = typer.Option(None, "--executive",
                                            help="Body that approves the plan (Cabinet, Council), if known."),
    leader: Optional[str] = typer.Option(None, "--leader", help="Title of the political leader's post, if any."),
    chief_executive: Optional[str] = typer.Option(None, "--chief-executive",
                                                  help="Title of the most senior officer's post, if any."),
    pledges: Optional[str] = typer.Option(None, "--pledges", help="Title of the council's pledge set, if any."),
    interactive: Optional[bool] = typer.Option(None, "--interactive/--no-interactive",
                                               help="Ask for what the flags do not give (default: in a terminal)."),
) -> None:
    """Start a plan: plan.yaml, registry.yaml (organisation, bodies, posts) and pledges.yaml, ready to fill in.

    Run in a terminal it asks for what the flags do not give; otherwise give at least --council (and
    --calendar for a council outside the UK). Only what you give is written: no body, post or published
    wording is made up. Never overwrites a file.

    \b
    An Australian council whose year runs from July:
      openplan init plans --organisation "Hawkesbury City Council" --country AU-NSW \\
        --calendar financial-july --period "2022/23" --language en-AU --executive Council
    An English council:
      openplan init plans --council "Example Borough Council" --period 2025/26 --executive Cabinet

    Exit codes: 0 created; 2 files exist already, or an answer cannot be used.
    """
    from .. import init as starting

    given: dict[str, Optional[str]] = {
        "council": council, "abbreviation": abbreviation, "kind": kind, "country": country, "calendar": calendar,
        "period": period, "title": title, "executive": executive, "leader": leader,
        "chief_executive": chief_executive, "pledges": pledges, "hemisphere": hemisphere, "language": language,
        "period_text": period_text}
    if interactive if interactive is not None else sys.stdin.isatty():
        try:  # a bad flag stops before any question is asked
            starting.check_given(given)
        except starting.InitProblem as problem:
            fail("init", str(problem))
        answers: dict[str, str] = {}
        for question in starting.QUESTIONS:
            value = given.get(question.name)
            if value is not None or not question.asked:
                try:  # checked again against the answers: a period in the calendar just given
                    value = starting.answer(question, "" if value is None else value, answers)
                except starting.InitProblem as problem:
                    fail("init", str(problem))
            while value is None:
                default = question.default(answers) if question.default else None
                # Choices are checked here, not by a click type: click is not a dependency of OpenPlan.
                text = question.prompt + (f" ({', '.join(question.choices)})" if question.choices else "")
                try:
                    value = typer.prompt(text, default=default, show_default=bool(default), type=str)
                except typer.Abort:  # the answers ran out (Ctrl-C stops the program before this)
                    fail("init", f'no answer to "{question.prompt}": the input ended; nothing was written')
                try:
                    value = starting.answer(question, value, answers)
                except starting.InitProblem as problem:
                    emit_error(f"{problem}\n")
                    value = None
            answers[question.name] = given[question.name] = value
    elif council is None:
        fail("init", "--council is needed when openplan init is not run in a terminal (or pass --interactive); "
                      "see openplan init --help")
    try:
        files = starting.scaffold(given)
        words = starting.period_in_words(given)
        written = starting.write(folder, files)
    except starting.InitProblem as problem:
        fail("init", str(problem))
    names = ", ".join(path.relative_to(folder).as_posix() for path in written)  # with .openplan/schema/...
    emit(f"Created {names} in {folder}.\nThe plan covers {words}.\n"
         f"Next: fill in the plan, then check it with: openplan validate {folder}\n")


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

    from .. import importer
    from ..atomic import is_stream

    target = Path(output) if output else Path(source).with_suffix(".yaml")
    try:
        imported = importer.import_document(source, organisation=organisation, period=period, registries=registry,
                                            output=None if is_stream(target) else target)
        importer.write(imported, target, overwrite=force)
    except importer.ImportProblem as problem:
        fail("import", problem.message, problem.exit_code)
    counts = imported.counts
    found = ", ".join(f"{counts.get(kind, 0)} {kind}" for kind in ("areas", "objectives", "outputs", "sub-items"))
    # When the draft itself went to standard output, the note goes to stderr so as not to spoil it.
    (emit_error if is_stream(target) else emit)(
        f"Imported {found} from {source} into {target}.\n" + "".join(line + "\n" for line in imported.report)
        + f"This is a draft: check every item marked draft:guessed against the document, then run: openplan "
        f"validate {target}\n")


class SchemaKind(str, Enum):
    plan = "plan"
    registry = "registry"
    report = "report"


def schema(
    version: Optional[str] = typer.Option(None, "--version", help="Schema version, MAJOR.MINOR (default: current)."),
    kind: SchemaKind = typer.Option(SchemaKind.plan, "--kind",
                                    help="The plan, registry or progress report (1.1 and later) schema."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to this file instead of printing."),
) -> None:
    """Print or write the OpenPlan JSON Schema this package ships, for editors and other tools.

    Exit codes: 0 done; 2 no such version, or the file cannot be written.
    """
    from ..atomic import WriteRefused, is_stream, write_atomic
    from ..resources import schema_text
    from ..version import SCHEMA_VERSION

    version = version or SCHEMA_VERSION
    try:
        text = schema_text(kind.value, version)
    except LookupError as missing:
        fail("schema", str(missing))
    if output is None:
        emit(text)
        return
    try:
        write_atomic(output, text)
    except WriteRefused as refused:
        fail("schema", str(refused))
    except OSError as exc:
        fail("schema", f"cannot write {output} ({exc.strerror or exc})")
    if not is_stream(output):  # after the schema itself on standard output, a note would spoil it
        emit(f"Wrote the OpenPlan {version} {kind.value} schema to {output}\n")


def lint_schema(
    targets: Optional[List[str]] = typer.Argument(None, help="Extensions to check: a shipped extension's name or "
                                                            "an extension's folder (default: every shipped one)."),
    output_format: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
) -> None:
    """Check an extension: it loads, every field has a title and a description, nothing clashes with the core
    schema, and its codelists are valid and agree with the schema.

    Exit codes: 0 all good; 1 problems found; 2 an extension cannot be loaded.
    """
    from .. import extensions
    from ..reporters import render

    result = extensions.lint_all(targets or ())
    if output_format is Format.text:
        emit(render(result, "text"))
    else:
        emit(render(result, "json"))
    raise typer.Exit(result.exit_code)


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

    from ..atomic import ReadOnly, WriteRefused
    from ..migrations.upgrade import UpgradeError, upgrade_file

    try:
        outcome = upgrade_file(path, migrations_folder=Path(migrations) if migrations else None,
                               write=not show_diff, force=force)
    except UpgradeError as error:
        fail("upgrade", str(error))
    except ReadOnly as refused:
        fail("upgrade", f"{refused} (or pass --force to rewrite it anyway)")
    except WriteRefused as refused:
        fail("upgrade", str(refused))
    except OSError as exc:
        fail("upgrade", f"cannot write {path} ({exc.strerror or exc}); the file is unchanged")
    if not outcome.changed:
        emit(f"{path} is already OpenPlan {outcome.target}; nothing to do.\n")
    elif show_diff:
        emit(outcome.diff())
    else:
        steps = "".join(f"  - {line}\n" for line in outcome.done)
        emit(f"Upgraded {path} from OpenPlan {outcome.source} to {outcome.target}:\n{steps}"
              f"Check it with: openplan validate {path}\n")
