"""``openplan lint``: a linter for plan drafts, beyond validity.

A plan can be valid and still be poor: an output no one owns, a milestone
with no date, an acronym no resident can decode, a pledge no objective
delivers. The linter validates each file first (the same checks as
``openplan validate``), then runs the lint rules, one module per rule under
:mod:`openplan.lint.rules`.

The library API::

    from openplan.lint import lint, LintOptions
    result = lint("plans/")            # a LintResult (an openplan.report.Result)
    result.exit_code                   # 0 clean, 1 findings at or above fail-on, 2 unreadable input

Modules, one job each: :mod:`~openplan.lint.engine` (the run),
:mod:`~openplan.lint.workers` (many files shared among worker processes),
:mod:`~openplan.lint.project` (rules that look across files),
:mod:`~openplan.lint.inline` (suppressions applied, and the notes on them),
:mod:`~openplan.lint.keys` (baseline keys, and the baseline applied),
:mod:`~openplan.lint.result` (the result, and the cap on findings shown),
:mod:`~openplan.lint.config` (configuration), :mod:`~openplan.lint.presets`,
:mod:`~openplan.lint.suppressions`, :mod:`~openplan.lint.baseline`,
:mod:`~openplan.lint.fixes` (``--fix`` and ``--diff``; the text of each edit in
:mod:`~openplan.lint.splices`), :mod:`~openplan.lint.run`
(one command-line run: lint, write a baseline, or fix and lint again),
:mod:`~openplan.lint.datewords` (date wording), :mod:`~openplan.lint.local_rules`
(rules as configuration data) and :mod:`~openplan.lint.registry` (built-in and
third-party rules). Nothing here prints or exits.
"""

from __future__ import annotations

__all__ = ["lint", "LintOptions", "LintResult", "Linter"]


def __getattr__(name):
    if name in __all__:
        from . import engine

        return getattr(engine, name)
    raise AttributeError(name)
