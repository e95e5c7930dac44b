"""Import errors: rules as data for reading spreadsheets and StratML, and the exception that carries them.

These rules use :class:`openplan.rules.Rule` like every other rule, in family
``convert``. Their cases are in ``openplan/rule_cases/<CODE>.yaml``: most
replace the sheet named in ``sheet`` in a CSV export of a small plan with CSV
text. Rules whose cases need a workbook (formulas, merged cells, bombs) have
an empty ``sheet``; their cases are told in words and their tests build the
workbooks.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..report import Finding
from ..rules import Rule, Severity


@dataclass(frozen=True)
class ImportRule(Rule):
    """A rule for reading a spreadsheet or StratML file back into a plan."""

    sheet: str = ""  # the CSV file of an export of a plan that the rule's cases replace


def _rule(code: str, name: str, summary: str, rationale: str, fix: str, *, sheet: str = "",
          exit_code: int = 1) -> ImportRule:
    return ImportRule(code=code, name=name, family="convert", severity=Severity.ERROR, summary=summary,
                      rationale=rationale, fix=fix, exit_code=exit_code, sheet=sheet)


UNREADABLE = _rule(
    "V001", "unreadable-input", "The file is not a workbook, CSV folder or StratML file that OpenPlan can read.",
    "A damaged or mislabelled file cannot be turned into a plan; guessing would lose data.",
    "Do what the message says: remove a password, save an old .xls or a macro-enabled .xlsm as an Excel "
    "workbook (.xlsx), save a damaged workbook again, or check the file is the one meant.", exit_code=2)
LIMIT = _rule(
    "V002", "input-limit", "The workbook or archive is larger than the limits: too many entries, too much data "
    "once unpacked, or a shared-strings table that is too big.",
    "A file built to exhaust memory (a zip bomb) must be refused before it is unpacked.",
    "Split the plan, or raise the limit if the workbook really is that large.", exit_code=2)
UNSAFE_XML = _rule(
    "V003", "unsafe-xml", "The workbook or StratML file declares a DTD or XML entities.",
    "Entity declarations are how XML 'billion laughs' bombs and external-file reads work; real workbooks never "
    "need them.",
    "Save the file again from your spreadsheet program; remove any <!DOCTYPE> from StratML files.", exit_code=2)
MISSING_SHEET = _rule(
    "V004", "missing-sheet", "A sheet the plan layout needs is missing from the workbook.",
    "A deleted sheet would silently delete every item on it; OpenPlan asks instead.",
    "Put the sheet back (an empty sheet with its headings is fine), or export the plan again to get a fresh "
    "workbook.", sheet="outputs.csv")
UNKNOWN_HEADING = _rule(
    "V005", "unknown-heading", "A column heading is not one the sheet understands.",
    "A renamed heading would otherwise drop a whole column of data without a word.",
    "Use a heading from the list in the message, or name the column namespace:field to keep it as an extension "
    "field.", sheet="outputs.csv")
DUPLICATE_HEADING = _rule(
    "V006", "duplicate-heading", "Two columns have the same heading, or a field appears twice in the Plan sheet.",
    "OpenPlan cannot tell which of the two values is meant.",
    "Delete or rename one of the two columns or rows.",
    sheet="outputs.csv")
MISSING_COLUMN = _rule(
    "V007", "missing-column", "A column that places rows in the plan (the parent item, or Level) is missing.",
    "Without it OpenPlan cannot tell where the rows belong.",
    "Add the column back with the heading named in the message.", sheet="outputs.csv")
BAD_CELL = _rule(
    "V008", "bad-cell", "A cell's value cannot be read as what its column holds: a number, true or false, a day "
    "or an outline level.",
    "A value of the wrong kind would make the plan invalid or change its meaning.",
    "Correct the cell as the message says. Format columns of display numbers and dates as Text in your "
    "spreadsheet program so it does not change them.", sheet="outputs.csv")
FORMULA = _rule(
    "V009", "formula", "A cell holds a formula with no saved value. OpenPlan never calculates formulas: it reads "
    "the value the spreadsheet program saved with the formula.",
    "Excel and LibreOffice save each formula's value with it; a formula without one was written by a program "
    "that does not calculate, and OpenPlan will not guess what it gives.",
    "Open the workbook in your spreadsheet program and save it (which stores the values), or replace the formula "
    "by its value (copy the cells, then Paste Special > Values).")
MERGED_CELLS = _rule(
    "V010", "merged-cells", "Cells are merged across columns. (Cells merged down one column are read as the "
    "same value in every row of the merge.)",
    "A value merged across columns belongs to no one column.",
    "Unmerge the cells (Home > Merge & Center > Unmerge Cells) and put each value in its own column.")
UNKNOWN_PARENT = _rule(
    "V011", "unknown-parent", "A row names a parent item (the area of an objective, the objective of an output, "
    "the item of an owner) that is not in the workbook, or is the wrong kind of item.",
    "The row cannot be placed in the plan, and guessing would misfile it.",
    "Correct the id in the parent column; it must be the Identifier of a row on the sheet the message names.",
    sheet="outputs.csv")
BAD_LEVEL = _rule(
    "V012", "bad-level", "An outline level skips a step (a row at level 3 follows a row at level 1), or goes "
    "deeper than level 40.",
    "Levels nest sub-items under the row above them; a skipped level has no row to nest under, and no plan's "
    "outline is 40 levels deep.",
    "Correct the Level column: each row is at most one level deeper than the row above it, and at most level 40.",
    sheet="sub-items.csv")
NOT_STRATML = _rule(
    "V013", "not-stratml", "The XML file is not a StratML Part 1 strategic plan (or Part 2 performance plan).",
    "OpenPlan imports StratML's core elements: a plan with goals and objectives.",
    "Check the file is StratML; its root element must be StrategicPlan or PerformancePlanOrReport.", exit_code=2)


def _note(code: str, name: str, summary: str, rationale: str, fix: str) -> ImportRule:
    """A warning about an import that went ahead: shown, never silent, and never a failure."""
    return ImportRule(code=code, name=name, family="convert", severity=Severity.WARNING, summary=summary,
                      rationale=rationale, fix=fix, exit_code=0)


REGISTRY_INLINED = _note(
    "V014", "registry-entries-in-plan", "A registry file the plan names was not found beside the workbook, so the "
    "registry entries the plan uses, which the workbook carries, were written into the plan itself.",
    "A workbook moved to another folder must still import into a plan that validates; the entries it carries "
    "make that possible without guessing where the registry went.",
    "To keep the entries in the shared registry file, put the file beside the workbook (as the plan names it "
    "under registries) and import again.")
REGISTRY_DIFFERS = _note(
    "V015", "registry-differs", "A registry entry on the workbook's Registry data sheet differs from the same entry "
    "in the registry file. The file's entry is used.",
    "Registry files are shared by many plans; a change made in one workbook must not reach them by accident.",
    "Import with --registries to write the workbook's entries into the registry file, or make the change in the "
    "registry file itself.")
REGISTRY_UPDATED = _note(
    "V016", "registry-updated", "With --registries, a registry entry changed on the workbook's Registry data sheet "
    "was written back to its registry file.",
    "Writing a shared file is reported entry by entry, so nobody's registry changes silently.",
    "Check the change in the registry file (for example with git diff) and share it with the plans that use it.")

PREVIOUS_NOT_BESIDE = _note(
    "V018", "previous-edition-not-beside", "The previous edition's file that the plan names was not found beside "
    "the workbook, so its path was left out of the imported plan; its id is kept.",
    "A workbook moved to another folder must still import into a plan that validates. The previous edition is "
    "named by id as well as by path, so leaving out a path that leads nowhere loses no meaning.",
    "To keep the path, put the previous edition's file beside the workbook (as the plan names it under edition: "
    "previous: path) and import again, or add the path back to the imported plan.")

PARENT_NOT_BESIDE = _note(
    "V019", "parent-plan-not-beside", "A parent plan's file that the plan names (parents: path) was not found beside "
    "the workbook, so that path was left out of the imported plan; the parent's id is kept.",
    "A workbook moved to another folder must still import into a plan that validates. A parent plan is named by "
    "id as well as by path, so the link to it stays; without the file, though, the serves links into that plan "
    "are no longer checked, which is why this is reported.",
    "To keep the path, put the parent plan's file beside the workbook (as the plan names it under parents: path) "
    "and import again, or add the path back to the imported plan.")

NOT_BESIDE_OUTPUT = _note(
    "V017", "not-beside-output", "A file the plan names (a registry under registries, the previous edition, a "
    "parent plan; for a progress report, its plan and the report before it) is not where the plan names it, seen "
    "from the folder the conversion was written to. The output is written all the same.",
    "Paths in a plan are relative to the plan's own file: a plan written to another folder names files that may "
    "not be there. Refusing to write would only hide the output; saying what to fix does not.",
    "Copy the named file into the output's folder (keeping its relative path), or correct the path in the output "
    "(under registries, edition: previous: path, parents: path, or a report's plan: path and previous: path). An "
    "Excel workbook needs neither for registries: it carries the registry entries the plan uses.")

RULES: tuple[ImportRule, ...] = (UNREADABLE, LIMIT, UNSAFE_XML, MISSING_SHEET, UNKNOWN_HEADING, DUPLICATE_HEADING,
                                 MISSING_COLUMN, BAD_CELL, FORMULA, MERGED_CELLS, UNKNOWN_PARENT, BAD_LEVEL,
                                 NOT_STRATML, REGISTRY_INLINED, REGISTRY_DIFFERS, REGISTRY_UPDATED,
                                 NOT_BESIDE_OUTPUT, PREVIOUS_NOT_BESIDE, PARENT_NOT_BESIDE)
UNREADABLE_CODES = frozenset(rule.code for rule in RULES if rule.exit_code == 2)


class ConvertError(Exception):
    """A conversion that cannot go ahead: an input that cannot be read, or an invalid plan. Holds the findings."""

    def __init__(self, findings: list[Finding], message: str | None = None):
        self.findings = findings
        first = next((f for f in findings if f.severity is Severity.ERROR), findings[0] if findings else None)
        super().__init__(message or (f"{first.location()}: {first.message}" if first else "cannot convert"))

    @property
    def exit_code(self) -> int:
        errors = [f for f in self.findings if f.severity is Severity.ERROR]
        if any(f.fatal or f.code in UNREADABLE_CODES for f in errors):
            return 2
        return 1


def error(rule: ImportRule, message: str, file: str | None, line: int | None = None, column: int | None = None,
          pointer: str = "", hint: str | None = None) -> Finding:
    return Finding(code=rule.code, message=message, severity=rule.severity, file=file, line=line, column=column,
                   pointer=pointer, hint=hint or rule.fix)


def read_input(path, file: str, max_bytes: int) -> bytes:
    """The bytes of an input file, read the one bounded way (regular files only); a ConvertError if not."""
    from ..loader import FILE_NOT_FOUND, LIMIT as LOAD_LIMIT, UNREADABLE as LOAD_UNREADABLE, LoadError, \
        read_limited

    try:
        return read_limited(path, file, max_bytes)
    except LoadError as exc:
        rule = LIMIT if exc.finding.code == LOAD_LIMIT.code else UNREADABLE
        own = exc.finding.hint not in (FILE_NOT_FOUND.fix, LOAD_UNREADABLE.fix, LOAD_LIMIT.fix)  # a hint of its own
        raise ConvertError([error(rule, exc.finding.message, file, hint=exc.finding.hint if own else None)]) \
            from None
