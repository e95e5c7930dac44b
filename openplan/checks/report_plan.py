"""I040 report-plan-mismatch and I045 previous-report-mismatch: the files a progress report names are what it
says they are: `plan.path` the plan `plan.id` names, and `previous.path` the report `previous.id` names, on
the same plan.

Validation loads the plan through the same machinery as registries and previous editions (relative paths
inside the project folder, never a web address), so a missing file is reported as L001 at `plan.path`. This
module checks what was found there; :mod:`openplan.validation.reports` calls it as it loads the files.
"""

from __future__ import annotations

from ..loader import Document
from ..report import Finding
from .base import finding, integrity_rule

RULE = integrity_rule(
    "I040", "report-plan-mismatch",
    "The file a progress report names in `plan.path` is not a plan with the id `plan.id` gives.",
    "A report read against the wrong plan checks its updates against the wrong items: every figure is misplaced.",
    "Correct `plan.path` to the plan's file, or `plan.id` to that plan's id.")

PATH = ("plan", "path")


def named(report: Document) -> str | None:
    """The path the report gives for its plan, when it gives one."""
    entry = report.data.get("plan")
    target = entry.get("path") if isinstance(entry, dict) else None
    return target if isinstance(target, str) else None


def mismatch(report: Document, plan: Document) -> Finding | None:
    """I040 when ``plan`` (the file `plan.path` names) is not a plan with the id the report gives."""
    wanted = report.data["plan"].get("id")
    kind = plan.data.get("kind", "plan")
    if kind == "plan" and plan.data.get("id") == wanted:
        return None
    found = f'the plan "{plan.data.get("id")}"' if kind == "plan" else f"a {kind} file, not a plan"
    return finding(RULE, report, PATH, f'{named(report)} is {found}, but the report says its plan is "{wanted}"',
                   value=named(report), item=report.data.get("id"))


PREVIOUS = integrity_rule(
    "I045", "previous-report-mismatch",
    "The file a progress report names in `previous.path` is not a progress report with the id `previous.id` "
    "gives, on the same plan.",
    "Trends and the items a report stopped covering are read from the previous report; the wrong file gives "
    "wrong trends.",
    "Correct `previous.path` to the previous report's file, or `previous.id` to its id.")
PREVIOUS_PATH = ("previous", "path")
# Every rule this module declares, listed for the catalogue (openplan/catalogue.py).
RULES = (RULE, PREVIOUS)


def previous_named(report: Document) -> str | None:
    """The path the report gives for the report before it, when it gives one."""
    entry = report.data.get("previous")
    target = entry.get("path") if isinstance(entry, dict) else None
    return target if isinstance(target, str) else None


def previous_mismatch(report: Document, previous: Document) -> Finding | None:
    """I045 when ``previous`` (the file `previous.path` names) is not a report with the id the report gives, on
    the plan this report is on."""
    wanted = report.data["previous"].get("id")
    data = previous.data
    if data.get("kind") != "report":
        found = f'a {data.get("kind", "plan")} file, not a progress report'
    elif data.get("id") != wanted:
        found = f'the report "{data.get("id")}"'
    else:
        theirs, ours = data.get("plan"), report.data.get("plan")
        if not isinstance(theirs, dict) or not isinstance(ours, dict) or theirs.get("id") == ours.get("id"):
            return None
        return finding(PREVIOUS, report, PREVIOUS_PATH,
                       f'{previous_named(report)} reports on the plan "{theirs.get("id")}", not "{ours.get("id")}"',
                       value=previous_named(report), item=report.data.get("id"))
    return finding(PREVIOUS, report, PREVIOUS_PATH,
                   f'{previous_named(report)} is {found}, but the report says the one before it is "{wanted}"',
                   value=previous_named(report), item=report.data.get("id"))
