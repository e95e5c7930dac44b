"""X901 suppression-without-reason: every inline suppression says why.

A suppression hides a finding from everyone who reads the plan after it was
written. The reason is what lets a reviewer judge whether it still holds.
The suppression still silences its finding, so that this is the one finding
left to deal with; but it fails the run until a reason is added.
"""

from . import Severity, lint_rule

RAISED_BY_ENGINE = True
RULE = lint_rule(
    "X901", "suppression-without-reason", "lint", Severity.ERROR,
    "An inline suppression (# openplan: disable=...) gives no reason.",
    "A suppression hides a finding from every later reader; only its reason lets a reviewer judge whether it "
    "still holds.",
    'Add reason="..." after the codes: # openplan: disable=W501 reason="defined in the appendix".')
