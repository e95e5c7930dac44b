"""Run one case of openplan/rule_cases/<CODE>.yaml through the entry point of its rule's family."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from openplan import catalogue
from openplan.lint.config import CommandLine
from openplan.lint.engine import LintOptions, Linter
from openplan.report import Finding, Result
from openplan.rules import Rule
from openplan.validation import Validator

# Families whose cases are plans checked by `openplan validate`, and those checked by `openplan lint`.
VALIDATED = (*catalogue.VALIDATION_FAMILIES, "extension", "versioning")
LINTED = catalogue.LINT_FAMILIES


@dataclass
class Outcome:
    findings: list[Finding]  # every finding of the run, of any code
    exit_code: int | None = None  # what `openplan validate` exits with, where the family has one
    notes: list[str] = field(default_factory=list)


def plan_bytes(case: dict) -> bytes:
    if "plan_base64" in case:
        return base64.b64decode(case["plan_base64"])
    return case["plan"].encode("utf-8", "surrogateescape")  # lone surrogates stand for bytes that are not UTF-8


def write_project(folder: Path, case: dict, main: str = "plan.yaml") -> Path:
    """Write the case's files into ``folder``, made a project (it holds .git); return the file under test."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".git").mkdir(exist_ok=True)
    for name, text in (case.get("files") or {}).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    path = folder / main
    path.write_bytes(plan_bytes(case))
    return path


def _validate(path: Path) -> Result:
    return Result(files=[str(path)], findings=Validator().check_file(path, "plan.yaml"))


def _lint(code: str, folder: Path, path: Path, case: dict):
    config = None
    if case.get("options"):  # the rule's own options, as a configuration file would give them
        config = folder / "openplan.toml"
        lines = ["[lint]", f"[lint.options.{code}]"]
        lines += [f"{key} = {_toml(value)}" for key, value in case["options"].items()]
        config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    today = case.get("today")
    options = LintOptions(isolated=config is None, config=config, command_line=CommandLine(select=("ALL",)),
                          today=date.fromisoformat(str(today)) if today else None)
    # The files beside the plan are linted with it, as `openplan lint FOLDER` would: registry rules need them.
    beside = [folder / name for name in case.get("files") or {}]
    return Linter(options).lint(path, *beside)


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def run(rule: Rule, case: dict, folder: Path) -> Outcome:
    """Run the case as its family's command would, in ``folder``."""
    if rule.family in VALIDATED:
        path = write_project(folder, case)
        result = _validate(path)
        return Outcome(result.findings, result.exit_code)
    if rule.family in LINTED:
        path = write_project(folder, case)
        linted = _lint(rule.code, folder, path, case)
        return Outcome(linted.findings, _validate(path).exit_code)
    if rule.family == "extension-schema":
        from openplan import extensions

        folder.mkdir(parents=True, exist_ok=True)
        for name, text in (case.get("files") or {}).items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
        (folder / "schema.json").write_text(case["schema"], encoding="utf-8")
        return Outcome(extensions.lint(folder).findings)
    if rule.family == "convert":
        return _convert(case)
    if rule.family == "convert-loss":
        return _convert_loss(folder, case)
    raise AssertionError(f"no runner for the family {rule.family}")


def _convert(case: dict) -> Outcome:
    from openplan.convert import csv_folder, from_csv, from_stratml, to_csv
    from openplan.convert.errors import ConvertError
    from openplan.loader import parse

    try:
        if "workbook" in case or "xlsx_text" in case:
            from openplan.convert import from_xlsx

            from_xlsx(_workbook(case), "plan.xlsx")
        elif "csv" in case or case.get("delete_sheet"):
            files = to_csv(parse(case["plan"]).data)
            if case.get("delete_sheet"):
                del files[case["sheet"]]
            else:
                files[case["sheet"]] = case["csv"].encode("utf-8")
            from_csv(csv_folder.zipped(files), "plan-csv.zip")
        elif "xml" in case:
            from_stratml(case["xml"].encode("utf-8"), "plan.xml")
        else:
            return Outcome([], None, ["described only"])
    except ConvertError as error:
        return Outcome(list(error.findings), 2 if error.findings and error.findings[0].code in _EXIT_2 else 1)
    return Outcome([], 0)


_EXIT_2 = ("V001", "V002", "V003", "V013")


def _workbook(case: dict) -> bytes:
    """The case's plan exported with --to xlsx, then changed as a spreadsheet program would change it."""
    import io

    import openpyxl

    from openplan.convert import to_xlsx
    from openplan.loader import parse

    if "xlsx_text" in case:  # a file named .xlsx that is not a workbook at all
        return case["xlsx_text"].encode("utf-8")
    edits = case["workbook"]
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(parse(case["plan"]).data)))
    sheet = book[edits["sheet"]]
    for cell, formula in (edits.get("formulas") or {}).items():
        sheet[cell] = formula  # openpyxl saves no value beside a formula, as a script or an old tool would
    for cells in edits.get("merge") or ():
        sheet.merge_cells(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _convert_loss(folder: Path, case: dict) -> Outcome:
    from openplan import convert

    if "xml" in case:  # what reading a StratML file leaves out
        return Outcome(list(convert.from_stratml(case["xml"].encode("utf-8"), "plan.xml")[1].findings))
    path = write_project(folder, case)
    converted = convert.convert(convert.read(path, display="plan.yaml"), case["to"])
    return Outcome(list(converted.losses.findings))
