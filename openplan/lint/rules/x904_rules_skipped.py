"""X904 rules-skipped: lint rules did not run because the file does not match the schema.

Lint rules read a plan through its structure: an objective's outputs, a
milestone's date. When the file does not match the schema, those readings
would be guesses, so the rules are skipped and this note says so. Fix the
validation errors reported first, then lint again.
"""

from . import Severity, lint_rule

RAISED_BY_ENGINE = True
RULE = lint_rule(
    "X904", "rules-skipped", "lint", Severity.INFO,
    "Lint rules were skipped because the file does not validate.",
    "Rules that read a broken structure would guess; saying they were skipped keeps a clean report honest.",
    "Fix the validation errors reported above, then lint again.", exit_code=1)
