"""Build tools for OpenPlan contributors, run from the repository root; not part of the installed package.

* ``python -m tools.schemagen``: the JSON Schema files under ``schema/`` from ``openplan/model.py``;
* ``python -m tools.docgen``: the schema reference under ``docs/reference/``;
* ``python -m tools.docgen_rules``: the rule pages under ``docs/rules/``.

Each takes ``--check`` to exit 1 when the committed files are out of date (the test suite runs the same check).
:mod:`tools.generated` does the comparing and writing for all three.
"""
