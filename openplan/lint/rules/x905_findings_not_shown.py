"""X905 findings-not-shown: one rule found more in a file than a report shows.

A report shows at most 100 findings of one rule in one file, in the order
they appear in the file; this note says how many more there are and where
the first of them is. Two thousand milestones with near-identical titles are
one problem to fix, not two thousand lines to read, and a report of a million
findings would cost more memory and time than the check itself.

The cap applies after inline suppressions and the baseline, so both still see
every finding; `--write-baseline` records every finding, `--fix` fixes every
one, and findings not shown still decide the exit code. `openplan lint
--max-per-rule N` changes the cap; `--max-per-rule 0` shows every finding.
"""

from . import Severity, lint_rule

RAISED_BY_ENGINE = True
RULE = lint_rule(
    "X905", "findings-not-shown", "lint", Severity.INFO,
    "One rule found more problems in a file than a report shows (100); the rest are counted, not listed.",
    "A report of thousands of findings of one rule helps nobody: the first hundred show what to fix.",
    "Fix what the findings shown have in common, then lint again; `--max-per-rule 0` lists every finding.")
