"""OpenPlan: an open standard for local-government business plans, and the tools that make it usable.

The library API::

    import openplan
    plan = openplan.load("plan.yaml")          # a typed openplan.model.Plan; raises InvalidPlanError
    result = openplan.validate("plans/")       # an openplan.report.Result with every finding

The library never prints and never exits.
"""

from .version import SCHEMA_VERSION, __version__

__all__ = ["__version__", "SCHEMA_VERSION", "load", "validate", "InvalidPlanError", "Result", "Finding"]


def __getattr__(name):  # imported lazily so that `openplan --version` stays fast
    if name in ("load", "validate", "validate_text", "InvalidPlanError", "Options"):
        from . import validation as _validate

        return getattr(_validate, name)
    if name in ("Result", "Finding", "Severity"):
        from . import report

        return getattr(report, name)
    raise AttributeError(name)
