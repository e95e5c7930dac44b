"""X902 unused-suppression: a suppression that silences nothing is removed.

Once the finding it was written for has been fixed, a suppression only hides
the next, different problem that appears in the same place. Codes whose rule
did not run on the file (turned off in the configuration) are not reported.
"""

from . import Severity, lint_rule

RAISED_BY_ENGINE = True
RULE = lint_rule(
    "X902", "unused-suppression", "lint", Severity.WARNING,
    "An inline suppression names a rule that found nothing there.",
    "A stale suppression hides the next, different problem that appears in the same place.",
    "Remove the suppression, or the code that is no longer needed from it.")
