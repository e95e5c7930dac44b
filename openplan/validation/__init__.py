"""Validation of plans and registries: loading, structure, cross-file references and integrity.

The package, one module a job:

* :mod:`.api`: :func:`validate` (behind ``openplan validate``), :func:`validate_text`,
  :func:`validate_stream`, :func:`load` and the :class:`Validator` they use; they return a
  :class:`~openplan.report.Result` and never print or exit;
* :mod:`.stages`: the checks of one file, as a list of stages (load, structure, index, extension
  references, integrity, deprecations);
* :mod:`.workspace`: the files of a run, and the policy for the files a file names;
* :mod:`.discovery`: which files a run checks;
* :mod:`.parallel`: many files shared out among worker processes.
"""

from .api import InvalidPlanError, Validator, _jobs, load, validate, validate_stream, validate_text
from .discovery import (EXTENSION_MARKER, PLAN_SUFFIXES, discover, expand, in_extension_folder, is_openplan_file,
                        looks_like_plan, plans_using)
from .workspace import Options, Workspace, project_root

__all__ = [
    "EXTENSION_MARKER", "InvalidPlanError", "Options", "PLAN_SUFFIXES", "Validator", "Workspace", "discover",
    "expand", "in_extension_folder", "is_openplan_file", "load", "looks_like_plan", "plans_using",
    "project_root", "validate", "validate_stream", "validate_text",
]

