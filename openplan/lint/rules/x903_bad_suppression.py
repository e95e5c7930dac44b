"""X903 bad-suppression: a suppression names rules that exist, in a form the linter can read.

A misspelt code silences nothing and hides the mistake; a validation error
cannot be suppressed at all, because a plan with one does not validate.
"""

from . import Severity, lint_rule

RAISED_BY_ENGINE = True
RULE = lint_rule(
    "X903", "bad-suppression", "lint", Severity.ERROR,
    "An inline suppression names an unknown rule code, a validation error, or cannot be read.",
    "A misspelt code silences nothing and hides the mistake from the reader.",
    "Correct the code (`openplan rules` lists them); write the comment as "
    '# openplan: disable=CODE reason="why".')
