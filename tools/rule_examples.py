"""The examples of a rule page: the rule's first failing and first passing case, with what the failing case
expects (each finding's line, column and a fragment of its message).

Cases come from ``openplan/rule_cases/<CODE>.yaml`` through :func:`openplan.catalogue.cases`.
"""

from __future__ import annotations

import base64
import unicodedata
from typing import Any

import yaml

from openplan import catalogue
from openplan.rules import Rule

# How a file beside the plan is shown, by its extension; YAML otherwise.
_LANGUAGES = {"json": "json", "xml": "xml", "csv": "text", "md": "markdown"}
# Fields of a case shown as its setting, in this order, beside the plan and its files.
_SETTINGS = (("to", "Converted with `--to {}`."), ("today", "Today is taken to be {}."),
             ("options", "With the options `{}`."))


def first_cases(rule: Rule) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The rule's first failing case (the first with a ``fail`` list) and first passing case."""
    found = catalogue.cases(rule.code)
    failing = next((case for case in found if "fail" in case), None)
    passing = next((case for case in found if case.get("pass")), None)
    return failing, passing


def _text(value: str) -> str:
    """Text safe to write as UTF-8: a lone surrogate (a raw byte in an example) is shown as an escape."""
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _escaped(data: bytes) -> str:
    """Bytes that YAML could not hold, as text: control characters, a BOM and invalid UTF-8 as escapes."""
    text = data.decode("utf-8", "backslashreplace")
    return "".join(char if char in "\n\t" or unicodedata.category(char) not in ("Cc", "Cf") else
                   (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}") for char in text)


def _cell(text: Any) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _where(finding: dict[str, Any]) -> str:
    line, column = finding.get("line"), finding.get("column")
    if line is None:
        return "the file"
    return f"line {line}, column {column}" if column is not None else f"line {line}"


def _input(case: dict[str, Any]) -> tuple[list[str], str, str]:
    """What the case gives the command: words before it, its text and the language to show it in."""
    if "plan_base64" in case:
        return (["The file's bytes, with escapes (`\\xNN`, `\\uNNNN`) for those that cannot be shown as text:", ""],
                _escaped(base64.b64decode(case["plan_base64"])), "yaml")
    if "xlsx_text" in case:
        return ["A text file named `plan.xlsx`:", ""], str(case["xlsx_text"]), "text"
    if "workbook" in case:  # the plan exported to a workbook, then changed in a spreadsheet program
        edits = case["workbook"]
        changes = [f"`{cell}` holds `{formula}`" for cell, formula in (edits.get("formulas") or {}).items()]
        changes += [f"cells `{cells}` are merged" for cells in edits.get("merge") or ()]
        words = (f"The plan exported with `openplan convert plan.yaml --to xlsx`; on the sheet {edits['sheet']}, "
                 + ("; ".join(changes) if changes else "nothing is changed") + ":")
        return [words, ""], str(case.get("plan") or ""), "yaml"
    sheet = case.get("sheet")
    if case.get("delete_sheet"):
        return [], f"(no {sheet} in the folder)", "text"
    if "csv" in case:
        return [f"The file `{sheet}`:", ""] if sheet else [], str(case["csv"]), "text"
    if "xml" in case:
        return ["The StratML file:", ""], str(case["xml"]), "xml"
    if "schema" in case:
        return ["The extension's `schema.json`:", ""], str(case["schema"]), "json"
    if "example" in case:
        return [], str(case["example"]), "text"
    return [], str(case.get("plan") or ""), "yaml"


def _case(title: str, case: dict[str, Any]) -> list[str]:
    out = [f"### {title}", ""]
    if case.get("name"):
        out += [f"Case `{case['name']}`.", ""]
    words, text, language = _input(case)
    if text:
        out += words + [f"```{language}", _text(text).rstrip("\n"), "```", ""]
    for name, content in (case.get("files") or {}).items():
        language = _LANGUAGES.get(name.rsplit(".", 1)[-1], "yaml")
        out += [f"With `{name}` beside it:", "", f"```{language}", _text(str(content)).rstrip("\n"), "```", ""]
    settings = [words.format(case[key] if key != "options" else yaml.safe_dump(case[key], default_flow_style=True,
                                                                                 sort_keys=False).strip())
                for key, words in _SETTINGS if case.get(key) not in (None, {}, "")]
    if settings:
        out += [" ".join(settings), ""]
    findings = case.get("fail") or []
    if findings:
        out += ["It reports:", "", "| where | message contains |", "| --- | --- |"]
        out += [f"| {_where(finding)} | {_cell(finding.get('message', ''))} |" for finding in findings]
        out.append("")
    return out


def example_section(rule: Rule) -> tuple[list[str], int]:
    """The page's "Examples" section, and the exit code the failing case gives."""
    failing, passing = first_cases(rule)
    out = ["## Examples", ""]
    sheet = (failing or passing or {}).get("sheet")
    if rule.family == "convert" and sheet:
        out += [f"The examples are the file `{sheet}` of a CSV folder exported from a plan "
                "(`openplan convert plan.yaml --to csv`).", ""]
    if failing is not None:
        out += _case("Fails", failing)
    if passing is not None:
        out += _case("Passes", passing)
    exit_code = (failing or {}).get("exit_code", rule.exit_code)
    return out, exit_code
